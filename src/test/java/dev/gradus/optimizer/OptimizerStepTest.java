package dev.gradus.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gradus.AdaGrad;
import dev.gradus.Adam;
import dev.gradus.Momentum;
import dev.gradus.Optimizer;
import dev.gradus.RmsProp;
import dev.gradus.Sgd;
import dev.gradus.UpdateRule;
import dev.gradus.schedule.InverseTimeDecay;
import dev.gradus.testing.property.BitExact;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The optimizer steps every parameter exactly as the stateless kernels would, with its group's options. */
class OptimizerStepTest {

    private static final int[] SIZES = {1000, 17, 0, 4099, 64, 3, 33_000, 5};

    static Stream<UpdateRule> rules() {
        return Stream.of(new Sgd(0.01, false), Momentum.nesterov(0.9).withWeightDecay(1e-3),
                AdaGrad.DEFAULT.withInitialAccumulator(0.1), RmsProp.DEFAULT.withCentered(true).withMomentum(0.9),
                Adam.adamW().withAmsgrad(true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void everyParameterStepsAsTheKernelsWould(UpdateRule rule) {
        try (Arena arena = Arena.ofShared();
             Optimizer optimizer = Optimizer.builder(rule, 0.01).build()) {
            ModelFixture model = new ModelFixture(arena, SIZES, 7);
            List<float[]> expected = model.expected(arena, rule, 0.01, 6);
            model.register(optimizer);
            for (int t = 0; t < 6; t++) {
                optimizer.step();
            }
            assertEquals(6, optimizer.stepCount());
            List<float[]> actual = model.current();
            for (int p = 0; p < SIZES.length; p++) {
                BitExact.assertSameBits(ModelFixture.name(p), expected.get(p), actual.get(p));
            }
        }
    }

    @Test
    void theScheduleIsEvaluatedAtEachStep() {
        try (Arena arena = Arena.ofShared();
             Optimizer optimizer = Optimizer.builder(Sgd.DEFAULT, new InverseTimeDecay(0.5, 1.0)).build()) {
            MemorySegment w = arena.allocateFrom(ValueLayout.JAVA_FLOAT, 0f);
            MemorySegment g = arena.allocateFrom(ValueLayout.JAVA_FLOAT, 1f);
            optimizer.add("w", w, g);
            optimizer.step();
            optimizer.step();
            // a_t = 0.5 / (1 + t): 0.25 then 0.5 / 3
            assertEquals(0f - 0.25f - (float) (0.5 / 3), w.getAtIndex(ValueLayout.JAVA_FLOAT, 0), 0f);
        }
    }

    @Test
    void stateIsReadableAndStartsAtTheRulesInitialValue() {
        try (Arena arena = Arena.ofShared();
             Optimizer optimizer = Optimizer.builder(AdaGrad.DEFAULT.withInitialAccumulator(0.1), 0.01).build()) {
            optimizer.add("w", arena.allocate(40), arena.allocate(40));
            MemorySegment accumulator = optimizer.state("w", 0);
            assertEquals(0.1f, accumulator.getAtIndex(ValueLayout.JAVA_FLOAT, 9));
            assertThrows(IllegalArgumentException.class, () -> accumulator.setAtIndex(ValueLayout.JAVA_FLOAT, 0, 1f));
            assertThrows(IndexOutOfBoundsException.class, () -> optimizer.state("w", 1));
        }
    }

    @Test
    void closeFreesTheState() {
        MemorySegment state;
        try (Arena arena = Arena.ofShared()) {
            Optimizer optimizer = Optimizer.builder(Adam.DEFAULT, 1e-3).build();
            optimizer.add("w", arena.allocate(4096), arena.allocate(4096));
            state = optimizer.state("w", 1);
            optimizer.close();
            optimizer.close();
            assertThrows(IllegalStateException.class, optimizer::step);
        }
        assertThrows(IllegalStateException.class, () -> state.getAtIndex(ValueLayout.JAVA_FLOAT, 0));
    }
}
