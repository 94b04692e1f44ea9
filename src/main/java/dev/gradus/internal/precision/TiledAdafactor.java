package dev.gradus.internal.precision;

import dev.gradus.Adafactor;
import dev.gradus.internal.AdafactorStep;
import dev.gradus.internal.KernelSet;
import dev.gradus.precision.StoragePlan;
import dev.gradus.precision.StorageType;
import java.lang.foreign.MemorySegment;

/**
 * An {@link Adafactor} step on weights and a gradient stored as a {@link StoragePlan} says, with
 * the passes of {@link AdafactorStep}: {@code alpha} from the sum of squares of the widened
 * weights ({@link StoredReductions#weightSquares}); a 16-bit gradient widened into the float32
 * {@code update} buffer, where the direction {@code u} then replaces it element by element; the
 * averages and the direction as for float buffers; and one pass over the weights, tile by tile,
 * that applies the decay and the step and narrows. So the bits are those of the float32 step on
 * the widened weights and gradient, narrowed.
 *
 * <p>The state stays float32 whatever the plan's state type: the row and column averages are
 * sublinear in a matrix's size, and {@code u} is rewritten whole by every step before it is read.
 * Callers have validated every argument.
 */
public final class TiledAdafactor {

    private TiledAdafactor() {
    }

    /**
     * Step {@code t} on {@code [from, to)}, as {@link AdafactorStep#step} on float buffers.
     *
     * @param weights    the parameter, or the float32 master
     * @param weightCopy the Kahan compensation, the model copy or null
     * @param length     the parameter's elements
     */
    public static void step(KernelSet kernels, Adafactor rule, double learningRate, long t, StoragePlan plan,
                            MemorySegment weights, MemorySegment weightCopy, MemorySegment gradient, long rows,
                            long columns, MemorySegment row, MemorySegment column, MemorySegment update, long length,
                            long from, long to, float clipScale, boolean clipped) {
        long n = to - from;
        if (n == 0) {
            return;
        }
        double alpha = AdafactorStep.alpha(rule, learningRate, t,
                StoredReductions.weightSquares(kernels, plan, weights, weightCopy, length, from, to), n);
        MemorySegment g = gradient;
        if (plan.gradient() != StorageType.FLOAT32) {
            kernels.conversions().widen(plan.gradient(), gradient, 0, update, from, to);
            g = update;
        }
        AdafactorStep.direction(kernels, rule, t, g, rows, columns, row, column, update, from, to, clipScale, clipped);
        double stepSize = AdafactorStep.stepSize(kernels, rule, alpha, update, from, to);
        Conversions conversions = kernels.conversions();
        TileScratch tiles = TiledStep.scratch().get();
        for (long at = from; at < to; at += TileScratch.TILE) {
            int count = (int) Math.min(TileScratch.TILE, to - at);
            TiledStep.loadWeights(kernels, conversions, plan, weights, weightCopy, tiles, at, count);
            if (rule.weightDecay() != 0.0) {
                AdafactorStep.decay(kernels, rule, learningRate, tiles.param, 0, count);
            }
            TiledStep.load(conversions, StorageType.FLOAT32, update, tiles.gradient, at, count);
            kernels.sgd(tiles.param, null, tiles.gradient, 0, count, (float) stepSize, Float.POSITIVE_INFINITY, 1f, 0f,
                    false);
            TiledStep.storeWeights(kernels, conversions, plan, t, weights, weightCopy, tiles, at, count);
        }
    }
}
