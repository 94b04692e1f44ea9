package dev.gradus.internal.warmup;

import dev.gradus.internal.KernelSet;

/**
 * The body of the daemon thread {@value #THREAD_NAME}: links the cold path for the callers, waits
 * until the JIT has been idle for {@value #QUIET_MILLIS} ms (at most {@value #MAX_WAIT_MILLIS} ms)
 * so that the callers' cold path is compiled first, loads the vector kernels, then warms each family with new signatures in turn and reports the outcome
 * to {@link Staging}. It ends when no family is waiting; the next new signature
 * starts a new one. Being a daemon, it never keeps the JVM alive; it writes nothing to standard
 * output and logs only through {@link System.Logger}, as {@link WarmUpLog} says.
 */
final class WarmUpWorker implements Runnable {

    /** The name of the warm-up thread. */
    static final String THREAD_NAME = "gradus-warm-up";
    /** How long the JIT must have been idle before the vector kernels are loaded. */
    static final long QUIET_MILLIS = 30;
    /** How long the warm-up waits for that at most. */
    static final long MAX_WAIT_MILLIS = 1000;

    private final Staging staging;

    private WarmUpWorker(Staging staging) {
        this.staging = staging;
    }

    /** Starts a worker for {@code staging}. */
    static void start(Staging staging) {
        Thread thread = new Thread(new WarmUpWorker(staging), THREAD_NAME);
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    @Override
    public void run() {
        try {
            staging.warmers().linkColdPath(staging.cold());
            JitActivity.awaitQuiet(QUIET_MILLIS, MAX_WAIT_MILLIS);
            KernelSet vector = staging.loadVector();
            try (Warmer warmer = staging.warmers().open(vector, staging.routingTo(vector), staging.cold())) {
                warmAll(warmer);
            }
        } catch (UnsupportedOperationException e) {
            WarmUpLog.warning("Gradus uses its scalar kernels, which are several times slower: " + e.getMessage());
        } catch (Throwable t) {
            staging.stop(t);
            WarmUpLog.debug(() -> "Gradus warm-up stopped, every kernel stays scalar: " + t);
        }
    }

    private void warmAll(Warmer warmer) throws InterruptedException {
        for (Staging.Task task = staging.next(); task != null; task = staging.next()) {
            long start = System.nanoTime();
            Warmer.Outcome outcome = warmer.warm(task.family(), task.signatures());
            staging.settle(task, outcome);
            long millis = (System.nanoTime() - start) / 1_000_000;
            Staging.Task done = task;
            WarmUpLog.debug(() -> "Gradus warm-up of " + done.family().method() + " with signatures "
                    + Long.toBinaryString(done.signatures()) + ": " + outcome + " after " + millis + " ms");
        }
    }
}
