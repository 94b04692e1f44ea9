package dev.gradus.internal.precision;

/**
 * IEEE 754 binary16 (float16): 5 exponent bits of bias 15, 10 fraction bits.
 *
 * <p><b>Narrowing</b> ({@link Narrowing}) drops 13 bits of {@code t}, which is
 * <ul>
 *   <li>for magnitudes of at least {@code 2^-14} (normal results): {@code a - (112 << 23)}, the
 *       float's bits with the exponent rebiased from 127 to 15, so that {@code t >>> 13} is the
 *       float16 pattern truncated;</li>
 *   <li>below {@code 2^-14} (subnormal results, spaced {@code 2^-24}): the float added to a
 *       constant {@code c} whose unit in the last place is the spacing wanted, minus {@code c}'s
 *       bits. For nearest-even {@code c = 0.5}, whose unit is {@code 2^-24}: the float addition
 *       itself rounds to nearest even, the difference is the float16 pattern, and shifting it left
 *       by 13 makes the nearest-even increment add nothing. For stochastic rounding
 *       {@code c = 2^-14}, whose unit is {@code 2^-37}: the difference is the value in units of
 *       {@code 2^-37}, rounded to nearest even, 13 bits finer than the result.</li>
 * </ul>
 * The choice is arithmetic: {@code below = (a - 0x38800000) >> 31} is -1 below {@code 2^-14},
 * and {@code t = normal ^ ((normal ^ subnormal) & below)}.
 *
 * <p><b>Widening</b> multiplies: the pattern's magnitude shifted into a float's place,
 * {@code (h & 0x7fff) << 13}, is a float {@code 2^112} times too small (a subnormal float for a
 * subnormal pattern), and the exact product by {@code 2^112} is the value; exponent 31 (infinity,
 * NaN) gets the float's full exponent or-ed in, and the sign is or-ed in last.
 */
public final class Fp16 {

    /** The float bits narrowing drops from {@code t}. */
    public static final int DROPPED = 13;
    /** The largest finite magnitude, 65504. */
    public static final int MAX = 0x7bff;
    /** The raw bits of 65520, the largest finite value plus half a unit: from there on, infinity. */
    public static final int OVERFLOW = 0x477ff000;
    /** The shift that leaves the float's leading 10 fraction bits as float16's fraction. */
    public static final int PAYLOAD_SHIFT = 13;
    /** The quiet bit of a NaN, the leading fraction bit. */
    public static final int QUIET = 0x0200;
    /** {@code (127 - 15) << 23}: subtracted from a float's bits, rebiases its exponent to float16's. */
    public static final int REBIAS = 0x38000000;
    /** The raw bits of {@code 2^-14}, the smallest normal float16. */
    public static final int MIN_NORMAL = 0x38800000;
    /** Nearest-even's constant for subnormal results, {@code 0.5}: its unit in the last place is {@code 2^-24}. */
    public static final float NEAREST_SUBNORMAL = 0.5f;
    /** Stochastic rounding's constant for subnormal results, {@code 2^-14}: its unit in the last place is {@code 2^-37}. */
    public static final float STOCHASTIC_SUBNORMAL = 0x1p-14f;
    /** {@code 2^(127 - 15)}, the factor of widening. */
    public static final float WIDENING_SCALE = 0x1p112f;
    /** Added to the shifted magnitude, carries into bit 28 exactly for exponent 31. */
    public static final int EXPONENT_31_CARRY = 0x00800000;

    private Fp16() {
    }

    /**
     * The float of the pattern {@code h}: exact for every pattern; a NaN keeps its payload as the
     * float's leading fraction bits, and a signalling NaN stays signalling.
     */
    public static float widen(short h) {
        int x = h;
        int shifted = (x & Narrowing.PAYLOAD) << DROPPED;
        int infinityOrNan = (((shifted + EXPONENT_31_CARRY) << 3) >> 31) & Narrowing.INFINITY;
        int scaled = Float.floatToRawIntBits(Float.intBitsToFloat(shifted) * WIDENING_SCALE);
        return Float.intBitsToFloat(scaled | infinityOrNan | (x & ~Narrowing.MAGNITUDE));
    }

    /** {@code f} rounded to nearest, ties to even: {@link Float#floatToFloat16} but for NaN payloads on some platforms. */
    public static short nearest(float f) {
        int x = Float.floatToRawIntBits(f);
        int a = x & Narrowing.MAGNITUDE;
        int subnormal = (Float.floatToRawIntBits(Float.intBitsToFloat(a) + NEAREST_SUBNORMAL)
                - Float.floatToRawIntBits(NEAREST_SUBNORMAL)) << DROPPED;
        int t = truncatable(a, subnormal);
        return finish(x, a, Narrowing.rounded(t, Narrowing.nearestIncrement(t, DROPPED), DROPPED));
    }

    /**
     * {@code f} rounded stochastically with the top 13 of {@code random}'s bits (see
     * {@link dev.gradus.precision.Rounding#STOCHASTIC}).
     */
    public static short stochastic(float f, int random) {
        int x = Float.floatToRawIntBits(f);
        int a = x & Narrowing.MAGNITUDE;
        int subnormal = Float.floatToRawIntBits(Float.intBitsToFloat(a) + STOCHASTIC_SUBNORMAL) - MIN_NORMAL;
        int t = truncatable(a, subnormal);
        return finish(x, a, Narrowing.rounded(t, random >>> (Integer.SIZE - DROPPED), DROPPED));
    }

    /** {@code t}: the rebiased bits at and above {@code 2^-14}, {@code subnormal} below. */
    private static int truncatable(int a, int subnormal) {
        int normal = a - REBIAS;
        int below = (a - MIN_NORMAL) >> 31;
        return normal ^ ((normal ^ subnormal) & below);
    }

    private static short finish(int x, int a, int rounded) {
        return Narrowing.finish(x, a, rounded, MAX, OVERFLOW, PAYLOAD_SHIFT, QUIET);
    }
}
