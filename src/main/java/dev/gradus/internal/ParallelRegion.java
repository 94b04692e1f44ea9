package dev.gradus.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs one task share per worker, the calling thread being worker 0, and returns when all are done:
 * the one parallel region of an optimizer step. Nothing is allocated per region.
 *
 * <p>Workers are either threads of its own, which spin for {@value #SPIN_NANOS} ns after a region
 * (steps often follow each other closely) and then park, or tasks handed to a caller's
 * {@link Executor}. Waking a parked thread costs tens of microseconds on a virtual machine, which
 * is why the optimizer keeps small steps on the calling thread. The first failure of any share is
 * rethrown to the caller after every share has ended.
 *
 * <p>{@link #run} must not be called by two threads at once; the optimizer guarantees that.
 */
public final class ParallelRegion implements AutoCloseable {

    /** How long an idle worker or the waiting caller spins before it parks. */
    static final long SPIN_NANOS = 50_000;

    private final int workers;
    private final Executor executor;
    private final Thread[] threads;
    private final Runnable[] tasks;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile long generation;
    private volatile boolean closed;
    private volatile Thread caller;
    private IntConsumer share;

    /**
     * A region of {@code workers >= 1} workers: the caller and {@code workers - 1} threads of its
     * own, or tasks of {@code executor} if it is not null.
     */
    public ParallelRegion(int workers, Executor executor) {
        ArgumentChecks.requireCount("threads", workers);
        this.workers = workers;
        this.executor = executor;
        this.tasks = new Runnable[workers];
        this.threads = new Thread[executor == null ? workers - 1 : 0];
        for (int w = 1; w < workers; w++) {
            int index = w;
            tasks[w] = () -> work(index);
        }
        for (int t = 0; t < threads.length; t++) {
            int index = t + 1;
            threads[t] = Thread.ofPlatform().daemon().name("gradus-step-" + index).start(() -> loop(index));
        }
    }

    /** The number of workers, the caller included. */
    public int workers() {
        return workers;
    }

    /** The threads of its own (empty with an executor), for checks of segment confinement. */
    public Thread[] threads() {
        return threads.clone();
    }

    /** Runs {@code share.accept(w)} for every worker {@code w}, worker 0 on this thread. */
    public void run(IntConsumer share) {
        if (workers == 1) {
            share.accept(0);
            return;
        }
        this.share = share;
        failure.set(null);
        caller = Thread.currentThread();
        pending.set(workers - 1);
        if (executor == null) {
            generation++;
            for (Thread thread : threads) {
                LockSupport.unpark(thread);
            }
        } else {
            for (int w = 1; w < workers; w++) {
                executor.execute(tasks[w]);
            }
        }
        try {
            share.accept(0);
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
        awaitOthers();
        Throwable first = failure.getAndSet(null);
        if (first instanceof RuntimeException e) {
            throw e;
        } else if (first instanceof Error e) {
            throw e;
        } else if (first != null) {
            throw new IllegalStateException(first);
        }
    }

    private void awaitOthers() {
        long start = System.nanoTime();
        while (pending.get() > 0) {
            if (System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
    }

    private void work(int w) {
        try {
            share.accept(w);
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        } finally {
            if (pending.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }

    private void loop(int w) {
        long seen = 0;
        while (true) {
            long start = System.nanoTime();
            while (generation == seen && !closed) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            if (closed) {
                return;
            }
            seen = generation;
            work(w);
        }
    }

    /** Stops the threads of its own; an executor is left to its owner. */
    @Override
    public void close() {
        closed = true;
        for (Thread thread : threads) {
            LockSupport.unpark(thread);
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
