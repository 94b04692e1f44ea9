/**
 * Internals of Gradus, not exported: the kernel interface {@link dev.gradus.internal.KernelSet},
 * the scalar kernels that specify every rule, the provider that picks the vector or the scalar
 * kernels, and the argument checks shared by all entry points.
 */
package dev.gradus.internal;
