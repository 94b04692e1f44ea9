package dev.gradus.internal.vector;

import static dev.gradus.internal.vector.Vectors.LANES;
import static dev.gradus.internal.vector.Vectors.ORDER;
import static dev.gradus.internal.vector.Vectors.SPECIES;

import dev.gradus.internal.ReductionOrder;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sum of squares and the largest absolute value of a range, a vector at a time, in the order of
 * {@link ReductionOrder}.
 *
 * <p>A block is read as rows of {@link ReductionOrder#PARTIALS} elements, element {@code j} of a
 * row going to partial {@code j}. Each pass over the block's rows reads {@link #ACCUMULATORS}
 * float vectors of {@code D} lanes from every row, widens each to a double vector of {@code D}
 * lanes (exactly: the conversion that keeps the lane count, which C2 intrinsifies), squares it
 * (exactly) and adds it to its own accumulator, so partial {@code j} adds its elements in index
 * order, as the scalar kernel does, at every width. {@code D} is half the lanes of the float
 * species, so the double vectors have its width (at least 2: at 64 bits they are 128 bits wide).
 * The passes cover the row; at 512 bits one pass does. The partials live in a per-thread array:
 * the elements before the block part's first whole row are added to them one at a time, each pass
 * loads its accumulators from it and stores them back, then the elements after the last whole row
 * are added one at a time, and the block's total adds the array in partial order. (Masked loads
 * for the partial rows, in the loop, left the whole loop on boxed vectors.)
 */
final class Reductions {

    /** Lanes of the widened vectors: half the float species' lanes, at least 2. */
    private static final int D = Math.max(2, LANES / 2);
    private static final VectorSpecies<Float> FLOATS = VectorSpecies.of(float.class, VectorShape.forBitSize(D * Float.SIZE));
    private static final VectorSpecies<Double> DOUBLES = VectorSpecies.of(double.class,
            VectorShape.forBitSize(D * Double.SIZE));
    /** Double accumulators per pass: enough independent additions to hide their latency. */
    private static final int ACCUMULATORS = 8;
    private static final int PASS = ACCUMULATORS * D;
    private static final int ROW = ReductionOrder.PARTIALS;
    private static final Partials PARTIALS = new Partials();

    static {
        if (ROW % PASS != 0) {
            throw new ExceptionInInitializerError("a row of " + ROW + " floats is not a whole number of passes of "
                    + PASS);
        }
    }

    private Reductions() {
    }

    /** See {@code KernelSet.sumOfSquares}. */
    static double sumOfSquares(MemorySegment values, long from, long to, double start) {
        double[] partials = PARTIALS.get();
        double sum = start;
        for (long lo = from; lo < to; ) {
            long hi = ReductionOrder.blockEnd(lo, to);
            Arrays.fill(partials, 0.0);
            long rowsFrom = Math.min(hi, lo + Math.floorMod(-lo, ROW));
            long rowsTo = Math.max(rowsFrom, hi - Math.floorMod(hi, ROW));
            accumulateElements(values, lo, rowsFrom, partials);
            if (rowsFrom < rowsTo) {
                for (int pass = 0; pass < ROW; pass += PASS) {
                    accumulateRows(values, rowsFrom, rowsTo, pass, partials);
                }
            }
            accumulateElements(values, rowsTo, hi, partials);
            double total = 0.0;
            for (double partial : partials) {
                total += partial;
            }
            sum += total;
            lo = hi;
        }
        return ReductionOrder.canonical(sum);
    }

    /** Adds the squares of {@code [from, to)} to their partials one at a time: the first and last rows of a block part. */
    private static void accumulateElements(MemorySegment values, long from, long to, double[] partials) {
        for (long i = from; i < to; i++) {
            double x = values.get(ValueLayout.JAVA_FLOAT_UNALIGNED, i * Float.BYTES);
            partials[(int) (i & (ROW - 1))] += x * x;
        }
    }

    /**
     * Adds the squares of the whole rows {@code [rowsFrom, rowsTo)}, their floats {@code pass} to
     * {@code pass + PASS - 1}, to partials {@code pass} to {@code pass + PASS - 1}, continuing the
     * sums the array holds.
     */
    private static void accumulateRows(MemorySegment values, long rowsFrom, long rowsTo, int pass,
                                       double[] partials) {
        DoubleVector a0 = DoubleVector.fromArray(DOUBLES, partials, pass);
        DoubleVector a1 = DoubleVector.fromArray(DOUBLES, partials, pass + D);
        DoubleVector a2 = DoubleVector.fromArray(DOUBLES, partials, pass + 2 * D);
        DoubleVector a3 = DoubleVector.fromArray(DOUBLES, partials, pass + 3 * D);
        DoubleVector a4 = DoubleVector.fromArray(DOUBLES, partials, pass + 4 * D);
        DoubleVector a5 = DoubleVector.fromArray(DOUBLES, partials, pass + 5 * D);
        DoubleVector a6 = DoubleVector.fromArray(DOUBLES, partials, pass + 6 * D);
        DoubleVector a7 = DoubleVector.fromArray(DOUBLES, partials, pass + 7 * D);
        for (long row = rowsFrom; row < rowsTo; row += ROW) {
            long at = row + pass;
            a0 = a0.add(square(values, at));
            a1 = a1.add(square(values, at + D));
            a2 = a2.add(square(values, at + 2 * D));
            a3 = a3.add(square(values, at + 3 * D));
            a4 = a4.add(square(values, at + 4 * D));
            a5 = a5.add(square(values, at + 5 * D));
            a6 = a6.add(square(values, at + 6 * D));
            a7 = a7.add(square(values, at + 7 * D));
        }
        a0.intoArray(partials, pass);
        a1.intoArray(partials, pass + D);
        a2.intoArray(partials, pass + 2 * D);
        a3.intoArray(partials, pass + 3 * D);
        a4.intoArray(partials, pass + 4 * D);
        a5.intoArray(partials, pass + 5 * D);
        a6.intoArray(partials, pass + 6 * D);
        a7.intoArray(partials, pass + 7 * D);
    }

    /** The squares, in double, of the {@code D} floats at element {@code at}. */
    private static DoubleVector square(MemorySegment values, long at) {
        DoubleVector wide = (DoubleVector) FloatVector.fromMemorySegment(FLOATS, values, at * Float.BYTES, ORDER)
                .convertShape(VectorOperators.F2D, DOUBLES, 0);
        return wide.mul(wide);
    }

    /**
     * See {@code KernelSet.maxAbs}. The maximum does not depend on the order, so four accumulators
     * take turns (one alone waits on the latency of each max); the last partial vector is read
     * with its lanes past {@code to} masked to zero.
     */
    static float maxAbs(MemorySegment values, long from, long to) {
        FloatVector m0 = FloatVector.zero(SPECIES);
        FloatVector m1 = m0;
        FloatVector m2 = m0;
        FloatVector m3 = m0;
        long i = from;
        for (long bound = from + (to - from) / (4 * LANES) * (4 * LANES); i < bound; i += 4 * LANES) {
            m0 = m0.max(load(values, i).abs());
            m1 = m1.max(load(values, i + LANES).abs());
            m2 = m2.max(load(values, i + 2 * LANES).abs());
            m3 = m3.max(load(values, i + 3 * LANES).abs());
        }
        for (long bound = from + SPECIES.loopBound(to - from); i < bound; i += LANES) {
            m0 = m0.max(load(values, i).abs());
        }
        if (i < to) {
            m1 = m1.max(FloatVector.fromMemorySegment(SPECIES, values, i * Float.BYTES, ORDER,
                    SPECIES.indexInRange(i, to)).abs());
        }
        return ReductionOrder.canonical(m0.max(m1).max(m2.max(m3)).reduceLanes(VectorOperators.MAX));
    }

    private static FloatVector load(MemorySegment values, long i) {
        return FloatVector.fromMemorySegment(SPECIES, values, i * Float.BYTES, ORDER);
    }

    /** Each thread's array of the partial sums of a block; a named class, so that no lambda is linked. */
    private static final class Partials extends ThreadLocal<double[]> {
        @Override
        protected double[] initialValue() {
            return new double[ROW];
        }
    }
}
