package dev.gradus.internal.warmup;

import dev.gradus.UpdateRule;
import dev.gradus.internal.KernelSet;
import dev.gradus.internal.RuleSteps;
import dev.gradus.internal.precision.TiledStep;
import dev.gradus.precision.StoragePlan;
import dev.gradus.precision.StorageType;
import dev.gradus.precision.Weights;
import java.lang.foreign.MemorySegment;

/**
 * One call the warm-up makes: a family's kernel with the options and the kind of memory of one
 * {@link Signature}, through the {@link KernelSet} interface and, for the update rules, through
 * {@link RuleSteps} as every public entry point does, on a {@link Shape} of the
 * {@link WarmUpBuffers}.
 *
 * @param family the family
 * @param rule   the rule with its options, for the update-rule families; else {@code null}
 * @param heap   whether on heap buffers, else on native ones
 * @param scaled for Adafactor's direction: whether the gradient is scaled
 * @param scan   for the scan and the reductions: which buffer they read; else {@code null}
 * @param bf16Gradient for Adam's one pass on bfloat16 state: whether on a bfloat16 gradient
 */
record WarmUpCase(KernelFamily family, UpdateRule rule, boolean heap, boolean scaled, ScanTarget scan,
                  boolean bf16Gradient) {

    /** Learning rate of every step: large enough that decoupled weight decay changes the weights. */
    static final double LEARNING_RATE = 1e-3;
    /** The decay of the EWMA case. */
    static final float EWMA_DECAY = 0.9f;
    /** The plans of {@link KernelFamily#ADAM_BF16_STATE}'s case, with a float32 and a bfloat16 gradient. */
    private static final StoragePlan[] BF16_STATE = {
            StoragePlan.of(StorageType.FLOAT32, StorageType.FLOAT32, StorageType.BFLOAT16),
            StoragePlan.of(StorageType.FLOAT32, StorageType.BFLOAT16, StorageType.BFLOAT16)};
    /** The plans of {@link KernelFamily#ADAM_BF16_KAHAN}'s case, the same. */
    private static final StoragePlan[] BF16_KAHAN = {
            StoragePlan.of(StorageType.BFLOAT16, StorageType.FLOAT32, StorageType.BFLOAT16).withWeights(Weights.KAHAN),
            StoragePlan.of(StorageType.BFLOAT16, StorageType.BFLOAT16, StorageType.BFLOAT16).withWeights(Weights.KAHAN)};

    /** What the scan reads: finite values, a NaN inside the range, or a long buffer. */
    enum ScanTarget { FINITE, NAN, LONG }

    /**
     * A range of the buffers, and for native memory which arena's.
     *
     * @param from     first element
     * @param to       end, exclusive, at most {@link WarmUpBuffers#CAPACITY}
     * @param confined whether the native buffers of the confined arena, else of the shared one
     */
    record Shape(int from, int to, boolean confined) {
    }

    /**
     * Makes the call; the hot path of the warm-up loop, which C2 compiles.
     *
     * @return the scan's answer, or 0
     */
    long run(KernelSet kernels, WarmUpBuffers buffers, Shape shape, long step) {
        boolean confined = shape.confined();
        return switch (family) {
            case EWMA -> {
                kernels.ewma(buffers.of(heap, confined, WarmUpBuffers.PARAM),
                        buffers.of(heap, confined, WarmUpBuffers.GRADIENT), shape.from(), shape.to(), EWMA_DECAY,
                        1f - EWMA_DECAY);
                yield 0;
            }
            case NON_FINITE_SCAN, SQUARE_SUM, MAX_ABS -> read(kernels, buffers, shape);
            case SQUARE_ACCUMULATION, FACTORED_DIRECTION -> {
                adafactor(kernels, buffers, shape);
                yield 0;
            }
            case LERP -> {
                lerp(kernels, buffers, shape);
                yield 0;
            }
            case ADAM_BF16_STATE, ADAM_BF16_KAHAN -> {
                adamBf16State(kernels, buffers, shape, step);
                yield 0;
            }
            default -> {
                RuleSteps.step(kernels, rule, LEARNING_RATE, step, buffers.of(heap, confined, WarmUpBuffers.PARAM),
                        update(buffers, confined), buffers.of(heap, confined, WarmUpBuffers.GRADIENT),
                        state(buffers, confined, 0), state(buffers, confined, 1), state(buffers, confined, 2),
                        shape.from(), shape.to());
                yield 0;
            }
        };
    }

    /**
     * Makes the same call as {@link #run} from a method of its own, which the warm-up calls so
     * rarely that it stays interpreted (or compiled by C1, which inlines no kernel): a call from
     * here runs the kernel's own compiled code, as a call from a caller's fresh code would. A call
     * through {@link #run}, once C2 compiled {@code run} with the kernel inlined, would not tell
     * whether the kernel itself is compiled.
     *
     * @return the scan's answer, or 0
     */
    static long callFromColdSite(WarmUpCase c, KernelSet kernels, WarmUpBuffers buffers, Shape shape, long step) {
        boolean heap = c.heap;
        boolean confined = shape.confined();
        switch (c.family) {
            case EWMA -> kernels.ewma(buffers.of(heap, confined, WarmUpBuffers.PARAM),
                    buffers.of(heap, confined, WarmUpBuffers.GRADIENT), shape.from(), shape.to(), EWMA_DECAY,
                    1f - EWMA_DECAY);
            case NON_FINITE_SCAN, SQUARE_SUM, MAX_ABS -> {
                return c.read(kernels, buffers, shape);
            }
            case SQUARE_ACCUMULATION, FACTORED_DIRECTION -> c.adafactor(kernels, buffers, shape);
            case LERP -> c.lerp(kernels, buffers, shape);
            case ADAM_BF16_STATE, ADAM_BF16_KAHAN -> c.adamBf16State(kernels, buffers, shape, step);
            default -> RuleSteps.step(kernels, c.rule, LEARNING_RATE, step,
                    buffers.of(heap, confined, WarmUpBuffers.PARAM), c.update(buffers, confined),
                    buffers.of(heap, confined, WarmUpBuffers.GRADIENT), c.state(buffers, confined, 0),
                    c.state(buffers, confined, 1), c.state(buffers, confined, 2), shape.from(), shape.to());
        }
        return 0;
    }

    /**
     * The call of one of Adafactor's kernels: the gradient's squares into the first state buffer,
     * or the direction from them into the update buffer, both over the shape's range.
     */
    private void adafactor(KernelSet kernels, WarmUpBuffers buffers, Shape shape) {
        boolean confined = shape.confined();
        MemorySegment gradient = buffers.of(heap, confined, WarmUpBuffers.GRADIENT);
        MemorySegment variance = buffers.of(heap, confined, WarmUpBuffers.STATE);
        int count = shape.to() - shape.from();
        if (family == KernelFamily.SQUARE_ACCUMULATION) {
            kernels.accumulateSquares(variance, gradient, shape.from(), shape.from(), count, 0.5f, 0.5f);
        } else {
            kernels.factoredDirection(buffers.of(heap, confined, WarmUpBuffers.UPDATE), gradient, variance,
                    shape.from(), shape.from(), count, 1f, 1e-30f, -1f, scaled);
        }
    }

    /**
     * Adam on bfloat16 {@code m}, {@code v} ({@link WarmUpBuffers#half}), on float32 weights or
     * bfloat16 Kahan-compensated ones ({@link KernelFamily#ADAM_BF16_KAHAN}) and a float32 or
     * bfloat16 gradient, through the tiled step, which runs the kernels' one pass on the whole
     * vectors and the tiles on the rest: so the vector and the cold kernels are timed on the same
     * whole step.
     */
    private void adamBf16State(KernelSet kernels, WarmUpBuffers buffers, Shape shape, long step) {
        boolean confined = shape.confined();
        boolean kahan = family == KernelFamily.ADAM_BF16_KAHAN;
        StoragePlan plan = (kahan ? BF16_KAHAN : BF16_STATE)[bf16Gradient ? 1 : 0];
        MemorySegment param = kahan ? buffers.half(heap, confined, WarmUpBuffers.HALF_PARAM)
                : buffers.of(heap, confined, WarmUpBuffers.PARAM);
        MemorySegment compensation = kahan ? buffers.half(heap, confined, WarmUpBuffers.HALF_COMPENSATION) : null;
        MemorySegment gradient = bf16Gradient ? buffers.half(heap, confined, WarmUpBuffers.HALF_GRADIENT)
                : buffers.of(heap, confined, WarmUpBuffers.GRADIENT);
        TiledStep.step(kernels, rule, LEARNING_RATE, step, plan, param, compensation,
                gradient, null, buffers.half(heap, confined, WarmUpBuffers.HALF_M),
                buffers.half(heap, confined, WarmUpBuffers.HALF_V), null, shape.from(), shape.to(), false,
                Float.POSITIVE_INFINITY, 1f);
    }

    /** The call of the views' interpolation: the gradient toward the state, into the update buffer. */
    private void lerp(KernelSet kernels, WarmUpBuffers buffers, Shape shape) {
        boolean confined = shape.confined();
        MemorySegment start = buffers.of(heap, confined, WarmUpBuffers.GRADIENT);
        kernels.lerp(buffers.of(heap, confined, WarmUpBuffers.UPDATE), start,
                buffers.of(heap, confined, WarmUpBuffers.STATE), start, shape.from(), shape.to(), -0.1f);
    }

    /** The call of a family that only reads ({@link KernelFamily#readsOnly()}): its answer's bits. */
    private long read(KernelSet kernels, WarmUpBuffers buffers, Shape shape) {
        MemorySegment values = scanned(buffers, shape.confined());
        int to = scanEnd(shape);
        return switch (family) {
            case NON_FINITE_SCAN -> kernels.firstNonFinite(values, shape.from(), to);
            case SQUARE_SUM -> Double.doubleToRawLongBits(kernels.sumOfSquares(values, shape.from(), to, 0.0));
            default -> Float.floatToRawIntBits(kernels.maxAbs(values, shape.from(), to));
        };
    }

    private MemorySegment update(WarmUpBuffers buffers, boolean confined) {
        return family.emitsUpdate() ? buffers.of(heap, confined, WarmUpBuffers.UPDATE) : null;
    }

    private MemorySegment state(WarmUpBuffers buffers, boolean confined, int k) {
        return k < rule.stateBuffers() ? buffers.of(heap, confined, WarmUpBuffers.STATE + k) : null;
    }

    private MemorySegment scanned(WarmUpBuffers buffers, boolean confined) {
        return switch (scan) {
            case FINITE -> buffers.of(heap, confined, WarmUpBuffers.GRADIENT);
            case NAN -> buffers.of(heap, confined, WarmUpBuffers.POISONED);
            case LONG -> buffers.large(heap, confined);
        };
    }

    private int scanEnd(Shape shape) {
        return scan == ScanTarget.LONG ? WarmUpBuffers.LARGE : shape.to();
    }

    @Override
    public String toString() {
        String kind = heap ? " on heap" : " on native memory";
        return (family.readsOnly() ? family.method() + " " + scan
                : family == KernelFamily.EWMA || family == KernelFamily.LERP ? family.method() : rule.toString()) + (family.emitsUpdate() ? " emitting the update" : "")
                + (family == KernelFamily.ADAM_BF16_STATE ? " on bfloat16 state" : "")
                + (family == KernelFamily.ADAM_BF16_KAHAN ? " on bfloat16 state and Kahan weights" : "")
                + (bf16Gradient ? ", bfloat16 gradient" : "") + kind;
    }
}
