package dev.gradus.internal;

import dev.gradus.internal.precision.StoredReductions;

/**
 * The search for a NaN or an infinity in a step's gradients, shared among the step's workers:
 * each searches its pieces of the work plan in order and keeps the first it finds, and the first
 * over all workers is the first in parameter and index order, the element a search on one thread
 * finds. Per-worker slots are made with the check, so a step allocates nothing.
 */
public final class FiniteCheck {

    private final int[] parameter;
    private final long[] index;

    /**
     * A check for up to {@code workers} workers.
     *
     * @param workers the workers of a parallel pass
     */
    public FiniteCheck(int workers) {
        parameter = new int[workers];
        index = new long[workers];
    }

    /**
     * Worker {@code worker}'s share: its pieces of {@code plan}, searched in order.
     *
     * @param kernels the kernels of the step
     * @param roster  the parameters of the step
     * @param plan    the step's work plan
     * @param worker  the worker
     */
    public void share(KernelSet kernels, Roster roster, WorkPlan plan, int worker) {
        parameter[worker] = -1;
        for (int k = 0; k < plan.pieces(worker); k++) {
            int p = plan.parameter(worker, k);
            RegisteredParameter searched = roster.parameter(p);
            long bad = StoredReductions.firstNonFinite(kernels, searched.storage().gradient(), searched.gradient(),
                    plan.from(worker, k), plan.to(worker, k));
            if (bad >= 0) {
                parameter[worker] = p;
                index[worker] = bad;
                return;
            }
        }
    }

    /**
     * The worker whose find comes first after a pass of {@code workers} workers.
     *
     * @param workers the workers of the pass
     * @return the worker, or -1 if every gradient is finite
     */
    public int first(int workers) {
        int first = -1;
        for (int w = 0; w < workers; w++) {
            if (parameter[w] >= 0 && (first < 0 || parameter[w] < parameter[first]
                    || parameter[w] == parameter[first] && index[w] < index[first])) {
                first = w;
            }
        }
        return first;
    }

    /**
     * The parameter of worker {@code w}'s find.
     *
     * @param w a worker that found one ({@link #first})
     * @return the parameter's index in the roster
     */
    public int parameter(int w) {
        return parameter[w];
    }

    /**
     * The element of worker {@code w}'s find.
     *
     * @param w a worker that found one ({@link #first})
     * @return the element's index in the gradient
     */
    public long index(int w) {
        return index[w];
    }
}
