package dev.gradus.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gradus.Optimizer;
import dev.gradus.Sgd;
import dev.gradus.internal.OptimizerAccess;
import java.lang.foreign.Arena;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** A call that conflicts with a running operation says which operation runs. */
class ConflictMessageTest {

    @Test
    void theMessageNamesTheOperationThatRuns() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (Arena arena = Arena.ofShared(); Optimizer optimizer = Optimizer.builder(Sgd.DEFAULT, 0.1).build()) {
            optimizer.add("w", arena.allocate(64), arena.allocate(64));
            CompletableFuture<Object> save = CompletableFuture.supplyAsync(() ->
                    OptimizerAccess.get().exclusively(optimizer, "save", () -> {
                        holding.countDown();
                        await(release);
                        return null;
                    }));
            holding.await();
            assertMessage("step() called while save() runs: an optimizer is driven by one thread at a time",
                    optimizer::step);
            assertMessage("add() called while save() runs", () -> optimizer.add("x", arena.allocate(8), arena.allocate(8)));
            assertMessage("close() called while save() runs", optimizer::close);
            release.countDown();
            save.join();
            optimizer.step();
            assertEquals(1, optimizer.stepCount());
        }
    }

    private static void assertMessage(String start, Executable call) {
        IllegalStateException e = assertThrows(IllegalStateException.class, call);
        assertEquals(start, e.getMessage().substring(0, Math.min(start.length(), e.getMessage().length())), e.getMessage());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
