package dev.gradus.internal.warmup;

import dev.gradus.internal.KernelSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The kernels every call runs on, and how they change while the vector kernels warm up.
 *
 * <p>A fixed staging serves one implementation from the start. A warming staging starts every
 * call on the cold kernels (the chunked kernels, which give the same bits) and warms the vector
 * kernels on a daemon thread for exactly the {@link Signature}s callers use, in the order they
 * first appear: {@link WarmUpWorker} loads the vector kernels, then a {@link Warmer} runs each
 * family with the signatures seen so far until its vector kernel is compiled. Then calls of those
 * signatures switch to the vector kernels, by the publication of a new {@link StagedKernels}.
 * A signature first seen after its family switched sends the whole family back to the cold
 * kernels until it is warmed with the new signature too (warming it would otherwise recompile
 * the code the switched calls run). A family that does not get compiled, or whose compiled kernel
 * is not faster than the cold one, stays on the cold kernels for good.
 *
 * <p>{@link #current()} is one volatile read. Every other method synchronizes on this object.
 */
public final class Staging {

    /** Loads the vector kernels, on the warm-up thread. */
    public interface VectorSource {
        /**
         * The vector kernels.
         *
         * @return the vector kernels
         * @throws UnsupportedOperationException saying why they cannot serve
         */
        KernelSet load();
    }

    /** A family and the signatures to warm it with. */
    record Task(KernelFamily family, long signatures) {
    }

    private static final int FAMILIES = KernelFamily.values().length;

    private final KernelSet cold;
    private final VectorSource source;
    private final Warmer.Factory warmers;
    private volatile KernelSet current;
    private KernelSet vector;
    private String unavailable;
    private final long[] seen = new long[FAMILIES];
    private final long[] warm = new long[FAMILIES];
    private final long[] warming = new long[FAMILIES];
    private final long[] direct = new long[FAMILIES];
    private long failed;
    private final KernelFamily[] queue = new KernelFamily[FAMILIES];
    private int queued;
    private boolean working;
    /** Whether a custom rule's call has asked for the vector kernels: later calls skip the lock. */
    private volatile boolean customRulesSeen;

    private Staging(KernelSet cold, VectorSource source, Warmer.Factory warmers) {
        this.cold = cold;
        this.source = source;
        this.warmers = warmers;
    }

    /**
     * A staging that serves {@code kernels} for good.
     *
     * @param kernels the kernels of every call
     * @return the staging
     */
    public static Staging fixed(KernelSet kernels) {
        Staging staging = new Staging(kernels, null, null);
        staging.current = kernels;
        return staging;
    }

    /**
     * A staging that serves {@code cold} until the vector kernels from {@code source} are
     * compiled for the calls' signatures.
     *
     * @param cold   the kernels of the first calls
     * @param source loads the vector kernels; called once, on the warm-up thread
     * @return the staging
     */
    public static Staging warming(KernelSet cold, VectorSource source) {
        return warming(cold, source, new FamilyWarmUp.Factory());
    }

    /** {@link #warming(KernelSet, VectorSource)} with the warmers of {@code warmers}, for tests. */
    static Staging warming(KernelSet cold, VectorSource source, Warmer.Factory warmers) {
        Staging staging = new Staging(cold, source, warmers);
        synchronized (staging) {
            staging.publish();
        }
        return staging;
    }

    /** The kernels of the next call. */
    public KernelSet current() {
        return current;
    }

    /**
     * Records a signature seen for the first time and has it warmed.
     *
     * @param family    its family
     * @param signature the {@link Signature}
     */
    synchronized void see(KernelFamily family, int signature) {
        int f = family.ordinal();
        long bit = Signature.bit(signature);
        if ((seen[f] & bit) != 0) {
            return;
        }
        seen[f] |= bit;
        if (unavailable == null && (failed & family.bit()) == 0) {
            warm[f] = 0;
            enqueue(family);
        }
        publish();
    }

    private void enqueue(KernelFamily family) {
        for (int i = 0; i < queued; i++) {
            if (queue[i] == family) {
                return;
            }
        }
        queue[queued++] = family;
        startWorker();
    }

    private void startWorker() {
        if (!working) {
            working = true;
            WarmUpWorker.start(this);
        }
    }

    /**
     * Waits until every signature seen so far is settled: warmed, or of a family kept on the cold
     * kernels for good.
     *
     * @param timeout how long to wait at most
     * @return whether everything seen is settled
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitSettled(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!settled()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }

    private boolean settled() {
        if (source == null || unavailable != null) {
            return true;
        }
        for (KernelFamily family : KernelFamily.values()) {
            int f = family.ordinal();
            if ((failed & family.bit()) == 0 && (seen[f] & ~(warm[f] | direct[f])) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The signatures of {@code family} whose calls run on the vector kernels now.
     *
     * @param family a family
     * @return the set of signatures, one bit each
     */
    public synchronized long warmSignatures(KernelFamily family) {
        return warm[family.ordinal()];
    }

    /**
     * The signatures of {@code family} seen so far.
     *
     * @param family a family
     * @return the set of signatures, one bit each
     */
    synchronized long seenSignatures(KernelFamily family) {
        return seen[family.ordinal()];
    }

    /**
     * The name of the vector kernels this staging warms, waiting for them to be loaded; or
     * {@code null} if it warms none or they cannot serve.
     *
     * @param timeout how long to wait at most for the load
     * @return the name, such as {@code "vector-512"}, or {@code null}
     * @throws InterruptedException if interrupted while waiting
     */
    public String awaitVectorName(Duration timeout) throws InterruptedException {
        if (source == null) {
            return null;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            if (vector == null && unavailable == null) {
                startWorker();
            }
            while (vector == null && unavailable == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return vector == null ? null : vector.name();
        }
    }

    /** Why the vector kernels cannot serve, once the warm-up found out; otherwise {@code null}. */
    public synchronized String unavailableReason() {
        return unavailable;
    }

    /** Makes the warmer of the worker. */
    Warmer.Factory warmers() {
        return warmers;
    }

    /** The kernels callers use until their signature is warmed. */
    KernelSet cold() {
        return cold;
    }

    /** A routing of every call to {@code vector}, which reports nothing. */
    KernelSet routingTo(KernelSet vector) {
        long[] all = new long[FAMILIES];
        Arrays.fill(all, -1L);
        return new StagedKernels(this, vector.name(), cold, vector, all, all, 0);
    }

    /**
     * The vector kernels, loaded through the source on the first call; on failure every call
     * stays on the cold kernels.
     *
     * @throws UnsupportedOperationException saying why the vector kernels cannot serve
     */
    KernelSet loadVector() {
        synchronized (this) {
            if (vector != null) {
                return vector;
            }
        }
        try {
            KernelSet loaded = source.load();
            synchronized (this) {
                vector = loaded;
                publish();
            }
            return loaded;
        } catch (UnsupportedOperationException e) {
            synchronized (this) {
                unavailable = e.getMessage();
                queued = 0;
                working = false;
                publish();
            }
            throw e;
        }
    }

    /** The next family to warm with the signatures seen so far, or {@code null} (and the worker ends). */
    /**
     * Sends the calls of a signature to the vector kernels from now on, without warming it: its
     * first call spans a long range, which gets its loop compiled while it runs. The warm-up
     * leaves such a signature alone, since warming the same loop on short ranges meanwhile made
     * C2 recompile it over and over (a cold run of Adam on 1M floats took 20 s instead of 2).
     * Loads the vector kernels on the caller's thread if the warm-up thread has not yet.
     *
     * @param family    the call's family
     * @param signature its {@link Signature}
     * @return the vector kernels, or the cold kernels if the vector kernels cannot serve
     */
    KernelSet direct(KernelFamily family, int signature) {
        KernelSet loaded;
        try {
            loaded = loadVector();
        } catch (UnsupportedOperationException e) {
            return cold;
        }
        synchronized (this) {
            int f = family.ordinal();
            long bit = Signature.bit(signature);
            if ((direct[f] & bit) == 0) {
                seen[f] |= bit;
                direct[f] |= bit;
                publish();
            }
        }
        return loaded;
    }

    /**
     * Has the vector kernels loaded for a rule defined outside Gradus, whose calls run its own vector
     * kernel from then on: starts the warm-up thread if nothing has started it yet.
     */
    void loadForCustomRules() {
        if (customRulesSeen) {
            return;
        }
        synchronized (this) {
            customRulesSeen = true;
            if (vector == null && unavailable == null && source != null) {
                startWorker();
            }
        }
    }

    synchronized Task next() {
        while (queued > 0) {
            KernelFamily family = queue[0];
            System.arraycopy(queue, 1, queue, 0, --queued);
            int f = family.ordinal();
            long signatures = seen[f] & ~direct[f];
            if (signatures != 0) {
                warming[f] = signatures;
                publish();
                return new Task(family, signatures);
            }
        }
        working = false;
        return null;
    }

    /**
     * Records how the warm-up of {@code task} ended. If signatures of the family appeared
     * meanwhile, the family is warmed again with them before it switches.
     *
     * @param task     the family and the signatures it was warmed with
     * @param outcome  how it ended
     */
    synchronized void settle(Task task, Warmer.Outcome outcome) {
        int f = task.family().ordinal();
        warming[f] = 0;
        if (outcome != Warmer.Outcome.COMPILED) {
            failed |= task.family().bit();
        } else if ((seen[f] & ~direct[f] & ~task.signatures()) == 0) {
            warm[f] = seen[f] & ~direct[f];
        } else {
            enqueue(task.family());
        }
        publish();
    }

    /** After a failure of the warm-up: every call stays on the cold kernels; the worker ends. */
    synchronized void stop(Throwable cause) {
        unavailable = String.valueOf(cause);
        queued = 0;
        working = false;
        publish();
    }

    private void publish() {
        if (unavailable != null) {
            current = cold;
        } else {
            current = new StagedKernels(this, describe(), cold, vector, seen.clone(), onVector(), failed);
        }
        notifyAll();
    }

    /**
     * What {@code Kernels.implementation()} reports, for example
     * {@code "chunked, vector-512 for adam (warming up vector-512 for rmsProp)"}. Built without
     * {@code +} on strings, whose first use links a bootstrap method that costs milliseconds on
     * the caller's first call.
     */
    /** The signatures of each family whose calls run on the vector kernels: warmed, or direct. */
    private long[] onVector() {
        long[] on = new long[FAMILIES];
        for (int f = 0; f < FAMILIES; f++) {
            on[f] = warm[f] | direct[f];
        }
        return on;
    }

    private String describe() {
        String target = vector == null ? "the vector kernels" : vector.name();
        long switched = 0;
        long pending = 0;
        for (KernelFamily family : KernelFamily.values()) {
            int f = family.ordinal();
            switched |= (warm[f] | direct[f]) != 0 ? family.bit() : 0;
            pending |= (failed & family.bit()) == 0 && (seen[f] & ~(warm[f] | direct[f])) != 0 ? family.bit() : 0;
        }
        StringBuilder text = new StringBuilder(cold.name());
        if (switched != 0) {
            text.append(", ").append(target).append(" for ").append(KernelFamily.names(switched));
        }
        if (pending != 0) {
            text.append(" (warming up ").append(target).append(" for ").append(KernelFamily.names(pending)).append(')');
        }
        return text.toString();
    }
}
