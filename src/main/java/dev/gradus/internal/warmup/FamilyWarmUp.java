package dev.gradus.internal.warmup;

import dev.gradus.internal.KernelSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Warms one family's vector kernel with the calls of given {@link Signature}s until it runs
 * compiled, and decides whether those calls switch to it.
 *
 * <p>Rounds: every {@link WarmUpCases case} once, on the {@link WarmUpBuffers} restored before
 * each round (so repeated steps never drift), the range rotating from round to round (with and
 * without a tail, an offset start, a range shorter than a vector). Half the rounds go through a
 * routing that sends every call to the vector kernels, so that the call sites of the routing have
 * seen the vector kernels before any caller is switched to them. The signatures are compiled when:
 * <ol>
 *   <li>{@value #QUIET_ROUNDS} rounds in a row allocate nothing on this thread (interpreted or
 *       C1-compiled Vector API code allocates every vector);</li>
 *   <li>then every case, called once from a method that is itself not compiled by C2 (so that the
 *       call runs the kernel's own compiled code, as a caller's would), allocates nothing on
 *       {@value WarmUpBuffers#CAPACITY} floats;</li>
 *   <li>and the vector kernel, best of {@value #TIMED_CALLS} calls, runs the first case on
 *       {@value WarmUpBuffers#CAPACITY} floats no slower than the cold kernels.</li>
 * </ol>
 * Where the JVM cannot count allocated bytes, the timing alone decides. A compiled vector kernel
 * that is slower than the cold one {@value #SLOWER_VERDICTS} times in a row is not used.
 *
 * <p>Pace: rounds run back to back for {@value #PATIENT_SECONDS} s (the JIT compiles a method
 * once it has been called often enough, so pauses would only delay it); after that each round is
 * followed by a pause as long as the round times the seconds elapsed over
 * {@value #PATIENT_SECONDS} (at most {@value #LONGEST_PAUSE_MILLIS} ms), so the warm-up of a
 * kernel the JIT is slow to compile, or keeps recompiling, takes half a core after 10 s and a
 * tenth after 50 s. It gives up after {@value #GIVE_UP_SECONDS} s, and the family stays on the
 * cold kernels.
 */
final class FamilyWarmUp implements Warmer {

    static final int QUIET_ROUNDS = 3;
    static final int TIMED_CALLS = 5;
    static final int SLOWER_VERDICTS = 3;
    static final long PATIENT_SECONDS = 5;
    static final long LONGEST_PAUSE_MILLIS = 1000;
    static final long GIVE_UP_SECONDS = 600;
    /** Calls from the cold site stop well before C2's invocation threshold (5000 by default). */
    private static final int COLD_SITE_CALL_LIMIT = 2000;

    private static final WarmUpCase.Shape[] SHAPES = {
        new WarmUpCase.Shape(0, 4096, false),
        new WarmUpCase.Shape(3, 4091, true),
        new WarmUpCase.Shape(0, 4096, true),
        new WarmUpCase.Shape(1, 6, false),
        new WarmUpCase.Shape(0, 4096, false),
        new WarmUpCase.Shape(1, 6, true),
    };
    private static final WarmUpCase.Shape[] LONG = {
        new WarmUpCase.Shape(0, WarmUpBuffers.CAPACITY, false),
        new WarmUpCase.Shape(0, WarmUpBuffers.CAPACITY, true),
    };

    private static int coldSiteCalls;

    private final KernelSet vector;
    private final KernelSet routed;
    private final KernelSet cold;
    private final AllocationMeter meter;
    private final WarmUpBuffers buffers;
    private long sink;

    private FamilyWarmUp(KernelSet vector, KernelSet routed, KernelSet cold) {
        this.vector = vector;
        this.routed = routed;
        this.cold = cold;
        this.meter = AllocationMeter.create();
        this.buffers = new WarmUpBuffers();
    }

    /** Makes the warmer of the real warm-up. */
    static final class Factory implements Warmer.Factory {

        private boolean linked;

        /**
         * Steps one case of every family once on the cold kernels (on the first call only), so
         * that the classes, bootstrap methods and JDK paths of every entry point are linked before,
         * or while, a caller needs them.
         */
        @Override
        public synchronized void linkColdPath(KernelSet cold) {
            if (linked) {
                return;
            }
            linked = true;
            WarmUpCase.Shape shape = new WarmUpCase.Shape(0, 3, false);
            try (WarmUpBuffers buffers = new WarmUpBuffers()) {
                for (KernelFamily family : KernelFamily.values()) {
                    WarmUpCases.of(family, 0).getFirst().run(cold, buffers, shape, 1);
                }
            }
        }

        @Override
        public Warmer open(KernelSet vector, KernelSet routing, KernelSet cold) {
            return new FamilyWarmUp(vector, routing, cold);
        }
    }

    @Override
    public Outcome warm(KernelFamily family, long signatures) throws InterruptedException {
        List<WarmUpCase> cases = WarmUpCases.of(family, signatures);
        long start = System.nanoTime();
        int quiet = 0;
        int slower = 0;
        for (long round = 0; ; round++) {
            long roundStart = System.nanoTime();
            buffers.reset();
            long before = allocated();
            KernelSet kernels = (round & 1) == 0 ? vector : routed;
            for (int i = 0; i < cases.size(); i++) {
                sink += cases.get(i).run(kernels, buffers, SHAPES[(int) ((i + round) % SHAPES.length)], 1 + round % 4);
            }
            long bytes = allocated() - before;
            long number = round;
            WarmUpLog.trace(() -> family.method() + " round " + number + ": " + bytes + " bytes");
            quiet = bytes == 0 ? quiet + 1 : 0;
            if (quiet >= QUIET_ROUNDS) {
                quiet = 0;
                if (coldSiteCallsAllocateNothing(cases)) {
                    long vectorNanos = bestNanos(cases.getFirst(), vector);
                    long coldNanos = bestNanos(cases.getFirst(), cold);
                    WarmUpLog.trace(() -> family.method() + ": vector " + vectorNanos + " ns, cold " + coldNanos + " ns");
                    if (vectorNanos <= coldNanos) {
                        return Outcome.COMPILED;
                    }
                    if (meter != null && ++slower >= SLOWER_VERDICTS) {
                        return Outcome.NOT_FASTER;
                    }
                } else {
                    slower = 0;
                }
            }
            long elapsed = System.nanoTime() - start;
            if (elapsed > TimeUnit.SECONDS.toNanos(GIVE_UP_SECONDS)) {
                return Outcome.GAVE_UP;
            }
            if (elapsed > TimeUnit.SECONDS.toNanos(PATIENT_SECONDS)) {
                double pauseNanos = (System.nanoTime() - roundStart) * (elapsed / (double) TimeUnit.SECONDS.toNanos(PATIENT_SECONDS));
                TimeUnit.NANOSECONDS.sleep((long) Math.min(pauseNanos, TimeUnit.MILLISECONDS.toNanos(LONGEST_PAUSE_MILLIS)));
            }
        }
    }

    private long allocated() {
        return meter == null ? 0 : meter.bytes();
    }

    /** Step 2: each case once from the cold site, on {@value WarmUpBuffers#CAPACITY} floats. */
    private boolean coldSiteCallsAllocateNothing(List<WarmUpCase> cases) {
        if (meter == null || coldSiteCalls > COLD_SITE_CALL_LIMIT) {
            return true;
        }
        buffers.reset();
        for (int i = 0; i < cases.size(); i++) {
            coldSiteCalls++;
            long before = meter.bytes();
            sink += WarmUpCase.callFromColdSite(cases.get(i), routed, buffers, LONG[i % 2], 2);
            long bytes = meter.bytes() - before;
            if (bytes != 0) {
                WarmUpCase c = cases.get(i);
                WarmUpLog.trace(() -> c + " from the cold site: " + bytes + " bytes");
                return false;
            }
        }
        return true;
    }

    private long bestNanos(WarmUpCase c, KernelSet kernels) {
        long best = Long.MAX_VALUE;
        for (int k = 0; k < TIMED_CALLS; k++) {
            buffers.reset();
            long start = System.nanoTime();
            sink += c.run(kernels, buffers, LONG[k % 2], 2);
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }

    /** Results of the scans, kept so that no compiler drops them. */
    long sink() {
        return sink;
    }

    @Override
    public void close() {
        buffers.close();
    }
}
