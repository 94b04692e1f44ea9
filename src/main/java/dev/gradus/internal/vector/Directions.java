package dev.gradus.internal.vector;

import static dev.gradus.internal.vector.Vectors.LANES;
import static dev.gradus.internal.vector.Vectors.ORDER;
import static dev.gradus.internal.vector.Vectors.SPECIES;
import static jdk.incubator.vector.FloatVector.fromMemorySegment;

import dev.gradus.internal.ScalarKernels;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;

/**
 * Adafactor's direction {@code g / sqrt(max(rowScale * variance, floor))} a vector at a time: one
 * loop with the gradient scaled and one without, so that neither tests the option inside (see
 * {@link Specializations} for why a loop must not).
 */
final class Directions {

    private Directions() {
    }

    static void plain(MemorySegment update, MemorySegment gradient, MemorySegment variance, long from,
                      long varianceFrom, long count, float rowScale, float floor) {
        long j = 0;
        for (long bound = SPECIES.loopBound(count); j < bound; j += LANES) {
            long at = (from + j) * Float.BYTES;
            FloatVector g = fromMemorySegment(SPECIES, gradient, at, ORDER);
            direction(update, variance, at, varianceFrom + j, g, rowScale, floor);
        }
        ScalarKernels.INSTANCE.factoredDirection(update, gradient, variance, from + j, varianceFrom + j, count - j,
                rowScale, floor, 1f, false);
    }

    static void scaled(MemorySegment update, MemorySegment gradient, MemorySegment variance, long from,
                       long varianceFrom, long count, float rowScale, float floor, float factor) {
        long j = 0;
        for (long bound = SPECIES.loopBound(count); j < bound; j += LANES) {
            long at = (from + j) * Float.BYTES;
            FloatVector g = fromMemorySegment(SPECIES, gradient, at, ORDER).mul(factor);
            direction(update, variance, at, varianceFrom + j, g, rowScale, floor);
        }
        ScalarKernels.INSTANCE.factoredDirection(update, gradient, variance, from + j, varianceFrom + j, count - j,
                rowScale, floor, factor, true);
    }

    private static void direction(MemorySegment update, MemorySegment variance, long at, long varianceIndex,
                                  FloatVector g, float rowScale, float floor) {
        FloatVector q = fromMemorySegment(SPECIES, variance, varianceIndex * Float.BYTES, ORDER).mul(rowScale)
                .max(floor);
        g.div(q.sqrt()).intoMemorySegment(update, at, ORDER);
    }
}
