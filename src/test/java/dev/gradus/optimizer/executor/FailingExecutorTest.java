package dev.gradus.optimizer.executor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.Optimizer;
import dev.gradus.StepAbortedException;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Executors that reject, drop, throw, block or run late: every step they break fails with
 * {@link StepAbortedException} naming the cause, changes no bit of parameters, state or counters
 * (also after the executor ran whatever it still held), a retry fails alike (tried where the
 * failure is immediate; {@link RegionContractTest} retries after timeouts), the optimizer steps
 * correctly once the executor recovers, and {@code close()} frees the state.
 */
@Timeout(60)
@DisabledIfSystemProperty(named = "gradus.test.expectKernels", matches = "chunked|scalar", disabledReason = ThreadTests.ONCE)
class FailingExecutorTest {

    private static final long SEED = 11;
    private static final String LATE = "did not start within 400 ms: the executor dropped it, or has no free thread, "
            + "or step() was called from one of its tasks; nothing was modified";

    /** An executor that breaks every parallel step, the workers it is used with, and what the exception says. */
    enum Adversary {
        /** A pool of one thread handing over through a SynchronousQueue, with the abort policy. */
        REJECTING_POOL(3, "the executor rejected the task of worker", RejectedExecutionException.class,
                () -> Rig.of(new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new SynchronousQueue<>(),
                        new ThreadPoolExecutor.AbortPolicy()))),
        /** Accepts the first task of each step onto a thread, rejects the second. */
        ACCEPTS_THEN_REJECTS(3, "the executor rejected the task of worker 2", RejectedExecutionException.class,
                FailingExecutorTest::acceptsThenRejects),
        /** A shut-down pool. */
        SHUT_DOWN_POOL(2, "the executor rejected the task of worker 1", RejectedExecutionException.class, () -> {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            pool.shutdown();
            return Rig.of(pool);
        }),
        /** A pool of one thread handing over through a SynchronousQueue, with the discard policy. */
        DISCARDING_POOL(3, LATE, null,
                () -> Rig.of(new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new SynchronousQueue<>(),
                        new ThreadPoolExecutor.DiscardPolicy()))),
        /** Ignores every task. */
        IGNORING(2, LATE, null, () -> new Rig(task -> { }, () -> { })),
        /** Throws from execute. */
        THROWING(2, "the executor threw java.lang.IllegalStateException: the executor is broken when handed the task "
                + "of worker 1", IllegalStateException.class,
                () -> new Rig(task -> {
                    throw new IllegalStateException("the executor is broken");
                }, () -> { })),
        /** Cannot make a thread for the task, as a pool does when the process is out of threads. */
        OUT_OF_THREADS(2, "the executor threw java.lang.OutOfMemoryError: unable to create native thread",
                OutOfMemoryError.class, () -> new Rig(task -> {
                    throw new OutOfMemoryError("unable to create native thread: possibly out of memory");
                }, () -> { })),
        /** Runs each task 100 ms after the start timeout. */
        LATE_TASKS(3, LATE, null, FailingExecutorTest::late),
        /** Runs each task on a new thread and waits in execute() until it ends. */
        BLOCKING_EXECUTE(2, "the executor's execute() did not return within 400 ms when handed the task of worker 1",
                null, () -> new Rig(task -> {
                    Thread thread = Thread.ofPlatform().start(task);
                    try {
                        thread.join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, () -> { })),
        /** A pool of two threads, both busy with other work until released. */
        BUSY_POOL(3, LATE, null, FailingExecutorTest::busy),
        /** A pool of one thread for a step of three workers. */
        UNDERSIZED_POOL(3, LATE, null, () -> Rig.of(Executors.newFixedThreadPool(1)));

        final int parallelism;
        final String message;
        /** Whether the step fails only after the start timeout, which makes a retry slow to test. */
        final boolean timesOut;
        final Class<? extends Throwable> cause;
        final Supplier<Rig> rig;

        Adversary(int parallelism, String message, Class<? extends Throwable> cause, Supplier<Rig> rig) {
            this.parallelism = parallelism;
            this.message = message;
            this.timesOut = message.contains("within");
            this.cause = cause;
            this.rig = rig;
        }
    }

    @ParameterizedTest
    @EnumSource
    void aStepTheExecutorBreaksChangesNothingAndTheOptimizerRecovers(Adversary adversary) throws Exception {
        try (Rig rig = adversary.rig.get(); Model model = new Model(SEED);
             Optimizer optimizer = Model.builder().executor(rig, adversary.parallelism).build()) {
            model.register(optimizer);
            Snapshot before = model.snapshot(optimizer);
            for (int attempt = 1; attempt <= (adversary.timesOut ? 1 : 2); attempt++) {
                StepAbortedException e = assertThrows(StepAbortedException.class, optimizer::step);
                assertTrue(e.getMessage().contains(adversary.message), e.getMessage());
                assertTrue(e.getMessage().endsWith("nothing was modified"), e.getMessage());
                if (adversary.cause == null) {
                    assertNull(e.getCause());
                } else {
                    assertInstanceOf(adversary.cause, e.getCause());
                }
                before.assertSameAs(model.snapshot(optimizer), "after failed step " + attempt);
            }
            rig.settle();
            before.assertSameAs(model.snapshot(optimizer), "after the executor ran what it held");
            rig.heal();
            for (int t = 0; t < 3; t++) {
                optimizer.step();
            }
            Model.reference(SEED, 3).assertSameAs(model.snapshot(optimizer), "after 3 steps on the healed executor");
            MemorySegment state = optimizer.state(Model.name(0), 0);
            optimizer.close();
            assertFalse(state.scope().isAlive(), "close() freed the state");
        }
    }

    @Test
    void tasksThatRunLateDuringLaterStepsDoNothing() throws Exception {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        long delay = Model.TIMEOUT.toMillis() * 2;
        Rig rig = new Rig(task -> scheduler.schedule(task, delay, TimeUnit.MILLISECONDS), () -> { }, scheduler);
        try (rig; Model model = new Model(SEED); Optimizer optimizer = Model.builder().executor(rig, 3).build()) {
            model.register(optimizer);
            assertThrows(StepAbortedException.class, optimizer::step);
            rig.heal();
            int steps = 0;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (scheduler.getCompletedTaskCount() < 2 && System.nanoTime() < end) {
                optimizer.step();
                steps++;
            }
            assertTrue(scheduler.getCompletedTaskCount() == 2, "the late tasks ran while the optimizer stepped");
            optimizer.step();
            Model.reference(SEED, steps + 1).assertSameAs(model.snapshot(optimizer), "after " + (steps + 1) + " steps");
        }
    }

    @Test
    void aPoolTooSmallForTheStepIsNamed() {
        try (ExecutorService pool = Executors.newFixedThreadPool(1); Model model = new Model(SEED);
             Optimizer optimizer = Model.builder().executor(pool, 3).build()) {
            model.register(optimizer);
            StepAbortedException e = assertThrows(StepAbortedException.class, optimizer::step);
            assertTrue(e.getMessage().startsWith("the task of worker 2 (of 3 workers, the calling thread being worker 0) "
                    + "did not start within 400 ms: the executor dropped it, or has no free thread (it runs at most "
                    + "1 task at once, but a step needs 2), or step() was called from one of its tasks"), e.getMessage());
        }
    }

    private static Rig acceptsThenRejects() {
        ExecutorService pool = Executors.newCachedThreadPool();
        AtomicLong calls = new AtomicLong();
        return new Rig(task -> {
            if (calls.incrementAndGet() % 2 == 0) {
                throw new RejectedExecutionException("the second task of a step is rejected");
            }
            pool.execute(task);
        }, () -> { }, pool);
    }

    private static Rig late() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        long delay = Model.TIMEOUT.toMillis() + 100;
        return new Rig(task -> scheduler.schedule(task, delay, TimeUnit.MILLISECONDS), () -> { }, scheduler);
    }

    private static Rig busy() {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            pool.execute(() -> {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try {
            started.await();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return new Rig(pool, release::countDown, pool);
    }
}
