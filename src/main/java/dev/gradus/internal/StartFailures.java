package dev.gradus.internal;

import dev.gradus.StepAbortedException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;

/** The exceptions of a {@link ParallelRegion} whose workers could not all start, each naming the worker and the cause. */
final class StartFailures {

    private static final String UNCHANGED = "; nothing was modified";

    private StartFailures() {
    }

    /**
     * The caller is a thread that ran a task of the region's executor before.
     *
     * @param caller the calling thread
     * @return the exception
     */
    static StepAbortedException reentrant(Thread caller) {
        return new StepAbortedException("step() called on " + caller.getName() + ", a thread that ran a task of the "
                + "optimizer's executor: the step would wait for tasks that may be queued behind the one calling it; "
                + "call step() from a thread outside the executor" + UNCHANGED, null);
    }

    /**
     * {@code execute} threw.
     *
     * @param worker  the worker whose task it was handed
     * @param workers the region's workers
     * @param thrown  what it threw
     * @return the exception, with {@code thrown} as its cause
     */
    static StepAbortedException rejected(int worker, int workers, Throwable thrown) {
        String what = thrown instanceof RejectedExecutionException
                ? "the executor rejected the task of " + worker(worker, workers) + " (" + thrown + ")"
                : "the executor threw " + thrown + " when handed the task of " + worker(worker, workers);
        return new StepAbortedException(what + UNCHANGED, thrown);
    }

    /**
     * {@code execute} did not return within the timeout.
     *
     * @param worker       the last worker whose task it was handed
     * @param workers      the region's workers
     * @param timeoutNanos the start timeout
     * @return the exception
     */
    static StepAbortedException handOverTooSlow(int worker, int workers, long timeoutNanos) {
        String tasks = worker == 1 ? "the task of " + worker(1, workers)
                : "the tasks of workers 1 to " + worker + " (of " + workers + " workers, the calling thread being worker 0)";
        return new StepAbortedException("the executor's execute() did not return within " + duration(timeoutNanos)
                + " when handed " + tasks + ": an executor must not wait for the tasks it is handed" + UNCHANGED, null);
    }

    /**
     * The calling thread itself did not check in within the timeout, though its hand-over was done.
     *
     * @param workers      the region's workers
     * @param timeoutNanos the start timeout
     * @return the exception
     */
    static StepAbortedException callerLate(int workers, long timeoutNanos) {
        return new StepAbortedException("the calling thread, worker 0 of " + workers + ", did not start within "
                + duration(timeoutNanos) + " (an overloaded machine or a suspended thread?)" + UNCHANGED, null);
    }

    /**
     * A thread of the region's own did not check in within the timeout.
     *
     * @param worker       its worker
     * @param workers      the region's workers
     * @param timeoutNanos the start timeout
     * @return the exception
     */
    static StepAbortedException threadLate(int worker, int workers, long timeoutNanos) {
        return new StepAbortedException("the optimizer's thread of " + worker(worker, workers) + " did not start within "
                + duration(timeoutNanos) + " (an overloaded machine or a suspended thread?)" + UNCHANGED, null);
    }

    /**
     * A task of the executor did not check in within the timeout.
     *
     * @param worker       its worker
     * @param workers      the region's workers
     * @param timeoutNanos the start timeout
     * @param executor     the executor, named when it can never run the region's tasks at once
     * @return the exception
     */
    static StepAbortedException taskLate(int worker, int workers, long timeoutNanos, Executor executor) {
        return new StepAbortedException("the task of " + worker(worker, workers) + " did not start within "
                + duration(timeoutNanos) + ": the executor dropped it, or has no free thread" + capacity(executor, workers)
                + ", or step() was called from one of its tasks" + UNCHANGED, null);
    }

    private static String worker(int worker, int workers) {
        return "worker " + worker + " (of " + workers + " workers, the calling thread being worker 0)";
    }

    /** Why a pool can never start the tasks of a region at once, or nothing. */
    private static String capacity(Executor executor, int workers) {
        int threads = switch (executor) {
            case ThreadPoolExecutor pool -> pool.getMaximumPoolSize();
            case ForkJoinPool pool -> pool.getParallelism();
            default -> Integer.MAX_VALUE;
        };
        return threads >= workers - 1 ? ""
                : " (it runs at most " + threads + (threads == 1 ? " task" : " tasks") + " at once, but a step needs "
                        + (workers - 1) + ")";
    }

    /**
     * A duration in the largest unit that shows it exactly.
     *
     * @param nanos the duration in nanoseconds
     * @return for example {@code 10 s} or {@code 250 ms}
     */
    static String duration(long nanos) {
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + " s";
        } else if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + " ms";
        } else if (nanos % 1_000L == 0) {
            return nanos / 1_000L + " us";
        }
        return nanos + " ns";
    }
}
