/** Test helpers shared by the test packages: the lane count of the kernels in use. */
package dev.gradus.testing;
