package dev.gradus.jmh.harness;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SteadyStateTest {

    private static final long CHUNK = 100_000_000;

    @Test
    void compiledCodeThatStopsImprovingForThreeChunksIsSteady() {
        SteadyState state = new SteadyState(0);
        add(state, 200_000, 9_000_000, false);
        add(state, 50_000, 2_000_000, true);
        add(state, 30, 0, true);
        assertFalse(state.steady(), "the calls just became 1000 times faster");
        add(state, 31, 0, false);
        add(state, 30, 0, false);
        assertFalse(state.steady(), "two quiet chunks");
        add(state, 32, 0, false);
        assertTrue(state.steady());
    }

    @Test
    void anAllocatingChunkIsNeverSteadyHoweverStableItsTime() {
        SteadyState state = new SteadyState(0);
        for (int i = 0; i < 10; i++) {
            add(state, 84_000_000, 9_000_000, false);
        }
        assertFalse(state.steady(), "boxed vectors: a C1 plateau, not compiled");
    }

    @Test
    void anImprovementOfMoreThanTenPercentStartsTheWindowAgain() {
        SteadyState state = new SteadyState(0);
        add(state, 100, 0, false);
        add(state, 100, 0, false);
        add(state, 100, 0, false);
        add(state, 85, 0, false);
        assertFalse(state.steady(), "85 is 15% better than everything before");
        add(state, 86, 0, false);
        add(state, 84, 0, false);
        assertFalse(state.steady(), "84 is still better than 100 by more than 10% within the window");
        add(state, 88, 0, false);
        add(state, 87, 0, false);
        add(state, 86, 0, false);
        assertTrue(state.steady(), "no better than the best earlier (84) by 10%");
    }

    @Test
    void slowerChunksFromOtherLoadDoNotHoldTheWarmUpBack() {
        SteadyState state = new SteadyState(0);
        add(state, 30, 0, false);
        add(state, 45, 0, false);
        add(state, 52, 0, false);
        add(state, 40, 0, false);
        assertTrue(state.steady());
    }

    @Test
    void aJitCompilationInTheWindowWaits() {
        SteadyState state = new SteadyState(0);
        add(state, 30, 0, false);
        add(state, 30, 0, false);
        add(state, 30, 0, true);
        add(state, 30, 0, false);
        assertFalse(state.steady());
        add(state, 30, 0, false);
        add(state, 30, 0, false);
        assertTrue(state.steady());
    }

    @Test
    void theShortestWarmUpComesFirst() {
        SteadyState state = new SteadyState(10 * CHUNK);
        for (int i = 0; i < 9; i++) {
            add(state, 25, 0, false);
        }
        assertFalse(state.steady());
        add(state, 25, 0, false);
        assertTrue(state.steady());
    }

    @Test
    void unknownAllocationIsJudgedByTimeAlone() {
        SteadyState state = new SteadyState(0);
        for (int i = 0; i < 4; i++) {
            state.add(new SteadyState.Chunk(1000, CHUNK, Double.NaN, false));
        }
        assertTrue(state.steady());
        assertThrows(IllegalArgumentException.class, () -> state.add(new SteadyState.Chunk(0, CHUNK, 0, false)));
    }

    /** A chunk of 100 ms of calls of {@code nanosPerCall} allocating {@code bytesPerCall}. */
    private static void add(SteadyState state, double nanosPerCall, double bytesPerCall, boolean compiled) {
        long calls = Math.max(1, Math.round(CHUNK / nanosPerCall));
        state.add(new SteadyState.Chunk(calls, Math.round(calls * nanosPerCall), calls * bytesPerCall, compiled));
    }
}
