package dev.gradus.optimizer;

import dev.gradus.Adam;
import dev.gradus.Kernels;
import dev.gradus.Momentum;
import dev.gradus.Optimizer;
import dev.gradus.UpdateRule;
import dev.gradus.testing.property.BitExact;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A parameter registered after {@code k} steps takes its own step 1, as a parameter whose state
 * PyTorch creates late: Adam's first update is bias-corrected as step 1 (about {@code lr} per
 * element, not {@code 0.48 lr}), momentum copies the first gradient; the rate is the schedule's at
 * the optimizer's step {@code k + 1}.
 */
class LateParameterTest {

    private static final int N = 100;
    private static final double RATE = 1e-3;

    @Test
    void adamCorrectsALateParametersFirstUpdateAsItsOwnStepOne() {
        assertLateParameterStepsFromOne(Adam.DEFAULT, 5);
    }

    @Test
    void momentumCopiesALateParametersFirstGradient() {
        assertLateParameterStepsFromOne(Momentum.pytorch(0.9, 0.5, false), 3);
    }

    private static void assertLateParameterStepsFromOne(UpdateRule rule, int earlySteps) {
        try (Arena arena = Arena.ofShared(); Optimizer optimizer = Optimizer.builder(rule, RATE).build()) {
            optimizer.add("early", filled(arena, 0.5f), filled(arena, 0.01f));
            for (int t = 0; t < earlySteps; t++) {
                optimizer.step();
            }
            MemorySegment late = filled(arena, 1f);
            MemorySegment gradient = filled(arena, 0.2f);
            optimizer.add("late", late, gradient);
            optimizer.step();
            optimizer.step();

            MemorySegment expected = filled(arena, 1f);
            List<MemorySegment> state = IntStream.range(0, rule.stateBuffers())
                    .mapToObj(i -> arena.allocate(N * 4L, 64)).toList();
            Kernels.step(rule, RATE, 1, expected, gradient, state);
            Kernels.step(rule, RATE, 2, expected, gradient, state);
            BitExact.assertSameBits("late parameter after its own steps 1 and 2",
                    expected.toArray(ValueLayout.JAVA_FLOAT), late);
        }
    }

    private static MemorySegment filled(Arena arena, float value) {
        MemorySegment segment = arena.allocate(N * 4L, 64);
        for (int i = 0; i < N; i++) {
            segment.setAtIndex(ValueLayout.JAVA_FLOAT, i, value);
        }
        return segment;
    }
}
