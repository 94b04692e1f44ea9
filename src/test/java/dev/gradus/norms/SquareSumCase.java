package dev.gradus.norms;

import dev.gradus.testing.property.Buffers;
import dev.gradus.testing.property.Floats;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.GuardedSegment;
import dev.gradus.testing.property.Shrink;
import dev.gradus.testing.property.Shrinker;
import java.lang.foreign.Arena;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One input of the reduction properties: a buffer (heap or native, at an element offset between
 * guards), a range of it whose ends fall on and off rows of 64 and blocks of 4096, and the sum to
 * continue from. Values mix the magnitudes a norm must survive: ordinary gradients, huge ones
 * whose squares overflow float, subnormals whose squares underflow it, zeros of both signs, and in
 * some cases a NaN or an infinity.
 *
 * @param kind   heap or native
 * @param offset the slice's offset in its backing buffer, in elements
 * @param values the floats
 * @param from   the first element of the range
 * @param to     one past its last element
 * @param start  the sum continued
 */
record SquareSumCase(Buffers.Kind kind, int offset, float[] values, int from, int to, double start) {

    static final int BLOCK = 4096;
    static final int ROW = 64;

    private static final List<Integer> LENGTHS = List.of(0, 1, 5, 63, 64, 65, 200, 4095, 4096, 4097, 8192 + 77,
            3 * BLOCK + 1, 40_000);

    /** The values a norm must survive, each drawn with its own weight. */
    static Gen<Float> magnitudes() {
        Gen<Float> ordinary = Floats.wellScaled(-4, 1);
        Gen<Float> huge = random -> (random.nextBoolean() ? 1 : -1) * (float) Math.scalb(random.nextDouble(1, 2),
                random.nextInt(64, 128));
        Gen<Float> tiny = random -> (random.nextBoolean() ? 1 : -1)
                * Float.intBitsToFloat(random.nextInt(1, 0x00ffffff));
        Gen<Float> zero = Gen.elementOf(0f, -0f);
        return random -> switch (random.nextInt(10)) {
            case 0 -> huge.next(random);
            case 1 -> tiny.next(random);
            case 2 -> zero.next(random);
            case 3 -> Floats.finite().next(random);
            default -> ordinary.next(random);
        };
    }

    static Gen<SquareSumCase> generator() {
        Gen<Float> values = magnitudes();
        Gen<Float> nonFinite = Gen.elementOf(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
                Float.intBitsToFloat(0x7f800001), Float.intBitsToFloat(0xffc00123));
        return random -> {
            int n = random.nextInt(3) == 0 ? random.nextInt(0, 3 * BLOCK) : LENGTHS.get(random.nextInt(LENGTHS.size()));
            float[] x = Floats.arrayOf(n, random.nextInt(4) == 0 ? magnitudes() : Floats.wellScaled(-3, 0))
                    .next(random);
            if (n > 0 && random.nextInt(6) == 0) {
                for (int k = random.nextInt(1, 3); k > 0; k--) {
                    x[random.nextInt(n)] = nonFinite.next(random);
                }
            }
            int a = end(random, n);
            int b = end(random, n);
            double start = random.nextInt(4) == 0 ? random.nextDouble() * Math.scalb(1.0, random.nextInt(-20, 20)) : 0.0;
            return new SquareSumCase(random.nextBoolean() ? Buffers.Kind.HEAP : Buffers.Kind.NATIVE,
                    Gen.elementOf(0, 1, 3, 7).next(random), x, Math.min(a, b), Math.max(a, b), start);
        };
    }

    /** An end of a range in {@code [0, n]}: often on a block or row boundary or next to one. */
    private static int end(SplittableRandom random, int n) {
        int candidate = switch (random.nextInt(5)) {
            case 0 -> random.nextInt(0, n / BLOCK + 1) * BLOCK + random.nextInt(-1, 2);
            case 1 -> random.nextInt(0, n / ROW + 1) * ROW + random.nextInt(-1, 2);
            case 2 -> random.nextBoolean() ? 0 : n;
            default -> random.nextInt(0, n + 1);
        };
        return Math.clamp(candidate, 0, n);
    }

    GuardedSegment guarded(Arena arena) {
        return Buffers.of(kind, arena, values, offset, 3);
    }

    /** The sum of {@code ReductionOrder}, restated over the array: the test's own specification. */
    double expectedSum() {
        double sum = start;
        for (int lo = from; lo < to; ) {
            int hi = Math.min(to, (lo / BLOCK + 1) * BLOCK);
            double[] partials = new double[ROW];
            for (int i = lo; i < hi; i++) {
                double x = values[i];
                partials[i % ROW] += x * x;
            }
            double total = 0.0;
            for (double partial : partials) {
                total += partial;
            }
            sum += total;
            lo = hi;
        }
        return Double.isNaN(sum) ? Double.NaN : sum;
    }

    /** The largest absolute value of the range, NaN (canonical) if one is NaN, 0 if empty. */
    float expectedMaxAbs() {
        float max = 0f;
        for (int i = from; i < to; i++) {
            if (Float.isNaN(values[i])) {
                return Float.NaN;
            }
            max = Math.max(max, Math.abs(values[i]));
        }
        return max;
    }

    /** Whether every element of the range is finite. */
    boolean finite() {
        for (int i = from; i < to; i++) {
            if (!Float.isFinite(values[i])) {
                return false;
            }
        }
        return true;
    }

    static Shrinker<SquareSumCase> shrinker() {
        Shrinker<SquareSumCase> range = c -> Shrink.towardZero(c.to - c.from)
                .map(length -> new SquareSumCase(c.kind, c.offset, c.values, c.from, c.from + length, c.start));
        Shrinker<SquareSumCase> simpler = c -> Shrink.simplerValues(c.values)
                .map(v -> new SquareSumCase(c.kind, c.offset, v, c.from, c.to, c.start));
        return range.or(simpler);
    }

    @Override
    public String toString() {
        return kind + " offset=" + offset + ", n=" + values.length + ", range [" + from + ", " + to + "), start=" + start
                + "\n  values=" + Floats.describe(values);
    }
}
