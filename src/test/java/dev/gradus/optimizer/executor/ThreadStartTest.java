package dev.gradus.optimizer.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.Optimizer;
import dev.gradus.internal.ParallelRegion;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/** The optimizer's own threads: stopped when one cannot be started, and on close. */
@Timeout(60)
@DisabledIfSystemProperty(named = "gradus.test.expectKernels", matches = "chunked|scalar", disabledReason = ThreadTests.ONCE)
class ThreadStartTest {

    /** Makes unstarted daemon threads and remembers them; the third is made by {@code third}, for worker 3 of 4. */
    private static final class Factory implements ThreadFactory {
        final List<Thread> made = new CopyOnWriteArrayList<>();
        private final ThreadFactory third;

        Factory(ThreadFactory third) {
            this.third = third;
        }

        @Override
        public Thread newThread(Runnable work) {
            Thread thread = made.size() == 2 ? third.newThread(work) : Thread.ofPlatform().daemon().unstarted(work);
            if (thread != null) {
                made.add(thread);
            }
            return thread;
        }

        void assertAllEnded() {
            assertTrue(made.size() >= 2, "threads made: " + made);
            for (Thread thread : made) {
                assertFalse(thread.isAlive(), thread + " still runs");
            }
        }
    }

    @Test
    void aThreadTheFactoryCannotMakeStopsTheOnesStarted() {
        OutOfMemoryError error = new OutOfMemoryError("unable to create native thread: possibly out of memory");
        Factory factory = new Factory(work -> {
            throw error;
        });
        assertSame(error, assertThrows(OutOfMemoryError.class,
                () -> ParallelRegion.withThreads(4, factory, Model.TIMEOUT)));
        factory.assertAllEnded();
    }

    @Test
    void aThreadThatCannotStartStopsTheOnesStarted() {
        Factory factory = new Factory(work -> new Thread(work) {
            @Override
            public void start() {
                throw new OutOfMemoryError("unable to create native thread: possibly out of memory");
            }
        });
        assertThrows(OutOfMemoryError.class, () -> ParallelRegion.withThreads(4, factory, Model.TIMEOUT));
        factory.assertAllEnded();
    }

    @Test
    void aFactoryThatGivesNoThreadIsNamed() {
        Factory factory = new Factory(work -> null);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ParallelRegion.withThreads(4, factory, Model.TIMEOUT));
        assertEquals("the thread factory gave no thread for worker 3 of 4", e.getMessage());
        factory.assertAllEnded();
    }

    @Test
    void closeStopsTheRegionsThreads() {
        ParallelRegion region = ParallelRegion.of(3, null, Model.TIMEOUT);
        int[] runs = new int[3];
        for (int r = 0; r < 100; r++) {
            region.run(w -> runs[w]++);
        }
        region.close();
        for (Thread thread : region.threads()) {
            assertFalse(thread.isAlive(), thread + " still runs");
        }
        assertEquals(List.of(100, 100, 100), List.of(runs[0], runs[1], runs[2]));
        region.close();
    }

    @Test
    void anOptimizersCloseStopsItsThreads() {
        Set<Thread> before = stepThreads();
        Optimizer optimizer = Optimizer.builder(Model.RULE, Model.LEARNING_RATE).threads(3).build();
        Set<Thread> started = stepThreads();
        started.removeAll(before);
        assertEquals(2, started.size(), "threads started: " + started);
        optimizer.close();
        for (Thread thread : started) {
            assertFalse(thread.isAlive(), thread + " still runs");
        }
    }

    @Test
    void theStartTimeoutIsChecked() {
        Optimizer.Builder builder = Optimizer.builder(Model.RULE, Model.LEARNING_RATE);
        assertEquals("startTimeout must be > 0, got PT0S",
                assertThrows(IllegalArgumentException.class, () -> builder.startTimeout(java.time.Duration.ZERO)).getMessage());
        assertEquals("startTimeout must be > 0, got PT-0.001S",
                assertThrows(IllegalArgumentException.class,
                        () -> builder.startTimeout(java.time.Duration.ofMillis(-1))).getMessage());
        assertEquals("startTimeout must not be null",
                assertThrows(NullPointerException.class, () -> builder.startTimeout(null)).getMessage());
        try (Optimizer forever = builder.startTimeout(java.time.temporal.ChronoUnit.FOREVER.getDuration()).threads(2).build()) {
            assertTrue(forever.threads() == 2);
        }
    }

    private static Set<Thread> stepThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("gradus-step-") && t.isAlive()).collect(Collectors.toSet());
    }
}
