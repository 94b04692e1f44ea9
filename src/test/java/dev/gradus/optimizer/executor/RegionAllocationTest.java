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
 * only the caller is measured, and the executor's own allocations (a contended lock's queue node)
 * are told apart from a per-run allocation, which would cost at least 16 bytes every run.
 */
@Timeout(60)
@DisabledIfSystemProperty(named = "gradus.test.expectKernels", matches = "scalar", disabledReason = ThreadTests.ONCE)
class RegionAllocationTest {

    private static final int RUNS = 2_000;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final long[] counts = new long[3 * 16];
    private final IntConsumer share = w -> counts[w * 16]++;

    @Test
    void runsOnOwnThreadsAllocateNothing() {
        try (ParallelRegion region = ParallelRegion.of(3, null, Model.TIMEOUT)) {
            long[] ids = LongStream.concat(LongStream.of(Thread.currentThread().threadId()),
                    java.util.Arrays.stream(region.threads()).mapToLong(Thread::threadId)).toArray();
            assertEquals(0, allocatedOver(region, ids), "bytes allocated by the caller and the region's threads");
        }
    }

    @Test
    void runsOnAnExecutorAllocateNothingOnTheCaller() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(8));
        pool.prestartAllCoreThreads();
        try (pool; ParallelRegion region = ParallelRegion.of(3, pool, Model.TIMEOUT)) {
            long[] ids = {Thread.currentThread().threadId()};
            long bytes = allocatedOver(region, ids);
            assertTrue(bytes < RUNS, bytes + " bytes allocated by the caller over " + RUNS + " runs: the region "
                    + "allocates per run (the pool's queue lock may allocate a node of 32 bytes when contended)");
        }
    }

    /** Bytes allocated by the threads {@code ids} over {@link #RUNS} runs, after as many to warm up. */
    private long allocatedOver(ParallelRegion region, long[] ids) {
        for (int r = 0; r < RUNS; r++) {
            region.run(share);
        }
        long[] before = THREADS.getThreadAllocatedBytes(ids);
        for (int r = 0; r < RUNS; r++) {
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
