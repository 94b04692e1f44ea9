package dev.gradus.optimizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.Adam;
import dev.gradus.NonFiniteGradientException;
import dev.gradus.NonFinitePolicy;
import dev.gradus.Optimizer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Non-finite gradients: propagated by default, or the whole step skipped, or rejected, with nothing modified. */
class NonFinitePolicyTest {

    private static final int[] SIZES = {300, 5, 2000};

    /** Everything a step could change: parameters and every state buffer. */
    private static List<byte[]> snapshot(Optimizer optimizer, ModelFixture model) {
        return Stream.concat(model.values.stream(),
                        optimizer.parameterNames().stream().flatMap(name -> Stream.of(optimizer.state(name, 0), optimizer.state(name, 1))))
                .map(segment -> segment.toArray(ValueLayout.JAVA_BYTE)).toList();
    }

    private static void assertSame(List<byte[]> before, List<byte[]> after) {
        for (int b = 0; b < before.size(); b++) {
            assertArrayEquals(before.get(b), after.get(b), "buffer " + b + " changed");
        }
    }

    private static Optimizer stepped(Arena arena, NonFinitePolicy policy, ModelFixture model) {
        Optimizer optimizer = Optimizer.builder(Adam.DEFAULT, 1e-3).nonFinite(policy).threads(2).parallelThreshold(0).build();
        model.register(optimizer);
        optimizer.step();
        optimizer.step();
        return optimizer;
    }

    @Test
    void skipLeavesEverythingUnchangedAndCountsTheStep() {
        try (Arena arena = Arena.ofShared()) {
            ModelFixture model = new ModelFixture(arena, SIZES, 3);
            try (Optimizer optimizer = stepped(arena, NonFinitePolicy.SKIP, model)) {
                List<byte[]> before = snapshot(optimizer, model);
                MemorySegment gradient = model.gradients.get(2);
                float kept = gradient.getAtIndex(ValueLayout.JAVA_FLOAT, 1999);
                gradient.setAtIndex(ValueLayout.JAVA_FLOAT, 1999, Float.POSITIVE_INFINITY);
                optimizer.step();
                assertSame(before, snapshot(optimizer, model));
                assertEquals(2, optimizer.stepCount());
                assertEquals(1, optimizer.skippedSteps());
                gradient.setAtIndex(ValueLayout.JAVA_FLOAT, 1999, kept);
                optimizer.step();
                assertEquals(3, optimizer.stepCount());
            }
        }
    }

    @Test
    void throwNamesTheParameterAndIndexAndModifiesNothing() {
        try (Arena arena = Arena.ofShared()) {
            ModelFixture model = new ModelFixture(arena, SIZES, 4);
            try (Optimizer optimizer = stepped(arena, NonFinitePolicy.THROW, model)) {
                List<byte[]> before = snapshot(optimizer, model);
                model.gradients.get(1).setAtIndex(ValueLayout.JAVA_FLOAT, 3, Float.NaN);
                NonFiniteGradientException e = assertThrows(NonFiniteGradientException.class, optimizer::step);
                assertEquals("layer1", e.parameter());
                assertEquals(3, e.index());
                assertTrue(e.getMessage().startsWith("the gradient of layer1 holds NaN at index 3 in step 3"), e.getMessage());
                assertSame(before, snapshot(optimizer, model));
                assertEquals(2, optimizer.stepCount());
            }
        }
    }

    @Test
    void propagateLetsNaNFlowAsPyTorchDoes() {
        try (Arena arena = Arena.ofShared()) {
            ModelFixture model = new ModelFixture(arena, SIZES, 5);
            try (Optimizer optimizer = stepped(arena, NonFinitePolicy.PROPAGATE, model)) {
                model.gradients.get(0).setAtIndex(ValueLayout.JAVA_FLOAT, 7, Float.NaN);
                optimizer.step();
                assertTrue(Float.isNaN(model.values.get(0).getAtIndex(ValueLayout.JAVA_FLOAT, 7)));
                assertEquals(0, optimizer.skippedSteps());
            }
        }
    }
}
