package dev.gradus;

import dev.gradus.internal.ArgumentChecks;
import dev.gradus.internal.SegmentChecks;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/** The checks and copies of {@link MiniBatches#gather(MemorySegment, long, int[], MemorySegment)} and its forms. */
final class RowGather {

    private RowGather() {
    }

    /**
     * Copies source rows {@code rows[first], ..., rows[first + count - 1]} into the first
     * {@code count} rows of {@code destination}, after checking everything.
     *
     * @return {@code count}
     */
    static int gather(MemorySegment source, long rowFloats, int[] rows, int first, int count,
                      MemorySegment destination) {
        long sourceFloats = SegmentChecks.requireFloats("source", source);
        ArgumentChecks.requireNonNull("rows", rows);
        long destinationFloats = SegmentChecks.requireWritableFloats("destination", destination);
        if (rowFloats < 1) {
            throw new IllegalArgumentException("rowFloats must be >= 1, got " + rowFloats);
        }
        Objects.checkFromIndexSize(first, count, rows.length);
        if (sourceFloats % rowFloats != 0) {
            throw new IllegalArgumentException("source holds " + sourceFloats
                    + " floats, not a whole number of rows of " + rowFloats + " floats");
        }
        if (destinationFloats / rowFloats < count) {
            throw new IllegalArgumentException("destination must hold at least count * rowFloats = "
                    + count + " * " + rowFloats + " floats, but holds " + destinationFloats);
        }
        SegmentChecks.requireDisjoint("destination", destination, "source", source);
        long sourceRows = sourceFloats / rowFloats;
        for (int i = first; i < first + count; i++) {
            if (rows[i] < 0 || rows[i] >= sourceRows) {
                throw new IndexOutOfBoundsException(
                        "rows[" + i + "] = " + rows[i] + " is out of bounds for a source of " + sourceRows + " rows");
            }
        }
        long rowBytes = rowFloats * Float.BYTES;
        for (int i = 0; i < count; i++) {
            MemorySegment.copy(source, rows[first + i] * rowBytes, destination, i * rowBytes, rowBytes);
        }
        return count;
    }
}
