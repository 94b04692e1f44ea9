package dev.gradus.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The task a {@link ParallelRegion} hands to an executor for one worker, reused run after run.
 * Before each hand-over the region writes the run's generation; an execution first claims that
 * generation, so an executor that runs a task twice still gets one worker out of it. A task that
 * may still be pending after an aborted run is replaced by a fresh one, so its late execution only
 * ever sees its own, aborted generation.
 */
final class WorkerTask implements Runnable {

    private static final VarHandle CLAIMED;

    static {
        try {
            CLAIMED = MethodHandles.lookup().findVarHandle(WorkerTask.class, "claimed", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ParallelRegion region;
    private final int worker;
    private volatile long generation = -1;
    @SuppressWarnings("unused") // through CLAIMED
    private volatile long claimed = -1;

    /**
     * The task of a worker.
     *
     * @param region the region it serves
     * @param worker its worker, from 1
     */
    WorkerTask(ParallelRegion region, int worker) {
        this.region = region;
        this.worker = worker;
    }

    /**
     * Sets the run the task is about to be handed to the executor for.
     *
     * @param generation the run's generation
     */
    void prepare(long generation) {
        this.generation = generation;
    }

    @Override
    public void run() {
        long runGeneration = generation;
        long last = (long) CLAIMED.getVolatile(this);
        if (last != runGeneration && CLAIMED.compareAndSet(this, last, runGeneration)) {
            region.serve(worker, runGeneration);
        }
    }
}
