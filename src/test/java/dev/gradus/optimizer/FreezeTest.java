package dev.gradus.optimizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.Adam;
import dev.gradus.Kernels;
import dev.gradus.NonFinitePolicy;
import dev.gradus.Optimizer;
import dev.gradus.ParameterGroup;
import dev.gradus.testing.property.BitExact;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A frozen parameter keeps its values and state bit for bit and its own step count; unfrozen, it
 * goes on as its next own step. A learning-rate factor of 0 is no substitute: it still updates the
 * moments.
 */
class FreezeTest {

    private static final double RATE = 1e-3;

    private static List<byte[]> snapshot(Optimizer optimizer, String name, MemorySegment values) {
        return Stream.of(values, optimizer.state(name, "m"), optimizer.state(name, "v"))
                .map(s -> s.toArray(ValueLayout.JAVA_BYTE)).toList();
    }

    @Test
    void aFrozenParameterIsLeftAloneAndResumesAsItsOwnNextStep() {
        try (Arena arena = Arena.ofShared();
             Optimizer optimizer = Optimizer.builder(Adam.DEFAULT, RATE).nonFinite(NonFinitePolicy.THROW).build()) {
            MemorySegment w = arena.allocateFrom(ValueLayout.JAVA_FLOAT, 1f, -1f, 0.5f);
            MemorySegment g = arena.allocateFrom(ValueLayout.JAVA_FLOAT, 0.3f, 0.2f, -0.1f);
            optimizer.add("w", w, g);
            optimizer.add("other", arena.allocate(12), arena.allocateFrom(ValueLayout.JAVA_FLOAT, 1f, 1f, 1f));
            optimizer.step();
            optimizer.freeze("w");
            optimizer.freeze("w");
            assertTrue(optimizer.isFrozen("w"));
            List<byte[]> before = snapshot(optimizer, "w", w);
            g.setAtIndex(ValueLayout.JAVA_FLOAT, 1, Float.NaN);    // a frozen gradient is not scanned
            for (int t = 0; t < 3; t++) {
                optimizer.step();
            }
            List<byte[]> after = snapshot(optimizer, "w", w);
            for (int b = 0; b < before.size(); b++) {
                assertArrayEquals(before.get(b), after.get(b), "buffer " + b + " of a frozen parameter");
            }
            assertEquals(1, optimizer.stepCount("w"));
            assertEquals(4, optimizer.stepCount("other"));
            assertEquals(4, optimizer.stepCount());

            g.setAtIndex(ValueLayout.JAVA_FLOAT, 1, 0.2f);
            optimizer.unfreeze("w");
            assertFalse(optimizer.isFrozen("w"));
            optimizer.step();
            MemorySegment expected = arena.allocateFrom(ValueLayout.JAVA_FLOAT, 1f, -1f, 0.5f);
            MemorySegment m = arena.allocate(12);
            MemorySegment v = arena.allocate(12);
            Kernels.adam(Adam.DEFAULT, RATE, 1, expected, g, m, v);
            Kernels.adam(Adam.DEFAULT, RATE, 2, expected, g, m, v);
            BitExact.assertSameBits("w after its own steps 1 and 2", expected.toArray(ValueLayout.JAVA_FLOAT), w);
            assertEquals(2, optimizer.stepCount("w"));
        }
    }

    @Test
    void aGroupFreezesAndUnfreezesAsOne() {
        ParameterGroup head = ParameterGroup.named("head").withLearningRateFactor(2);
        try (Arena arena = Arena.ofShared(); Optimizer optimizer = Optimizer.builder(Adam.DEFAULT, RATE).build()) {
            optimizer.add("body", arena.allocate(16), arena.allocateFrom(ValueLayout.JAVA_FLOAT, 1f, 1f, 1f, 1f));
            optimizer.add("head.w", arena.allocate(16), arena.allocateFrom(ValueLayout.JAVA_FLOAT, 1f, 1f, 1f, 1f), head);
            optimizer.add("head.b", arena.allocate(4), arena.allocateFrom(ValueLayout.JAVA_FLOAT, 1f), head);
            optimizer.freeze(head);
            optimizer.step();
            assertEquals(List.of(1L, 0L, 0L), Stream.of("body", "head.w", "head.b").map(optimizer::stepCount).toList());
            optimizer.unfreeze(ParameterGroup.named("head").withLearningRateFactor(2));
            optimizer.step();
            assertEquals(List.of(2L, 1L, 1L), Stream.of("body", "head.w", "head.b").map(optimizer::stepCount).toList());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> optimizer.freeze(ParameterGroup.named("head")));
            assertTrue(e.getMessage().startsWith("no parameter is registered in group head"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> optimizer.freeze("missing"));
        }
    }

    @Test
    void aZeroFactorStillMovesTheMomentsWhichIsWhyFreezingExists() {
        try (Arena arena = Arena.ofShared(); Optimizer optimizer = Optimizer.builder(Adam.DEFAULT, RATE).build()) {
            MemorySegment w = arena.allocateFrom(ValueLayout.JAVA_FLOAT, 1f);
            optimizer.add("w", w, arena.allocateFrom(ValueLayout.JAVA_FLOAT, 0.5f),
                    ParameterGroup.named("off").withLearningRateFactor(0));
            optimizer.step();
            assertEquals(1f, w.getAtIndex(ValueLayout.JAVA_FLOAT, 0));
            assertNotEquals(0f, optimizer.state("w", "m").getAtIndex(ValueLayout.JAVA_FLOAT, 0));
        }
    }

    @Test
    void frozenParametersGiveTheSameBitsOnAnyThreadCount() {
        int[] sizes = {20_000, 300, 7, 50_000, 64};
        List<float[]> serial = frozenRun(sizes, 1);
        List<float[]> parallel = frozenRun(sizes, 3);
        for (int p = 0; p < sizes.length; p++) {
            BitExact.assertSameBits("parameter " + p, serial.get(p), parallel.get(p));
        }
    }

    private static List<float[]> frozenRun(int[] sizes, int threads) {
        try (Arena arena = Arena.ofShared();
             Optimizer optimizer = Optimizer.builder(Adam.DEFAULT, RATE).threads(threads).parallelThreshold(0).build()) {
            ModelFixture model = new ModelFixture(arena, sizes, 21);
            model.register(optimizer);
            optimizer.step();
            optimizer.freeze(ModelFixture.name(0));
            optimizer.freeze(ModelFixture.name(2));
            optimizer.step();
            optimizer.unfreeze(ModelFixture.name(0));
            optimizer.step();
            return model.current();
        }
    }
}
