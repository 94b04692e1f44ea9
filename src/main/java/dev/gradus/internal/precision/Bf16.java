package dev.gradus.internal.precision;

/**
 * bfloat16: the upper 16 bits of a float32. Widening appends 16 zero bits; narrowing drops 16
 * bits after rounding them away ({@link Narrowing}).
 */
public final class Bf16 {

    /** The float bits narrowing drops. */
    public static final int DROPPED = 16;
    /** The largest finite magnitude, {@code (2 - 2^-7) 2^127}. */
    public static final int MAX = 0x7f7f;
    /** The raw bits of {@code (2 - 2^-8) 2^127}, the largest finite value plus half a unit: from there on, infinity. */
    public static final int OVERFLOW = 0x7f7f8000;
    /** The shift that leaves the float's leading 7 fraction bits as bfloat16's fraction. */
    public static final int PAYLOAD_SHIFT = 16;
    /** The quiet bit of a NaN, the leading fraction bit. */
    public static final int QUIET = 0x0040;

    private Bf16() {
    }

    /** The float with the bits {@code h << 16}: exact, NaN payloads and signalling bits included. */
    public static float widen(short h) {
        return Float.intBitsToFloat(h << DROPPED);
    }

    /** {@code f} rounded to nearest, ties to even (see {@link dev.gradus.precision.Rounding#NEAREST_EVEN}). */
    public static short nearest(float f) {
        int x = Float.floatToRawIntBits(f);
        int a = x & Narrowing.MAGNITUDE;
        return finish(x, a, Narrowing.rounded(a, Narrowing.nearestIncrement(a, DROPPED), DROPPED));
    }

    /**
     * {@code f} rounded stochastically with the top 16 of {@code random}'s bits (see
     * {@link dev.gradus.precision.Rounding#STOCHASTIC}): {@code (a + (random >>> 16)) >>> 16}
     * before {@link Narrowing#finish}.
     */
    public static short stochastic(float f, int random) {
        int x = Float.floatToRawIntBits(f);
        int a = x & Narrowing.MAGNITUDE;
        return finish(x, a, Narrowing.rounded(a, random >>> (Integer.SIZE - DROPPED), DROPPED));
    }

    private static short finish(int x, int a, int rounded) {
        return Narrowing.finish(x, a, rounded, MAX, OVERFLOW, PAYLOAD_SHIFT, QUIET);
    }
}
