package dev.gradus.internal.precision;

/**
 * The steps every narrowing shares, for both 16-bit formats and both roundings, in integer
 * arithmetic without branches, so that a vector lane computes them the same way. Both formats
 * narrow a float with raw bits {@code x} and magnitude bits {@code a = x & 0x7fffffff} in three
 * steps:
 * <ol>
 *   <li>a 32-bit integer {@code t} whose bits above the format's {@code k} dropped bits are the
 *       result's magnitude bits if it were truncated ({@code a} itself for bfloat16);</li>
 *   <li>{@link #rounded}: {@code (t + increment) >>> k}, with the increment {@code 2^(k-1) - 1}
 *       plus the kept last bit for nearest-even ({@link #nearestIncrement}) and {@code k} random
 *       bits for stochastic rounding: a carry out of the dropped bits rounds away from zero;</li>
 *   <li>{@link #finish}: overflow, NaN and the sign.</li>
 * </ol>
 */
public final class Narrowing {

    /** The magnitude bits of a float: all but the sign. */
    public static final int MAGNITUDE = 0x7fffffff;
    /** The raw bits of float infinity; larger magnitude bits are NaNs. */
    public static final int INFINITY = 0x7f800000;
    /** The 16-bit sign bit. */
    public static final int SIGN = 0x8000;
    /** What the NaN payload is masked with after its shift: the 15 bits below the sign. */
    public static final int PAYLOAD = 0x7fff;

    private Narrowing() {
    }

    /** The increment of round to nearest, ties to even: {@code 2^(k-1) - 1 + ((t >>> k) & 1)}. */
    public static int nearestIncrement(int t, int dropped) {
        return (1 << (dropped - 1)) - 1 + ((t >>> dropped) & 1);
    }

    /** {@code (t + increment) >>> dropped}: the magnitude bits, rounded, possibly past the largest finite value. */
    public static int rounded(int t, int increment, int dropped) {
        return (t + increment) >>> dropped;
    }

    /**
     * The 16-bit result from the rounded magnitude bits:
     * <pre>{@code
     * overflows = (overflow - 1 - a) >> 31      // -1 where a >= overflow: infinities, NaN, too large
     * nan       = (0x7f800000 - a) >> 31        // -1 where the float is NaN
     * payload   = ((a >>> payloadShift) & 0x7fff) | quiet
     * result    = (min(rounded, max) - overflows) | (nan & payload) | ((x >>> 16) & 0x8000)
     * }</pre>
     * The largest finite value plus one is the infinity in both formats, so {@code - overflows}
     * turns the clamped value into the infinity exactly where the float is at or above the
     * overflow threshold; below it the clamp keeps stochastic rounding finite (nearest-even never
     * exceeds {@code max} there). A NaN is past the threshold, so the payload is or-ed into the
     * infinity, which it already contains but for the quiet bit.
     *
     * @param x            the float's raw bits
     * @param a            its magnitude bits, {@code x & 0x7fffffff}
     * @param rounded      the rounded magnitude bits ({@link #rounded})
     * @param max          the format's largest finite magnitude bits
     * @param overflow     the raw bits of the smallest float magnitude that rounds to infinity
     * @param payloadShift the shift that puts the float's leading fraction bits in the format's
     * @param quiet        the format's quiet bit
     * @return the 16-bit pattern
     */
    public static short finish(int x, int a, int rounded, int max, int overflow, int payloadShift, int quiet) {
        int overflows = (overflow - 1 - a) >> 31;
        int nan = (INFINITY - a) >> 31;
        int payload = ((a >>> payloadShift) & PAYLOAD) | quiet;
        return (short) ((Math.min(rounded, max) - overflows) | (nan & payload) | ((x >>> 16) & SIGN));
    }
}
