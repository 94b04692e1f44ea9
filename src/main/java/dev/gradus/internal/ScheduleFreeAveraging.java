package dev.gradus.internal;

import dev.gradus.ScheduleFreeAdamW;
import dev.gradus.ScheduleFreeSgd;
import dev.gradus.UpdateRule;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The averaging of the schedule-free rules: the state buffer {@code averaging}, 4 floats holding
 * the raw bits of two doubles, {@code lrMax} and {@code weightSum} after a parameter's last step
 * (both 0 before step 1), and the scalars step {@code t} derives from them in double:
 * <pre>
 *   gamma_t     = a_t * sqrt(1 - b2^t)            (SGD: a_t)
 *   lrMax_t     = max(lrMax_{t-1}, gamma_t)
 *   weight_t    = t^r * lrMax_t^p
 *   weightSum_t = weightSum_{t-1} + weight_t
 *   c_t         = weight_t / weightSum_t          (0 if weightSum_t = 0)
 * </pre>
 * Every range of step {@code t} reads the buffer (it does not change during the step), and
 * {@link #commit} writes {@code (lrMax_t, weightSum_t)} once after the whole parameter stepped: the
 * optimizer where it commits the parameter's step count, {@code Kernels.step} at the end of its
 * whole-parameter call. Each double is stored as two ints, its high half first, in native order:
 * a checkpoint, which stores floats, keeps their bits.
 */
public final class ScheduleFreeAveraging {

    /** The floats of the {@code averaging} buffer. */
    public static final long FLOATS = 4;

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;

    private ScheduleFreeAveraging() {
    }

    /**
     * Whether {@code rule} is a schedule-free rule.
     *
     * @param rule a rule
     * @return whether it keeps an {@code averaging} buffer
     */
    public static boolean is(UpdateRule rule) {
        return rule instanceof ScheduleFreeAdamW || rule instanceof ScheduleFreeSgd;
    }

    /**
     * Whether state buffer {@code index} of {@code rule} is a schedule-free {@code averaging}.
     *
     * @param rule  a rule
     * @param index one of its state buffers
     * @return whether that buffer holds {@link #FLOATS} floats rather than one per element
     */
    public static boolean isAveraging(UpdateRule rule, int index) {
        return is(rule) && index == index(rule);
    }

    /**
     * The position of the {@code averaging} buffer in a schedule-free rule's state.
     *
     * @param rule a schedule-free rule
     * @return 2 for AdamW ({@code z, v, averaging}), 1 for SGD ({@code z, averaging})
     */
    public static int index(UpdateRule rule) {
        return rule instanceof ScheduleFreeAdamW ? 2 : 1;
    }

    /**
     * Requires the interpolation {@code b1} (AdamW's {@code beta1}, SGD's {@code momentum}) in
     * {@code (0, 1)} as a float, with the evaluation view's weight {@code 1 - 1/b1} finite as a
     * float.
     *
     * @param name  the parameter's name, for the message
     * @param value the value
     * @return {@code value}
     */
    public static double requireInterpolation(String name, double value) {
        ArgumentChecks.requireDecayRate(name, value);
        if (!((float) value > 0f) || Float.isInfinite((float) (1.0 - 1.0 / value))) {
            throw new IllegalArgumentException(name + " must be > 0, with 1 - 1/" + name
                    + " finite as a float (the evaluation view's weight), got " + value);
        }
        return value;
    }

    /**
     * {@code gamma_t}: the learning rate times {@code sqrt(1 - b2^t)} for AdamW, itself for SGD.
     *
     * @param rule         a schedule-free rule
     * @param learningRate {@code a_t}
     * @param step         {@code t}
     * @return {@code gamma_t}
     */
    public static double gamma(UpdateRule rule, double learningRate, long step) {
        return rule instanceof ScheduleFreeAdamW adamW
                ? learningRate * Math.sqrt(BiasCorrection.of(adamW.beta2(), step))
                : learningRate;
    }

    /**
     * {@code b1}: AdamW's {@code beta1}, SGD's {@code momentum}.
     *
     * @param rule a schedule-free rule
     * @return the interpolation
     */
    public static double interpolation(UpdateRule rule) {
        return rule instanceof ScheduleFreeAdamW adamW ? adamW.beta1() : ((ScheduleFreeSgd) rule).momentum();
    }

    /**
     * {@code lrMax_t}.
     *
     * @param averaging the buffer as step {@code t - 1} left it
     * @param gamma     {@code gamma_t}
     * @return {@code max(lrMax_{t-1}, gamma_t)}
     */
    static double lrMax(MemorySegment averaging, double gamma) {
        return Math.max(read(averaging, 0), gamma);
    }

    /**
     * {@code weight_t = t^r * lrMax_t^p}.
     *
     * @param rule  a schedule-free rule
     * @param step  {@code t}
     * @param lrMax {@code lrMax_t}
     * @return the weight of step {@code t}
     */
    static double weight(UpdateRule rule, long step, double lrMax) {
        double r = rule instanceof ScheduleFreeAdamW adamW ? adamW.r() : ((ScheduleFreeSgd) rule).r();
        double p = rule instanceof ScheduleFreeAdamW adamW ? adamW.weightLrPower()
                : ((ScheduleFreeSgd) rule).weightLrPower();
        return Math.pow(step, r) * Math.pow(lrMax, p);
    }

    /**
     * {@code weightSum_t}.
     *
     * @param averaging the buffer as step {@code t - 1} left it
     * @param weight    {@code weight_t}
     * @return {@code weightSum_{t-1} + weight_t}
     */
    static double weightSum(MemorySegment averaging, double weight) {
        return read(averaging, 1) + weight;
    }

    /**
     * Writes {@code (lrMax_t, weightSum_t)} of step {@code step}: call once per step, after every
     * range of the parameter has stepped.
     *
     * @param rule         a schedule-free rule
     * @param learningRate {@code a_t}, as the kernels received it
     * @param step         {@code t}
     * @param averaging    the buffer, as step {@code t - 1} left it
     */
    public static void commit(UpdateRule rule, double learningRate, long step, MemorySegment averaging) {
        double lrMax = lrMax(averaging, gamma(rule, learningRate, step));
        double weightSum = weightSum(averaging, weight(rule, step, lrMax));
        write(averaging, 0, lrMax);
        write(averaging, 1, weightSum);
    }

    /**
     * The double at position {@code index} (0: {@code lrMax}, 1: {@code weightSum}).
     *
     * @param averaging the buffer
     * @param index     0 or 1
     * @return its value
     */
    public static double read(MemorySegment averaging, int index) {
        long at = index * 2L * Integer.BYTES;
        long high = averaging.get(INT, at);
        long low = averaging.get(INT, at + Integer.BYTES) & 0xFFFF_FFFFL;
        return Double.longBitsToDouble(high << 32 | low);
    }

    private static void write(MemorySegment averaging, int index, double value) {
        long bits = Double.doubleToRawLongBits(value);
        long at = index * 2L * Integer.BYTES;
        averaging.set(INT, at, (int) (bits >>> 32));
        averaging.set(INT, at + Integer.BYTES, (int) bits);
    }
}
