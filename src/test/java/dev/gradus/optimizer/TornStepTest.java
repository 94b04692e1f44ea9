package dev.gradus.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.Adam;
import dev.gradus.Optimizer;
import dev.gradus.checkpoint.Checkpoint;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step that stops after it began writing (here: another thread closes a parameter's arena while
 * the step runs) leaves the optimizer failed: the next step and a checkpoint save refuse, rather
 * than go on from, or persist, state of which only a part was updated.
 */
class TornStepTest {

    private static final int N = 4096;

    @Test
    void aStepStoppedPartWayLeavesTheOptimizerFailed(@TempDir Path directory) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Arena closing = Arena.ofShared();
        try (Arena arena = Arena.ofShared();
             Optimizer optimizer = Optimizer.builder(Adam.DEFAULT, 1e-3).parallelThreshold(0)
                     .executor(task -> pool.execute(() -> {
                         closing.close();          // worker 1's share is parameter "second"
                         task.run();
                     }), 2)
                     .build()) {
            MemorySegment first = filled(arena);
            optimizer.add("first", first, filled(arena));
            optimizer.add("second", filled(closing), filled(closing));

            IllegalStateException stopped = assertThrows(IllegalStateException.class, optimizer::step);
            assertTrue(stopped.getMessage().startsWith("step 1 stopped part-way"), stopped.getMessage());
            assertTrue(first.getAtIndex(ValueLayout.JAVA_FLOAT, 0) != 1f, "worker 0 updated the first parameter");
            assertEquals(0, optimizer.stepCount());

            IllegalStateException refused = assertThrows(IllegalStateException.class, optimizer::step);
            assertTrue(refused.getMessage().startsWith("step() refused: the optimizer is failed, step 1 stopped part-way"),
                    refused.getMessage());
            Path file = directory.resolve("torn.ckpt");
            IllegalStateException unsaved = assertThrows(IllegalStateException.class, () -> Checkpoint.save(optimizer, file));
            assertTrue(unsaved.getMessage().startsWith("save() refused: the optimizer is failed"), unsaved.getMessage());
            assertFalse(Files.exists(file));
        } finally {
            pool.shutdown();
        }
    }

    private static MemorySegment filled(Arena arena) {
        MemorySegment segment = arena.allocate(N * 4L, 64);
        for (int i = 0; i < N; i++) {
            segment.setAtIndex(ValueLayout.JAVA_FLOAT, i, 1f);
        }
        return segment;
    }
}
