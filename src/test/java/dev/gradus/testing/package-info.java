/**
 * Test helpers shared by the test packages: the lane count of the kernels in use, the CPU's
 * preferred width, a thread's allocation and the warm-up of a Vector API call to compiled code,
 * a class's {@code main} in a fresh JVM. Published in the test artifact with the harness of
 * {@link dev.gradus.testing.property}.
 */
package dev.gradus.testing;
