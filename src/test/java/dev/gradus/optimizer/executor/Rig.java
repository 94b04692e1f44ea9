package dev.gradus.optimizer.executor;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * An executor under test: it hands tasks to an adversarial executor until {@link #heal()}, then to
 * a healthy pool of three threads. {@link #settle()} lets every task the adversary still holds run
 * (or be dropped for good), so a test can check that late tasks changed nothing.
 */
final class Rig implements Executor, AutoCloseable {

    private final Executor adversary;
    private final Runnable release;
    private final List<ExecutorService> pools;
    private final ExecutorService healthy = Executors.newFixedThreadPool(3);
    private volatile boolean healed;

    /**
     * @param adversary the executor of the adversarial phase
     * @param release   unblocks whatever keeps the adversary's threads busy
     * @param pools     the pools behind the adversary, shut down by {@link #settle()}
     */
    Rig(Executor adversary, Runnable release, ExecutorService... pools) {
        this.adversary = adversary;
        this.release = release;
        this.pools = List.of(pools);
    }

    /** A rig whose adversary is {@code pool} itself. */
    static Rig of(ExecutorService pool) {
        return new Rig(pool, () -> { }, pool);
    }

    @Override
    public void execute(Runnable task) {
        (healed ? healthy : adversary).execute(task);
    }

    /** From now on, tasks go to the healthy pool. */
    void heal() {
        healed = true;
    }

    /** Releases the adversary's threads and waits until every task it accepted has run. */
    void settle() throws InterruptedException {
        release.run();
        for (ExecutorService pool : pools) {
            pool.shutdown();
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the adversary's pool did not finish its tasks: " + pool);
            }
        }
    }

    /** Stops every pool. */
    @Override
    public void close() {
        release.run();
        pools.forEach(ExecutorService::shutdownNow);
        healthy.shutdownNow();
    }
}
