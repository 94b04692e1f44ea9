package dev.gradus.optimizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.Adam;
import dev.gradus.Optimizer;
import dev.gradus.ParameterGroup;
import dev.gradus.Sgd;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Misuse of an optimizer is rejected with a clear exception, before anything is written. */
class OptimizerMisuseTest {

    @Test
    void registrationChecksEveryBuffer() {
        try (Arena arena = Arena.ofShared(); Optimizer optimizer = Optimizer.builder(Adam.DEFAULT, 1e-3).build()) {
            MemorySegment w = arena.allocate(64);
            MemorySegment g = arena.allocate(64);
            optimizer.add("w", w, g);
            assertMessage(IllegalArgumentException.class, "a parameter named w is already registered",
                    () -> optimizer.add("w", arena.allocate(64), arena.allocate(64)));
            assertMessage(IllegalArgumentException.class, "gradient holds 15 floats but param holds 16",
                    () -> optimizer.add("x", arena.allocate(64), arena.allocate(60)));
            assertMessage(IllegalArgumentException.class, "values is read-only but the step writes it",
                    () -> optimizer.add("x", arena.allocate(64).asReadOnly(), arena.allocate(64)));
            assertMessage(IllegalArgumentException.class, "the values of x overlaps the values of w",
                    () -> optimizer.add("x", w.asSlice(8), arena.allocate(56)));
            assertMessage(IllegalArgumentException.class, "the gradient of x overlaps the values of w",
                    () -> optimizer.add("x", arena.allocate(64), w));
            assertMessage(NullPointerException.class, "name must not be null", () -> optimizer.add(null, w, g));
            assertMessage(IllegalArgumentException.class, "values must hold a whole number of floats, but its byte size is 6",
                    () -> optimizer.add("x", arena.allocate(6), arena.allocate(6)));
            assertEquals(1, optimizer.parameterNames().size());
        }
    }

    @Test
    void confinedBuffersNeedASingleThreadedOptimizer() {
        try (Arena confined = Arena.ofConfined();
             Optimizer threaded = Optimizer.builder(Sgd.DEFAULT, 0.1).threads(2).build();
             Optimizer single = Optimizer.builder(Sgd.DEFAULT, 0.1).build()) {
            MemorySegment w = confined.allocate(64);
            MemorySegment g = confined.allocate(64);
            assertMessage(IllegalArgumentException.class, "values is confined to its owner thread",
                    () -> threaded.add("w", w, g));
            single.add("w", w, g);
            single.step();
        }
    }

    @Test
    void aClosedParameterArenaStopsTheStepBeforeAnythingIsWritten() {
        try (Arena shared = Arena.ofShared(); Optimizer optimizer = Optimizer.builder(Sgd.DEFAULT, 0.1).build()) {
            MemorySegment w = shared.allocateFrom(ValueLayout.JAVA_FLOAT, 1f, 2f);
            MemorySegment g = shared.allocateFrom(ValueLayout.JAVA_FLOAT, 1f, 1f);
            optimizer.add("first", w, g);
            Arena closing = Arena.ofShared();
            optimizer.add("second", closing.allocate(8), closing.allocate(8));
            closing.close();
            assertMessage(IllegalStateException.class, "the arena of parameter second is already closed", optimizer::step);
            assertArrayEquals(new float[] {1f, 2f}, w.toArray(ValueLayout.JAVA_FLOAT));
            assertEquals(0, optimizer.stepCount());
        }
    }

    @Test
    void aSecondThreadCannotStepWhileAStepRuns() throws Exception {
        CountDownLatch inStep = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Arena arena = Arena.ofShared();
             Optimizer optimizer = Optimizer.builder(Sgd.DEFAULT, 0.1).parallelThreshold(0)
                     .executor(task -> pool.execute(() -> {
                         inStep.countDown();
                         await(release);
                         task.run();
                     }), 2)
                     .build()) {
            optimizer.add("w", arena.allocate(4096), arena.allocate(4096));
            CompletableFuture<Void> first = CompletableFuture.runAsync(optimizer::step);
            inStep.await();
            IllegalStateException e = assertThrows(IllegalStateException.class, optimizer::step);
            assertTrue(e.getMessage().startsWith("step() called while step() runs"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> optimizer.add("x", arena.allocate(8), arena.allocate(8)));
            release.countDown();
            first.join();
            assertEquals(1, optimizer.stepCount());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void independentOptimizersStepConcurrently() {
        int[] sizes = {5000, 300, 17};
        try (Arena arena = Arena.ofShared()) {
            ModelFixture left = new ModelFixture(arena, sizes, 1);
            ModelFixture right = new ModelFixture(arena, sizes, 1);
            var expected = left.expected(arena, Adam.DEFAULT, 1e-3, 50);
            CompletableFuture<?>[] runs = java.util.stream.Stream.of(left, right).map(model -> CompletableFuture.runAsync(() -> {
                try (Optimizer optimizer = Optimizer.builder(Adam.DEFAULT, 1e-3).build()) {
                    model.register(optimizer);
                    for (int t = 0; t < 50; t++) {
                        optimizer.step();
                    }
                }
            })).toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(runs).join();
            for (ModelFixture model : new ModelFixture[] {left, right}) {
                for (int p = 0; p < sizes.length; p++) {
                    dev.gradus.testing.property.BitExact.assertSameBits("parameter " + p, expected.get(p), model.current().get(p));
                }
            }
        }
    }

    @Test
    void builderOptionsAreValidated() {
        assertMessage(IllegalArgumentException.class, "threads must be >= 1, got 0",
                () -> Optimizer.builder(Sgd.DEFAULT, 0.1).threads(0));
        assertMessage(IllegalArgumentException.class, "learningRateFactor must be finite and >= 0, got -1.0",
                () -> ParameterGroup.named("g").withLearningRateFactor(-1));
        assertMessage(IllegalArgumentException.class, "a0 must be finite and >= 0, got NaN",
                () -> Optimizer.builder(Sgd.DEFAULT, Double.NaN));
        assertMessage(NullPointerException.class, "rule must not be null", () -> Optimizer.builder(null, 0.1));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void assertMessage(Class<? extends Throwable> type, String start,
                                      org.junit.jupiter.api.function.Executable call) {
        Throwable thrown = assertThrows(type, call);
        assertTrue(String.valueOf(thrown.getMessage()).startsWith(start), thrown.getMessage());
    }
}
