package dev.gradus.testing.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Buffers, GuardedSegment and BitExact. */
class SegmentsTest {

    private static final float[] VALUES = {1f, -0f, Float.NaN, 3.5f, Float.MIN_VALUE};

    @ParameterizedTest
    @EnumSource(Buffers.Kind.class)
    void sliceHoldsTheValuesBetweenGuards(Buffers.Kind kind) {
        try (Arena arena = Arena.ofConfined()) {
            GuardedSegment segment = Buffers.of(kind, arena, VALUES, 3, 2);
            assertEquals(kind, segment.kind());
            assertEquals((3 + 5 + 2) * 4, segment.backing().byteSize());
            BitExact.assertSameBits("slice", VALUES, segment.slice());
            assertEquals(Buffers.GUARD_BITS, segment.backing().getAtIndex(ValueLayout.JAVA_INT, 2));
            if (kind == Buffers.Kind.NATIVE) {
                assertEquals(12, segment.slice().address() % 64);
            }
            segment.slice().fill((byte) 0x55);
            segment.assertGuardsUntouched();
        }
    }

    @ParameterizedTest
    @EnumSource(Buffers.Kind.class)
    void aChangedGuardByteIsReported(Buffers.Kind kind) {
        try (Arena arena = Arena.ofConfined()) {
            GuardedSegment leading = Buffers.of(kind, arena, VALUES, 3, 2);
            leading.backing().set(ValueLayout.JAVA_BYTE, 11, (byte) 0);
            AssertionError error = assertThrows(AssertionError.class, leading::assertGuardsUntouched);
            assertTrue(error.getMessage().startsWith("leading guard of " + kind), error::getMessage);
            assertTrue(error.getMessage().contains("at byte 11 of the backing segment (-1 from"),
                    error::getMessage);

            GuardedSegment trailing = Buffers.of(kind, arena, VALUES, 0, 2);
            trailing.backing().set(ValueLayout.JAVA_BYTE, 20, (byte) 0);
            error = assertThrows(AssertionError.class, trailing::assertGuardsUntouched);
            assertTrue(error.getMessage().contains("trailing guard"), error::getMessage);
            assertTrue(error.getMessage().contains("(20 from the slice start)"), error::getMessage);
        }
    }

    @Test
    void copyIsIndependentAndAlike() {
        GuardedSegment original = Buffers.heap(VALUES, 1, 1);
        GuardedSegment copy = original.copy();
        copy.slice().setAtIndex(ValueLayout.JAVA_FLOAT, 0, 9f);
        BitExact.assertSameBits("original", VALUES, original.toFloatArray());
        assertEquals(9f, copy.toFloatArray()[0]);
        assertEquals(original.toString(), copy.toString());
        copy.assertGuardsUntouched();
    }

    @Test
    void bitExactIgnoresNaNPayloadsButNotZeroSigns() {
        BitExact.assertSameBits("nan", new float[] {Float.NaN},
                new float[] {Float.intBitsToFloat(0x7fc0dead)});
        AssertionError error = assertThrows(AssertionError.class,
                () -> BitExact.assertSameBits("zeros",
                        new float[] {1f, 0f, 0f}, new float[] {1f, -0f, -0f}));
        assertEquals("zeros: 2 of 3 elements differ, first at index 1: expected 0.0 (0x00000000)"
                + " but was -0.0 (0x80000000)", error.getMessage());
        assertThrows(AssertionError.class,
                () -> BitExact.assertSameBits("length", new float[1], new float[2]));
    }
}
