/**
 * Internals of Gradus, not exported: the kernel interface {@link dev.gradus.internal.KernelSet},
 * the scalar kernels that specify every rule, the provider that picks the vector or the scalar
 * kernels, the argument checks shared by all entry points, and the parallel region of an
 * optimizer step ({@link dev.gradus.internal.ParallelRegion}), which starts on all of its workers
 * or on none.
 */
package dev.gradus.internal;
