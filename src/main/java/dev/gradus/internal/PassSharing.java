package dev.gradus.internal;

/**
 * Whether a pass of an optimizer (a step or a zeroing) runs on all its workers or on the calling
 * thread alone. A fixed threshold is used as it is; the adaptive rule shares a pass of at least
 * {@code awakeThreshold} elements while the workers still spin from the previous pass (it ended
 * less than {@link ParallelRegion#SPIN_NANOS} before), and one of at least
 * {@code parkedThreshold} elements always, since waking parked threads costs tens to hundreds of
 * microseconds on a virtual machine (docs/decisions/0012).
 *
 * @param fixedThreshold  the threshold the user set, or {@link #ADAPTIVE}
 * @param awakeThreshold  the adaptive rule's threshold while the workers are awake
 * @param parkedThreshold the adaptive rule's threshold once they have parked
 */
public record PassSharing(long fixedThreshold, long awakeThreshold, long parkedThreshold) {

    /** The {@code fixedThreshold} of the adaptive rule. */
    public static final long ADAPTIVE = -1;

    /**
     * Decides one pass.
     *
     * @param workers            the optimizer's workers, the calling thread included
     * @param elements           the elements the pass covers
     * @param nanosSinceLastPass how long ago the previous pass ended
     * @return true to share the pass among all workers
     */
    public boolean shared(int workers, long elements, long nanosSinceLastPass) {
        if (workers == 1) {
            return false;
        }
        if (fixedThreshold != ADAPTIVE) {
            return elements >= fixedThreshold;
        }
        boolean awake = nanosSinceLastPass < ParallelRegion.SPIN_NANOS;
        return elements >= parkedThreshold || (awake && elements >= awakeThreshold);
    }
}
