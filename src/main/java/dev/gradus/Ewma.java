package dev.gradus;

import dev.gradus.internal.ArgumentChecks;
import dev.gradus.internal.BiasCorrection;
import dev.gradus.internal.KernelProvider;
import dev.gradus.internal.SegmentChecks;
import java.lang.foreign.MemorySegment;

/**
 * Exponentially weighted moving averages: of a series of numbers (an instance), and elementwise
 * of float buffers (the static {@code update} methods, run by the vector kernels).
 *
 * <pre>
 *   v_0 = 0
 *   v_t = b * v_{t-1} + (1 - b) * theta_t          t = 1, 2, ...
 *   v^_t = v_t / (1 - b^t)                          (bias-corrected)
 * </pre>
 *
 * The average covers roughly the last {@code 1 / (1 - b)} values. Started at zero, it is biased
 * toward zero at first; dividing by {@code 1 - b^t} (the weight gathered after {@code t} values)
 * removes that bias. The example of the {@linkplain dev.gradus Optimization algorithms week},
 * London temperatures with {@code b = 0.98}: a first day at 40 F gives {@code v_1 = 0.8} and
 * {@code v^_1 = 40}.
 *
 * <pre>{@code
 * Ewma temperature = new Ewma(0.98);
 * temperature.add(40.0);
 * temperature.value();       // 0.8000000000000007: 1 - 0.98 is 0.020000000000000018 in double
 * temperature.corrected();   // 40.0
 * }</pre>
 *
 * <p>A series is computed in {@code double} and is not thread-safe: confine it to one thread or
 * guard it. The static methods are stateless and thread-safe like {@link Kernels}: concurrent
 * calls on disjoint buffers or disjoint ranges give the bits of sequential calls.
 */
public final class Ewma {

    private final double decay;
    private final double oneMinusDecay;
    private double average;
    private long count;

    /**
     * An empty series ({@code v_0 = 0}).
     *
     * @param decay {@code b}, in {@code [0, 1)}
     * @throws IllegalArgumentException naming {@code decay} and its value if it is out of range
     */
    public Ewma(double decay) {
        this.decay = ArgumentChecks.requireDecayRate("decay", decay);
        this.oneMinusDecay = 1.0 - decay;
    }

    /**
     * Adds the next value: {@code v_t = b * v_{t-1} + (1 - b) * theta_t}.
     *
     * @param value {@code theta_t}; a NaN or infinity is averaged like any value (and stays)
     * @return this series
     */
    public Ewma add(double value) {
        average = decay * average + oneMinusDecay * value;
        count++;
        return this;
    }

    /**
     * The decay rate.
     *
     * @return {@code b}, in {@code [0, 1)}
     */
    public double decay() {
        return decay;
    }

    /**
     * The number of values added.
     *
     * @return {@code t >= 0}
     */
    public long count() {
        return count;
    }

    /**
     * The average without bias correction.
     *
     * @return {@code v_t}; 0 before the first value
     */
    public double value() {
        return average;
    }

    /**
     * The bias-corrected average.
     *
     * @return {@code v_t / (1 - b^t)}
     * @throws IllegalStateException if no value was added yet
     */
    public double corrected() {
        if (count == 0) {
            throw new IllegalStateException("corrected() needs at least one value, none was added");
        }
        return average / BiasCorrection.of(decay, count);
    }

    /**
     * The bias correction {@code 1 - b^t}, in {@code double}: divide an average of {@code t}
     * values started at zero by it. For example, after {@link #update} {@code t} times,
     * {@code average[i] / correction(b, t)} is the corrected average of element {@code i}.
     *
     * @param decay {@code b}, in {@code [0, 1)}
     * @param step  {@code t >= 1}, the number of values averaged
     * @return {@code 1 - b^t}, in {@code (0, 1]}
     * @throws IllegalArgumentException naming the parameter and its value if one is out of range
     */
    public static double correction(double decay, long step) {
        ArgumentChecks.requireDecayRate("decay", decay);
        ArgumentChecks.requireStep(step);
        return BiasCorrection.of(decay, step);
    }

    /**
     * Averages {@code value} into {@code average} on elements {@code [from, to)}, in {@code float}:
     *
     * <pre>
     *   average[i] = (float) b * average[i] + (float) (1 - b) * value[i]
     * </pre>
     *
     * with {@code 1 - b} computed in {@code double} and both factors narrowed once, each
     * {@code *} and {@code +} rounded to float, no fused multiply-add. The vector kernels give the
     * bits of this formula. Validation and buffer rules are those of {@link Kernels}: every
     * argument is checked before anything is written, and nothing is allocated.
     *
     * @param decay   {@code b}, in {@code [0, 1)}
     * @param average the averages, zero before the first update; modified
     * @param value   the new values, as many floats as {@code average}, sharing no byte with it;
     *                not modified
     * @param from    first element, inclusive
     * @param to      last element, exclusive
     * @throws IllegalArgumentException  for a decay out of range, buffers of different lengths, a
     *     byte size that is not a whole number of floats, a read-only {@code average}, or
     *     overlapping buffers
     * @throws IndexOutOfBoundsException for a range outside the buffers
     * @throws IllegalStateException     for a segment whose arena is closed
     * @throws WrongThreadException      for a segment confined to another thread
     * @throws NullPointerException      for a null buffer
     */
    public static void update(double decay, MemorySegment average, MemorySegment value, long from, long to) {
        ArgumentChecks.requireDecayRate("decay", decay);
        long n = SegmentChecks.requireWritableFloats("average", average);
        long values = SegmentChecks.requireFloats("value", value);
        if (values != n) {
            throw new IllegalArgumentException("value holds " + values + " floats but average holds " + n);
        }
        SegmentChecks.requireDisjoint("average", average, "value", value);
        SegmentChecks.requireRange(from, to, n);
        KernelProvider.kernels().ewma(average, value, from, to, (float) decay, (float) (1.0 - decay));
    }

    /**
     * {@link #update(double, MemorySegment, MemorySegment, long, long)} on every element.
     *
     * @param decay   {@code b}, in {@code [0, 1)}
     * @param average the averages, zero before the first update; modified
     * @param value   the new values, as many floats as {@code average}, sharing no byte with it;
     *                not modified
     * @throws IllegalArgumentException for a decay out of range, buffers of different lengths, a
     *     byte size that is not a whole number of floats, a read-only {@code average}, or
     *     overlapping buffers
     * @throws IllegalStateException    for a segment whose arena is closed
     * @throws WrongThreadException     for a segment confined to another thread
     * @throws NullPointerException     for a null buffer
     */
    public static void update(double decay, MemorySegment average, MemorySegment value) {
        update(decay, average, value, 0, SegmentChecks.requireFloats("average", average));
    }

    /**
     * {@link #update(double, MemorySegment, MemorySegment, long, long)} on every element of arrays.
     *
     * @param decay   {@code b}, in {@code [0, 1)}
     * @param average the averages, zero before the first update; modified
     * @param value   the new values, as many as {@code average}, a different array; not modified
     * @throws IllegalArgumentException for a decay out of range, arrays of different lengths, or
     *     the same array twice
     * @throws NullPointerException     for a null array
     */
    public static void update(double decay, float[] average, float[] value) {
        update(decay, MemorySegment.ofArray(ArgumentChecks.requireNonNull("average", average)),
                MemorySegment.ofArray(ArgumentChecks.requireNonNull("value", value)));
    }
}
