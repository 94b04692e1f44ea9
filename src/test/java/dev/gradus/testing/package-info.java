/**
 * Test helpers shared by the test packages: the lane count of the kernels in use, a thread's
 * allocation, a class's {@code main} in a fresh JVM.
 */
package dev.gradus.testing;
