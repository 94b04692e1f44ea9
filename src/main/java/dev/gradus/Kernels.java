package dev.gradus;

import dev.gradus.internal.ArgumentChecks;
import dev.gradus.internal.KernelProvider;
import dev.gradus.internal.RuleSteps;
import dev.gradus.internal.SegmentChecks;
import dev.gradus.internal.StateChecks;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * The stateless backend: one static method per update rule over buffers the caller owns.
 *
 * <p>Each method validates every argument before it writes anything, then runs one fused pass
 * over the elements {@code [from, to)} (all of them, in the overloads without a range). A
 * rejected call leaves every buffer bit-for-bit unchanged. Buffers are
 * {@link MemorySegment}s, native or heap (for example {@code MemorySegment.ofArray(float[])}),
 * of any slice and alignment, holding floats in native byte order; element {@code i} sits at
 * byte offset {@code 4 * i}. Element counts and ranges are {@code long}.
 *
 * <p>Every buffer must hold as many floats as the parameter. The parameter and state buffers are
 * written and must not be read-only; no written buffer may share a byte with another buffer of
 * the call. The gradient is never written.
 *
 * <p>The methods run the vector kernels when the Vector API is available (see {@link
 * #implementation()}), else the scalar kernels; both produce identical bits. They allocate
 * nothing on the segment overloads. They are thread-safe: concurrent calls on disjoint buffers,
 * or on disjoint ranges of the same buffers, give the same bits as sequential calls, for any
 * split of {@code [0, n)} into ranges.
 *
 * <p>Exceptions: {@link IllegalArgumentException} for a hyperparameter, learning rate or step out
 * of range, buffers of different lengths, a byte size that is not a whole number of floats, a
 * read-only written buffer or overlapping buffers; {@link IndexOutOfBoundsException} for a range
 * outside the buffers; {@link IllegalStateException} for a segment whose arena is closed;
 * {@link WrongThreadException} for a segment confined to another thread; {@link
 * NullPointerException} for a null argument. Messages name the parameter and its value.
 */
public final class Kernels {

    private Kernels() {
    }

    /**
     * The kernels in use: {@code "vector-<bits>"} (for example {@code "vector-256"}) or {@code
     * "scalar"}.
     */
    public static String implementation() {
        return KernelProvider.kernels().name();
    }

    /**
     * One step of gradient descent ({@link Sgd}) on elements {@code [from, to)}.
     *
     * @param rule         the hyperparameters
     * @param learningRate {@code a}, finite and {@code >= 0}
     * @param param        the parameters {@code w}; modified
     * @param gradient     the gradient {@code g}; not modified
     * @param from         first element, inclusive
     * @param to           last element, exclusive
     */
    public static void sgd(Sgd rule, double learningRate, MemorySegment param, MemorySegment gradient,
                           long from, long to) {
        Objects.requireNonNull(rule, "rule");
        ArgumentChecks.requireNonNegative("learningRate", learningRate);
        StateChecks.requireParamAndGradient(param, gradient, from, to);
        RuleSteps.sgd(KernelProvider.kernels(), rule, learningRate, param, gradient, from, to);
    }

    /** {@link #sgd(Sgd, double, MemorySegment, MemorySegment, long, long)} on every element. */
    public static void sgd(Sgd rule, double learningRate, MemorySegment param, MemorySegment gradient) {
        sgd(rule, learningRate, param, gradient, 0, SegmentChecks.requireFloats("param", param));
    }

    /** {@link #sgd(Sgd, double, MemorySegment, MemorySegment, long, long)} on every element of arrays. */
    public static void sgd(Sgd rule, double learningRate, float[] param, float[] gradient) {
        sgd(rule, learningRate, heap("param", param), heap("gradient", gradient));
    }

    /**
     * One step of {@link Adam} on elements {@code [from, to)}.
     *
     * @param rule         the hyperparameters
     * @param learningRate {@code a}, finite and {@code >= 0}
     * @param step         the step number {@code t >= 1}: 1 on the first call for these buffers
     * @param param        the parameters {@code w}; modified
     * @param gradient     the gradient {@code g}; not modified
     * @param m            the first moment, zero before step 1; modified
     * @param v            the second moment, zero before step 1; modified
     * @param from         first element, inclusive
     * @param to           last element, exclusive
     */
    public static void adam(Adam rule, double learningRate, long step, MemorySegment param,
                            MemorySegment gradient, MemorySegment m, MemorySegment v, long from, long to) {
        Objects.requireNonNull(rule, "rule");
        ArgumentChecks.requireNonNegative("learningRate", learningRate);
        ArgumentChecks.requireStep(step);
        long n = StateChecks.requireParamAndGradient(param, gradient, from, to);
        StateChecks.requireState("m", m, n, param, gradient);
        StateChecks.requireState("v", v, n, param, gradient);
        SegmentChecks.requireDisjoint("m", m, "v", v);
        RuleSteps.adam(KernelProvider.kernels(), rule, learningRate, step, param, gradient, m, v, from, to);
    }

    /** {@link #adam(Adam, double, long, MemorySegment, MemorySegment, MemorySegment, MemorySegment, long, long)} on every element. */
    public static void adam(Adam rule, double learningRate, long step, MemorySegment param,
                            MemorySegment gradient, MemorySegment m, MemorySegment v) {
        adam(rule, learningRate, step, param, gradient, m, v, 0, SegmentChecks.requireFloats("param", param));
    }

    /** {@link #adam(Adam, double, long, MemorySegment, MemorySegment, MemorySegment, MemorySegment, long, long)} on every element of arrays. */
    public static void adam(Adam rule, double learningRate, long step, float[] param, float[] gradient,
                            float[] m, float[] v) {
        adam(rule, learningRate, step, heap("param", param), heap("gradient", gradient), heap("m", m), heap("v", v));
    }

    private static MemorySegment heap(String name, float[] array) {
        return MemorySegment.ofArray(Objects.requireNonNull(array, name));
    }
}
