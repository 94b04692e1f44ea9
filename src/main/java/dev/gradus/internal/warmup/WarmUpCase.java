package dev.gradus.internal.warmup;

import dev.gradus.UpdateRule;
import dev.gradus.internal.KernelSet;
import dev.gradus.internal.RuleSteps;
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
 * @param scan   for the scan: which buffer it reads; else {@code null}
 */
record WarmUpCase(KernelFamily family, UpdateRule rule, boolean heap, ScanTarget scan) {

    /** Learning rate of every step: large enough that decoupled weight decay changes the weights. */
    static final double LEARNING_RATE = 1e-3;
    /** The decay of the EWMA case. */
    static final float EWMA_DECAY = 0.9f;

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
            case NON_FINITE_SCAN -> kernels.firstNonFinite(scanned(buffers, confined), shape.from(), scanEnd(shape));
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
            case NON_FINITE_SCAN -> {
                return kernels.firstNonFinite(c.scanned(buffers, confined), shape.from(), c.scanEnd(shape));
            }
            default -> RuleSteps.step(kernels, c.rule, LEARNING_RATE, step,
                    buffers.of(heap, confined, WarmUpBuffers.PARAM), c.update(buffers, confined),
                    buffers.of(heap, confined, WarmUpBuffers.GRADIENT), c.state(buffers, confined, 0),
                    c.state(buffers, confined, 1), c.state(buffers, confined, 2), shape.from(), shape.to());
        }
        return 0;
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
        return (family == KernelFamily.NON_FINITE_SCAN ? family.method() + " " + scan
                : family == KernelFamily.EWMA ? family.method() : rule.toString()) + (family.emitsUpdate() ? " emitting the update" : "") + kind;
    }
}
