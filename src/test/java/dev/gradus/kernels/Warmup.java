package dev.gradus.kernels;

import dev.gradus.Kernels;
import dev.gradus.testing.ThreadAllocation;
import dev.gradus.testing.property.GuardedSegment;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Steps a case's kernel on throwaway buffers of the case's shape (kind, offset, length) until C2
 * has compiled it with the Vector API intrinsics, which shows as a step that allocates nothing:
 * until then every vector is a heap object. The shape matters: C2 hoists the loop's range checks
 * into predicates that speculate on what it has seen, and a buffer of another shape can fail them
 * and send the loop back to the interpreter.
 */
final class Warmup {

    private Warmup() {
    }

    /**
     * Steps the kernel of {@code c} (its rule, options and learning rate, which selects AdamW's
     * decay) on copies of its buffers, through its gradients in turn, until a step allocates
     * nothing. The case must span at least one whole vector.
     *
     * @return the steps it took
     * @throws AssertionError if it still allocates after {@code limit}: the kernel is not
     *                        intrinsified at this width, or not compiled at all
     */
    static long untilCompiled(StepCase c, Duration limit) {
        return untilCompiled(c, false, limit);
    }

    /**
     * {@link #untilCompiled(StepCase, Duration)} for the in-place step, or with {@code update}
     * for the update form, its update written into a buffer of its own.
     */
    static long untilCompiled(StepCase c, boolean update, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try (Arena arena = Arena.ofConfined()) {
            Trial trial = Trial.of(c, arena);
            List<MemorySegment> gradients = IntStream.range(0, c.steps())
                    .mapToObj(s -> Trial.gradient(c, arena, s)).map(GuardedSegment::slice).toList();
            MemorySegment updates = Trial.gradient(c, arena, 0).slice();
            long bytes = 0;
            for (long steps = 1; ; steps++) {
                int s = (int) (steps % c.steps());
                long before = ThreadAllocation.bytes();
                if (update) {
                    trial.publicUpdate(s, gradients.get(s), updates);
                } else {
                    trial.publicStep(s, gradients.get(s), 0, c.n());
                }
                bytes = ThreadAllocation.bytes() - before;
                if (bytes == 0) {
                    return steps;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError(c.hyperparameters() + " on " + Kernels.implementation()
                            + " still allocates " + bytes + " bytes per step after " + steps + " steps ("
                            + limit.toSeconds() + " s): its vector loop is not compiled with the intrinsics");
                }
            }
        }
    }
}
