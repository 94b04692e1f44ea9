package dev.gradus.optimizer.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.Optimizer;
import dev.gradus.Sgd;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * Without a set threshold, an optimizer keeps steps under {@link Optimizer#DEFAULT_PARALLEL_THRESHOLD}
 * elements on the calling thread however quickly they follow each other, and shares a step of
 * {@link Optimizer#DEFAULT_PARKED_THRESHOLD} elements even when it is the first: counted by the
 * tasks its executor receives. What happens in between depends on timing and is left to
 * {@code PassSharingTest}.
 */
@DisabledIfSystemProperty(named = "gradus.test.expectKernels", matches = "chunked|scalar", disabledReason = ThreadTests.ONCE)
class AdaptiveSharingTest {

    @Test
    void smallStepsStayOnTheCallerAndHugeOnesAreShared() {
        AtomicInteger tasks = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(1);
        try (pool; Arena arena = Arena.ofShared();
             Optimizer optimizer = Optimizer.builder(Sgd.DEFAULT, 0.1).executor(command -> {
                 tasks.incrementAndGet();
                 pool.execute(command);
             }, 2).build()) {
            long small = Optimizer.DEFAULT_PARALLEL_THRESHOLD - 1;
            optimizer.add("small", floats(arena, small), floats(arena, small));
            for (int step = 0; step < 100; step++) {
                optimizer.step();
            }
            assertEquals(0, tasks.get(), "tasks for steps of " + small + " elements");
            long huge = Optimizer.DEFAULT_PARKED_THRESHOLD - small;
            optimizer.add("huge", floats(arena, huge), floats(arena, huge));
            optimizer.step();
            assertTrue(tasks.get() > 0, "a step of " + Optimizer.DEFAULT_PARKED_THRESHOLD + " elements ran on the caller alone");
        }
    }

    private static MemorySegment floats(Arena arena, long count) {
        return arena.allocate(count * Float.BYTES, 64);
    }
}
