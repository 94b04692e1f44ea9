/**
 * Start-up of the kernels: which implementation serves each call from the first one on.
 *
 * <p>Until C2 has compiled a Vector API loop, every vector is a heap object and the loop runs
 * about a thousand times slower than compiled. So the calls of a fresh JVM run the chunked
 * kernels (the scalar formulas over arrays, the same bits), while a daemon thread warms the
 * vector kernel of each family as it is first used, every option combination of it, on small
 * buffers; once that kernel allocates nothing and is not slower than the chunked one, calls
 * switch to it. {@link dev.gradus.internal.warmup.Staging} holds the state,
 * {@link dev.gradus.internal.warmup.StagedKernels} routes the calls,
 * {@link dev.gradus.internal.warmup.FamilyWarmUp} decides when a family is compiled. See
 * {@code docs/startup.md}.
 */
package dev.gradus.internal.warmup;
