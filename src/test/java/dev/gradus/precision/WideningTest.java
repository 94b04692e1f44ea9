package dev.gradus.precision;

import dev.gradus.internal.precision.Bf16;
import dev.gradus.internal.precision.Fp16;
import org.junit.jupiter.api.Test;

/**
 * Widening is exact for all 2^16 patterns of both formats, and narrowing gives the pattern back.
 * The values are checked against their definition from the pattern's fields, computed in double
 * ({@code (-1)^s 2^(E - bias) (1 + F/2^m)}, subnormals {@code (-1)^s 2^(1 - bias) F/2^m}); float16
 * also against {@link Float#float16ToFloat}.
 */
class WideningTest {

    private static final int PATTERNS = 1 << 16;

    @Test
    void everyBfloat16PatternWidensToItsValue() {
        for (int h = 0; h < PATTERNS; h++) {
            float widened = Bf16.widen((short) h);
            check(h, widened, 8, 7, "bfloat16");
            assertBits(h << 16, Float.floatToRawIntBits(widened), h, "bfloat16: the float of bits h << 16");
        }
    }

    @Test
    void everyFloat16PatternWidensToItsValue() {
        for (int h = 0; h < PATTERNS; h++) {
            float widened = Fp16.widen((short) h);
            check(h, widened, 5, 10, "float16");
            float jdk = Float.float16ToFloat((short) h);
            boolean signalling = (h & 0x7c00) == 0x7c00 && (h & 0x3ff) != 0 && (h & 0x200) == 0;
            // Float.float16ToFloat may quiet a signalling NaN (x86's VCVTPH2PS does); widening keeps it.
            int expected = Float.floatToRawIntBits(jdk) & (signalling ? ~0x00400000 : ~0);
            assertBits(expected, Float.floatToRawIntBits(widened), h, "float16: Float.float16ToFloat");
        }
    }

    @Test
    void narrowingAWidenedPatternGivesItBackQuietedIfNan() {
        for (int h = 0; h < PATTERNS; h++) {
            short pattern = (short) h;
            boolean bfNan = (h & 0x7f80) == 0x7f80 && (h & 0x7f) != 0;
            boolean fpNan = (h & 0x7c00) == 0x7c00 && (h & 0x3ff) != 0;
            int bf = bfNan ? h | 0x40 : h;
            int fp = fpNan ? h | 0x200 : h;
            float bfValue = Bf16.widen(pattern);
            float fpValue = Fp16.widen(pattern);
            assertBits(bf, Bf16.nearest(bfValue) & 0xffff, h, "bfloat16 nearest-even round trip");
            assertBits(fp, Fp16.nearest(fpValue) & 0xffff, h, "float16 nearest-even round trip");
            // A representable value is not moved by any random bits.
            for (int random : new int[] {0, -1, 0x80000000, 0x7fffffff, h * 0x9e3779b9}) {
                assertBits(bf, Bf16.stochastic(bfValue, random) & 0xffff, h, "bfloat16 stochastic round trip");
                assertBits(fp, Fp16.stochastic(fpValue, random) & 0xffff, h, "float16 stochastic round trip");
            }
        }
    }

    /**
     * Checks {@code widened} against the value the fields of pattern {@code h} define, for a
     * format of {@code e} exponent and {@code m} fraction bits; a NaN must keep its sign and
     * fraction as the float's leading fraction bits.
     */
    private static void check(int h, float widened, int e, int m, String format) {
        int sign = h >>> 15;
        int exponent = (h >>> m) & ((1 << e) - 1);
        int fraction = h & ((1 << m) - 1);
        int bias = (1 << (e - 1)) - 1;
        int bits = Float.floatToRawIntBits(widened);
        if (exponent == (1 << e) - 1 && fraction != 0) {
            if (!Float.isNaN(widened) || bits >>> 31 != sign || ((bits >>> (23 - m)) & ((1 << m) - 1)) != fraction
                    || (bits & ((1 << (23 - m)) - 1)) != 0) {
                throw new AssertionError(String.format("%s 0x%04x: widened to 0x%08x, not its NaN", format, h, bits));
            }
            return;
        }
        double magnitude = exponent == (1 << e) - 1 ? Double.POSITIVE_INFINITY
                : exponent == 0 ? Math.scalb((double) fraction, 1 - bias - m)
                : Math.scalb(1.0 + Math.scalb((double) fraction, -m), exponent - bias);
        double value = sign == 1 ? -magnitude : magnitude;
        if (Double.doubleToRawLongBits(value) != Double.doubleToRawLongBits(widened)) {
            throw new AssertionError(String.format("%s 0x%04x: widened to %s (0x%08x), its value is %s", format, h,
                    widened, bits, value));
        }
    }

    private static void assertBits(int expected, int actual, int h, String what) {
        if (expected != actual) {
            throw new AssertionError(String.format("%s, pattern 0x%04x: 0x%x, expected 0x%x", what, h, actual, expected));
        }
    }
}
