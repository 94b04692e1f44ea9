package dev.gradus.nonfinite;

/**
 * A scan case and the ends of its range as fractions of {@code n}, so that they follow a
 * shrinking {@code n}.
 *
 * @param scan  the values scanned
 * @param start one end of the range, a fraction of {@code n}
 * @param end   the other end
 */
record RangeCase(ScanCase scan, double start, double end) {

    /** The first element of the range. */
    long from() {
        return (long) Math.floor(Math.min(start, end) * scan.n());
    }

    /** One past the last element of the range. */
    long to() {
        return (long) Math.floor(Math.max(start, end) * scan.n());
    }

    /** The same ends over {@code other} values. */
    RangeCase over(ScanCase other) {
        return new RangeCase(other, start, end);
    }

    @Override
    public String toString() {
        return "[" + from() + ", " + to() + ") of " + scan;
    }
}
