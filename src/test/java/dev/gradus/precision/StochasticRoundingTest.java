package dev.gradus.precision;

import dev.gradus.internal.precision.Bf16;
import dev.gradus.internal.precision.Fp16;
import dev.gradus.internal.precision.RoundingBits;
import dev.gradus.internal.precision.ScalarConversions;
import dev.gradus.internal.vector.VectorConversions;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Stochastic rounding returns one of the two neighbours of every float (the float itself if the
 * format holds it, the nearest-even result in the overflow band and for NaN and infinities), and
 * is unbiased: over many draws the mean of the rounded values is the float, within a bound that
 * random bits exceed with probability at most {@value Tolerance#FALSE_FAILURE} per value
 * ({@link Tolerance}). The draws are seeded, so the run is reproducible. Tagged
 * {@code exhaustive}: it runs in the default Surefire execution only, with the vector module.
 */
@Tag("exhaustive")
class StochasticRoundingTest {

    /** Every {@value}-th float bit pattern is checked, then whole ranges around the edges. */
    private static final int STRIDE = 97;
    private static final int CHUNK = 1 << 16;
    private static final long KEY = RoundingBits.key(20260512L, 7, 3);
    /** Ranges of {@value #CHUNK} patterns starting at each of these, both signs: the edges of the formats. */
    private static final int[] EDGES = {0, 0x007f8000, 0x337f8000, 0x33800000, 0x387f8000, 0x38800000, 0x3f800000,
        0x477f0000, 0x477ff000 - CHUNK / 2, 0x47800000 - CHUNK / 2, 0x7f7f0000, 0x7f7f8000 - CHUNK / 2,
        0x7f800000 - CHUNK / 2, 0x7f800000, 0x7fc00000 - CHUNK / 2, 0x7fff0000};
    /** Draws per value of the unbiasedness checks. */
    private static final int DRAWS = 1 << 22;

    @Test
    void everySampledFloatRoundsToOneOfItsTwoNeighbours() {
        long sampled = (1L << 32) / STRIDE;
        LongStream.range(0, (sampled + CHUNK - 1) / CHUNK).parallel().forEach(chunk -> {
            Neighbours check = Neighbours.local();
            for (int i = 0; i < CHUNK; i++) {
                check.values[i] = Float.intBitsToFloat((int) ((chunk * CHUNK + i) * STRIDE));
            }
            check.run();
        });
        IntStream.range(0, 2 * EDGES.length).parallel().forEach(e -> {
            Neighbours check = Neighbours.local();
            int first = EDGES[e / 2] | (e % 2 == 0 ? 0 : 0x80000000);
            for (int i = 0; i < CHUNK; i++) {
                check.values[i] = Float.intBitsToFloat(first + i);
            }
            check.run();
        });
    }

    /** A thread's buffers: floats, and their nearest-even and stochastic (scalar and vector) results. */
    private static final class Neighbours {

        private static final ThreadLocal<Neighbours> LOCAL = ThreadLocal.withInitial(Neighbours::new);

        final float[] values = new float[CHUNK];
        final short[] nearest = new short[CHUNK];
        final short[] scalar = new short[CHUNK];
        final short[] vector = new short[CHUNK];

        static Neighbours local() {
            return LOCAL.get();
        }

        void run() {
            MemorySegment in = MemorySegment.ofArray(values);
            for (StorageType type : new StorageType[] {StorageType.BFLOAT16, StorageType.FLOAT16}) {
                long origin = Float.floatToRawIntBits(values[0]) & 0xffffffffL;
                ScalarConversions.INSTANCE.narrow(type, Rounding.NEAREST_EVEN, in, MemorySegment.ofArray(nearest),
                        0, CHUNK, KEY, origin);
                ScalarConversions.INSTANCE.narrow(type, Rounding.STOCHASTIC, in, MemorySegment.ofArray(scalar),
                        0, CHUNK, KEY, origin);
                VectorConversions.INSTANCE.narrow(type, Rounding.STOCHASTIC, in, MemorySegment.ofArray(vector),
                        0, CHUNK, KEY, origin);
                int at = Arrays.mismatch(scalar, vector);
                if (at >= 0) {
                    throw new AssertionError(String.format("%s of 0x%08x: vector 0x%04x, scalar 0x%04x", type,
                            Float.floatToRawIntBits(values[at]), vector[at], scalar[at]));
                }
                for (int i = 0; i < CHUNK; i++) {
                    checkNeighbour(type, values[i], nearest[i], scalar[i]);
                }
            }
        }
    }

    /**
     * Checks that {@code rounded} is {@code nearest} (proven by the exhaustive test) or the other
     * neighbour of {@code x}: the next pattern in magnitude on x's side of {@code nearest}, which
     * must then lie on the far side of {@code x}; it is {@code nearest} alone where that is x
     * itself, NaN, infinite, or where the other neighbour would be infinite.
     */
    static void checkNeighbour(StorageType type, float x, short nearest, short rounded) {
        int infinity = type == StorageType.FLOAT16 ? 0x7c00 : 0x7f80;
        float near = widen(type, nearest);
        boolean only = Float.isNaN(x) || (nearest & 0x7fff) >= infinity
                || Float.floatToRawIntBits(near) == Float.floatToRawIntBits(x);
        short other = (short) (Math.abs(near) < Math.abs(x) ? nearest + 1 : nearest - 1);
        only |= (other & 0x7fff) == infinity;
        if (rounded == nearest || !only && rounded == other) {
            float far = widen(type, other);
            if (!only && !(Math.min(Math.abs(near), Math.abs(far)) < Math.abs(x)
                    && Math.abs(x) < Math.max(Math.abs(near), Math.abs(far)))) {
                throw new AssertionError(String.format("%s: 0x%08x is not between 0x%04x and 0x%04x", type,
                        Float.floatToRawIntBits(x), nearest, other));
            }
            return;
        }
        throw new AssertionError(String.format("%s: 0x%08x (%s) rounded stochastically to 0x%04x, not to 0x%04x%s",
                type, Float.floatToRawIntBits(x), x, rounded, nearest, only ? "" : String.format(" or 0x%04x", other)));
    }

    private static float widen(StorageType type, short pattern) {
        return type == StorageType.FLOAT16 ? Fp16.widen(pattern) : Bf16.widen(pattern);
    }

    /**
     * Inexact values, as {@code {type, raw bits}}: up-probabilities from {@code 2^-16} to
     * {@code 1 - 2^-16}, ties, both signs, subnormal bfloat16, float16 subnormal results, and the
     * largest finite gaps below the overflow band.
     */
    private static final Object[][] UNBIASED = {
        {StorageType.BFLOAT16, 0x3f800001}, {StorageType.BFLOAT16, 0x3f801234}, {StorageType.BFLOAT16, 0x3f808000},
        {StorageType.BFLOAT16, 0xbf80c000}, {StorageType.BFLOAT16, 0x3f80ffff}, {StorageType.BFLOAT16, 0x00000100},
        {StorageType.BFLOAT16, 0x80007777}, {StorageType.BFLOAT16, 0x7f7e4000}, {StorageType.BFLOAT16, 0x4b3e0100},
        {StorageType.FLOAT16, 0x3f800001}, {StorageType.FLOAT16, 0x3f800555}, {StorageType.FLOAT16, 0x3f801000},
        {StorageType.FLOAT16, 0xc2c81fff}, {StorageType.FLOAT16, 0x477fd800}, {StorageType.FLOAT16, 0x33b00000},
        {StorageType.FLOAT16, 0x37a9b000}, {StorageType.FLOAT16, 0xb0800000}, {StorageType.FLOAT16, 0x38000800},
    };

    /**
     * For each value, {@value #DRAWS} elements holding it are rounded (so each draws the bits of
     * its own index): the mean of the results must be the value within the bound. The
     * probability of rounding up is the documented {@code d / 2^k}; for float16 results below
     * {@code 2^-14} with {@code d} the distance rounded to a multiple of {@code 2^-37}.
     */
    @Test
    void meanOfManyRoundingsIsTheValue() {
        float[] copies = new float[DRAWS];
        short[] rounded = new short[DRAWS];
        for (Object[] entry : UNBIASED) {
            StorageType type = (StorageType) entry[0];
            float x = Float.intBitsToFloat((int) entry[1]);
            Arrays.fill(copies, x);
            VectorConversions.INSTANCE.narrow(type, Rounding.STOCHASTIC, MemorySegment.ofArray(copies),
                    MemorySegment.ofArray(rounded), 0, DRAWS, KEY, 0);
            checkMean(type, x, rounded, "over " + DRAWS + " indices");
        }
    }

    /**
     * The same element rounded at {@value} consecutive steps (so each draws the bits of another
     * key) is unbiased too.
     */
    private static final int STEPS = 1 << 18;

    @Test
    void meanOverManyStepsIsTheValue() {
        short[] rounded = new short[STEPS];
        for (Object[] entry : UNBIASED) {
            StorageType type = (StorageType) entry[0];
            float x = Float.intBitsToFloat((int) entry[1]);
            for (int step = 0; step < STEPS; step++) {
                int random = RoundingBits.bits(RoundingBits.key(42, step + 1, 0), 123_456_789L);
                rounded[step] = type == StorageType.FLOAT16 ? Fp16.stochastic(x, random) : Bf16.stochastic(x, random);
            }
            checkMean(type, x, rounded, "over " + STEPS + " steps");
        }
    }

    /** The mean of the widened {@code rounded} is {@code x} within the bound of their count of upward roundings. */
    private static void checkMean(StorageType type, float x, short[] rounded, String over) {
        int dropped = type == StorageType.FLOAT16 ? 13 : 16;
        short toward = type == StorageType.FLOAT16 ? Fp16.stochastic(x, 0) : Bf16.stochastic(x, 0);
        double lo = widen(type, toward);
        double hi = widen(type, (short) (toward + 1));
        double p = probabilityUp(type, x, lo, hi);
        if (!(p > 0 && p < 1)) {
            throw new AssertionError(type + " " + x + ": up-probability " + p + ", the test wants an inexact value");
        }
        double sum = 0;
        for (short r : rounded) {
            double value = widen(type, r);
            if (value != lo && value != hi) {
                throw new AssertionError(type + " " + x + " rounded to " + value + ", not " + lo + " or " + hi);
            }
            sum += value;
        }
        double mean = sum / rounded.length;
        double bound = Math.abs(hi - lo) * Tolerance.ofCount(rounded.length, p) / rounded.length;
        double expected = lo + (hi - lo) * p;
        if (Math.abs(mean - expected) > bound) {
            throw new AssertionError(String.format("%s %s (%d dropped bits, P(up) = %s) %s: mean %s, expected %s"
                    + " within %s", type, x, dropped, p, over, mean, expected, bound));
        }
        if (Math.abs(expected - x) > Math.abs(hi - lo) * 0x1p-14) {
            throw new AssertionError(type + " " + x + ": the expected mean " + expected + " is not the value");
        }
    }

    /**
     * The documented probability of rounding away from zero: the distance to {@code lo} in units
     * of the gap, exact in double, and for float16 results below {@code 2^-14} rounded to a
     * multiple of {@code 2^-13} of the gap, ties to even, as the float addition of the library
     * does.
     */
    private static double probabilityUp(StorageType type, float x, double lo, double hi) {
        double fraction = Math.abs((x - lo) / (hi - lo));
        if (type == StorageType.FLOAT16 && Math.abs(x) < 0x1p-14) {
            return Math.rint(fraction * 0x1p13) * 0x1p-13;
        }
        return fraction;
    }
}
