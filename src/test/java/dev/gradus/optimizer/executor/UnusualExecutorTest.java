package dev.gradus.optimizer.executor;

import dev.gradus.Optimizer;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Executors that work, if unusually: they run tasks on the calling thread, twice, a little late,
 * on a new or virtual thread each time. Every step gives the bits of a one-thread optimizer.
 */
@Timeout(60)
@DisabledIfSystemProperty(named = "gradus.test.expectKernels", matches = "chunked|scalar", disabledReason = ThreadTests.ONCE)
class UnusualExecutorTest {

    private static final long SEED = 23;
    private static final int STEPS = 5;

    /** An executor, possibly built on a scheduled pool of four threads that the test shuts down. */
    enum Kind {
        /** Runs every task on the calling thread, inside execute(): every share runs on the caller. */
        INLINE(pool -> Runnable::run),
        /** One thread handing over through a SynchronousQueue; what it cannot take runs on the caller. */
        CALLER_RUNS(pool -> new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new SynchronousQueue<>(),
                new ThreadPoolExecutor.CallerRunsPolicy())),
        /** Runs every task twice, on two threads. */
        TWICE(pool -> task -> {
            pool.execute(task);
            pool.execute(task);
        }),
        /** Runs every task 30 ms late, well within the start timeout. */
        DELAYED(pool -> task -> pool.schedule(task, 30, TimeUnit.MILLISECONDS)),
        /** A new platform thread per task. */
        NEW_THREAD(pool -> task -> Thread.ofPlatform().start(task)),
        /** A virtual thread per task. */
        VIRTUAL(pool -> task -> Thread.ofVirtual().start(task)),
        /** A fork-join pool. */
        FORK_JOIN(pool -> new ForkJoinPool(2));

        final Function<ScheduledExecutorService, Executor> executor;

        Kind(Function<ScheduledExecutorService, Executor> executor) {
            this.executor = executor;
        }
    }

    @ParameterizedTest
    @EnumSource
    void stepsGiveTheBitsOfOneThread(Kind kind) {
        try (ScheduledExecutorService pool = Executors.newScheduledThreadPool(4); Model model = new Model(SEED)) {
            Executor executor = kind.executor.apply(pool);
            try (Optimizer optimizer = Model.builder().executor(executor, 3).build()) {
                model.register(optimizer);
                for (int t = 0; t < STEPS; t++) {
                    optimizer.step();
                }
                Model.reference(SEED, STEPS).assertSameAs(model.snapshot(optimizer), kind + " after " + STEPS + " steps");
            } finally {
                if (executor instanceof ExecutorService own) {
                    own.shutdownNow();
                }
            }
        }
    }
}
