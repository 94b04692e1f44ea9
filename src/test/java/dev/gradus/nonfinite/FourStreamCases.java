package dev.gradus.nonfinite;

import dev.gradus.testing.property.Buffers;
import dev.gradus.testing.property.Floats;
import dev.gradus.testing.property.Gen;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Cases for the four-stream check the vector kernels run on ranges of at least {@link #MIN_FLOATS}
 * floats: they read the quarters {@code [k * q, (k + 1) * q)} of {@code [0, n)} side by side, with
 * {@code q} the quarter of {@code n} rounded down to whole vectors, and then the remainder
 * {@code [4 * q, n)}. Non-finite values are planted at the quarter boundaries, in the remainder,
 * and in pairs where the element of a later quarter is read before the first one, in an earlier
 * quarter.
 */
final class FourStreamCases {

    /** The shortest range the vector kernels check in four streams (their threshold, 1 MiB of floats). */
    static final int MIN_FLOATS = 1 << 18;

    private FourStreamCases() {
    }

    /** The quarter {@code q} of {@code n} elements, in whole vectors of {@code lanes}. */
    static int quarter(int n, int lanes) {
        return n / 4 / lanes * lanes;
    }

    /** Whether the first non-finite element is in quarter {@code k}: 0 to 3, or 4 for the remainder. */
    static Predicate<ScanCase> firstIn(int k, int lanes) {
        return c -> c.expected() >= 0 && Math.min(4, c.expected() / quarter(c.n(), lanes)) == k;
    }

    /** Whether a non-finite element of a later quarter than the first one sits earlier in its quarter, so is read first. */
    static boolean laterQuarterReadFirst(ScanCase c, int lanes) {
        int q = quarter(c.n(), lanes);
        long first = c.expected();
        return first >= 0 && first < 4L * q && Arrays.stream(c.nonFiniteIndices())
                .anyMatch(j -> j < 4 * q && j / q > first / q && j % q < first % q);
    }

    /**
     * Cases of {@code MIN_FLOATS} or twice as many floats plus up to {@code 4 * lanes + 3} (so that
     * the remainder takes every length), heap and native, offsets 0 to 3 and 7, all finite in one
     * case of eight.
     */
    static Gen<ScanCase> generator(int lanes) {
        Gen<Integer> offsets = Gen.elementOf(0, 1, 2, 3, 7);
        return random -> {
            int n = (random.nextBoolean() ? MIN_FLOATS : 2 * MIN_FLOATS) + random.nextInt(4 * lanes + 4);
            float[] values = Floats.arrayOf(n, Floats.finite()).next(random);
            plant(random, values, quarter(n, lanes));
            return new ScanCase(random.nextBoolean() ? Buffers.Kind.HEAP : Buffers.Kind.NATIVE,
                    offsets.next(random), values);
        };
    }

    private static void plant(SplittableRandom random, float[] values, int q) {
        int n = values.length;
        switch (random.nextInt(8)) {
            case 0 -> { } // all finite
            case 1, 2 -> values[random.nextInt(n)] = ScanCase.NON_FINITE.next(random);
            case 3, 4 -> values[Math.clamp(random.nextInt(5) * (long) q + random.nextInt(-1, 2), 0, n - 1)] =
                    ScanCase.NON_FINITE.next(random);
            case 5 -> values[4 * q < n ? random.nextInt(4 * q, n) : n - 1] = ScanCase.NON_FINITE.next(random);
            case 6 -> {
                int early = random.nextInt(3);
                int late = random.nextInt(early + 1, 4);
                int within = random.nextInt(1, q);
                values[early * q + within] = ScanCase.NON_FINITE.next(random);
                values[late * q + random.nextInt(within)] = ScanCase.NON_FINITE.next(random);
            }
            default -> random.ints(random.nextInt(2, 6), 0, n).forEach(i -> values[i] = ScanCase.NON_FINITE.next(random));
        }
    }
}
