package dev.gradus.testing.property;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A float slice inside a larger backing segment whose remaining floats are guards; made by
 * {@link Buffers}. Hand {@link #slice()} to the code under test, then call
 * {@link #assertGuardsUntouched()} to prove it wrote nothing outside.
 */
public final class GuardedSegment {

    private final Buffers.Kind kind;
    private final Arena arena;
    private final MemorySegment backing;
    private final int offset;
    private final int length;
    private final int trailing;

    GuardedSegment(Buffers.Kind kind, Arena arena, MemorySegment backing, int offset, int length,
            int trailing) {
        this.kind = kind;
        this.arena = arena;
        this.backing = backing;
        this.offset = offset;
        this.length = length;
        this.trailing = trailing;
    }

    /** {@return the data: {@link #length()} floats starting {@link #offset()} floats into the backing} */
    public MemorySegment slice() {
        return backing.asSlice(offset * (long) Float.BYTES, length * (long) Float.BYTES);
    }

    /** {@return the whole backing segment, guards included} */
    public MemorySegment backing() {
        return backing;
    }

    /** {@return heap or native} */
    public Buffers.Kind kind() {
        return kind;
    }

    /** {@return the number of leading guard floats, which is the offset of the slice in floats} */
    public int offset() {
        return offset;
    }

    /** {@return the number of floats in the slice} */
    public int length() {
        return length;
    }

    /** {@return the current contents of the slice, bit for bit} */
    public float[] toFloatArray() {
        return slice().toArray(ValueLayout.JAVA_FLOAT);
    }

    /** {@return a new guarded segment of the same kind, arena, offset and guards, with the slice's data} */
    public GuardedSegment copy() {
        return Buffers.of(kind, arena, toFloatArray(), offset, trailing);
    }

    /**
     * Asserts that every guard byte still holds {@link Buffers#GUARD_BITS}.
     *
     * @throws AssertionError naming the first changed byte, by its index in the backing segment
     *     and relative to the slice start (negative before the slice)
     */
    public void assertGuardsUntouched() {
        assertGuardUntouched("leading", 0, offset);
        assertGuardUntouched("trailing", offset + length, trailing);
    }

    private void assertGuardUntouched(String which, long firstFloat, int floats) {
        MemorySegment expected = Buffers.guardPattern(floats);
        long start = firstFloat * Float.BYTES;
        long mismatch = backing.asSlice(start, expected.byteSize()).mismatch(expected);
        if (mismatch >= 0) {
            long index = start + mismatch;
            throw new AssertionError(String.format(
                    "%s guard of %s changed at byte %d of the backing segment (%d from the slice"
                            + " start): expected 0x%02x, found 0x%02x",
                    which, this, index, index - offset * (long) Float.BYTES,
                    expected.get(ValueLayout.JAVA_BYTE, mismatch),
                    backing.get(ValueLayout.JAVA_BYTE, index)));
        }
    }

    @Override
    public String toString() {
        return kind + " segment [" + offset + " guard | " + length + " data | " + trailing
                + " guard floats]";
    }
}
