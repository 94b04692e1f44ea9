package dev.gradus.optimizer.executor;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.Optimizer;
import dev.gradus.StepAbortedException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * {@code step()} called from a task of the optimizer's own single-thread executor: the step's
 * worker task is queued behind the task calling it. It used to deadlock; now it fails with nothing
 * modified, at once when the thread ran one of the optimizer's tasks before.
 */
@Timeout(60)
@DisabledIfSystemProperty(named = "gradus.test.expectKernels", matches = "chunked|scalar", disabledReason = ThreadTests.ONCE)
class ReentrantStepTest {

    private static final long SEED = 5;
    private static final String REFUSED = "a thread that ran a task of the optimizer's executor";

    @Test
    void aStepFromAThreadThatServedTheOptimizerIsRefusedAtOnce() throws Exception {
        Duration longTimeout = Duration.ofSeconds(30);
        try (ExecutorService single = Executors.newSingleThreadExecutor(); Model model = new Model(SEED);
             Optimizer optimizer = Model.builder().startTimeout(longTimeout).executor(single, 2).build()) {
            model.register(optimizer);
            optimizer.step();
            Snapshot before = model.snapshot(optimizer);
            long start = System.nanoTime();
            StepAbortedException e = failure(single.submit(optimizer::step));
            long elapsed = System.nanoTime() - start;
            assertTrue(e.getMessage().contains(REFUSED), e.getMessage());
            assertTrue(elapsed < longTimeout.toNanos() / 3, "refused after " + elapsed / 1_000_000 + " ms, not at once");
            before.assertSameAs(model.snapshot(optimizer), "after the refused step");
            optimizer.step();
            Model.reference(SEED, 2).assertSameAs(model.snapshot(optimizer), "after a step from outside the executor");
        }
    }

    @Test
    void aFirstStepFromTheExecutorsTaskTimesOutAndTheNextIsRefusedAtOnce() throws Exception {
        try (ExecutorService single = Executors.newSingleThreadExecutor(); Model model = new Model(SEED);
             Optimizer optimizer = Model.builder().executor(single, 2).build()) {
            model.register(optimizer);
            Snapshot before = model.snapshot(optimizer);
            long start = System.nanoTime();
            StepAbortedException first = failure(single.submit(optimizer::step));
            assertTrue(System.nanoTime() - start >= Model.TIMEOUT.toNanos(), "failed before the start timeout");
            assertTrue(first.getMessage().contains("or step() was called from one of its tasks"), first.getMessage());
            StepAbortedException second = failure(single.submit(optimizer::step));
            assertTrue(second.getMessage().contains(REFUSED), second.getMessage());
            before.assertSameAs(model.snapshot(optimizer), "after two failed steps");
            optimizer.step();
            Model.reference(SEED, 1).assertSameAs(model.snapshot(optimizer), "after a step from outside the executor");
        }
    }

    private static StepAbortedException failure(java.util.concurrent.Future<?> step) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> step.get(20, TimeUnit.SECONDS));
        return assertInstanceOf(StepAbortedException.class, e.getCause());
    }
}
