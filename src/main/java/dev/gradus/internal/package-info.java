/**
 * Internals of Gradus, not exported: the kernel interface {@link dev.gradus.internal.KernelSet},
 * the scalar kernels that specify every rule, the chunked kernels that run the same formulas over
 * arrays from a JVM's first call, the provider that hands out the kernels of each call (see
 * {@link dev.gradus.internal.warmup} for the start-up), the argument checks shared by all entry
 * points, and the parallel region of an optimizer step
 * ({@link dev.gradus.internal.ParallelRegion}), which starts on all of its workers or on none.
 */
package dev.gradus.internal;
