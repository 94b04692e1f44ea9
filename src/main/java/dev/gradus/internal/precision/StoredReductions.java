package dev.gradus.internal.precision;

import dev.gradus.internal.KernelSet;
import dev.gradus.internal.ReductionOrder;
import dev.gradus.precision.StoragePlan;
import dev.gradus.precision.StorageType;
import dev.gradus.precision.Weights;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The reads of a gradient in any storage type that an optimizer's step makes besides the update:
 * the search for a NaN or an infinity, a block's sum of squares and its largest magnitude, and
 * one element for a message. A 16-bit buffer is widened into the thread's float32 tiles first,
 * so every result is that of the float32 kernels on the widened values: a block of a reduction is
 * widened whole, which keeps the order of {@link ReductionOrder} (its partial sums follow the
 * element's position in the block, and a block starts at a multiple of its size).
 */
public final class StoredReductions {

    /** The elements of a reduction's block. */
    public static final int BLOCK = ReductionOrder.BLOCK;

    private static final TileScratch.PerThread SCRATCH = TiledStep.scratch();

    private StoredReductions() {
    }

    /** The index of the first NaN or infinity of {@code values} in {@code [from, to)}, or -1. */
    public static long firstNonFinite(KernelSet kernels, StorageType type, MemorySegment values, long from, long to) {
        if (type == StorageType.FLOAT32) {
            return kernels.firstNonFinite(values, from, to);
        }
        Conversions conversions = kernels.conversions();
        MemorySegment tile = SCRATCH.get().temporary;
        for (long at = from; at < to; at += TileScratch.TILE) {
            int n = (int) Math.min(TileScratch.TILE, to - at);
            conversions.widen(type, values, at, tile, 0, n);
            long bad = kernels.firstNonFinite(tile, 0, n);
            if (bad >= 0) {
                return at + bad;
            }
        }
        return -1;
    }

    /**
     * The block {@code [lo, hi)}'s sum of squares ({@code squares}) or largest magnitude, as
     * {@link KernelSet#sumOfSquares} from 0 and {@link KernelSet#maxAbs} give them for floats.
     *
     * @param lo a multiple of {@link #BLOCK}
     * @param hi at most {@code lo + BLOCK}
     */
    public static double block(KernelSet kernels, StorageType type, MemorySegment values, long lo, long hi,
                               boolean squares) {
        MemorySegment floats = values;
        long from = lo;
        long to = hi;
        if (type != StorageType.FLOAT32) {
            floats = SCRATCH.get().block;
            kernels.conversions().widen(type, values, lo, floats, 0, hi - lo);
            from = 0;
            to = hi - lo;
        }
        return squares ? kernels.sumOfSquares(floats, from, to, 0.0) : kernels.maxAbs(floats, from, to);
    }

    /**
     * The sum of squares of {@code values} on {@code [from, to)}, as {@link KernelSet#sumOfSquares}
     * from 0 gives it for floats: block by block, each block widened whole (elements outside the
     * range are read, not summed), so every element keeps its place in its block's partials.
     *
     * @param length the elements of {@code values}
     */
    public static double squares(KernelSet kernels, StorageType type, MemorySegment values, long length, long from,
                                 long to) {
        if (type == StorageType.FLOAT32) {
            return kernels.sumOfSquares(values, from, to, 0.0);
        }
        return sumBlocks(kernels, null, type, values, null, length, from, to);
    }

    /**
     * The sum of squares of the weights {@code w} a step of {@code plan} sees on {@code [from, to)}
     * ({@link TiledStep#loadWeights}: the widened parameter, the float32 master, or the Kahan sum
     * in float), in the order of {@link #squares}.
     *
     * @param weights    the parameter, or the float32 master
     * @param weightCopy the Kahan compensation, the model copy or null
     * @param length     the elements of {@code weights}
     */
    public static double weightSquares(KernelSet kernels, StoragePlan plan, MemorySegment weights,
                                       MemorySegment weightCopy, long length, long from, long to) {
        if (plan.weights() != Weights.KAHAN) {
            return squares(kernels, plan.paramBuffer(), weights, length, from, to);
        }
        return sumBlocks(kernels, plan, plan.paramBuffer(), weights, weightCopy, length, from, to);
    }

    /** The sums of the blocks {@code [from, to)} meets, each widened (with its Kahan sum, given a plan) into the thread's tiles. */
    private static double sumBlocks(KernelSet kernels, StoragePlan plan, StorageType type, MemorySegment values,
                                    MemorySegment compensation, long length, long from, long to) {
        TileScratch tiles = SCRATCH.get();
        Conversions conversions = kernels.conversions();
        double sum = 0.0;
        for (long lo = ReductionOrder.blockStart(from); lo < to; lo += BLOCK) {
            int n = (int) (Math.min(length, lo + BLOCK) - lo);
            if (plan == null) {
                conversions.widen(type, values, lo, tiles.block, 0, n);
            } else {
                TiledStep.loadWeights(kernels, conversions, plan, values, compensation, tiles, lo, n);
            }
            sum = kernels.sumOfSquares(tiles.block, Math.max(from, lo) - lo, Math.min(to, lo + n) - lo, sum);
        }
        return sum;
    }

    /** Element {@code index} of {@code values}, widened. */
    public static float get(StorageType type, MemorySegment values, long index) {
        return switch (type) {
            case FLOAT32 -> values.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, index);
            case BFLOAT16 -> Bf16.widen(values.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, index));
            case FLOAT16 -> Fp16.widen(values.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, index));
        };
    }
}
