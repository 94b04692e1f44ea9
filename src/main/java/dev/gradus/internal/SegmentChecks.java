package dev.gradus.internal;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Checks of the buffers a kernel is handed, run before anything is written so that a rejected
 * call leaves every buffer bit-for-bit unchanged. The exception types are the ones the JDK throws
 * for the same misuse of a segment: {@link IllegalStateException} for a closed arena,
 * {@link WrongThreadException} for another thread's confined arena,
 * {@link IllegalArgumentException} for a read-only segment, and
 * {@link IndexOutOfBoundsException} for a range outside the buffers.
 */
public final class SegmentChecks {

    private SegmentChecks() {
    }

    /**
     * Requires a non-null, live segment accessible from this thread whose byte size is a whole
     * number of floats.
     *
     * @param name the buffer's name, for the message
     * @param segment the buffer
     * @return the number of floats in the segment
     */
    public static long requireFloats(String name, MemorySegment segment) {
        requireAccessible(name, segment);
        long bytes = segment.byteSize();
        if (bytes % Float.BYTES != 0) {
            throw new IllegalArgumentException(
                    name + " must hold a whole number of floats, but its byte size is " + bytes);
        }
        return bytes / Float.BYTES;
    }

    /**
     * Requires a non-null, live segment accessible from this thread.
     *
     * @param name the buffer's name, for the message
     * @param segment the buffer
     */
    public static void requireAccessible(String name, MemorySegment segment) {
        Objects.requireNonNull(segment, name);
        if (!segment.scope().isAlive()) {
            throw new IllegalStateException(name + ": the segment's arena is already closed");
        }
        if (!segment.isAccessibleBy(Thread.currentThread())) {
            throw new WrongThreadException(
                    name + ": the segment is confined to another thread than " + Thread.currentThread().getName());
        }
    }

    /**
     * Requires {@link #requireFloats} and a segment that may be written.
     *
     * @param name the buffer's name, for the message
     * @param segment the buffer
     * @return the number of floats in the segment
     */
    public static long requireWritableFloats(String name, MemorySegment segment) {
        long floats = requireFloats(name, segment);
        if (segment.isReadOnly()) {
            throw new IllegalArgumentException(name + " is read-only but the step writes it");
        }
        return floats;
    }

    /**
     * Requires {@code other} to hold as many floats as the parameter buffer.
     *
     * @param name the buffer's name, for the message
     * @param floats its number of floats
     * @param paramFloats the parameter buffer's
     */
    public static void requireSameLength(String name, long floats, long paramFloats) {
        if (floats != paramFloats) {
            throw new IllegalArgumentException(
                    name + " holds " + floats + " floats but param holds " + paramFloats);
        }
    }

    /**
     * Requires that the written buffer {@code written} shares no byte with {@code other}.
     *
     * @param writtenName the written buffer's name
     * @param written the written buffer
     * @param otherName the other buffer's name
     * @param other the other buffer
     */
    public static void requireDisjoint(String writtenName, MemorySegment written, String otherName,
                                       MemorySegment other) {
        if (written.asOverlappingSlice(other).isPresent()) {
            throw new IllegalArgumentException(writtenName + " overlaps " + otherName
                    + " (the step writes " + writtenName + " while it reads " + otherName + ")");
        }
    }

    /**
     * Requires {@code 0 <= from <= to <= length}.
     *
     * @param from first element, inclusive
     * @param to last element, exclusive
     * @param length the number of elements
     */
    public static void requireRange(long from, long to, long length) {
        Objects.checkFromToIndex(from, to, length);
    }
}
