package dev.gradus.internal.precision;

import dev.gradus.internal.KernelSet;
import dev.gradus.internal.ScheduleFreeStep;
import dev.gradus.precision.StoragePlan;
import java.lang.foreign.MemorySegment;

/**
 * The evaluation view of a schedule-free parameter stored as a {@link StoragePlan} says, in float32:
 * {@code x = lerp(y, z, weight)} with {@code y} the weights as the step sees them (widened, the
 * Kahan sum {@code p + c} in float, or the float32 master) and {@code z} the widened state, by
 * {@link ScheduleFreeStep#lerp} on each tile. So {@code x} has the bits the float32 evaluation view
 * gives for buffers holding those widened values, whatever the tiles. It allocates nothing.
 */
public final class StoredViews {

    private StoredViews() {
    }

    /**
     * Writes {@code x} for elements {@code [0, n)} into {@code out}.
     *
     * @param weights    the weights the step takes: the 16-bit values, or the float32 master
     * @param weightCopy the Kahan compensation or the model copy, as the plan's weights say; null for rounded weights
     * @param z          the state {@code z} in the plan's state type, or null before the first step ({@code z = y})
     * @param out        receives {@code n} floats
     * @param weight     the interpolation weight, {@code 1 - 1/b1}
     */
    public static void evaluationWeights(KernelSet kernels, StoragePlan plan, MemorySegment weights,
                                         MemorySegment weightCopy, MemorySegment z, MemorySegment out, long n,
                                         double weight) {
        Conversions conversions = kernels.conversions();
        TileScratch tiles = TiledStep.scratch().get();
        for (long at = 0; at < n; at += TileScratch.TILE) {
            int count = (int) Math.min(TileScratch.TILE, n - at);
            TiledStep.loadWeights(kernels, conversions, plan, weights, weightCopy, tiles, at, count);
            MemorySegment end = tiles.param;
            if (z != null) {
                TiledStep.load(conversions, plan.state(), z, tiles.state0, at, count);
                end = tiles.state0;
            }
            ScheduleFreeStep.lerp(kernels, tiles.gradient, tiles.param, end, 0, count, weight);
            MemorySegment.copy(tiles.gradient, 0, out, at * Float.BYTES, (long) count * Float.BYTES);
        }
    }
}
