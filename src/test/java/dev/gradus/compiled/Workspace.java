package dev.gradus.compiled;

import dev.gradus.Kernels;
import dev.gradus.UpdateRule;
import dev.gradus.internal.ScheduleFreeAveraging;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Buffers of {@code n} floats for one {@link KernelVariant}, native or heap segments over
 * {@code float[]}: parameters, gradients and the rule's state, stepped through the public
 * {@link Kernels} API. The gradients are never zero, so no state decays into subnormals however
 * long it runs.
 */
final class Workspace {

    private final KernelVariant variant;
    private final MemorySegment param;
    private final MemorySegment gradient;
    private final List<MemorySegment> state;
    private long step;

    /** Buffers in {@code arena}, or on the heap if it is null. */
    Workspace(KernelVariant variant, Arena arena, int n) {
        this.variant = variant;
        UpdateRule rule = variant.rule();
        param = filled(arena, n, i -> (float) Math.sin(i));
        gradient = filled(arena, n, i -> (i % 2 == 0 ? 1e-2f : -1e-2f) * (1 + (float) Math.cos(i) / 2));
        state = IntStream.range(0, rule.stateBuffers())
                .mapToObj(s -> filled(arena, ScheduleFreeAveraging.isAveraging(rule, s)
                        ? (int) ScheduleFreeAveraging.FLOATS : n, i -> rule.initialStateValue(s))).toList();
    }

    private interface Values {
        float at(int i);
    }

    private static MemorySegment filled(Arena arena, int n, Values values) {
        MemorySegment segment = arena == null
                ? MemorySegment.ofArray(new float[n])
                : arena.allocate((long) n * Float.BYTES, 64);
        for (int i = 0; i < n; i++) {
            segment.setAtIndex(ValueLayout.JAVA_FLOAT, i, values.at(i));
        }
        return segment;
    }

    KernelVariant variant() {
        return variant;
    }

    /** One step of the variant's rule over every element. */
    void step() {
        Kernels.step(variant.rule(), variant.rule().defaultLearningRate(), ++step, param, gradient, state);
    }
}
