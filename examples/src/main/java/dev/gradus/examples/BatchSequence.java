package dev.gradus.examples;

import dev.gradus.MiniBatches;
import java.lang.foreign.MemorySegment;

/**
 * The mini-batches of a training set step after step, in the order of {@link MiniBatches} with
 * the last partial batch dropped: step {@code t = 1, 2, ...} gets batch {@code (t - 1) mod B} of
 * epoch {@code (t - 1) / B + 1}, {@code B} being the batches per epoch. The same data, batch size
 * and seed give the same batch at every step.
 */
final class BatchSequence {

    private final MiniBatches batches;
    private final MemorySegment source;
    private final float[] rows;
    private final MemorySegment destination;
    private final int rowFloats;
    private MiniBatches.Epoch epoch;

    /**
     * The batches of {@code data}.
     *
     * @param data      the training set, {@code rowFloats} floats per example; not copied
     * @param rowFloats the floats of one example
     * @param batchSize the examples per batch
     * @param seed      the seed of the shuffles
     */
    BatchSequence(float[] data, int rowFloats, int batchSize, long seed) {
        this.batches = new MiniBatches(data.length / rowFloats, batchSize, seed, MiniBatches.LastBatch.DROP);
        this.source = MemorySegment.ofArray(data);
        this.rows = new float[batchSize * rowFloats];
        this.destination = MemorySegment.ofArray(rows);
        this.rowFloats = rowFloats;
    }

    /**
     * Gathers the batch of step {@code t} into {@link #rows()}.
     *
     * @param t the step, {@code >= 1}
     * @return the examples in the batch
     */
    int gather(long t) {
        long e = (t - 1) / batches.stepsPerEpoch() + 1;
        if (epoch == null || epoch.number() != e) {
            epoch = batches.epoch(e);
        }
        return epoch.gather((int) ((t - 1) % batches.stepsPerEpoch()), source, rowFloats, destination);
    }

    /** {@return the rows of the last batch gathered, overwritten by the next {@link #gather}} */
    float[] rows() {
        return rows;
    }
}
