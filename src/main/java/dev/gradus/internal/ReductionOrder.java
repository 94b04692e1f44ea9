package dev.gradus.internal;

/**
 * The summation order of {@link KernelSet#sumOfSquares}, fixed by element positions alone, so that
 * every implementation, vector width, thread count and split gives the same bits.
 *
 * <ol>
 *   <li>The elements fall into <b>blocks</b> of {@link #BLOCK} consecutive elements, counted from
 *       element 0 of the buffer: block {@code k} holds elements {@code [k * BLOCK, (k + 1) * BLOCK)}.</li>
 *   <li>Inside a block, element {@code i} belongs to <b>partial</b> {@code i mod PARTIALS}. Each
 *       partial starts at {@code +0.0} and adds the squares {@code (double) x * (double) x} of its
 *       elements in increasing index order. A float's square is exact in double (24 + 24 bits of
 *       significand, exponents far inside the double range), so only the additions round.</li>
 *   <li>The block's total starts at {@code +0.0} and adds the partials in order {@code 0, 1, ...,
 *       PARTIALS - 1}.</li>
 *   <li>The sum over a range starts at the caller's {@code start} and adds the totals of the blocks
 *       the range meets, in block order, each total over the range's elements of that block only.</li>
 * </ol>
 *
 * <p>A partial with no element of the range stays {@code +0.0}, and adding {@code +0.0} to a sum of
 * squares leaves it unchanged; that is why a vector kernel may read whole rows of
 * {@link #PARTIALS} elements with the lanes outside the range set to zero. A range cut at block
 * boundaries into pieces, whose block totals are added in block order, gives the bits of the whole
 * range: threads and processes that each own whole blocks combine exactly.
 *
 * <p><b>Error.</b> Every square is exact; a partial adds at most {@code BLOCK / PARTIALS = 64}
 * non-negative terms, a block total {@code PARTIALS} partials, the range sum one term per block.
 * With {@code u = 2^-53} and {@code K} blocks, the computed sum {@code S'} of the exact sum
 * {@code S} satisfies {@code |S' - S| <= (BLOCK / PARTIALS + PARTIALS + K) * u * S} (to first
 * order; all terms are non-negative, so no cancellation). For {@code 2^31} elements,
 * {@code K = 2^19}, the bound is below {@code 6e-11 * S}.
 *
 * <p>A NaN element makes the sum NaN, returned as the canonical {@link Double#NaN}; otherwise an
 * infinite element makes it {@code +Infinity}. Finite floats never overflow it: their squares are
 * below {@code 1.2e77}.
 */
public final class ReductionOrder {

    /** Elements per block: {@value}. */
    public static final int BLOCK = 4096;

    /** Partial sums per block, element {@code i} going to partial {@code i mod PARTIALS}: {@value}. */
    public static final int PARTIALS = 64;

    private ReductionOrder() {
    }

    /** The end of the block that holds element {@code i}, or {@code to} if that comes first. */
    public static long blockEnd(long i, long to) {
        return Math.min(to, (i / BLOCK + 1) * BLOCK);
    }

    /** The index of the first element of the block holding element {@code i}. */
    public static long blockStart(long i) {
        return i / BLOCK * BLOCK;
    }

    /** The number of blocks that {@code [from, to)} meets. */
    public static long blocks(long from, long to) {
        return from >= to ? 0 : (to - 1) / BLOCK - from / BLOCK + 1;
    }

    /** {@code sum}, with every NaN replaced by {@link Double#NaN}. */
    public static double canonical(double sum) {
        return Double.isNaN(sum) ? Double.NaN : sum;
    }

    /** {@code max}, with every NaN replaced by {@link Float#NaN}. */
    public static float canonical(float max) {
        return Float.isNaN(max) ? Float.NaN : max;
    }
}
