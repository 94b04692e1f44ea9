package dev.gradus.optimizer.executor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.StepAbortedException;
import dev.gradus.internal.ParallelRegion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/** What {@link ParallelRegion#run} guarantees when its workers do not all start, when a share fails, and when tasks run twice or on the caller. */
@Timeout(60)
@DisabledIfSystemProperty(named = "gradus.test.expectKernels", matches = "chunked|scalar", disabledReason = ThreadTests.ONCE)
class RegionContractTest {

    /** Counts how often each share ran, and fails if two runs of a share overlap. */
    private static final class Counting implements IntConsumer {
        final AtomicIntegerArray runs = new AtomicIntegerArray(3);
        final AtomicIntegerArray running = new AtomicIntegerArray(3);
        final Thread[] threads = new Thread[3];

        @Override
        public void accept(int worker) {
            if (running.getAndIncrement(worker) != 0) {
                throw new AssertionError("share " + worker + " runs twice at once");
            }
            threads[worker] = Thread.currentThread();
            runs.incrementAndGet(worker);
            running.decrementAndGet(worker);
        }

        int[] runs() {
            return new int[] {runs.get(0), runs.get(1), runs.get(2)};
        }
    }

    @Test
    void anAbortedRunRunsNoShareNowOrWhenItsTasksRunLate() throws Exception {
        List<Runnable> held = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            boolean[] healthy = {false};
            ParallelRegion region = ParallelRegion.of(3, task -> {
                if (healthy[0]) {
                    pool.execute(task);
                } else {
                    held.add(task);
                }
            }, Model.TIMEOUT);
            Counting share = new Counting();
            assertThrows(StepAbortedException.class, () -> region.run(share));
            assertThrows(StepAbortedException.class, () -> region.run(share));
            assertEquals(4, held.size());
            Thread late = Thread.ofPlatform().start(() -> held.forEach(Runnable::run));
            late.join();
            assertArrayEquals(new int[] {0, 0, 0}, share.runs(), "shares run by an aborted region");
            healthy[0] = true;
            region.run(share);
            assertArrayEquals(new int[] {1, 1, 1}, share.runs());
            region.close();
        }
    }

    @Test
    void tasksOfAnAbortedRunThatRunDuringALaterRunDoNothing() {
        List<Runnable> held = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            boolean[] healthy = {false};
            ParallelRegion region = ParallelRegion.of(3, task -> {
                if (!healthy[0]) {
                    held.add(task);
                    return;
                }
                held.forEach(pool::execute);
                pool.execute(task);
            }, Model.TIMEOUT);
            Counting share = new Counting();
            assertThrows(StepAbortedException.class, () -> region.run(share));
            healthy[0] = true;
            for (int r = 1; r <= 200; r++) {
                region.run(share);
                assertArrayEquals(new int[] {r, r, r}, share.runs(), "after run " + r);
            }
        }
    }

    @Test
    void tasksRunTwiceGiveOneWorkerEach() {
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            ParallelRegion region = ParallelRegion.of(3, task -> {
                pool.execute(task);
                pool.execute(task);
            }, Model.TIMEOUT);
            Counting share = new Counting();
            for (int r = 1; r <= 300; r++) {
                region.run(share);
            }
            assertArrayEquals(new int[] {300, 300, 300}, share.runs());
        }
    }

    @Test
    void tasksRunOnTheCallerHaveTheirSharesRunThere() {
        ParallelRegion region = ParallelRegion.of(3, Runnable::run, Model.TIMEOUT);
        Counting share = new Counting();
        region.run(share);
        region.run(share);
        assertArrayEquals(new int[] {2, 2, 2}, share.runs());
        for (Thread thread : share.threads) {
            assertSame(Thread.currentThread(), thread);
        }
    }

    @Test
    void aFailingShareIsRethrownAfterEveryShareEnded() {
        try (ParallelRegion region = ParallelRegion.of(3, null, Model.TIMEOUT)) {
            boolean[] ended = new boolean[3];
            IllegalArgumentException failure = new IllegalArgumentException("share 1 fails");
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> region.run(w -> {
                if (w == 1) {
                    throw failure;
                }
                sleep(50);
                ended[w] = true;
            }));
            assertSame(failure, thrown);
            assertTrue(ended[0] && ended[2], "a share still ran when run() threw");
            IllegalStateException wrapped = assertThrows(IllegalStateException.class,
                    () -> region.run(w -> sneakyThrow(new IOException("share " + w))));
            assertTrue(wrapped.getCause() instanceof IOException, String.valueOf(wrapped.getCause()));
            Counting share = new Counting();
            region.run(share);
            assertArrayEquals(new int[] {1, 1, 1}, share.runs(), "a run after failed shares");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }
}
