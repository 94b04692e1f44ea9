package dev.gradus.optimizer.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.internal.ParallelRegion;
import java.lang.management.ManagementFactory;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * A region that starts allocates nothing, on the caller or on its own threads: measured with the
 * JVM's per-thread allocation counters over thousands of runs after a warm-up. With an executor,
 * only the caller is measured, and the executor's own allocations (a contended lock's queue node of
 * 32 bytes, now and then) are told apart from a per-run allocation, which would cost at least 16
 * bytes in every run of every batch: some batch of runs must be free of it.
 */
@Timeout(60)
@DisabledIfSystemProperty(named = "gradus.test.expectKernels", matches = "chunked|scalar", disabledReason = ThreadTests.ONCE)
class RegionAllocationTest {

    private static final int RUNS = 2_000;
    private static final int BATCH = 50;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final long[] counts = new long[3 * 16];
    private final IntConsumer share = w -> counts[w * 16]++;

    @Test
    void runsOnOwnThreadsAllocateNothing() {
        try (ParallelRegion region = ParallelRegion.of(3, null, Model.TIMEOUT)) {
            long[] ids = LongStream.concat(LongStream.of(Thread.currentThread().threadId()),
                    java.util.Arrays.stream(region.threads()).mapToLong(Thread::threadId)).toArray();
            allocatedOver(region, ids, RUNS);
            assertEquals(0, allocatedOver(region, ids, RUNS), "bytes allocated by the caller and the region's threads");
        }
    }

    @Test
    void runsOnAnExecutorAllocateNothingOnTheCaller() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(8));
        pool.prestartAllCoreThreads();
        try (pool; ParallelRegion region = ParallelRegion.of(3, pool, Model.TIMEOUT)) {
            long[] ids = {Thread.currentThread().threadId()};
            allocatedOver(region, ids, RUNS);
            long fewest = Long.MAX_VALUE;
            for (int batch = 0; batch < RUNS / BATCH; batch++) {
                fewest = Math.min(fewest, allocatedOver(region, ids, BATCH));
            }
            assertTrue(fewest < 16L * BATCH, "every batch of " + BATCH + " runs allocated on the caller, the "
                    + "fewest " + fewest + " bytes: the region allocates per run");
        }
    }

    /** Bytes allocated by the threads {@code ids} over {@code runs} runs. */
    private long allocatedOver(ParallelRegion region, long[] ids, int runs) {
        long[] before = THREADS.getThreadAllocatedBytes(ids);
        for (int r = 0; r < runs; r++) {
            region.run(share);
        }
        long[] after = THREADS.getThreadAllocatedBytes(ids);
        long[] calibrationBefore = THREADS.getThreadAllocatedBytes(ids);
        long[] calibrationAfter = THREADS.getThreadAllocatedBytes(ids);
        long bytes = 0;
        for (int i = 0; i < ids.length; i++) {
            bytes += after[i] - before[i] - (calibrationAfter[i] - calibrationBefore[i]);
        }
        return bytes;
    }
}
