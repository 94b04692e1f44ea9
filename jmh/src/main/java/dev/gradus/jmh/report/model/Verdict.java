package dev.gradus.jmh.report.model;

import dev.gradus.jmh.harness.WarmupProfiler;
import java.util.List;
import java.util.Locale;

/**
 * Whether a JMH result measured compiled, steady code, checked on its raw data. An
 * {@code AverageTime} result fails when
 *
 * <ul>
 *   <li>it is <b>allocating</b>: in some iteration the bytes allocated per operation
 *       ({@value JmhResult#ALLOCATION_METRIC}, JMH's GC profiler) exceed
 *       {@link #allocationAllowance}, {@code 64 + 1024 t} bytes where {@code t} is the fastest
 *       iteration's time per operation in milliseconds. Compiled kernels
 *       allocate nothing; the profiler counts the whole JVM, whose bookkeeping adds well under 256
 *       bytes per millisecond of operation; a Vector API kernel C2 has not compiled allocates
 *       about 100 kB per millisecond (every vector a heap object);</li>
 *   <li>it is <b>uncompiled</b>: of the benchmark threads' execution samples during the
 *       measurement ({@link JitEvidence}, at least {@value #MIN_JIT_SAMPLES}), fewer than
 *       {@value #MIN_C2_PERCENT}% ran code C2 had compiled: the rest ran C1 code or the
 *       interpreter, which a scalar loop does without allocating (not checked where the result
 *       does not record it);</li>
 *   <li>its warm-up was <b>not steady</b>: the fork's adaptive warm-up reached its longest time
 *       before the calls ran compiled and steady ({@link WarmupProfiler#STEADY} is 0; not checked
 *       where the result does not record it);</li>
 *   <li>it is <b>bimodal</b>: sorted, its iteration times split into two groups of at least
 *       {@value #MIN_GROUP} with a gap of {@value #BIMODAL_GAP}{@code x} or more between them
 *       (part of the measurement ran other code, for example before a compilation landed or
 *       while another process held the CPU);</li>
 *   <li>it is <b>warming</b>: within a fork of at least {@code 2 x }{@value #MIN_GROUP}
 *       iterations, the median of the first half is {@value #WARMING_RATIO}{@code x} or more the
 *       median of the second half (the code was still getting faster).</li>
 * </ul>
 *
 * <p>Single-shot results (cold start) measure the first calls on purpose and are not checked.
 * {@link ResultRow#verdict} adds a check against the other variants of a row ({@link Plausibility}).
 *
 * @param status the outcome
 * @param reason what failed, in words, {@code null} when nothing did
 */
public record Verdict(Status status, String reason) {

    /** Bytes per operation every result may allocate. */
    public static final double ALLOCATION_FLOOR = 64;
    /** Bytes per millisecond of operation time a result may allocate on top of the floor. */
    public static final double ALLOCATION_PER_MILLI = 1024;
    /** The ratio between two groups of iteration times that makes a result bimodal. */
    public static final double BIMODAL_GAP = 1.25;
    /** The ratio between the first and second half of a fork that makes a result still warming. */
    public static final double WARMING_RATIO = 1.25;
    /** The fewest iterations on each side of a split. */
    public static final int MIN_GROUP = 2;
    /** The share of execution samples in C2 code, in percent, under which a result is uncompiled. */
    public static final double MIN_C2_PERCENT = 90;
    /** The fewest execution samples that decide whether a result is uncompiled. */
    public static final int MIN_JIT_SAMPLES = 20;


    /** The outcome of the checks. */
    public enum Status {
        /** Passed every check. */
        VALID("valid"),
        /** Allocated more than compiled code would. */
        ALLOCATING("allocating (boxed vectors)"),
        /** Ran too little of its measurement in code C2 had compiled. */
        UNCOMPILED("not compiled by C2"),
        /** The adaptive warm-up ended at its longest time, not steady. */
        NOT_STEADY("not steady"),
        /** Iteration times in two groups. */
        BIMODAL("bimodal"),
        /** Iteration times still falling. */
        WARMING("still warming"),
        /** Far slower than another variant of its row that computes the same formula ({@link Plausibility}). */
        IMPLAUSIBLE("implausibly slow"),
        /** Not checked: a single-shot result. */
        UNCHECKED("unchecked");

        private final String words;

        Status(String words) {
            this.words = words;
        }

        /**
         * The status in words, for the notes.
         *
         * @return for example {@code "not compiled by C2"}
         */
        public String words() {
            return words;
        }
    }

    /** The verdict of a result that passed. */
    public static final Verdict VALID = new Verdict(Status.VALID, null);

    /**
     * Whether the result may be shown as a figure.
     *
     * @return {@code true} when valid or unchecked
     */
    public boolean valid() {
        return status == Status.VALID || status == Status.UNCHECKED;
    }

    /**
     * Checks a result.
     *
     * @param result the result
     * @return the first check it fails, in the order above, or {@link #VALID}
     */
    public static Verdict of(JmhResult result) {
        if (!JmhResult.AVERAGE_TIME.equals(result.mode())) {
            return new Verdict(Status.UNCHECKED, null);
        }
        Samples nanos = result.nanosSamples();
        Verdict allocation = allocation(result, nanos);
        if (allocation != null) {
            return allocation;
        }
        Verdict compiled = compiled(JitEvidence.of(result));
        if (compiled != null) {
            return compiled;
        }
        if (result.secondaryScore(WarmupProfiler.STEADY) == 0) {
            return new Verdict(Status.NOT_STEADY, String.format(Locale.ROOT,
                    "not steady after the longest warm-up (%.1f s)", result.secondaryScore(WarmupProfiler.TIME)));
        }
        Verdict bimodal = bimodal(nanos);
        if (bimodal != null) {
            return bimodal;
        }
        double scale = result.nanosPerOp().value() / result.score();
        for (List<Double> fork : result.primary().forks()) {
            Verdict warming = warming(new Samples(fork.stream().map(v -> v * scale).toList()));
            if (warming != null) {
                return warming;
            }
        }
        return VALID;
    }

    /**
     * The most a result whose fastest operation takes {@code nanos} may allocate per operation.
     *
     * @param nanos the fastest iteration's time per operation in nanoseconds
     * @return {@code ALLOCATION_FLOOR + ALLOCATION_PER_MILLI * nanos / 1e6} bytes
     */
    public static double allocationAllowance(double nanos) {
        return ALLOCATION_FLOOR + ALLOCATION_PER_MILLI * nanos / 1e6;
    }

    private static Verdict allocation(JmhResult result, Samples nanos) {
        Metric norm = result.secondary().get(JmhResult.ALLOCATION_METRIC);
        if (norm == null) {
            return null;
        }
        Samples perIteration = norm.samples();
        double worst = perIteration.count() == 0 ? norm.score() : perIteration.max();
        double fastest = nanos.count() == 0 ? result.nanosPerOp().value() : nanos.min();
        if (worst > allocationAllowance(fastest)) {
            return new Verdict(Status.ALLOCATING, "allocating " + Units.bytes(worst) + "/op, not compiled");
        }
        return null;
    }

    private static Verdict compiled(JitEvidence jit) {
        if (!jit.recorded() || jit.samples() < MIN_JIT_SAMPLES || jit.c2Percent() >= MIN_C2_PERCENT) {
            return null;
        }
        return new Verdict(Status.UNCOMPILED, "not compiled by C2: " + jit.describe());
    }

    private static Verdict bimodal(Samples nanos) {
        double[] sorted = nanos.sorted();
        int bestSplit = -1;
        double bestGap = 0;
        for (int split = MIN_GROUP; split <= sorted.length - MIN_GROUP; split++) {
            double gap = sorted[split] / sorted[split - 1];
            if (gap > bestGap) {
                bestGap = gap;
                bestSplit = split;
            }
        }
        if (bestSplit < 0 || bestGap < BIMODAL_GAP) {
            return null;
        }
        return new Verdict(Status.BIMODAL, String.format(Locale.ROOT,
                "bimodal: %d iterations at %s to %s/op, %d at %s to %s/op", bestSplit,
                Units.nanos(sorted[0]), Units.nanos(sorted[bestSplit - 1]), sorted.length - bestSplit,
                Units.nanos(sorted[bestSplit]), Units.nanos(sorted[sorted.length - 1])));
    }

    private static Verdict warming(Samples fork) {
        int n = fork.count();
        if (n < 2 * MIN_GROUP) {
            return null;
        }
        double first = new Samples(fork.values().subList(0, n / 2)).median();
        double second = new Samples(fork.values().subList(n - n / 2, n)).median();
        double ratio = first / second;
        if (ratio < WARMING_RATIO) {
            return null;
        }
        return new Verdict(Status.WARMING, String.format(Locale.ROOT,
                "still warming: the first iterations %.2fx the time of the last", ratio));
    }
}
