package dev.gradus.kernels;

import dev.gradus.ScheduleFreeAdamW;
import dev.gradus.ScheduleFreeSgd;
import dev.gradus.UpdateRule;
import dev.gradus.internal.KernelProvider;
import dev.gradus.internal.RuleSteps;
import dev.gradus.internal.ScheduleFreeAveraging;
import dev.gradus.testing.property.Gen;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The schedule-free rules in the kernel properties: their generators, their {@code averaging}
 * buffer (4 floats, the bits of two doubles, not one float per element), and their steps on ranges,
 * whose averaging is written once after the last range.
 */
final class ScheduleFreeCases {

    private static final Gen<Double> INTERPOLATIONS = Gen.elementOf(0.9, 0.5, 0.1, 0.99, 0.95);
    private static final Gen<Double> POWERS = Gen.elementOf(0.0, 0.0, 1.0, 0.5);
    private static final Gen<Double> LR_POWERS = Gen.elementOf(2.0, 2.0, 0.0, 1.0);
    /** Values whose low 32 bits are zero, so that neither half of a double reads as a NaN float. */
    private static final Gen<Double> LR_MAXIMA = Gen.elementOf(0.0, 0x1p-10, 0.125, 1.0);
    private static final Gen<Double> WEIGHT_SUMS = Gen.elementOf(0.0, 0x1p-20, 0x1p-6, 1.0, 3.5, 1024.0);

    private ScheduleFreeCases() {
    }

    static RuleFamily adamW(Gen<Double> betas, Gen<Double> epsilons, Gen<Double> weightDecays,
                            Gen<Double> typicalWeightDecays) {
        return new RuleFamily("schedulefree-adamw", random -> adamW(random, betas, epsilons, weightDecays),
                random -> adamW(random, Gen.elementOf(0.999, 0.99), Gen.elementOf(1e-8, 1e-6), typicalWeightDecays),
                rule -> ((ScheduleFreeAdamW) rule).withWeightDecay(0));
    }

    static RuleFamily sgd(Gen<Double> weightDecays, Gen<Double> typicalWeightDecays) {
        return new RuleFamily("schedulefree-sgd", random -> sgd(random, weightDecays),
                random -> sgd(random, typicalWeightDecays), rule -> ((ScheduleFreeSgd) rule).withWeightDecay(0));
    }

    private static UpdateRule adamW(SplittableRandom random, Gen<Double> beta2s, Gen<Double> epsilons,
                                    Gen<Double> weightDecays) {
        return new ScheduleFreeAdamW(INTERPOLATIONS.next(random), beta2s.next(random), epsilons.next(random),
                weightDecays.next(random), POWERS.next(random), LR_POWERS.next(random), random.nextInt(4) == 0);
    }

    private static UpdateRule sgd(SplittableRandom random, Gen<Double> weightDecays) {
        return new ScheduleFreeSgd(INTERPOLATIONS.next(random), weightDecays.next(random), POWERS.next(random),
                LR_POWERS.next(random), random.nextInt(4) == 0);
    }

    /** Whether {@code rule} is schedule-free. */
    static boolean is(UpdateRule rule) {
        return ScheduleFreeAveraging.is(rule);
    }

    /** Whether state buffer {@code index} of {@code rule} is a schedule-free averaging. */
    static boolean isAveraging(UpdateRule rule, int index) {
        return ScheduleFreeAveraging.isAveraging(rule, index);
    }

    /** An averaging buffer as some earlier step may have left it: zero, or positive sums. */
    static float[] averaging(SplittableRandom random) {
        return random.nextInt(3) == 0 ? new float[4] : encoded(LR_MAXIMA.next(random), WEIGHT_SUMS.next(random));
    }

    /** {@code (lrMax, weightSum)} as the 4 floats of the buffer: each double's high half first. */
    static float[] encoded(double lrMax, double weightSum) {
        MemorySegment buffer = MemorySegment.ofArray(new float[4]);
        long a = Double.doubleToRawLongBits(lrMax);
        long b = Double.doubleToRawLongBits(weightSum);
        buffer.setAtIndex(ValueLayout.JAVA_INT, 0, (int) (a >>> 32));
        buffer.setAtIndex(ValueLayout.JAVA_INT, 1, (int) a);
        buffer.setAtIndex(ValueLayout.JAVA_INT, 2, (int) (b >>> 32));
        buffer.setAtIndex(ValueLayout.JAVA_INT, 3, (int) b);
        return buffer.toArray(ValueLayout.JAVA_FLOAT);
    }

    /**
     * A state in which no step moves the parameter without a gradient: {@code z} equal to it,
     * zero second moments and averaging; for other rules zero state.
     */
    static List<float[]> neutralState(UpdateRule rule, List<float[]> state, float[] param) {
        return IntStream.range(0, state.size())
                .mapToObj(s -> isAveraging(rule, s) ? new float[4]
                        : s == 0 && ScheduleFreeAveraging.is(rule) ? param.clone() : new float[param.length])
                .toList();
    }

    /** One range of a step on the selected kernels, for a schedule-free rule without writing its averaging. */
    static void rangeStep(UpdateRule rule, double learningRate, long step, MemorySegment param,
                          MemorySegment gradient, List<MemorySegment> state, long from, long to) {
        RuleSteps.step(KernelProvider.kernels(), rule, learningRate, step, param, gradient, state.get(0),
                state.get(1), state.size() > 2 ? state.get(2) : null, from, to);
    }

    /** Writes the averaging of step {@code step} once every range stepped; nothing for other rules. */
    static void finishStep(UpdateRule rule, double learningRate, long step, List<MemorySegment> state) {
        if (ScheduleFreeAveraging.is(rule)) {
            ScheduleFreeAveraging.commit(rule, learningRate, step, state.get(ScheduleFreeAveraging.index(rule)));
        }
    }
}
