/**
 * Gradus inside Deep Java Library (DJL): {@link dev.gradus.djl.GradusOptimizer}, a DJL
 * {@link ai.djl.training.optimizer.Optimizer} whose update rules, learning-rate schedules,
 * parameter groups, non-finite policy and checkpoints are those of a Gradus
 * {@link dev.gradus.Optimizer}.
 *
 * <p>On the PyTorch engine, a dense, contiguous {@code float32} parameter on the CPU is updated in
 * place: Gradus's kernels run over a {@link java.lang.foreign.MemorySegment} over the tensor's own
 * memory. Any other parameter (another engine, another device, a non-contiguous view) is copied in
 * before and copied out after each step, with the same result. {@link dev.gradus.djl.ParameterGrouping}
 * assigns a block's parameters to Gradus parameter groups.
 */
package dev.gradus.djl;
