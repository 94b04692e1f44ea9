package dev.gradus.testing.property;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Objects;

/**
 * Builds {@link GuardedSegment}s: float data placed at an element offset inside a larger heap or
 * native segment, surrounded by guard floats holding {@link #GUARD_BITS}.
 *
 * <p>The leading guard is as long as the offset, so offsets 1, 2, 3 misalign the data against
 * vector boundaries. Native backing segments are 64-byte aligned, so the data starts exactly
 * {@code 4 * offset} bytes past a vector boundary; heap segments wrap a {@code float[]}, whose
 * alignment the JVM chooses (usually 8 or 16 bytes).
 */
public final class Buffers {

    /** The bit pattern of every guard float: a quiet NaN with a payload kernels never produce. */
    public static final int GUARD_BITS = 0x7fc0dead;

    /** Where the backing memory lives, so that cases can exercise both. */
    public enum Kind {
        /** A segment over a Java {@code float[]}. */
        HEAP,
        /** Off-heap memory of a caller's {@link Arena}. */
        NATIVE
    }

    private Buffers() {}

    /**
     * {@return {@code values} in a heap segment after {@code offset} and before {@code trailing}
     * guard floats}
     *
     * @param values   the data, copied
     * @param offset   the guard floats before the data: the data's offset in floats
     * @param trailing the guard floats after the data
     */
    public static GuardedSegment heap(float[] values, int offset, int trailing) {
        return of(Kind.HEAP, null, values, offset, trailing);
    }

    /**
     * {@code values} in a native segment of {@code arena} after {@code offset} and before
     * {@code trailing} guard floats. The caller owns the arena and closes it (typically
     * try-with-resources on {@link Arena#ofConfined()}); the segment is unusable afterwards.
     *
     * @param arena    allocates the backing segment, 64-byte aligned
     * @param values   the data, copied
     * @param offset   the guard floats before the data: the data's offset in floats
     * @param trailing the guard floats after the data
     * @return the guarded segment
     */
    public static GuardedSegment nativeSegment(Arena arena, float[] values, int offset, int trailing) {
        return of(Kind.NATIVE, Objects.requireNonNull(arena, "arena"), values, offset, trailing);
    }

    /**
     * {@return {@link #heap} or {@link #nativeSegment} by {@code kind}}
     *
     * @param kind     heap or native
     * @param arena    allocates a native backing segment; may be null for heap
     * @param values   the data, copied
     * @param offset   the guard floats before the data: the data's offset in floats
     * @param trailing the guard floats after the data
     * @throws IllegalArgumentException if {@code offset} or {@code trailing} is negative
     */
    public static GuardedSegment of(Kind kind, Arena arena, float[] values, int offset, int trailing) {
        if (offset < 0 || trailing < 0) {
            throw new IllegalArgumentException("negative guard: " + offset + ", " + trailing);
        }
        long floats = (long) offset + values.length + trailing;
        MemorySegment backing = switch (kind) {
            case HEAP -> MemorySegment.ofArray(new float[Math.toIntExact(floats)]);
            case NATIVE -> Objects.requireNonNull(arena, "arena").allocate(floats * Float.BYTES, 64);
        };
        MemorySegment.copy(guardPattern(offset), 0, backing, 0, offset * (long) Float.BYTES);
        MemorySegment.copy(values, 0, backing, ValueLayout.JAVA_FLOAT,
                offset * (long) Float.BYTES, values.length);
        MemorySegment.copy(guardPattern(trailing), 0, backing,
                ((long) offset + values.length) * Float.BYTES, trailing * (long) Float.BYTES);
        return new GuardedSegment(kind, arena, backing, offset, values.length, trailing);
    }

    /** {@code floats} guard floats, in native byte order like all kernel data. */
    static MemorySegment guardPattern(int floats) {
        int[] pattern = new int[floats];
        Arrays.fill(pattern, GUARD_BITS);
        return MemorySegment.ofArray(pattern);
    }
}
