package dev.gradus.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.Adam;
import dev.gradus.Optimizer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * No buffer of a new parameter may share memory with a buffer a step writes: another parameter's
 * values, or the optimizer's own state, whose views are read-only and cannot be registered. The
 * message names both buffers with their parameters.
 */
class OverlapTest {

    @Test
    void aStateViewCannotBeAnotherParametersGradient() {
        try (Arena arena = Arena.ofShared(); Optimizer optimizer = Optimizer.builder(Adam.DEFAULT, 1e-3).build()) {
            optimizer.add("w", arena.allocate(64), arena.allocate(64));
            assertRejected("the gradient of x overlaps the state v of w",
                    () -> optimizer.add("x", arena.allocate(64), optimizer.state("w", 1)));
            assertRejected("the gradient of x overlaps the state m of w",
                    () -> optimizer.add("x", arena.allocate(32), optimizer.state("w", 0).asSlice(32)));
            assertEquals(1, optimizer.parameterNames().size());
        }
    }

    @Test
    void aWritableAliasOfStateCannotBeValues() {
        try (Arena arena = Arena.ofShared(); Optimizer optimizer = Optimizer.builder(Adam.DEFAULT, 1e-3).build()) {
            optimizer.add("w", arena.allocate(64), arena.allocate(64));
            MemorySegment m = optimizer.state("w", 0);
            assertTrue(m.isReadOnly());
            MemorySegment alias = MemorySegment.ofAddress(m.address() + 16).reinterpret(16);
            assertRejected("the values of x overlaps the state m of w", () -> optimizer.add("x", alias, arena.allocate(16)));
        }
    }

    @Test
    void messagesNameBothBuffersAndTheirParameters() {
        try (Arena arena = Arena.ofShared(); Optimizer optimizer = Optimizer.builder(Adam.DEFAULT, 1e-3).build()) {
            MemorySegment w = arena.allocate(64);
            MemorySegment g = arena.allocate(64);
            optimizer.add("w", w, g);
            assertRejected("the values of x overlaps the values of w (a step writes the values of w",
                    () -> optimizer.add("x", w.asSlice(60), arena.allocate(4)));
            assertRejected("the values of x overlaps the gradient of w (a step writes the values of x",
                    () -> optimizer.add("x", g.asSlice(0, 4), arena.allocate(4)));
            assertRejected("the gradient of x overlaps the values of w",
                    () -> optimizer.add("x", arena.allocate(4), w.asSlice(0, 4)));
            MemorySegment own = arena.allocate(64);
            assertRejected("the values of x overlaps the gradient of x", () -> optimizer.add("x", own, own.asSlice(0, 64)));
            optimizer.add("x", arena.allocate(64), g);
            assertEquals(2, optimizer.parameterNames().size(), "gradients may share memory: steps only read them");
        }
    }

    @Test
    void heapArraysAreIndexedPerArray() {
        float[] shared = new float[64];
        try (Optimizer optimizer = Optimizer.builder(Adam.DEFAULT, 1e-3).build()) {
            MemorySegment heap = MemorySegment.ofArray(shared);
            optimizer.add("a", heap.asSlice(0, 64), heap.asSlice(64, 64));
            optimizer.add("b", MemorySegment.ofArray(new float[16]), MemorySegment.ofArray(new float[16]));
            assertRejected("the values of c overlaps the gradient of a",
                    () -> optimizer.add("c", heap.asSlice(124, 64), MemorySegment.ofArray(new float[16])));
            assertRejected("the gradient of c overlaps the values of a",
                    () -> optimizer.add("c", heap.asSlice(128, 64), heap.asSlice(60, 64).asReadOnly()));
            optimizer.add("c", heap.asSlice(128, 64), heap.asSlice(64, 64).asReadOnly());
            assertEquals(3, optimizer.parameterNames().size());
        }
    }

    private static void assertRejected(String start, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
