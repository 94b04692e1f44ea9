package dev.gradus.huge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gradus.testing.property.BitExact;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * {@code floats} floats at byte {@code byteOffset} of a mapped file: a buffer, or the stretch of
 * one that a test writes and reads back.
 *
 * @param file       the whole file
 * @param byteOffset where the floats start in the file
 * @param floats     how many floats
 */
record Window(MemorySegment file, long byteOffset, long floats) {

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    /** The floats as a segment of their own. */
    MemorySegment segment() {
        return file.asSlice(byteOffset, floats * Float.BYTES);
    }

    /** The {@code length} floats from element {@code from} of this window. */
    Window part(long from, int length) {
        return new Window(file, byteOffset + from * Float.BYTES, length);
    }

    /** Copies {@code values}, as many as this window holds, into it. */
    void fill(float[] values) {
        MemorySegment.copy(values, 0, file, FLOAT, byteOffset, Math.toIntExact(floats));
    }

    /** Asserts that the window holds the bits of {@code expected}. */
    void assertSameBits(String what, float[] expected) {
        BitExact.assertSameBits(what + " at byte " + byteOffset, expected, segment());
    }

    /** Asserts that the float before and the float after this window are still zero bits, as the sparse file began. */
    void assertNeighboursZero(String what) {
        for (long at : new long[] {byteOffset - Float.BYTES, byteOffset + floats * Float.BYTES}) {
            assertEquals(0, file.get(ValueLayout.JAVA_INT_UNALIGNED, at), what + ": the float at byte " + at
                    + " next to the window at " + byteOffset + " was written");
        }
    }
}
