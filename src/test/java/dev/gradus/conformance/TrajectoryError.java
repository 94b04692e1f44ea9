package dev.gradus.conformance;

import java.util.List;

/**
 * The largest relative difference between two trajectories of the same inputs, over every step
 * and element, and where it occurred.
 *
 * <p>The difference at step {@code t} of element {@code i} is measured in units of
 * {@code |expected| + path}, where {@code path} is the distance the expected element has travelled
 * up to step {@code t} (the sum of the magnitudes of its steps). That sum bounds every magnitude
 * the element has had along the way ({@code |w_s| <= |w_t| + path} for {@code s <= t}), so it is
 * the scale of every rounding error made so far: a float error of relative size {@code u} in any
 * earlier parameter or update stays within {@code u * (|expected| + path)}. Dividing by
 * {@code |expected|} alone would fail wherever a trajectory passes near zero; dividing by the
 * path alone would fail on elements that barely move.
 *
 * @param relative the largest {@code |actual - expected| / (|expected| + path)}
 * @param step     the step where it occurred (from 1)
 * @param element  the element where it occurred
 * @param actual   the actual parameter there
 * @param expected the expected parameter there
 * @param path     the distance the expected element had travelled by then
 */
record TrajectoryError(double relative, int step, int element, double actual, double expected, double path) {

    /** Measures {@code actual} against {@code expected}, both started from {@code initial}. */
    static TrajectoryError measure(float[] initial, List<double[]> expected, List<double[]> actual) {
        TrajectoryError worst = new TrajectoryError(0, 0, 0, 0, 0, 0);
        for (int i = 0; i < initial.length; i++) {
            double previous = initial[i];
            double path = 0;
            for (int t = 0; t < expected.size(); t++) {
                double e = expected.get(t)[i];
                double a = actual.get(t)[i];
                path += Math.abs(e - previous);
                previous = e;
                double relative = Math.abs(a - e) / (Math.abs(e) + path);
                if (!(relative <= worst.relative())) {
                    worst = new TrajectoryError(relative, t + 1, i, a, e, path);
                }
            }
        }
        return worst;
    }

    /** Throws an {@link AssertionError} describing the worst difference if it exceeds {@code tolerance}. */
    void assertWithin(String label, double tolerance) {
        if (!(relative <= tolerance)) {
            throw new AssertionError(label + ": " + this + " exceeds the tolerance " + tolerance);
        }
    }

    @Override
    public String toString() {
        return String.format("relative error %.3g at step %d, element %d: %s vs expected %s (path %.6g)",
                relative, step, element, (float) actual, expected, path);
    }
}
