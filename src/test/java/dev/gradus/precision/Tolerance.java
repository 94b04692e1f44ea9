package dev.gradus.precision;

/**
 * Bounds for statistical checks that fail falsely with a stated probability at most, from
 * Bernstein's inequality: for a sum {@code S} of {@code n} independent variables in {@code [0, 1]}
 * of variance {@code v} in total, {@code P(|S - E S| >= t) <= 2 exp(-t^2 / (2 (v + t/3)))}.
 * The checks treat the random bits of the hash as independent draws; a fixed seed makes each
 * check give the same answer on every run, so a pass is reproducible, not luck each time.
 */
final class Tolerance {

    /** The probability with which each check may fail although the bits are random. */
    static final double FALSE_FAILURE = 1e-9;

    private Tolerance() {
    }

    /**
     * The {@code t} for which Bernstein's bound is {@code probability}:
     * {@code c/3 + sqrt(c^2/9 + 2 c v)} with {@code c = ln(2 / probability)}.
     */
    static double bernstein(double variance, double probability) {
        double c = Math.log(2 / probability);
        return c / 3 + Math.sqrt(c * c / 9 + 2 * c * variance);
    }

    /** The bound on {@code |count - n p|} for the count of {@code n} draws of probability {@code p}. */
    static double ofCount(long n, double p) {
        return bernstein(n * p * (1 - p), FALSE_FAILURE);
    }
}
