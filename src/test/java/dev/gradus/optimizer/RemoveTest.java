package dev.gradus.optimizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gradus.Adam;
import dev.gradus.Optimizer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A removed parameter's state is freed, its buffers can be registered again, and so can its name. */
class RemoveTest {

    private static final int LARGE = 1 << 14;

    @Test
    void removingFreesTheStateAndTheNameAndBuffersCanBeReused() {
        try (Arena arena = Arena.ofShared(); Optimizer optimizer = Optimizer.builder(Adam.DEFAULT, 1e-3).build()) {
            MemorySegment w = arena.allocate(LARGE * 4L, 64);
            MemorySegment g = arena.allocate(LARGE * 4L, 64).fill((byte) 0x3c);
            optimizer.add("w", w, g);
            optimizer.add("small", arena.allocate(16), arena.allocate(16));
            optimizer.step();
            MemorySegment m = optimizer.state("w", "m");
            optimizer.remove("w");
            assertThrows(IllegalStateException.class, () -> m.getAtIndex(ValueLayout.JAVA_FLOAT, 0),
                    "a large parameter's state has its own arena, closed on removal");
            assertEquals(List.of("small"), optimizer.parameterNames());
            assertThrows(IllegalArgumentException.class, () -> optimizer.state("w", 0));
            assertThrows(IllegalArgumentException.class, () -> optimizer.remove("w"));

            optimizer.add("w", w, g);
            assertEquals(0, optimizer.stepCount("w"));
            assertArrayEquals(new float[LARGE], optimizer.state("w", "m").toArray(ValueLayout.JAVA_FLOAT));
            optimizer.remove("w");
            optimizer.add("renamed", w.asSlice(0, 64), g.asSlice(64, 64));
            optimizer.step();
            assertEquals(List.of("small", "renamed"), optimizer.parameterNames());
            assertEquals(2, optimizer.stepCount("small"));
            assertEquals(1, optimizer.stepCount("renamed"));
        }
    }

    @Test
    void smallParametersShareArenasThatCloseWithTheirLastParameter() {
        try (Arena arena = Arena.ofShared(); Optimizer optimizer = Optimizer.builder(Adam.DEFAULT, 1e-3).build()) {
            int count = 10_000;   // 10,000 x 2 x 64 bytes of state: more than one pooled arena
            for (int p = 0; p < count; p++) {
                optimizer.add("p" + p, arena.allocate(64), arena.allocate(64));
            }
            MemorySegment first = optimizer.state("p0", "v");
            for (int p = 0; p < count; p++) {
                optimizer.remove("p" + p);
            }
            assertThrows(IllegalStateException.class, () -> first.getAtIndex(ValueLayout.JAVA_FLOAT, 0));
            assertEquals(List.of(), optimizer.parameterNames());
            optimizer.step();
        }
    }
}
