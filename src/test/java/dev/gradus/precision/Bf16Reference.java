package dev.gradus.precision;

/**
 * bfloat16 round to nearest, ties to even, computed another way than the library does, which
 * carries in integer arithmetic: here the floating-point adder rounds. bfloat16 keeps 8
 * significant bits, so a value of exponent {@code e} is rounded to a multiple of
 * {@code u = 2^(max(e, -126) - 7)} (subnormals share the spacing {@code 2^-133}). Added to
 * {@code c = 2^52 u} in double, whose unit in the last place is {@code u}, the magnitude is
 * rounded to such a multiple, to nearest with ties to even, and subtracting {@code c} again is
 * exact. A result of {@code 2^128} or more is infinity. NaN follows the documented rule: quiet,
 * with the sign and leading payload bits.
 */
final class Bf16Reference {

    private static final double TWO_TO_128 = 0x1p128;

    private Bf16Reference() {
    }

    static short nearest(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        if (Float.isNaN(f)) {
            return (short) ((bits >>> 16) | 0x0040);
        }
        if (Float.isInfinite(f)) {
            return (short) (sign | 0x7f80);
        }
        int exponent = Math.max(Math.getExponent(f), Float.MIN_EXPONENT);
        // c = 2^(exponent - 7 + 52), built from its exponent field.
        double c = Double.longBitsToDouble((long) (exponent + 45 + Double.MAX_EXPONENT) << 52);
        double rounded = (Math.abs((double) f) + c) - c;
        int magnitude = rounded >= TWO_TO_128 ? 0x7f80 : Float.floatToRawIntBits((float) rounded) >>> 16;
        return (short) (sign | magnitude);
    }
}
