package dev.gradus.optimizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.Adam;
import dev.gradus.Optimizer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code zeroGradients()} clears every registered gradient, frozen ones included, and nothing else. */
class ZeroGradientsTest {

    private static final int[] SIZES = {5000, 17, 0, 40_000, 3, 1};

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3})
    void everyGradientIsZeroAndNothingElseChanges(int threads) {
        try (Arena arena = Arena.ofShared();
             Optimizer optimizer = Optimizer.builder(Adam.DEFAULT, 1e-3).threads(threads).parallelThreshold(0).build()) {
            ModelFixture model = new ModelFixture(arena, SIZES, 11);
            model.register(optimizer);
            optimizer.step();
            optimizer.freeze(ModelFixture.name(3));
            List<float[]> values = model.current();
            List<byte[]> state = optimizer.parameterNames().stream()
                    .flatMap(name -> List.of(optimizer.state(name, "m"), optimizer.state(name, "v")).stream())
                    .map(s -> s.toArray(ValueLayout.JAVA_BYTE)).toList();
            optimizer.zeroGradients();
            for (int p = 0; p < SIZES.length; p++) {
                assertArrayEquals(new float[SIZES[p]], model.gradients.get(p).toArray(ValueLayout.JAVA_FLOAT), "gradient " + p);
                assertArrayEquals(values.get(p), model.current().get(p), "values " + p);
            }
            List<byte[]> stateAfter = optimizer.parameterNames().stream()
                    .flatMap(name -> List.of(optimizer.state(name, "m"), optimizer.state(name, "v")).stream())
                    .map(s -> s.toArray(ValueLayout.JAVA_BYTE)).toList();
            for (int b = 0; b < state.size(); b++) {
                assertArrayEquals(state.get(b), stateAfter.get(b), "state buffer " + b);
            }
            assertEquals(1, optimizer.stepCount());
        }
    }

    @Test
    void negativeZeroAndNaNBecomePositiveZero() {
        try (Arena arena = Arena.ofShared(); Optimizer optimizer = Optimizer.builder(Adam.DEFAULT, 1e-3).build()) {
            MemorySegment g = arena.allocateFrom(ValueLayout.JAVA_FLOAT, -0f, Float.NaN, Float.NEGATIVE_INFINITY, 7f);
            optimizer.add("w", arena.allocate(16), g);
            optimizer.zeroGradients();
            for (int i = 0; i < 4; i++) {
                assertEquals(0, Float.floatToRawIntBits(g.getAtIndex(ValueLayout.JAVA_FLOAT, i)), "element " + i);
            }
        }
    }

    @Test
    void unalignedAndHeapGradientsAreClearedToo() {
        try (Arena arena = Arena.ofShared(); Optimizer optimizer = Optimizer.builder(Adam.DEFAULT, 1e-3).build()) {
            MemorySegment unaligned = arena.allocate(4 * 37 + 1).asSlice(1).fill((byte) 0x41);
            float[] heap = {1f, 2f, 3f};
            optimizer.add("native", arena.allocate(4 * 37), unaligned);
            optimizer.add("heap", MemorySegment.ofArray(new float[3]), MemorySegment.ofArray(heap));
            optimizer.zeroGradients();
            assertArrayEquals(new byte[4 * 37], unaligned.toArray(ValueLayout.JAVA_BYTE));
            assertArrayEquals(new float[3], heap);
        }
    }

    @Test
    void aReadOnlyGradientIsRefusedBeforeAnyIsCleared() {
        try (Arena arena = Arena.ofShared(); Optimizer optimizer = Optimizer.builder(Adam.DEFAULT, 1e-3).build()) {
            MemorySegment writable = arena.allocateFrom(ValueLayout.JAVA_FLOAT, 1f, 2f);
            optimizer.add("a", arena.allocate(8), writable);
            optimizer.add("b", arena.allocate(8), arena.allocateFrom(ValueLayout.JAVA_FLOAT, 3f, 4f).asReadOnly());
            IllegalStateException e = assertThrows(IllegalStateException.class, optimizer::zeroGradients);
            assertTrue(e.getMessage().startsWith("the gradient of b is read-only: zeroGradients() cannot clear it"),
                    e.getMessage());
            assertArrayEquals(new float[] {1f, 2f}, writable.toArray(ValueLayout.JAVA_FLOAT));
        }
    }
}
