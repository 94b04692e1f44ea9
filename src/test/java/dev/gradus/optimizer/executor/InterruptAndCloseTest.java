package dev.gradus.optimizer.executor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.Optimizer;
import dev.gradus.StepAbortedException;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * A step whose caller is interrupted completes (or fails) as it would have and keeps the interrupt
 * status; {@code close()} from another thread during a step is refused, and frees everything once
 * the step has ended, whether it succeeded or failed.
 */
@Timeout(60)
@DisabledIfSystemProperty(named = "gradus.test.expectKernels", matches = "chunked|scalar", disabledReason = ThreadTests.ONCE)
class InterruptAndCloseTest {

    private static final long SEED = 3;

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2);
    /** Counted down when the first task is handed over: the step is under way. */
    private final CountDownLatch handedOver = new CountDownLatch(1);

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    /** Runs each task {@code millis} late, and counts down {@link #handedOver}. */
    private Executor delayedBy(long millis) {
        return task -> {
            scheduler.schedule(task, millis, TimeUnit.MILLISECONDS);
            handedOver.countDown();
        };
    }

    @Test
    void anInterruptedStepCompletesAndKeepsTheInterruptStatus() throws Exception {
        try (Model model = new Model(SEED); Optimizer optimizer =
                Model.builder().startTimeout(Duration.ofSeconds(20)).executor(delayedBy(100), 3).build()) {
            model.register(optimizer);
            AtomicBoolean keptInterrupt = new AtomicBoolean();
            Thread stepping = Thread.ofPlatform().start(() -> {
                optimizer.step();
                keptInterrupt.set(Thread.currentThread().isInterrupted());
            });
            handedOver.await();
            stepping.interrupt();
            stepping.join();
            assertTrue(keptInterrupt.get(), "the interrupt status is kept");
            Thread.currentThread().interrupt();
            try {
                optimizer.step();
            } finally {
                assertTrue(Thread.interrupted(), "the interrupt status of a caller interrupted before the step is kept");
            }
            Model.reference(SEED, 2).assertSameAs(model.snapshot(optimizer), "after two interrupted steps");
        }
    }

    @Test
    void anInterruptedFailingStepStillWaitsForItsTimeoutAndChangesNothing() {
        try (Model model = new Model(SEED); Optimizer optimizer = Model.builder().executor(task -> { }, 2).build()) {
            model.register(optimizer);
            Snapshot before = model.snapshot(optimizer);
            long start = System.nanoTime();
            Thread.currentThread().interrupt();
            try {
                assertThrows(StepAbortedException.class, optimizer::step);
            } finally {
                assertTrue(Thread.interrupted(), "the interrupt status is kept");
            }
            assertTrue(System.nanoTime() - start >= Model.TIMEOUT.toNanos(), "the interrupt cut the start timeout short");
            before.assertSameAs(model.snapshot(optimizer), "after the failed step");
        }
    }

    @Test
    void closeDuringASucceedingStepIsRefusedThenFreesEverything() throws Exception {
        try (Model model = new Model(SEED)) {
            Optimizer optimizer = Model.builder().startTimeout(Duration.ofSeconds(20)).executor(delayedBy(150), 2).build();
            model.register(optimizer);
            CompletableFuture<Void> step = CompletableFuture.runAsync(optimizer::step);
            handedOver.await();
            IllegalStateException refused = assertThrows(IllegalStateException.class, optimizer::close);
            assertTrue(refused.getMessage().startsWith("close() called while step() runs"),
                    refused.getMessage());
            step.join();
            Model.reference(SEED, 1).assertSameAs(model.snapshot(optimizer), "after the step close() waited for");
            closeAndCheckFreed(optimizer);
        }
    }

    @Test
    void closeDuringAFailingStepIsRefusedThenFreesEverything() throws Exception {
        try (Model model = new Model(SEED)) {
            Optimizer optimizer = Model.builder().executor(task -> handedOver.countDown(), 2).build();
            model.register(optimizer);
            Snapshot before = model.snapshot(optimizer);
            CompletableFuture<Void> step = CompletableFuture.runAsync(optimizer::step);
            handedOver.await();
            assertThrows(IllegalStateException.class, optimizer::close);
            Throwable failure = assertThrows(java.util.concurrent.CompletionException.class, step::join).getCause();
            assertTrue(failure instanceof StepAbortedException, String.valueOf(failure));
            before.assertSameAs(model.snapshot(optimizer), "after the failed step");
            closeAndCheckFreed(optimizer);
        }
    }

    private static void closeAndCheckFreed(Optimizer optimizer) {
        MemorySegment state = optimizer.state(Model.name(1), 2);
        optimizer.close();
        assertFalse(state.scope().isAlive(), "close() freed the state");
        optimizer.close();
    }
}
