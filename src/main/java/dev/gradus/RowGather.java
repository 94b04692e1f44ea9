package dev.gradus;

import dev.gradus.internal.ArgumentChecks;
import dev.gradus.internal.SegmentChecks;
import java.lang.foreign.MemorySegment;

/** The checks and copies of {@link MiniBatches#gather(MemorySegment, long, int[], MemorySegment)}. */
final class RowGather {

    private RowGather() {
    }

    static void gather(MemorySegment source, long rowFloats, int[] rows, MemorySegment destination) {
        long sourceFloats = SegmentChecks.requireFloats("source", source);
        ArgumentChecks.requireNonNull("rows", rows);
        long destinationFloats = SegmentChecks.requireWritableFloats("destination", destination);
        if (rowFloats < 1) {
            throw new IllegalArgumentException("rowFloats must be >= 1, got " + rowFloats);
        }
        if (sourceFloats % rowFloats != 0) {
            throw new IllegalArgumentException("source holds " + sourceFloats
                    + " floats, not a whole number of rows of " + rowFloats + " floats");
        }
        if (destinationFloats % rowFloats != 0 || destinationFloats / rowFloats != rows.length) {
            throw new IllegalArgumentException("destination must hold rows.length * rowFloats = "
                    + rows.length + " * " + rowFloats + " floats, but holds " + destinationFloats);
        }
        SegmentChecks.requireDisjoint("destination", destination, "source", source);
        long sourceRows = sourceFloats / rowFloats;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0 || rows[i] >= sourceRows) {
                throw new IndexOutOfBoundsException(
                        "rows[" + i + "] = " + rows[i] + " is out of bounds for a source of " + sourceRows + " rows");
            }
        }
        long rowBytes = rowFloats * Float.BYTES;
        for (int i = 0; i < rows.length; i++) {
            MemorySegment.copy(source, rows[i] * rowBytes, destination, i * rowBytes, rowBytes);
        }
    }
}
