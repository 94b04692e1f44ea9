package dev.gradus.internal;

import java.lang.foreign.MemorySegment;

/**
 * One thread's working arrays for {@link ChunkedKernels}: six float arrays of one chunk each
 * (parameter, gradient, up to three state buffers and a temporary), with heap-segment views of
 * them for the bulk copies, and the partial sums of a block of a sum of squares. Copies go segment to segment: {@code MemorySegment.copy} to or from a Java array
 * links a pattern switch inside the JDK on its first use, which costs milliseconds.
 */
final class ChunkScratch {

    /** Index of the parameter's array. */
    static final int PARAM = 0;
    /** Index of the gradient's array. */
    static final int GRADIENT = 1;
    /** Index of the first state buffer's array; the others follow. */
    static final int STATE = 2;
    /** Index of the temporary array. */
    static final int TEMP = 5;

    private static final int ARRAYS = 6;

    final float[][] arrays = new float[ARRAYS][];
    /** The partial sums of one block of a sum of squares ({@link ReductionOrder}). */
    final double[] partials = new double[ReductionOrder.PARTIALS];
    private final MemorySegment[] views = new MemorySegment[ARRAYS];

    ChunkScratch(int chunk) {
        for (int k = 0; k < ARRAYS; k++) {
            arrays[k] = new float[chunk];
            views[k] = MemorySegment.ofArray(arrays[k]);
        }
    }

    /** Copies {@code n} floats of {@code source} from byte offset {@code at} into array {@code k}. */
    void load(int k, MemorySegment source, long at, int n) {
        MemorySegment.copy(source, at, views[k], 0, (long) n * Float.BYTES);
    }

    /** Copies the first {@code n} floats of array {@code k} to {@code target} at byte offset {@code at}. */
    void store(int k, MemorySegment target, long at, int n) {
        MemorySegment.copy(views[k], 0, target, at, (long) n * Float.BYTES);
    }

    /** The scratch of each thread, made on its first use; a named class, so that no lambda is linked on the first call. */
    static final class PerThread extends ThreadLocal<ChunkScratch> {
        private final int chunk;

        PerThread(int chunk) {
            this.chunk = chunk;
        }

        @Override
        protected ChunkScratch initialValue() {
            return new ChunkScratch(chunk);
        }
    }
}
