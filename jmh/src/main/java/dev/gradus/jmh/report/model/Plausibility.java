package dev.gradus.jmh.report.model;

import java.util.Locale;
import java.util.Map;

/**
 * The second line of defence against an uncompiled measurement, for results without
 * {@link JitEvidence} (measured before the JIT profiler, or without a flight recorder) and for what
 * the evidence could miss: a variant that computes the rule's formula ({@link Variant#computesRule})
 * and takes more than {@value #MAX_SLOWDOWN} times the time of the fastest other such variant of
 * its row (same rule, {@code n} and threads, its own checks passed) is implausibly slow. The widest
 * vectors hold 16 floats (512 bits), so compiled scalar code of the same formula is at most about
 * 16 times slower than vector code (16x at most in the report of {@code docs/performance.md}); the
 * floor allows 4 times that. Interpreted code is slower still by another factor of 20 or more, and
 * lands far above it; C1 code (2 to 10 times slower than C2's) may not, which is why the
 * evidence of the JIT profiler comes first.
 */
public final class Plausibility {

    /** How many times the fastest sibling's time a variant may take. */
    public static final double MAX_SLOWDOWN = 64;

    private Plausibility() {
    }

    /**
     * Checks a variant of a row against its siblings.
     *
     * @param variant the variant, whose own {@link Verdict} passed
     * @param results the row's results by variant
     * @return an {@link Verdict.Status#IMPLAUSIBLE} verdict, or {@link Verdict#VALID}
     */
    public static Verdict check(Variant variant, Map<Variant, JmhResult> results) {
        JmhResult own = results.get(variant);
        if (!variant.computesRule() || own == null) {
            return Verdict.VALID;
        }
        Variant fastest = null;
        double fastestNanos = Double.POSITIVE_INFINITY;
        for (Map.Entry<Variant, JmhResult> sibling : results.entrySet()) {
            double nanos = sibling.getValue().nanosPerOp().value();
            if (sibling.getKey() != variant && sibling.getKey().computesRule() && nanos < fastestNanos
                    && Verdict.of(sibling.getValue()).valid()) {
                fastest = sibling.getKey();
                fastestNanos = nanos;
            }
        }
        double slowdown = own.nanosPerOp().value() / fastestNanos;
        if (fastest == null || !(slowdown > MAX_SLOWDOWN)) {
            return Verdict.VALID;
        }
        return new Verdict(Verdict.Status.IMPLAUSIBLE, String.format(Locale.ROOT,
                "implausibly slow: %.0fx the time of %s, which computes the same formula (more than %.0fx: "
                        + "not compiled?)", slowdown, fastest.method(), MAX_SLOWDOWN));
    }
}
