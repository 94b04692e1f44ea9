package dev.gradus.internal.precision;

import dev.gradus.Lamb;
import dev.gradus.UpdateRule;
import dev.gradus.internal.KernelSet;
import dev.gradus.internal.LayerWise;
import dev.gradus.precision.StoragePlan;
import dev.gradus.precision.StorageType;
import java.lang.foreign.MemorySegment;

/**
 * The passes of the layer-wise rules ({@link LayerWise}: LARS and LAMB) on buffers stored as a
 * {@link StoragePlan} says, tile by tile as {@link TiledStep} steps the elementwise rules: each
 * pass widens the tiles of the buffers it reads, runs the float32 pass on them and narrows what
 * it wrote. The norms between the passes are those of the widened weights ({@link
 * StoredReductions#weightSquares}) and of LARS's widened gradient or LAMB's float32 update
 * {@code u}, in the order of {@link dev.gradus.internal.ReductionOrder}. So a step's bits are
 * those of the float32 step on the widened buffers, narrowed, for any tiles and any split of a
 * pass among threads.
 *
 * <p>Each buffer is narrowed once per step, with its own random bits: LAMB's moments in the first
 * pass, LARS's velocity and the weights in the last. LAMB's {@code u} stays float32
 * ({@link LayerWise#isUpdate}). Callers have validated every argument.
 */
public final class TiledLayerWise {

    private TiledLayerWise() {
    }

    /**
     * The first pass on {@code [from, to)} ({@link LayerWise#prepare}): for LAMB, advances the
     * moments {@code m}, {@code v} and writes the float32 update into {@code update}; nothing for
     * LARS.
     *
     * @param weights    the parameter, or the float32 master
     * @param weightCopy the Kahan compensation, the model copy or null
     */
    public static void prepare(KernelSet kernels, UpdateRule rule, long step, StoragePlan plan, MemorySegment weights,
                               MemorySegment weightCopy, MemorySegment gradient, MemorySegment m, MemorySegment v,
                               MemorySegment update, long from, long to, float clipValue, float clipScale) {
        if (!(rule instanceof Lamb)) {
            return;
        }
        Conversions conversions = kernels.conversions();
        TileScratch tiles = TiledStep.scratch().get();
        for (long at = from; at < to; at += TileScratch.TILE) {
            int n = (int) Math.min(TileScratch.TILE, to - at);
            TiledStep.loadWeights(kernels, conversions, plan, weights, weightCopy, tiles, at, n);
            TiledStep.load(conversions, plan.gradient(), gradient, tiles.gradient, at, n);
            TiledStep.load(conversions, plan.state(), m, tiles.state0, at, n);
            TiledStep.load(conversions, plan.state(), v, tiles.state1, at, n);
            LayerWise.prepare(kernels, rule, step, tiles.param, tiles.gradient, tiles.state0, tiles.state1,
                    tiles.state2, 0, n, clipValue, clipScale);
            TiledStep.storeState(conversions, plan, step, 0, m, tiles, at, n);
            TiledStep.storeState(conversions, plan, step, 1, v, tiles, at, n);
            TiledStep.store(conversions, plan, StorageType.FLOAT32, tiles.state2, update, at, n, 0L);
        }
    }

    /**
     * The last pass on {@code [from, to)} ({@link LayerWise#finish}) with the step's trust ratio:
     * LARS's momentum step, which stores the velocity, or LAMB's step along its update; both
     * store the weights.
     *
     * @param weights    the parameter, or the float32 master
     * @param weightCopy the Kahan compensation, the model copy or null
     * @param velocity   LARS's velocity, or null for LAMB
     * @param update     LAMB's float32 update, or null for LARS
     */
    public static void finish(KernelSet kernels, UpdateRule rule, double learningRate, long step, StoragePlan plan,
                              MemorySegment weights, MemorySegment weightCopy, MemorySegment gradient,
                              MemorySegment velocity, MemorySegment update, long from, long to, float clipValue,
                              float clipScale, double ratio) {
        boolean lamb = rule instanceof Lamb;
        Conversions conversions = kernels.conversions();
        TileScratch tiles = TiledStep.scratch().get();
        for (long at = from; at < to; at += TileScratch.TILE) {
            int n = (int) Math.min(TileScratch.TILE, to - at);
            TiledStep.loadWeights(kernels, conversions, plan, weights, weightCopy, tiles, at, n);
            if (lamb) {
                TiledStep.load(conversions, StorageType.FLOAT32, update, tiles.state2, at, n);
            } else {
                TiledStep.load(conversions, plan.gradient(), gradient, tiles.gradient, at, n);
                TiledStep.load(conversions, plan.state(), velocity, tiles.state0, at, n);
            }
            LayerWise.finish(kernels, rule, learningRate, tiles.param, tiles.gradient, tiles.state0, tiles.state2, 0,
                    n, clipValue, clipScale, ratio);
            if (!lamb) {
                TiledStep.storeState(conversions, plan, step, 0, velocity, tiles, at, n);
            }
            TiledStep.storeWeights(kernels, conversions, plan, step, weights, weightCopy, tiles, at, n);
        }
    }

    /**
     * The sum of squares of the buffer the trust ratio measures ({@link LayerWise#measured}) on
     * {@code [from, to)}: LARS's gradient, widened, or LAMB's float32 update.
     *
     * @param length the parameter's elements
     */
    public static double measuredSquares(KernelSet kernels, UpdateRule rule, StoragePlan plan,
                                         MemorySegment gradient, MemorySegment update, long length, long from,
                                         long to) {
        return rule instanceof Lamb ? kernels.sumOfSquares(update, from, to, 0.0)
                : StoredReductions.squares(kernels, plan.gradient(), gradient, length, from, to);
    }

    /**
     * A whole step with {@code [from, to)} as the layer, on the calling thread: the first pass,
     * the norms over the range, the last pass.
     *
     * @param state0 LARS's velocity or LAMB's {@code m}
     * @param state1 LAMB's {@code v}, or null
     * @param state2 LAMB's float32 update, or null
     * @param length the parameter's elements
     */
    public static void step(KernelSet kernels, UpdateRule rule, double learningRate, long step, StoragePlan plan,
                            MemorySegment weights, MemorySegment weightCopy, MemorySegment gradient,
                            MemorySegment state0, MemorySegment state1, MemorySegment state2, long length, long from,
                            long to, float clipValue, float clipScale) {
        prepare(kernels, rule, step, plan, weights, weightCopy, gradient, state0, state1, state2, from, to, clipValue,
                clipScale);
        double ratio = LayerWise.ratio(rule,
                StoredReductions.weightSquares(kernels, plan, weights, weightCopy, length, from, to),
                measuredSquares(kernels, rule, plan, gradient, state2, length, from, to), clipScale);
        finish(kernels, rule, learningRate, step, plan, weights, weightCopy, gradient, state0, state2, from, to,
                clipValue, clipScale, ratio);
    }
}
