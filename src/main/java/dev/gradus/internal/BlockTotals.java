package dev.gradus.internal;

import dev.gradus.internal.precision.StoredReductions;
import dev.gradus.precision.StoragePlan;
import dev.gradus.precision.StorageType;
import java.lang.foreign.MemorySegment;

/**
 * The block totals ({@link ReductionOrder}) of one buffer of some of a roster's parameters, as the
 * workers of a pass compute them: each worker the blocks whose first element lies in its pieces of
 * the work plan, reading past a piece's end to the end of the block, so that every block is
 * computed whole by exactly one worker, whatever the split. The calling thread then adds them in
 * block order. Made when the parameters change, never during a step.
 */
final class BlockTotals {

    private final long[] first;
    private final double[] totals;

    /**
     * Room for the blocks of the parameters {@code measured} marks.
     *
     * @param roster   the parameters
     * @param measured per parameter, whether its buffer is measured
     * @param what     the buffers, for the message if there are too many blocks
     * @throws IllegalStateException if the blocks do not fit an array
     */
    BlockTotals(Roster roster, boolean[] measured, String what) {
        int size = roster.size();
        first = new long[size + 1];
        for (int p = 0; p < size; p++) {
            first[p + 1] = first[p] + (measured[p] ? ReductionOrder.blocks(0, roster.parameter(p).length()) : 0);
        }
        if (first[size] > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("too many blocks of " + ReductionOrder.BLOCK + " elements in " + what + ": "
                    + first[size]);
        }
        totals = new double[(int) first[size]];
    }

    /**
     * Computes the totals of parameter {@code p}'s blocks whose first element lies in
     * {@code [from, to)}: sums of squares, or largest absolute values.
     *
     * @param values  the measured buffer of parameter {@code p}
     * @param length  its elements
     * @param squares whether sums of squares, else largest absolute values
     */
    void measure(KernelSet kernels, int p, MemorySegment values, long length, long from, long to, boolean squares) {
        measure(kernels, p, StorageType.FLOAT32, values, length, from, to, squares);
    }

    /** {@link #measure(KernelSet, int, MemorySegment, long, long, long, boolean)} on values stored as {@code type}. */
    void measure(KernelSet kernels, int p, StorageType type, MemorySegment values, long length, long from, long to,
                 boolean squares) {
        for (long b = Math.ceilDiv(from, ReductionOrder.BLOCK); b * ReductionOrder.BLOCK < to; b++) {
            long lo = b * ReductionOrder.BLOCK;
            long hi = Math.min(length, lo + ReductionOrder.BLOCK);
            totals[(int) (first[p] + b)] = StoredReductions.block(kernels, type, values, lo, hi, squares);
        }
    }

    /**
     * The sums of squares of parameter {@code p}'s stored weights, as {@link StoredReductions#weightSquares}
     * gives them, for its blocks whose first element lies in {@code [from, to)}.
     *
     * @param weights    the parameter or its float32 master
     * @param weightCopy the Kahan compensation, the model copy or null
     */
    void measureWeights(KernelSet kernels, int p, StoragePlan plan, MemorySegment weights, MemorySegment weightCopy,
                        long length, long from, long to) {
        for (long b = Math.ceilDiv(from, ReductionOrder.BLOCK); b * ReductionOrder.BLOCK < to; b++) {
            long lo = b * ReductionOrder.BLOCK;
            long hi = Math.min(length, lo + ReductionOrder.BLOCK);
            totals[(int) (first[p] + b)] = StoredReductions.weightSquares(kernels, plan, weights, weightCopy, length,
                    lo, hi);
        }
    }

    /** The index of parameter {@code p}'s first block total. */
    int first(int p) {
        return (int) first[p];
    }

    /** The index after parameter {@code p}'s last block total. */
    int end(int p) {
        return (int) first[p + 1];
    }

    /** Block total {@code b}. */
    double total(int b) {
        return totals[b];
    }

    /** {@code +0.0} plus parameter {@code p}'s block totals, in block order: its sum of squares. */
    double sum(int p) {
        double sum = 0.0;
        for (int b = first(p); b < end(p); b++) {
            sum += totals[b];
        }
        return sum;
    }
}
