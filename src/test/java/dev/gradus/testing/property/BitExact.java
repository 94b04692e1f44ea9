package dev.gradus.testing.property;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Bit-exact comparison of float results.
 *
 * <p>Elements are compared by {@link Float#floatToIntBits}, which distinguishes {@code 0f} from
 * {@code -0f} and every finite value from every other, but maps all NaNs to one pattern: the
 * payload of a NaN is not part of Gradus' contract, only that a result is NaN.
 */
public final class BitExact {

    private BitExact() {}

    /**
     * Asserts that {@code actual} has the length and bits of {@code expected}.
     *
     * @param what     names the compared data in the failure message
     * @param expected the expected values
     * @param actual   the values to check
     * @throws AssertionError naming the first differing index, both values and their raw bits in
     *     hexadecimal, and the number of differing elements
     */
    public static void assertSameBits(String what, float[] expected, float[] actual) {
        if (expected.length != actual.length) {
            throw new AssertionError(what + ": expected " + expected.length
                    + " elements but got " + actual.length);
        }
        int first = -1;
        int differing = 0;
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                first = differing++ == 0 ? i : first;
            }
        }
        if (differing > 0) {
            throw new AssertionError(String.format(
                    "%s: %d of %d elements differ, first at index %d: expected %s (0x%08x) but was"
                            + " %s (0x%08x)",
                    what, differing, expected.length, first,
                    expected[first], Float.floatToRawIntBits(expected[first]),
                    actual[first], Float.floatToRawIntBits(actual[first])));
        }
    }

    /**
     * {@link #assertSameBits(String, float[], float[])} against the floats of a segment.
     *
     * @param what     names the compared data in the failure message
     * @param expected the expected values
     * @param actual   the segment whose floats to check
     * @throws AssertionError as {@link #assertSameBits(String, float[], float[])}
     */
    public static void assertSameBits(String what, float[] expected, MemorySegment actual) {
        assertSameBits(what, expected, actual.toArray(ValueLayout.JAVA_FLOAT));
    }
}
