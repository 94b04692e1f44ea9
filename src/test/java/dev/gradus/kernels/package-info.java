/**
 * The kernel properties: every rule's kernels against its scalar kernels, which define the bits,
 * and against a double-precision textbook formula.
 *
 * <p>{@link dev.gradus.kernels.KernelProperties} is the part published in the test artifact: the
 * built-in bitwise properties as methods any test framework or a {@code main} can call (the
 * self-test, {@link dev.gradus.testkit.SelfTestMain}, runs them at every width). The rest of the
 * package (the rule families, the generated cases, the JUnit tests) is this build's own.
 */
package dev.gradus.kernels;
