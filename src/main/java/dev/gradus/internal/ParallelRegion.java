package dev.gradus.internal;

import dev.gradus.StepAbortedException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs one task share per worker, the calling thread being worker 0, and returns when all are done:
 * the one parallel region of an optimizer step. Nothing is allocated per region unless it fails to
 * start.
 *
 * <p>Workers are either threads of its own, which spin for {@value #SPIN_NANOS} ns after a region
 * (steps often follow each other closely) and then park, or tasks handed to a caller's
 * {@link Executor}. Waking a parked thread costs tens of microseconds on a virtual machine, which
 * is why the optimizer keeps small steps on the calling thread.
 *
 * <p><b>Two phases.</b> Every worker, the caller included, first checks in at a {@link StartGate};
 * no share starts before all have checked in. A task the executor runs on the calling thread
 * while it is being handed over ({@code Runnable::run}, a caller-runs policy) checks in at once
 * and its share runs on the caller after the caller's own. What {@link #run} guarantees:
 *
 * <ul>
 *   <li><b>It returns normally:</b> every share ran exactly once and completed.
 *   <li><b>It throws {@link StepAbortedException}:</b> no share ran, not even in part, and none
 *       will: the executor threw from {@code execute} (a rejection), a worker did not check in
 *       within the start timeout (a dropped or queued task, a busy pool, a thread that did not get
 *       to run), {@code execute} itself did not return within it, or the caller is a thread that
 *       ran a task of this region's executor before (a step called from the executor's own task,
 *       which would wait for a task queued behind itself; detected at once). Workers that checked
 *       in return without running their share; a task the executor runs later does nothing.
 *   <li><b>It throws what a share threw:</b> every share was started and has ended; the first
 *       failure is rethrown (a checked one wrapped in {@link IllegalStateException}). The shares
 *       that did not fail completed, so the work of the region is partly done.
 * </ul>
 *
 * In every case, nothing of the region runs any more when {@code run} returns or throws, so the
 * buffers the shares touch may be read, reused or freed, and the next {@code run} may succeed.
 * An interrupt neither stops nor fails a run: it completes or fails as above, and the thread's
 * interrupt status is kept.
 *
 * <p>{@link #run} must not be called by two threads at once, nor during {@link #close}; the
 * optimizer guarantees that.
 */
public final class ParallelRegion implements AutoCloseable {

    /** How long an idle worker or the waiting caller spins before it parks. */
    public static final long SPIN_NANOS = 50_000;

    /** The longest start timeout: longer ones are cut to it, so that deadlines do not overflow. */
    static final long MAX_TIMEOUT_NANOS = Long.MAX_VALUE / 4;

    /** What a waiting thread waits for: a new generation (own threads between runs). */
    private static final int NEW_GENERATION = 0;
    /** What a waiting thread waits for: the gate to start or abort. */
    private static final int GATE_RESOLVED = 1;
    /** What a waiting thread waits for: every worker left the region. */
    private static final int ALL_LEFT = 2;

    private final int workers;
    private final Executor executor;
    private final long startTimeoutNanos;
    private final Thread[] threads;
    private final WorkerTask[] tasks;
    private final StartGate gate;
    /** Workers between entering the region and leaving it, the caller not counted. */
    private final AtomicInteger inside = new AtomicInteger();
    /** Slot w holds worker w's thread while it parks (slot 0: the caller), else null. */
    private final AtomicReferenceArray<Thread> parked;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** The generation in which each worker last checked in. */
    private final long[] checkedIn;
    /** Which tasks the executor ran on the calling thread during this run (their shares run there). */
    private final boolean[] adopted;
    /** Marks threads that ran a task of this region's executor (null with threads of its own). */
    private final ThreadLocal<Boolean> executorThread;
    private volatile Thread caller;
    private volatile long deadline;
    private volatile boolean closed;
    private IntConsumer share;

    private ParallelRegion(int workers, Executor executor, ThreadFactory factory, Duration startTimeout) {
        this.workers = (int) ArgumentChecks.requireCount("threads", workers);
        this.gate = new StartGate(workers);
        this.executor = executor;
        this.startTimeoutNanos = timeoutNanos(startTimeout);
        this.parked = new AtomicReferenceArray<>(workers);
        this.checkedIn = new long[workers];
        this.adopted = new boolean[workers];
        this.tasks = new WorkerTask[executor == null ? 0 : workers];
        this.executorThread = executor == null ? null : new ThreadLocal<>();
        for (int w = 1; w < tasks.length; w++) {
            tasks[w] = new WorkerTask(this, w);
        }
        this.threads = new Thread[executor == null ? workers - 1 : 0];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = start(factory, t + 1);
        }
    }

    /**
     * A region of {@code workers >= 1} workers: the caller and {@code workers - 1} tasks of
     * {@code executor}, or threads of its own if {@code executor} is null.
     *
     * @param workers      the number of workers, the caller included
     * @param executor     runs the other workers' tasks, or null for threads of its own
     * @param startTimeout how long a run waits for all workers to start before it aborts
     * @return the region, its threads started
     * @throws IllegalArgumentException if {@code workers < 1} or the timeout is not positive
     */
    public static ParallelRegion of(int workers, Executor executor, Duration startTimeout) {
        ThreadFactory factory = executor == null ? Thread.ofPlatform().daemon().name("gradus-step-", 1).factory() : null;
        return new ParallelRegion(workers, executor, factory, startTimeout);
    }

    /**
     * A region with {@code workers - 1} threads of its own made by {@code factory}. If a thread
     * cannot be made or started, those already started are stopped and the failure is thrown.
     *
     * @param workers      the number of workers, the caller included
     * @param factory      makes the threads (they are started by the region)
     * @param startTimeout how long a run waits for all workers to start before it aborts
     * @return the region, its threads started
     * @throws IllegalArgumentException if {@code workers < 1} or the timeout is not positive
     * @throws IllegalStateException    if the factory returns null
     */
    public static ParallelRegion withThreads(int workers, ThreadFactory factory, Duration startTimeout) {
        return new ParallelRegion(workers, null, ArgumentChecks.requireNonNull("factory", factory), startTimeout);
    }

    /**
     * Requires a positive start timeout.
     *
     * @param timeout the timeout
     * @return {@code timeout}
     * @throws NullPointerException     if it is null
     * @throws IllegalArgumentException if it is zero or negative
     */
    public static Duration requireStartTimeout(Duration timeout) {
        ArgumentChecks.requireNonNull("startTimeout", timeout);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be > 0, got " + timeout);
        }
        return timeout;
    }

    private static long timeoutNanos(Duration timeout) {
        requireStartTimeout(timeout);
        return timeout.compareTo(Duration.ofNanos(MAX_TIMEOUT_NANOS)) > 0 ? MAX_TIMEOUT_NANOS : timeout.toNanos();
    }

    private Thread start(ThreadFactory factory, int worker) {
        try {
            Thread thread = factory.newThread(() -> loop(worker));
            if (thread == null) {
                throw new IllegalStateException("the thread factory gave no thread for worker " + worker + " of " + workers);
            }
            thread.start();
            return thread;
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /**
     * The number of workers.
     *
     * @return the number of workers, the caller included
     */
    public int workers() {
        return workers;
    }

    /**
     * The threads of its own.
     *
     * @return a copy of the array of its threads, empty with an executor
     */
    public Thread[] threads() {
        return threads.clone();
    }

    /**
     * Runs {@code share.accept(w)} for every worker {@code w}, worker 0 on this thread, if all
     * workers start; see the class comment for what each outcome guarantees.
     *
     * @param share the work of worker {@code w}
     * @throws StepAbortedException  if the workers did not all start; no share ran
     * @throws IllegalStateException if the region is closed
     */
    public void run(IntConsumer share) {
        if (workers == 1) {
            share.accept(0);
            return;
        }
        if (closed) {
            throw new IllegalStateException("the parallel region is closed");
        }
        if (executorThread != null && executorThread.get() != null) {
            throw StartFailures.reentrant(Thread.currentThread());
        }
        this.share = share;
        failure.set(null);
        Arrays.fill(adopted, false);
        deadline = System.nanoTime() + startTimeoutNanos;
        caller = Thread.currentThread();
        long generation = gate.open();
        try {
            int handedOver = 0;
            Throwable rejection = null;
            if (executor == null) {
                wakeParked();
            } else {
                for (int w = 1; w < workers && rejection == null; w++) {
                    handedOver = w;
                    rejection = handOver(tasks[w], generation);
                }
            }
            long handedOverAt = executor == null ? 0 : System.nanoTime();
            int in = gate.checkIn(generation);
            boolean callerIn = in != StartGate.REFUSED;
            if (in == StartGate.COMPLETED) {
                wakeParked();
            }
            if (callerIn && !await(0, GATE_RESOLVED, generation, true)) {
                gate.abort(generation);
            }
            if (gate.status(generation) == StartGate.STARTED) {
                finish(generation);
            } else {
                abandon(generation, handedOver, rejection, callerIn, handedOverAt);
            }
        } finally {
            caller = null;
            this.share = null;
        }
    }

    private Throwable handOver(WorkerTask task, long generation) {
        task.prepare(generation);
        try {
            executor.execute(task);
            return null;
        } catch (Throwable t) {
            gate.abort(generation);
            return t;
        }
    }

    /** Runs the caller's share and those of tasks run on the caller, then waits for the others. */
    private void finish(long generation) {
        runShare(0);
        for (int w = 1; w < workers; w++) {
            if (adopted[w]) {
                runShare(w);
            }
        }
        await(0, ALL_LEFT, generation, false);
        Throwable first = failure.getAndSet(null);
        if (first instanceof RuntimeException e) {
            throw e;
        } else if (first instanceof Error e) {
            throw e;
        } else if (first != null) {
            throw new IllegalStateException(first);
        }
    }

    /**
     * After an abort: lets the checked-in workers leave, retires the tasks that may still run, and
     * throws the cause: a rejection; the caller itself late at the gate (a worker gave up waiting),
     * because {@code execute} was slow or the caller did not get to run; or the first worker that
     * did not check in.
     */
    private void abandon(long generation, int handedOver, Throwable rejection, boolean callerIn, long handedOverAt) {
        wakeParked();
        await(0, ALL_LEFT, generation, false);
        int missing = 0;
        for (int w = handedOver; w >= 1; w--) {
            tasks[w] = new WorkerTask(this, w);
        }
        for (int w = workers - 1; w >= 1; w--) {
            if (checkedIn[w] != generation) {
                missing = w;
            }
        }
        if (rejection != null) {
            throw StartFailures.rejected(handedOver, workers, rejection);
        }
        if (!callerIn && executor != null && handedOverAt - deadline >= 0) {
            throw StartFailures.handOverTooSlow(handedOver, workers, startTimeoutNanos);
        }
        if (!callerIn) {
            throw StartFailures.callerLate(workers, startTimeoutNanos);
        }
        throw executor == null
                ? StartFailures.threadLate(missing, workers, startTimeoutNanos)
                : StartFailures.taskLate(missing, workers, startTimeoutNanos, executor);
    }

    /**
     * Called by a task of the executor: checks in and runs the worker's share, or, on the caller
     * while it hands the task over, checks in for the worker so that the caller runs its share.
     *
     * @param worker     the task's worker
     * @param generation the run the task was handed over for
     */
    void serve(int worker, long generation) {
        if (Thread.currentThread() == caller) {
            int in = gate.checkIn(generation);
            if (in != StartGate.REFUSED) {
                adopted[worker] = true;
                checkedIn[worker] = generation;
            }
            return;
        }
        if (executorThread.get() == null) {
            executorThread.set(Boolean.TRUE);
        }
        attend(worker, generation);
    }

    /** A worker other than the caller: checks in, waits for the start, runs its share, leaves. */
    private void attend(int worker, long generation) {
        inside.incrementAndGet();
        try {
            int in = gate.checkIn(generation);
            if (in == StartGate.REFUSED) {
                return;
            }
            checkedIn[worker] = generation;
            if (in == StartGate.COMPLETED) {
                wakeParked();
            } else if (!await(worker, GATE_RESOLVED, generation, true) && gate.abort(generation)) {
                wakeParked();
            }
            if (gate.status(generation) == StartGate.STARTED) {
                runShare(worker);
            }
        } finally {
            if (inside.decrementAndGet() == 0) {
                wake(0);
            }
        }
    }

    private void runShare(int worker) {
        try {
            share.accept(worker);
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    private void loop(int worker) {
        long seen = 0;
        while (true) {
            await(worker, NEW_GENERATION, seen, false);
            if (closed) {
                return;
            }
            seen = gate.generation();
            attend(worker, seen);
        }
    }

    private boolean reached(int what, long generation) {
        return switch (what) {
            case NEW_GENERATION -> closed || gate.generation() != generation;
            case GATE_RESOLVED -> gate.status(generation) != StartGate.OPEN;
            default -> inside.get() == 0;
        };
    }

    /**
     * Spins for {@value #SPIN_NANOS} ns, then parks in {@code slot} until {@code what} is reached
     * or, if {@code timed}, the run's deadline passes; whether it was reached. An interrupt does
     * not end the wait; the interrupt status is kept.
     */
    private boolean await(int slot, int what, long generation, boolean timed) {
        long spinStart = System.nanoTime();
        boolean interrupted = false;
        try {
            while (!reached(what, generation)) {
                long now = System.nanoTime();
                long left = timed ? deadline - now : Long.MAX_VALUE;
                if (left <= 0) {
                    return false;
                }
                if (now - spinStart < SPIN_NANOS) {
                    Thread.onSpinWait();
                    continue;
                }
                interrupted |= Thread.interrupted();
                parked.set(slot, Thread.currentThread());
                if (!reached(what, generation)) {
                    if (timed) {
                        LockSupport.parkNanos(this, left);
                    } else {
                        LockSupport.park(this);
                    }
                }
                parked.set(slot, null);
            }
            return true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void wakeParked() {
        for (int slot = 0; slot < workers; slot++) {
            wake(slot);
        }
    }

    private void wake(int slot) {
        Thread thread = parked.get(slot);
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /** Stops the threads of its own and waits for them to end; an executor is left to its owner. */
    @Override
    public void close() {
        closed = true;
        for (Thread thread : threads) {
            if (thread != null) {
                LockSupport.unpark(thread);
            }
        }
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread != null) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
