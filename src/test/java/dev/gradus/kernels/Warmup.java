package dev.gradus.kernels;

import dev.gradus.Kernels;
import dev.gradus.testing.CompiledWarmUp;
import dev.gradus.testing.property.GuardedSegment;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Steps a case's kernel on throwaway buffers of the case's shape (kind, offset, length) until C2
 * has compiled it with the Vector API intrinsics ({@link CompiledWarmUp}). The shape matters: C2
 * hoists the loop's range checks into predicates that speculate on what it has seen, and a buffer
 * of another shape can fail them and send the loop back to the interpreter.
 */
final class Warmup {

    private Warmup() {
    }

    /**
     * Steps the kernel of {@code c} (its rule, options and learning rate, which selects AdamW's
     * decay) in {@code form} on copies of its buffers, through its gradients in turn, until a step
     * allocates nothing. The case must span at least one whole vector.
     *
     * @return the steps it took
     * @throws AssertionError if it still allocates after {@code limit}: the kernel is not
     *                        intrinsified at this width, or not compiled at all
     */
    static long untilCompiled(StepCase c, StepForm form, Duration limit) {
        try (Arena arena = Arena.ofConfined()) {
            Trial trial = Trial.of(c, arena);
            List<MemorySegment> gradients = IntStream.range(0, c.steps())
                    .mapToObj(s -> Trial.gradient(c, arena, s)).map(GuardedSegment::slice).toList();
            MemorySegment updates = Trial.gradient(c, arena, 0).slice();
            return CompiledWarmUp.untilNothingAllocated(steps -> {
                int s = (int) (steps % c.steps());
                form.publicStep(trial, s, gradients.get(s), updates);
            }, limit, () -> c.hyperparameters() + " on " + Kernels.implementation());
        }
    }
}
