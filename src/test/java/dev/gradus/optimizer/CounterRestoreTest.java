package dev.gradus.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.Adam;
import dev.gradus.Kernels;
import dev.gradus.Optimizer;
import dev.gradus.internal.OptimizerAccess;
import dev.gradus.testing.property.BitExact;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The counters a checkpoint restores: the optimizer's step and skip counts, which must leave room
 * to count on, and each parameter's own step count (an empty map puts every parameter at the
 * optimizer's count, as files without per-parameter counts mean).
 */
class CounterRestoreTest {

    private static final OptimizerAccess ACCESS = accessAfterLoadingOptimizer();

    private static OptimizerAccess accessAfterLoadingOptimizer() {
        Optimizer.builder(Adam.DEFAULT, 1e-3).build().close();
        return OptimizerAccess.get();
    }

    @Test
    void countsThatCannotGoOnAreRejected() {
        try (Arena arena = Arena.ofShared(); Optimizer optimizer = Optimizer.builder(Adam.DEFAULT, 1e-3).build()) {
            optimizer.add("w", arena.allocate(16), arena.allocate(16));
            assertRejected("stepCount must be in [0, Long.MAX_VALUE - 1] so that counting can go on, got 9223372036854775807",
                    () -> ACCESS.restoreCounters(optimizer, Long.MAX_VALUE, 0, Map.of()));
            assertRejected("skippedSteps must be in [0, Long.MAX_VALUE - 1]",
                    () -> ACCESS.restoreCounters(optimizer, 3, Long.MAX_VALUE, Map.of()));
            assertRejected("stepCount must be in [0, Long.MAX_VALUE - 1]",
                    () -> ACCESS.restoreCounters(optimizer, -1, 0, Map.of()));
            assertEquals(0, optimizer.stepCount());
        }
    }

    @Test
    void theLastPossibleStepIsTakenAndTheNextRefused() {
        try (Arena arena = Arena.ofShared(); Optimizer optimizer = Optimizer.builder(Adam.DEFAULT, 1e-3).build()) {
            MemorySegment w = arena.allocateFrom(ValueLayout.JAVA_FLOAT, 1f, 2f);
            optimizer.add("w", w, arena.allocateFrom(ValueLayout.JAVA_FLOAT, 1f, 1f));
            ACCESS.restoreCounters(optimizer, Long.MAX_VALUE - 1, 0, Map.of());
            optimizer.step();
            assertEquals(Long.MAX_VALUE, optimizer.stepCount());
            float[] after = w.toArray(ValueLayout.JAVA_FLOAT);
            assertRejected(IllegalStateException.class, "the step count is Long.MAX_VALUE: no step can follow", optimizer::step);
            BitExact.assertSameBits("values after the refused step", after, w);
        }
    }

    @Test
    void perParameterCountsAreRestoredAndDriveTheBiasCorrection() {
        try (Arena arena = Arena.ofShared(); Optimizer optimizer = Optimizer.builder(Adam.DEFAULT, 1e-3).build()) {
            MemorySegment a = arena.allocateFrom(ValueLayout.JAVA_FLOAT, 1f, 2f);
            MemorySegment g = arena.allocateFrom(ValueLayout.JAVA_FLOAT, 0.5f, -0.5f);
            optimizer.add("a", a, g);
            optimizer.add("b", arena.allocate(8), arena.allocate(8));
            ACCESS.restoreCounters(optimizer, 10, 2, Map.of("a", 3L, "b", 10L));
            assertEquals(3, ACCESS.parameterStepCount(optimizer, "a"));
            assertEquals(10, ACCESS.parameterStepCount(optimizer, "b"));
            assertEquals(2, optimizer.skippedSteps());

            optimizer.step();
            MemorySegment expected = arena.allocateFrom(ValueLayout.JAVA_FLOAT, 1f, 2f);
            Kernels.adam(Adam.DEFAULT, 1e-3, 4, expected, g, arena.allocate(8), arena.allocate(8));
            BitExact.assertSameBits("a, as its step 4", expected.toArray(ValueLayout.JAVA_FLOAT), a);
            assertEquals(4, ACCESS.parameterStepCount(optimizer, "a"));
            assertEquals(11, ACCESS.parameterStepCount(optimizer, "b"));

            ACCESS.restoreCounters(optimizer, 7, 0, Map.of());
            assertEquals(7, ACCESS.parameterStepCount(optimizer, "a"), "no counts: every parameter at the optimizer's");
        }
    }

    @Test
    void perParameterCountsMustFitTheRegisteredParameters() {
        try (Arena arena = Arena.ofShared(); Optimizer optimizer = Optimizer.builder(Adam.DEFAULT, 1e-3).build()) {
            optimizer.add("a", arena.allocate(8), arena.allocate(8));
            assertRejected("the step count of parameter a must be in [0, 10] (the optimizer's), got 11",
                    () -> ACCESS.restoreCounters(optimizer, 10, 0, Map.of("a", 11L)));
            assertRejected("the step count of parameter a must be in [0, 10] (the optimizer's), got null",
                    () -> ACCESS.restoreCounters(optimizer, 10, 0, Map.of("b", 1L)));
            assertRejected("step counts were given for parameters that are not registered: [b]",
                    () -> ACCESS.restoreCounters(optimizer, 10, 0, Map.of("a", 1L, "b", 1L)));
            assertEquals(0, optimizer.stepCount());
            assertEquals(0, ACCESS.parameterStepCount(optimizer, "a"));
        }
    }

    private static void assertRejected(String start, Executable call) {
        assertRejected(IllegalArgumentException.class, start, call);
    }

    private static void assertRejected(Class<? extends RuntimeException> type, String start, Executable call) {
        RuntimeException e = assertThrows(type, call);
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
