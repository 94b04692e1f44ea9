/**
 * The test kit: Gradus' property harness put to work on the user's side, published in the test
 * artifact {@code dev.gradus:gradus:tests} (type {@code test-jar}).
 *
 * <ul>
 *   <li>{@link dev.gradus.testkit.CustomRuleProperties} proves a {@link dev.gradus.CustomRule}'s
 *       vector step equal to its scalar step bit for bit, in a line of a JUnit test (or any
 *       framework's, or a {@code main}): generated lengths, ranges, splits, offsets, memory,
 *       special values and step values; guard floats; shrinking; replay by seed; coverage minima;
 *       and a check of the code C2 compiles.</li>
 *   <li>{@link dev.gradus.testkit.ForcedWidths} runs those checks in a fresh JVM per vector
 *       width.</li>
 *   <li>{@link dev.gradus.testkit.SelfTestMain} runs Gradus' own bitwise properties on this
 *       machine at every width the CPU offers and prints a verdict per rule and width.</li>
 * </ul>
 *
 * <p>The building blocks are public too: the harness in {@link dev.gradus.testing.property}
 * (generators, shrinking, coverage, guarded segments, bit-exact comparison), the built-in kernel
 * properties in {@link dev.gradus.kernels.KernelProperties}, and child JVMs and the warm-up to
 * compiled code in {@link dev.gradus.testing}. No class of the kit needs JUnit: failures are
 * {@link AssertionError}s.
 */
package dev.gradus.testkit;
