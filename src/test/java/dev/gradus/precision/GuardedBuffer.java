package dev.gradus.precision;

import dev.gradus.testing.property.Buffers;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * A buffer of 16-bit or 32-bit integers placed at an element offset inside a larger heap
 * ({@code short[]} or {@code int[]}) or native segment whose other bytes are guards, like the
 * float buffers of {@link Buffers}: hand {@link #slice()} to the code under test, then
 * {@link #assertGuardsUntouched()}.
 */
final class GuardedBuffer {

    /** The value of every guard byte. */
    static final byte GUARD = (byte) 0xa5;

    /** The element type, which picks the heap array. */
    enum Element {
        /** 16-bit storage over a {@code short[]}. */
        SHORT(Short.BYTES),
        /** The random bits, over an {@code int[]}. */
        INT(Integer.BYTES);

        final int bytes;

        Element(int bytes) {
            this.bytes = bytes;
        }
    }

    private final Buffers.Kind kind;
    private final Element element;
    private final MemorySegment backing;
    private final int offset;
    private final int length;

    private GuardedBuffer(Buffers.Kind kind, Element element, MemorySegment backing, int offset, int length) {
        this.kind = kind;
        this.element = element;
        this.backing = backing;
        this.offset = offset;
        this.length = length;
    }

    /**
     * {@code length} elements, zero, after {@code offset} and before {@code trailing} guard
     * elements; {@code arena} may be null for the heap.
     */
    static GuardedBuffer of(Buffers.Kind kind, Arena arena, Element element, int offset, int length, int trailing) {
        int elements = offset + length + trailing;
        MemorySegment backing = switch (kind) {
            case HEAP -> element == Element.SHORT ? MemorySegment.ofArray(new short[elements])
                    : MemorySegment.ofArray(new int[elements]);
            case NATIVE -> Objects.requireNonNull(arena, "arena").allocate((long) elements * element.bytes, 64);
        };
        backing.fill(GUARD);
        backing.asSlice((long) offset * element.bytes, (long) length * element.bytes).fill((byte) 0);
        return new GuardedBuffer(kind, element, backing, offset, length);
    }

    /** {@code values} after {@code offset} and before {@code trailing} guard elements. */
    static GuardedBuffer of(Buffers.Kind kind, Arena arena, short[] values, int offset, int trailing) {
        GuardedBuffer buffer = of(kind, arena, Element.SHORT, offset, values.length, trailing);
        MemorySegment.copy(values, 0, buffer.slice(), ValueLayout.JAVA_SHORT, 0, values.length);
        return buffer;
    }

    /** The data. */
    MemorySegment slice() {
        return backing.asSlice((long) offset * element.bytes, (long) length * element.bytes);
    }

    /** The data as 16-bit patterns. */
    short[] shorts() {
        return slice().toArray(ValueLayout.JAVA_SHORT);
    }

    /** The data as ints. */
    int[] ints() {
        return slice().toArray(ValueLayout.JAVA_INT);
    }

    /** Asserts that no guard byte changed. */
    void assertGuardsUntouched() {
        long start = (long) offset * element.bytes;
        long end = start + (long) length * element.bytes;
        for (long at = 0; at < backing.byteSize(); at++) {
            if ((at < start || at >= end) && backing.get(ValueLayout.JAVA_BYTE, at) != GUARD) {
                throw new AssertionError("guard byte " + (at - start) + " from the start of " + this + " changed");
            }
        }
    }

    @Override
    public String toString() {
        return kind + " " + element + " buffer [" + offset + " guard | " + length + " data]";
    }
}
