package dev.gradus.testing.property;

import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generators of {@code float} values biased toward the edges of IEEE-754, and the classification
 * of values that coverage requirements count.
 *
 * <p>The mixed generators ({@link #any()}, {@link #finite()}) draw, per value: with probability
 * 1/8 a {@linkplain #specials() special value}, with 1/8 a uniformly random bit pattern (which
 * reaches every exponent, subnormals and NaN payloads included), and otherwise a
 * {@linkplain #wellScaled(int, int) well-scaled} value, the kind an optimizer usually sees.
 */
public final class Floats {

    /** Exponent range of the well-scaled part of {@link #any()} and {@link #finite()}. */
    public static final int DEFAULT_MIN_EXP10 = -4;
    /** See {@link #DEFAULT_MIN_EXP10}. */
    public static final int DEFAULT_MAX_EXP10 = 4;

    private static final float LARGEST_SUBNORMAL = Float.intBitsToFloat(0x007fffff);
    private static final List<Float> SPECIALS = List.of(
            Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f,
            Float.MIN_VALUE, -Float.MIN_VALUE, LARGEST_SUBNORMAL, -LARGEST_SUBNORMAL,
            Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, 1f, -1f);

    /** The classes of values a coverage requirement can ask for. */
    public enum Category {
        /** Any NaN. */
        NAN,
        /** Either infinity. */
        INFINITE,
        /** {@code +0f} or {@code -0f}. */
        ZERO,
        /** Nonzero with magnitude below {@link Float#MIN_NORMAL}. */
        SUBNORMAL,
        /** {@link Float#MAX_VALUE} or its negation. */
        EXTREME,
        /** Every other value. */
        NORMAL
    }

    private Floats() {}

    /** {@return the edge values generators favour: NaN, infinities, zeros, subnormal bounds, extremes, ±1} */
    public static List<Float> specials() {
        return SPECIALS;
    }

    /**
     * {@return the category of {@code value}}
     *
     * @param value the value
     */
    public static Category category(float value) {
        float magnitude = Math.abs(value);
        if (Float.isNaN(value)) {
            return Category.NAN;
        } else if (Float.isInfinite(value)) {
            return Category.INFINITE;
        } else if (magnitude == 0f) {
            return Category.ZERO;
        } else if (magnitude < Float.MIN_NORMAL) {
            return Category.SUBNORMAL;
        } else if (magnitude == Float.MAX_VALUE) {
            return Category.EXTREME;
        }
        return Category.NORMAL;
    }

    /**
     * {@return whether {@code value} is of any category but {@link Category#NORMAL}}
     *
     * @param value the value
     */
    public static boolean isSpecial(float value) {
        return category(value) != Category.NORMAL;
    }

    /**
     * {@return the categories present in {@code values}, for coverage predicates over arrays}
     *
     * @param values the values
     */
    public static EnumSet<Category> categories(float[] values) {
        EnumSet<Category> present = EnumSet.noneOf(Category.class);
        for (float value : values) {
            present.add(category(value));
        }
        return present;
    }

    /** {@return specials, random bit patterns and well-scaled values in the default exponent range} */
    public static Gen<Float> any() {
        return any(DEFAULT_MIN_EXP10, DEFAULT_MAX_EXP10);
    }

    /**
     * {@return specials, random bit patterns and values {@link #wellScaled(int, int)} in the given range}
     *
     * @param minExp10 the least decade of the well-scaled values
     * @param maxExp10 the greatest decade, at most 38
     */
    public static Gen<Float> any(int minExp10, int maxExp10) {
        return mixture(Gen.elementOf(SPECIALS), Floats::randomBits, wellScaled(minExp10, maxExp10));
    }

    /** {@return values like {@link #any()}'s without NaN and infinities; zeros, subnormals and extremes remain} */
    public static Gen<Float> finite() {
        return finite(DEFAULT_MIN_EXP10, DEFAULT_MAX_EXP10);
    }

    /**
     * {@return values like {@link #any(int, int)}'s without NaN and infinities}
     *
     * @param minExp10 the least decade of the well-scaled values
     * @param maxExp10 the greatest decade, at most 38
     */
    public static Gen<Float> finite(int minExp10, int maxExp10) {
        List<Float> finiteSpecials = SPECIALS.stream().filter(Float::isFinite).toList();
        return mixture(Gen.elementOf(finiteSpecials), Floats::finiteRandomBits,
                wellScaled(minExp10, maxExp10));
    }

    /**
     * Uniform in [-1, 1) times {@code 10^k}, with {@code k} uniform in {@code minExp10 .. maxExp10}:
     * finite values of both signs spread over the given decades, no special values on purpose
     * (though tiny decades can round to zero or subnormals).
     *
     * @param minExp10 the least decade
     * @param maxExp10 the greatest decade, at most 38
     * @return the generator
     * @throws IllegalArgumentException if the range is empty or {@code maxExp10 > 38}
     */
    public static Gen<Float> wellScaled(int minExp10, int maxExp10) {
        if (minExp10 > maxExp10 || maxExp10 > 38) {
            throw new IllegalArgumentException(
                    "exponent range " + minExp10 + " .. " + maxExp10 + " is empty or above 38");
        }
        return random -> (float) (random.nextDouble(-1.0, 1.0)
                * Math.pow(10, random.nextInt(minExp10, maxExp10 + 1)));
    }

    /**
     * {@return the values of {@link #wellScaled(int, int)} made non-negative (never {@code -0f})}
     *
     * @param minExp10 the least decade
     * @param maxExp10 the greatest decade, at most 38
     */
    public static Gen<Float> nonNegativeWellScaled(int minExp10, int maxExp10) {
        return wellScaled(minExp10, maxExp10).map(Math::abs);
    }

    /**
     * {@return arrays of {@code length} elements drawn from {@code element}}
     *
     * @param length  the elements of each array
     * @param element the generator of each element
     */
    public static Gen<float[]> arrayOf(int length, Gen<Float> element) {
        return random -> {
            float[] values = new float[length];
            for (int i = 0; i < length; i++) {
                values[i] = element.next(random);
            }
            return values;
        };
    }

    /**
     * {@code values} for a case's {@code toString}, in {@link Float#toString} form (which shows
     * {@code -0.0}, NaN and subnormals), with its length; beyond 32 elements only the first and
     * last 16 are shown.
     *
     * @param values the values
     * @return the text
     */
    public static String describe(float[] values) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            if (values.length > 32 && i == 16) {
                text.append(", ...");
                i = values.length - 16;
            }
            text.append(i == 0 ? "" : ", ").append(values[i]);
        }
        return text.append("] (n=").append(values.length).append(')').toString();
    }

    private static Gen<Float> mixture(Gen<Float> specials, Gen<Float> bits, Gen<Float> wellScaled) {
        return random -> switch (random.nextInt(8)) {
            case 0 -> specials.next(random);
            case 1 -> bits.next(random);
            default -> wellScaled.next(random);
        };
    }

    private static float randomBits(SplittableRandom random) {
        return Float.intBitsToFloat(random.nextInt());
    }

    private static float finiteRandomBits(SplittableRandom random) {
        float value;
        do {
            value = randomBits(random);
        } while (!Float.isFinite(value));
        return value;
    }
}
