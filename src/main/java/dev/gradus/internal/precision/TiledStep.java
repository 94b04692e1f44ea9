package dev.gradus.internal.precision;

import dev.gradus.Adam;
import dev.gradus.UpdateRule;
import dev.gradus.internal.KernelSet;
import dev.gradus.internal.RuleSteps;
import dev.gradus.internal.ScheduleFreeAveraging;
import dev.gradus.precision.Rounding;
import dev.gradus.precision.StoragePlan;
import dev.gradus.precision.StorageType;
import dev.gradus.precision.Weights;
import java.lang.foreign.MemorySegment;

/**
 * A step of any elementwise rule on buffers stored as a {@link StoragePlan} says, tile by tile:
 * each tile of {@value #TILE} elements is widened into the thread's float32 tiles, stepped
 * there by the float32 kernels, and narrowed back. The result of an element is therefore that of
 * the float32 step on its widened values, rounded as the plan says, whatever the tiles, the range
 * and its split; the vector and scalar paths agree because their kernels and conversions do.
 * Each buffer is read once and written once from memory; the tiles stay in the second-level cache.
 *
 * <p>Adam on bfloat16 state rounded to nearest, with float32 weights or bfloat16
 * Kahan-compensated ones and a float32 or bfloat16 gradient, skips the tiles for the whole
 * vectors of its range where the kernels have a one-pass loop for it ({@link #isAdamOnBf16State};
 * decisions 0028 and 0030): the same bits, each buffer moved once.
 *
 * <p>Stochastic rounding's bits follow the element's index in its buffer, from the key of the
 * plan's seed, the step and the buffer's number (0 the parameter or model copy, 1 the Kahan
 * compensation, {@code 2 + k} state buffer {@code k}). Callers have validated every argument.
 */
public final class TiledStep {

    /** The elements of a tile: a step's range is stepped this many at a time. */
    public static final int TILE = TileScratch.TILE;

    /** The number of the weights' buffer in the random bits' key. */
    public static final int PARAM_BUFFER = 0;
    /** The number of the Kahan compensation. */
    public static final int COMPENSATION_BUFFER = 1;
    /** The number of state buffer 0; buffer {@code k} is this plus {@code k}. */
    public static final int STATE_BUFFER = 2;

    private static final TileScratch.PerThread SCRATCH = new TileScratch.PerThread();

    private TiledStep() {
    }

    /** The threads' tiles, shared with {@link StoredReductions}. */
    static TileScratch.PerThread scratch() {
        return SCRATCH;
    }

    /**
     * Step {@code step} of {@code rule} on {@code [from, to)}, as {@link RuleSteps} steps float32
     * buffers, with the gradient clamped and scaled if {@code clipped}; or, given an
     * {@code update} buffer, its update form: the weights are read, not written, and the update
     * is narrowed to the gradient's type into {@code update} with the weights' random bits.
     *
     * @param weightCopy the Kahan compensation or the model copy, as the plan's weights say; null for rounded weights
     * @param update     receives the update in the gradient's type, or null for the in-place step; only with
     *                   rounded weights and without clipping
     * @param state0     the rule's first state buffer, or null if it keeps none
     * @param state1     its second, or null
     * @param state2     its third, or null
     */
    public static void step(KernelSet kernels, UpdateRule rule, double learningRate, long step, StoragePlan plan,
                            MemorySegment param, MemorySegment weightCopy, MemorySegment gradient,
                            MemorySegment update, MemorySegment state0, MemorySegment state1, MemorySegment state2,
                            long from, long to, boolean clipped, float clipValue, float clipScale) {
        if (update == null && isAdamOnBf16State(rule, plan)) {
            from = RuleSteps.adamBf16State(kernels, (Adam) rule, learningRate, step, param,
                    plan.weights() == Weights.KAHAN ? weightCopy : null, gradient,
                    plan.gradient() == StorageType.BFLOAT16, state0, state1, from, to, clipped, clipValue, clipScale);
        }
        Conversions conversions = kernels.conversions();
        TileScratch tiles = SCRATCH.get();
        int states = rule.stateBuffers();
        int averaging = ScheduleFreeAveraging.is(rule) ? ScheduleFreeAveraging.index(rule) : -1;
        for (long at = from; at < to; at += TileScratch.TILE) {
            int n = (int) Math.min(TileScratch.TILE, to - at);
            loadWeights(kernels, conversions, plan, param, weightCopy, tiles, at, n);
            load(conversions, plan.gradient(), gradient, tiles.gradient, at, n);
            MemorySegment tile0 = loadState(conversions, plan, 0, states, averaging, state0, tiles, at, n);
            MemorySegment tile1 = loadState(conversions, plan, 1, states, averaging, state1, tiles, at, n);
            MemorySegment tile2 = loadState(conversions, plan, 2, states, averaging, state2, tiles, at, n);
            if (update != null) {
                RuleSteps.step(kernels, rule, learningRate, step, tiles.param, tiles.temporary, tiles.gradient, tile0,
                        tile1, tile2, 0, n);
            } else if (clipped) {
                RuleSteps.step(kernels, rule, learningRate, step, tiles.param, null, tiles.gradient, tile0, tile1,
                        tile2, 0, n, clipValue, clipScale);
            } else {
                RuleSteps.step(kernels, rule, learningRate, step, tiles.param, tiles.gradient, tile0, tile1, tile2, 0,
                        n);
            }
            storeState(conversions, plan, step, 0, states, averaging, state0, tiles, at, n);
            storeState(conversions, plan, step, 1, states, averaging, state1, tiles, at, n);
            storeState(conversions, plan, step, 2, states, averaging, state2, tiles, at, n);
            if (update != null) {
                store(conversions, plan, plan.gradient(), tiles.temporary, update, at, n,
                        key(plan, step, PARAM_BUFFER));
            } else {
                storeWeights(kernels, conversions, plan, step, param, weightCopy, tiles, at, n);
            }
        }
    }

    /**
     * Whether the step is Adam without AMSGrad with bfloat16 state rounded to nearest, on float32
     * weights or bfloat16 Kahan-compensated ones, and a float32 or bfloat16 gradient: the kernels'
     * one-pass loop ({@code KernelSet.adamBf16State}) steps the whole vectors of its range, the
     * tiles the rest, with the same bits.
     */
    public static boolean isAdamOnBf16State(UpdateRule rule, StoragePlan plan) {
        boolean float32Weights = plan.parameter() == StorageType.FLOAT32 && plan.weights() == Weights.ROUNDED;
        boolean kahanWeights = plan.parameter() == StorageType.BFLOAT16 && plan.weights() == Weights.KAHAN;
        boolean gradient = plan.gradient() == StorageType.FLOAT32 || plan.gradient() == StorageType.BFLOAT16;
        return rule instanceof Adam adam && !adam.amsgrad() && (float32Weights || kahanWeights) && gradient
                && plan.state() == StorageType.BFLOAT16 && plan.rounding() == Rounding.NEAREST_EVEN;
    }

    /** The key of buffer {@code buffer}'s random bits at this step, or 0 for nearest-even rounding. */
    private static long key(StoragePlan plan, long step, int buffer) {
        return plan.rounding() == Rounding.STOCHASTIC ? RoundingBits.key(plan.seed(), step, buffer) : 0L;
    }

    /** The rule's weight {@code w} into the parameter tile; the Kahan sum is one float addition. */
    static void loadWeights(KernelSet kernels, Conversions conversions, StoragePlan plan, MemorySegment param,
                            MemorySegment weightCopy, TileScratch tiles, long at, int n) {
        load(conversions, plan.paramBuffer(), param, tiles.param, at, n);
        if (plan.weights() == Weights.KAHAN) {
            conversions.widen(plan.parameter(), weightCopy, at, tiles.temporary, 0, n);
            add(kernels, tiles.param, tiles.temporary, n, -1f);
        }
    }

    /** The step's result {@code w'} from the parameter tile into the weights' buffers. */
    static void storeWeights(KernelSet kernels, Conversions conversions, StoragePlan plan, long step,
                             MemorySegment param, MemorySegment weightCopy, TileScratch tiles, long at, int n) {
        switch (plan.weights()) {
            case ROUNDED -> store(conversions, plan, plan.parameter(), tiles.param, param, at, n,
                    key(plan, step, PARAM_BUFFER));
            case FLOAT32_MASTER -> {
                store(conversions, plan, StorageType.FLOAT32, tiles.param, param, at, n, 0L);
                store(conversions, plan, plan.parameter(), tiles.param, weightCopy, at, n,
                        key(plan, step, PARAM_BUFFER));
            }
            case KAHAN -> {
                store(conversions, plan, plan.parameter(), tiles.param, param, at, n, key(plan, step, PARAM_BUFFER));
                conversions.widen(plan.parameter(), param, at, tiles.temporary, 0, n);
                add(kernels, tiles.param, tiles.temporary, n, 1f);
                store(conversions, plan, plan.parameter(), tiles.param, weightCopy, at, n,
                        key(plan, step, COMPENSATION_BUFFER));
            }
        }
    }

    /**
     * {@code target = target - sign * source} on the first {@code n} floats: with a sign of -1 the
     * sum, with 1 the difference, exact products either way, through the kernels' own gradient
     * descent ({@code w - a * g} with {@code a = sign}) so that it runs vectorized and compiled.
     */
    private static void add(KernelSet kernels, MemorySegment target, MemorySegment source, int n, float sign) {
        kernels.sgd(target, null, source, 0, n, sign, Float.POSITIVE_INFINITY, 1f, 0f, false);
    }

    /** State buffer {@code k}'s tile: widened or copied, the buffer itself for scalar state, null past the rule's. */
    private static MemorySegment loadState(Conversions conversions, StoragePlan plan, int k, int states,
                                           int averaging, MemorySegment state, TileScratch tiles, long at, int n) {
        if (k >= states) {
            return null;
        }
        if (k == averaging) {
            return state;
        }
        MemorySegment tile = tiles.state(k);
        load(conversions, plan.state(), state, tile, at, n);
        return tile;
    }

    private static void storeState(Conversions conversions, StoragePlan plan, long step, int k, int states,
                                   int averaging, MemorySegment state, TileScratch tiles, long at, int n) {
        if (k < states && k != averaging) {
            storeState(conversions, plan, step, k, state, tiles, at, n);
        }
    }

    /** State buffer {@code k}'s tile into {@code state}, in the plan's state type, with the bits of buffer {@code 2 + k}. */
    static void storeState(Conversions conversions, StoragePlan plan, long step, int k, MemorySegment state,
                           TileScratch tiles, long at, int n) {
        store(conversions, plan, plan.state(), tiles.state(k), state, at, n, key(plan, step, STATE_BUFFER + k));
    }

    /** Elements {@code [at, at + n)} of {@code buffer} into the first {@code n} floats of {@code tile}. */
    static void load(Conversions conversions, StorageType type, MemorySegment buffer, MemorySegment tile,
                     long at, int n) {
        if (type == StorageType.FLOAT32) {
            MemorySegment.copy(buffer, at * Float.BYTES, tile, 0, (long) n * Float.BYTES);
        } else {
            conversions.widen(type, buffer, at, tile, 0, n);
        }
    }

    /** The first {@code n} floats of {@code tile} into elements {@code [at, at + n)} of {@code buffer}. */
    static void store(Conversions conversions, StoragePlan plan, StorageType type, MemorySegment tile,
                      MemorySegment buffer, long at, int n, long key) {
        if (type == StorageType.FLOAT32) {
            MemorySegment.copy(tile, 0, buffer, at * Float.BYTES, (long) n * Float.BYTES);
        } else {
            conversions.narrow(type, plan.rounding(), tile, buffer, at, 0, n, key, at);
        }
    }
}
