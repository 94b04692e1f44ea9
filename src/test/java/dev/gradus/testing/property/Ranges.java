package dev.gradus.testing.property;

import java.util.Arrays;

/**
 * Cuts of a range of elements into consecutive ranges, for properties that step a range piece by
 * piece and compare with one call over the whole: the guarantee threads and shards rely on.
 *
 * <p>Cut points are generated as fractions in {@code [0, 1)} of the range's length rather than as
 * indices, so that they follow the range when a shrinker makes it shorter.
 */
public final class Ranges {

    private Ranges() {}

    /**
     * {@return the boundaries of the pieces of {@code [from, to)} cut at {@code fractions} of its
     * length: {@code from}, the cut points in ascending order, {@code to}} Piece {@code i} is
     * {@code [b[i], b[i + 1])}; pieces may be empty.
     *
     * <pre>{@code
     * long[] b = Ranges.boundaries(0, 10, new double[] {0.5, 0.25});   // [0, 2, 5, 10]
     * }</pre>
     *
     * @param from      the first element of the range
     * @param to        one past its last element, {@code >= from}
     * @param fractions the cut points, each in {@code [0, 1]}
     */
    public static long[] boundaries(long from, long to, double[] fractions) {
        long length = to - from;
        long[] points = new long[fractions.length + 2];
        points[0] = from;
        for (int i = 0; i < fractions.length; i++) {
            points[i + 1] = from + Math.min(length, (long) Math.floor(fractions[i] * length));
        }
        points[points.length - 1] = to;
        Arrays.sort(points, 1, points.length - 1);
        return points;
    }
}
