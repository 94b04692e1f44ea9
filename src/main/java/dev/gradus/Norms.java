package dev.gradus;

import dev.gradus.internal.ArgumentChecks;
import dev.gradus.internal.KernelProvider;
import dev.gradus.internal.KernelSet;
import dev.gradus.internal.ReductionOrder;
import dev.gradus.internal.SegmentChecks;
import java.lang.foreign.MemorySegment;

/**
 * Norms of float buffers for frameworks that own their gradients: sums of squares in an order
 * fixed by element positions, so that the result has the same bits for any vector width, kernel
 * implementation and thread count, and the largest absolute value. With them and the
 * {@code clipScale} argument of {@link Kernels#step(UpdateRule, double, long, MemorySegment,
 * MemorySegment, java.util.List, long, long, float)}, a framework clips by the global norm without
 * writing its gradients.
 *
 * <p><b>The order.</b> Elements fall into blocks of 4096 counted from element 0 of each buffer;
 * inside a block, element {@code i} joins partial sum {@code i mod 64}; each partial adds the exact
 * squares {@code (double) x * x} of its elements in index order, the block's total adds its 64
 * partials in order, and the result adds the block totals in block order to {@code start}. A sum
 * over several buffers continues from buffer to buffer ({@link #sumOfSquares(double,
 * MemorySegment, long, long)}), and a range split at block boundaries, its pieces' block totals
 * added in order, gives the same bits: processes that own whole blocks of a flattened parameter
 * vector combine exactly. The computed sum is within {@code (128 + K) * 2^-53} of the exact one
 * relative to it, {@code K} being the number of blocks ({@code docs/clipping.md}). A NaN element
 * makes the sum {@link Double#NaN}, else an infinite one {@code +Infinity}.
 *
 * <p>Every method reads each element once, allocates nothing, writes into no buffer, and runs on the
 * vector kernels when they are in use.
 */
public final class Norms {

    private Norms() {
    }

    /**
     * {@code start} plus the squares of the elements of {@code [from, to)} of {@code values}, in
     * the fixed order (see the class comment).
     *
     * @param start  the sum so far, {@code 0.0} for a new one
     * @param values the floats, native or heap, read-only allowed; not modified
     * @param from   first element, inclusive
     * @param to     last element, exclusive
     * @return the sum, in double
     * @throws IllegalArgumentException  if the byte size is not a whole number of floats
     * @throws IndexOutOfBoundsException for a range outside the buffer
     * @throws IllegalStateException     for a segment whose arena is closed
     * @throws WrongThreadException      for a segment confined to another thread
     * @throws NullPointerException      for a null buffer
     */
    public static double sumOfSquares(double start, MemorySegment values, long from, long to) {
        SegmentChecks.requireRange(from, to, SegmentChecks.requireFloats("values", values));
        return KernelProvider.kernels().sumOfSquares(values, from, to, start);
    }

    /**
     * The sum of the squares of every element of {@code values}, in the fixed order.
     *
     * @param values the floats, native or heap, read-only allowed; not modified
     * @return the sum, in double
     * @throws IllegalArgumentException if the byte size is not a whole number of floats
     * @throws IllegalStateException    for a segment whose arena is closed
     * @throws WrongThreadException     for a segment confined to another thread
     * @throws NullPointerException     for a null buffer
     */
    public static double sumOfSquares(MemorySegment values) {
        return sumOfSquares(0.0, values, 0, SegmentChecks.requireFloats("values", values));
    }

    /**
     * The sum of the squares of every element of {@code values}, in the fixed order.
     *
     * @param values the floats; not modified
     * @return the sum, in double
     * @throws NullPointerException for a null array
     */
    public static double sumOfSquares(float[] values) {
        return sumOfSquares(MemorySegment.ofArray(ArgumentChecks.requireNonNull("values", values)));
    }

    /**
     * The L2 norm of all of {@code buffers} together: the square root of the sum of squares
     * continued from each buffer to the next, in the order given.
     *
     * @param buffers the gradients, each native or heap, read-only allowed; not modified
     * @return the norm, in double
     * @throws IllegalArgumentException if a byte size is not a whole number of floats
     * @throws IllegalStateException    for a segment whose arena is closed
     * @throws WrongThreadException     for a segment confined to another thread
     * @throws NullPointerException     for a null array or buffer
     */
    public static double l2Norm(MemorySegment... buffers) {
        ArgumentChecks.requireNonNull("buffers", buffers);
        double sum = 0.0;
        for (MemorySegment buffer : buffers) {
            sum = sumOfSquares(sum, buffer, 0, SegmentChecks.requireFloats("buffers", buffer));
        }
        return Math.sqrt(sum);
    }

    /**
     * The total of each block of 4096 elements that {@code [from, to)} meets, over the range's
     * elements of it, into {@code totals} from index {@code at} on, in block order: the pieces a
     * process or thread that owns whole blocks hands to the others. Adding them in block order with
     * {@link #sumOfTotals} gives the bits of {@link #sumOfSquares(double, MemorySegment, long, long)}
     * over the same range; the totals of ranges cut at block boundaries, put side by side in order,
     * give the bits of the whole (see {@code docs/scaling.md}).
     *
     * @param values the floats, native or heap, read-only allowed; not modified
     * @param from   first element, inclusive
     * @param to     last element, exclusive
     * @param totals receives one total per block
     * @param at     index in {@code totals} of the first block's total
     * @return the number of totals written: the blocks the range meets
     * @throws IllegalArgumentException  if the byte size is not a whole number of floats
     * @throws IndexOutOfBoundsException for a range outside the buffer, or if {@code totals} has no room
     *                                   for them from {@code at} on (nothing is written then)
     * @throws IllegalStateException     for a segment whose arena is closed
     * @throws WrongThreadException      for a segment confined to another thread
     * @throws NullPointerException      for a null buffer or array
     */
    public static int blockTotals(MemorySegment values, long from, long to, double[] totals, int at) {
        SegmentChecks.requireRange(from, to, SegmentChecks.requireFloats("values", values));
        ArgumentChecks.requireNonNull("totals", totals);
        long blocks = ReductionOrder.blocks(from, to);
        if (at < 0 || blocks > totals.length - at) {
            throw new IndexOutOfBoundsException("totals: " + blocks + " block totals from index at = " + at
                    + " do not fit an array of " + totals.length);
        }
        KernelSet kernels = KernelProvider.kernels();
        int k = at;
        for (long lo = from; lo < to; k++) {
            long hi = ReductionOrder.blockEnd(lo, to);
            totals[k] = kernels.sumOfSquares(values, lo, hi, 0.0);
            lo = hi;
        }
        return k - at;
    }

    /**
     * {@code start} plus {@code totals[from]} to {@code totals[to - 1]}, added in index order:
     * the sum of squares over the blocks whose totals {@link #blockTotals} wrote.
     *
     * @param start  the sum so far, {@code 0.0} for a new one
     * @param totals block totals
     * @param from   first index, inclusive
     * @param to     last index, exclusive
     * @return the sum; NaN (canonical) if one is NaN
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= totals.length}
     * @throws NullPointerException      for a null array
     */
    public static double sumOfTotals(double start, double[] totals, int from, int to) {
        int length = ArgumentChecks.requireNonNull("totals", totals).length;
        if (from < 0 || from > to || to > length) {
            throw new IndexOutOfBoundsException("totals: [from, to) = [" + from + ", " + to
                    + ") is not a range of an array of " + length);
        }
        double sum = start;
        for (int k = from; k < to; k++) {
            sum += totals[k];
        }
        return ReductionOrder.canonical(sum);
    }

    /**
     * The largest absolute value of the elements of {@code [from, to)}: 0 for an empty range,
     * {@link Float#NaN} if one is NaN.
     *
     * @param values the floats, native or heap, read-only allowed; not modified
     * @param from   first element, inclusive
     * @param to     last element, exclusive
     * @return the largest absolute value
     * @throws IllegalArgumentException  if the byte size is not a whole number of floats
     * @throws IndexOutOfBoundsException for a range outside the buffer
     * @throws IllegalStateException     for a segment whose arena is closed
     * @throws WrongThreadException      for a segment confined to another thread
     * @throws NullPointerException      for a null buffer
     */
    public static float maxAbs(MemorySegment values, long from, long to) {
        SegmentChecks.requireRange(from, to, SegmentChecks.requireFloats("values", values));
        return KernelProvider.kernels().maxAbs(values, from, to);
    }

    /**
     * The infinity norm of all of {@code buffers} together: their largest absolute value.
     *
     * @param buffers the gradients, each native or heap, read-only allowed; not modified
     * @return the largest absolute value, {@link Float#NaN} if an element is NaN
     * @throws IllegalArgumentException if a byte size is not a whole number of floats
     * @throws IllegalStateException    for a segment whose arena is closed
     * @throws WrongThreadException     for a segment confined to another thread
     * @throws NullPointerException     for a null array or buffer
     */
    public static float infinityNorm(MemorySegment... buffers) {
        ArgumentChecks.requireNonNull("buffers", buffers);
        float max = 0f;
        for (MemorySegment buffer : buffers) {
            max = Math.max(max, maxAbs(buffer, 0, SegmentChecks.requireFloats("buffers", buffer)));
        }
        return max;
    }
}
