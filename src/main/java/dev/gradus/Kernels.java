package dev.gradus;

import dev.gradus.internal.AdafactorStep;
import dev.gradus.internal.ArgumentChecks;
import dev.gradus.internal.Factoring;
import dev.gradus.internal.KernelProvider;
import dev.gradus.internal.LayerWise;
import dev.gradus.internal.RuleSteps;
import dev.gradus.internal.ScheduleFreeAveraging;
import dev.gradus.internal.ScheduleFreeStep;
import dev.gradus.internal.ScheduleFreeViews;
import dev.gradus.internal.SegmentChecks;
import dev.gradus.internal.StateChecks;
import dev.gradus.internal.precision.StorageChecks;
import dev.gradus.internal.precision.TiledAdafactor;
import dev.gradus.internal.precision.StoredSteps;
import dev.gradus.internal.precision.TiledStep;
import dev.gradus.precision.StoragePlan;
import dev.gradus.precision.Weights;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;

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
 * the call. The gradient is never written. State buffers come in the order the rule's Javadoc
 * lists them and must hold {@link UpdateRule#initialStateValue(int)} before step 1 (zero, except
 * AdaGrad's accumulator). Steps count from 1.
 *
 * <p>The methods run the vector kernels when the Vector API is available (see
 * {@link #implementation()}), else scalar kernels; both produce identical bits. In a fresh JVM
 * the first calls of each rule run the scalar formulas while a daemon thread warms the vector
 * kernel up, and switch to it once the JIT has compiled it (see {@link #awaitCompiled(Duration)}
 * and {@code docs/startup.md}); the bits stay the same. The segment overloads other than
 * {@link #step(UpdateRule, double, long, MemorySegment, MemorySegment, List)} allocate nothing
 * (each calling thread once allocates 20 KiB of scratch arrays for the start-up kernels). They
 * are thread-safe: concurrent calls on disjoint buffers, or on disjoint ranges of the same
 * buffers, give the same bits as sequential calls, for any split of {@code [0, n)} into ranges.
 *
 * <p>Exceptions: {@link IllegalArgumentException} for a learning rate or step out of range,
 * buffers of different lengths, a byte size that is not a whole number of floats, a read-only
 * written buffer, overlapping buffers, or a state buffer the rule does not keep;
 * {@link IndexOutOfBoundsException} for a range outside the buffers; {@link IllegalStateException}
 * for a segment whose arena is closed; {@link WrongThreadException} for a segment confined to
 * another thread; {@link NullPointerException} for a missing argument. Messages name the
 * parameter and its value.
 */
public final class Kernels {

    private Kernels() {
    }

    /**
     * The kernels the next call runs on: {@code "vector-<bits>"} (for example {@code "vector-512"})
     * once every kernel runs vectorized, {@code "chunked"} for the scalar formulas (without the
     * Vector API, or while warming up), {@code "scalar"} when forced with
     * {@code -Dgradus.kernels=scalar}. During the warm-up it says which kernels are compiled and
     * which are warming, for example
     * {@code "chunked, vector-512 for adam (warming up vector-512 for rmsProp)"}.
     *
     * @return the name of the kernels in use
     */
    public static String implementation() {
        return KernelProvider.kernels().name();
    }

    /**
     * Waits until every kind of call made so far (rule, options, native or heap memory) runs on
     * its vector kernel, compiled, or stays on the scalar formulas for good (no Vector API, or a
     * kernel the JIT did not compile within ten minutes). For benchmarks, which should measure
     * compiled code: make one call of what you measure, then wait. Returns at once when the
     * warm-up is off ({@code -Dgradus.warmup=off}), the vector kernels cannot serve, or nothing
     * waits to be warmed.
     *
     * @param timeout how long to wait at most
     * @return {@code true} when every call made so far is settled, {@code false} after the timeout
     * @throws InterruptedException if the waiting thread is interrupted
     * @throws NullPointerException if {@code timeout} is null
     */
    public static boolean awaitCompiled(Duration timeout) throws InterruptedException {
        return KernelProvider.awaitSettled(ArgumentChecks.requireNonNull("timeout", timeout));
    }

    /**
     * One step of any rule on elements {@code [from, to)}. For the elementwise rules any split of
     * a buffer into ranges gives the bits of one call over all of it. The layer-wise rules
     * ({@link Lars}, {@link Lamb}) take their norms over {@code [from, to)}: the range is the layer.
     *
     * @param rule         the rule and its hyperparameters
     * @param learningRate the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param step         the step number {@code t >= 1}: 1 on the first call for these buffers
     * @param param        the parameters {@code w}; modified in {@code [from, to)}
     * @param gradient     the gradient {@code g}, as long as {@code param}; not modified, may be read-only
     * @param state        the rule's {@link UpdateRule#stateBuffers()} state buffers, in the order its Javadoc lists
     *                     them; modified in {@code [from, to)}
     * @param from         index of the first element to update, inclusive
     * @param to           index one past the last element to update
     * @throws IllegalArgumentException  for a learning rate or step out of range, buffers of different lengths, a byte
     *                                   size that is not a whole number of floats, a read-only written buffer or
     *                                   overlapping buffers, or a {@code state} whose size is not the rule's
     *                                   {@link UpdateRule#stateBuffers()}
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= n}, {@code n} being the number of floats in
     *                                   {@code param}
     * @throws IllegalStateException     for a segment whose arena is closed
     * @throws WrongThreadException      for a segment confined to another thread
     * @throws NullPointerException      for a null argument or a null buffer in {@code state}
     */
    public static void step(UpdateRule rule, double learningRate, long step, MemorySegment param,
                            MemorySegment gradient, List<MemorySegment> state, long from, long to) {
        step(rule, learningRate, step, param, gradient, state, from, to, false, Float.POSITIVE_INFINITY, 1f);
    }

    /**
     * {@link #step(UpdateRule, double, long, MemorySegment, MemorySegment, List, long, long) step} with
     * the gradient scaled inside the kernel: each element {@code g} enters the rule as
     * {@code (maximize ? -g : g) * clipScale}, before the coupled weight decay, in the same single
     * pass, and the gradient is not written. A framework clipping by a norm it computed with
     * {@link Norms} passes the factor here, for example
     * {@code GradientClipping.globalNorm(1.0).factor(Norms.l2Norm(gradients))}; a scale of 1 gives
     * the bits of {@code step} without it.
     *
     * @param rule         the rule and its hyperparameters
     * @param learningRate the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param step         the step number {@code t >= 1}: 1 on the first call for these buffers
     * @param param        the parameters {@code w}; modified in {@code [from, to)}
     * @param gradient     the gradient {@code g}, as long as {@code param}; not modified, may be read-only
     * @param state        the rule's {@link UpdateRule#stateBuffers()} state buffers, in the order its Javadoc lists
     *                     them; modified in {@code [from, to)}
     * @param from         index of the first element to update, inclusive
     * @param to           index one past the last element to update
     * @param clipScale    the gradient's factor, finite and {@code >= 0}
     * @throws IllegalArgumentException  as {@code step} does, and for a {@code clipScale} that is negative or not
     *                                   finite
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= n}, {@code n} being the number of floats in
     *                                   {@code param}
     * @throws IllegalStateException     for a segment whose arena is closed
     * @throws WrongThreadException      for a segment confined to another thread
     * @throws NullPointerException      for a null argument or a null buffer in {@code state}
     */
    public static void step(UpdateRule rule, double learningRate, long step, MemorySegment param,
                            MemorySegment gradient, List<MemorySegment> state, long from, long to, float clipScale) {
        step(rule, learningRate, step, param, gradient, state, from, to, Float.POSITIVE_INFINITY, clipScale);
    }

    /**
     * {@link #step(UpdateRule, double, long, MemorySegment, MemorySegment, List, long, long, float) step}
     * with each gradient element also clamped inside the kernel: {@code g} enters the rule as
     * {@code min(max(g, -clipValue), clipValue) * clipScale} (maximize's sign included in the
     * scale), NaN staying NaN. {@code clipValue = +inf} clamps nothing. A framework clipping by
     * value passes {@code GradientClipping.byValue(c).valueLimit()} and a scale of 1.
     *
     * <p>A schedule-free rule ({@link ScheduleFreeAdamW}, {@link ScheduleFreeSgd}) steps a whole
     * parameter per call ({@code from == 0}, {@code to == n}): the call ends by writing the
     * averaging of the step into the {@code averaging} state buffer, which every range of the step
     * must read unchanged.
     *
     * @param rule         the rule and its hyperparameters; not {@link Lars} with a finite {@code clipValue}
     * @param learningRate the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param step         the step number {@code t >= 1}: 1 on the first call for these buffers
     * @param param        the parameters {@code w}; modified in {@code [from, to)}
     * @param gradient     the gradient {@code g}, as long as {@code param}; not modified, may be read-only
     * @param state        the rule's {@link UpdateRule#stateBuffers()} state buffers, in the order its Javadoc lists
     *                     them; modified in {@code [from, to)}
     * @param from         index of the first element to update, inclusive
     * @param to           index one past the last element to update
     * @param clipValue    the largest absolute value a gradient element keeps, {@code > 0}, or {@code +inf}
     * @param clipScale    the gradient's factor, finite and {@code >= 0}
     * @throws IllegalArgumentException  as {@code step} does, for a {@code clipScale} that is negative or not
     *                                   finite, a {@code clipValue} that is not {@code > 0}, and for {@link Lars}
     *                                   with a finite {@code clipValue} (its trust ratio takes the gradient's norm),
     *                                   and for a schedule-free rule on a range other than {@code [0, n)}
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= n}, {@code n} being the number of floats in
     *                                   {@code param}
     * @throws IllegalStateException     for a segment whose arena is closed
     * @throws WrongThreadException      for a segment confined to another thread
     * @throws NullPointerException      for a null argument or a null buffer in {@code state}
     */
    public static void step(UpdateRule rule, double learningRate, long step, MemorySegment param,
                            MemorySegment gradient, List<MemorySegment> state, long from, long to, float clipValue,
                            float clipScale) {
        step(rule, learningRate, step, param, gradient, state, from, to, true, clipValue, clipScale);
    }

    /**
     * The ranged step; a {@code clipped} one runs the loops that clamp and scale the gradient
     * whatever the arguments, so that a caller's clipped steps share one compiled loop whether its
     * scale is 1 or not, an unclipped one (no clipping arguments: {@code +inf} and 1) the loops
     * that do neither, with the same bits.
     */
    private static void step(UpdateRule rule, double learningRate, long step, MemorySegment param,
                             MemorySegment gradient, List<MemorySegment> state, long from, long to, boolean clipped,
                             float clipValue, float clipScale) {
        requireClipping(rule, state, clipValue, clipScale);
        boolean scheduleFree = ScheduleFreeAveraging.is(rule);
        if (scheduleFree) {
            ScheduleFreeViews.requireWhole(rule, param, from, to);
        }
        MemorySegment state0 = state.isEmpty() ? null : state.get(0);
        MemorySegment state1 = state.size() < 2 ? null : state.get(1);
        MemorySegment state2 = state.size() < 3 ? null : state.get(2);
        if (clipped) {
            run(rule, learningRate, step, param, gradient, state0, state1, state2, from, to, clipValue, clipScale);
        } else {
            run(rule, learningRate, step, param, gradient, state0, state1, state2, from, to);
        }
        if (scheduleFree) {
            ScheduleFreeAveraging.commit(rule, learningRate, step, state.get(ScheduleFreeAveraging.index(rule)));
        }
    }

    /** Checks a step's rule, its number of state buffers and its clipping. */
    private static void requireClipping(UpdateRule rule, List<MemorySegment> state, float clipValue,
                                        float clipScale) {
        ArgumentChecks.requireNonNull("rule", rule);
        ArgumentChecks.requireNonNull("state", state);
        requireStateCount(rule, state);
        ArgumentChecks.requireNonNegative("clipScale", clipScale);
        if (!(clipValue > 0f)) {
            throw new IllegalArgumentException("clipValue must be > 0 or +inf, got " + clipValue);
        }
        if ((rule instanceof Lars || rule instanceof Adafactor) && clipValue != Float.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("clipValue must be +inf for " + rule.getClass().getSimpleName()
                    + " (its step takes sums of squares of the gradient, not of the clamped one), got " + clipValue);
        }
    }

    /**
     * {@link #step(UpdateRule, double, long, MemorySegment, MemorySegment, List, long, long, float, float) step}
     * on buffers stored as {@code storage} says (see {@code docs/precision.md}): each value is
     * widened exactly to a float when read, the rule's float32 step runs in the order of the
     * float32 kernels, and each result is narrowed into its buffer with the plan's rounding. The
     * rule sees the weight {@code w} that {@link Weights} defines: the parameter, the sum of the
     * parameter and its Kahan {@code compensation}, or the float32 master. An element's bits are
     * the same at every vector width and for any split of the range, stochastic rounding
     * included (its bits follow the plan's seed, {@code step}, the element's index and the
     * buffer). One fused pass, tile by tile through 384 KiB of per-thread float32 scratch made on
     * a thread's first call; nothing else is allocated. With {@link StoragePlan#FLOAT32} this is
     * the float32 step, for every rule. For LARS, LAMB and Adafactor the range is the layer (for
     * Adafactor a vector), as in the float32 step: its norms are those of the widened weights and
     * of the widened gradient (LARS) or of the update, which LAMB and Adafactor keep in float32
     * whatever the plan's state type, as Adafactor keeps all its state.
     *
     * @param rule         the rule and its hyperparameters
     * @param learningRate the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param step         the step number {@code t >= 1}: 1 on the first call for these buffers
     * @param storage      the buffers' types, the rounding, its seed and how the weights are kept
     * @param param        the parameters in {@link StoragePlan#paramBuffer()}'s type (the float32 master for
     *                     {@link Weights#FLOAT32_MASTER}); modified in {@code [from, to)}
     * @param weightCopy   null for {@link Weights#ROUNDED}; else, in the parameter's type and as long, the Kahan
     *                     compensation (read and written) or the model copy (written)
     * @param gradient     the gradient in the plan's gradient type, as long as {@code param}; not modified
     * @param state        the rule's {@link UpdateRule#stateBuffers()} state buffers in the plan's state type (a
     *                     schedule-free {@code averaging}, LAMB's {@code u} and Adafactor's state in float32), in
     *                     the order its Javadoc lists them
     * @param from         index of the first element to update, inclusive
     * @param to           index one past the last element to update
     * @param clipValue    the largest absolute value a gradient element keeps, {@code > 0}, or {@code +inf}
     * @param clipScale    the gradient's factor, finite and {@code >= 0}
     * @throws IllegalArgumentException  as {@code step} does on float buffers, for a byte size that is not a whole
     *                                   number of its type's elements, a {@code weightCopy} the plan does not
     *                                   take or lacks
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= n}, {@code n} being the number of
     *                                   elements of {@code param}
     * @throws IllegalStateException     for a segment whose arena is closed
     * @throws WrongThreadException      for a segment confined to another thread
     * @throws NullPointerException      for a null argument other than {@code weightCopy}, or a null buffer in
     *                                   {@code state}
     */
    public static void step(UpdateRule rule, double learningRate, long step, StoragePlan storage,
                            MemorySegment param, MemorySegment weightCopy, MemorySegment gradient,
                            List<MemorySegment> state, long from, long to, float clipValue, float clipScale) {
        step(rule, learningRate, step, storage, param, weightCopy, gradient, state, from, to, true, clipValue,
                clipScale);
    }

    /** The stored step, {@code clipped} or not as the float32 step's ranged form takes it. */
    private static void step(UpdateRule rule, double learningRate, long step, StoragePlan storage,
                             MemorySegment param, MemorySegment weightCopy, MemorySegment gradient,
                             List<MemorySegment> state, long from, long to, boolean clipped, float clipValue,
                             float clipScale) {
        ArgumentChecks.requireNonNull("storage", storage);
        if (storage.isFloat32()) {
            if (weightCopy != null) {
                throw new IllegalArgumentException("weightCopy must be null for " + storage.weights() + " weights");
            }
            step(rule, learningRate, step, param, gradient, state, from, to, clipped, clipValue, clipScale);
            return;
        }
        requireClipping(rule, state, clipValue, clipScale);
        ArgumentChecks.requireLearningRate(rule, learningRate);
        ArgumentChecks.requireStep(step);
        MemorySegment state0 = state.isEmpty() ? null : state.get(0);
        MemorySegment state1 = state.size() < 2 ? null : state.get(1);
        MemorySegment state2 = state.size() < 3 ? null : state.get(2);
        long n = StorageChecks.requireStoredStep(rule, storage, param, weightCopy, gradient, state0, state1, state2,
                from, to);
        boolean scheduleFree = ScheduleFreeAveraging.is(rule);
        if (scheduleFree) {
            ScheduleFreeViews.requireWhole(rule, n, from, to);
        }
        StoredSteps.step(KernelProvider.kernels(), rule, learningRate, step, storage, param, weightCopy, gradient,
                state0, state1, state2, n, from, to, clipped, clipValue, clipScale);
        if (scheduleFree) {
            ScheduleFreeAveraging.commit(rule, learningRate, step, state.get(ScheduleFreeAveraging.index(rule)));
        }
    }

    /**
     * {@link #step(UpdateRule, double, long, StoragePlan, MemorySegment, MemorySegment, MemorySegment, List,
     * long, long, float, float) step} on every element, without clipping.
     *
     * @param rule         the rule and its hyperparameters
     * @param learningRate the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param step         the step number {@code t >= 1}: 1 on the first call for these buffers
     * @param storage      the buffers' types, the rounding, its seed and how the weights are kept
     * @param param        the parameters; modified
     * @param weightCopy   null, the Kahan compensation or the model copy, as the plan's weights say
     * @param gradient     the gradient; not modified
     * @param state        the rule's state buffers
     * @throws IllegalArgumentException as the ranged overload does
     * @throws IllegalStateException    for a segment whose arena is closed
     * @throws WrongThreadException     for a segment confined to another thread
     * @throws NullPointerException     for a null argument other than {@code weightCopy}
     */
    public static void step(UpdateRule rule, double learningRate, long step, StoragePlan storage,
                            MemorySegment param, MemorySegment weightCopy, MemorySegment gradient,
                            List<MemorySegment> state) {
        ArgumentChecks.requireNonNull("storage", storage);
        long n = StorageChecks.requireElements("param", param, storage.paramBuffer(), true);
        step(rule, learningRate, step, storage, param, weightCopy, gradient, state, 0, n, false,
                Float.POSITIVE_INFINITY, 1f);
    }

    /**
     * {@link #step(UpdateRule, double, long, MemorySegment, MemorySegment, List, long, long)} on every element.
     *
     * @param rule         the rule and its hyperparameters
     * @param learningRate the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param step         the step number {@code t >= 1}: 1 on the first call for these buffers
     * @param param        the parameters {@code w}; modified
     * @param gradient     the gradient {@code g}, as long as {@code param}; not modified, may be read-only
     * @param state        the rule's {@link UpdateRule#stateBuffers()} state buffers, in the order its Javadoc lists
     *                     them; modified
     * @throws IllegalArgumentException for a learning rate or step out of range, buffers of different lengths, a byte
     *                                  size that is not a whole number of floats, a read-only written buffer or
     *                                  overlapping buffers, or a {@code state} whose size is not the rule's
     *                                  {@link UpdateRule#stateBuffers()}
     * @throws IllegalStateException    for a segment whose arena is closed
     * @throws WrongThreadException     for a segment confined to another thread
     * @throws NullPointerException     for a null argument or a null buffer in {@code state}
     */
    public static void step(UpdateRule rule, double learningRate, long step, MemorySegment param,
                            MemorySegment gradient, List<MemorySegment> state) {
        step(rule, learningRate, step, param, gradient, state, 0, floats(param));
    }

    /**
     * One step of gradient descent ({@link Sgd}) on elements {@code [from, to)}.
     *
     * @param rule         the rule and its hyperparameters
     * @param learningRate the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param param        the parameters {@code w}; modified in {@code [from, to)}
     * @param gradient     the gradient {@code g}, as long as {@code param}; not modified, may be read-only
     * @param from         index of the first element to update, inclusive
     * @param to           index one past the last element to update
     * @throws IllegalArgumentException  for a learning rate out of range, buffers of different lengths, a byte size
     *                                   that is not a whole number of floats, a read-only written buffer or overlapping
     *                                   buffers
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= n}, {@code n} being the number of floats in
     *                                   {@code param}
     * @throws IllegalStateException     for a segment whose arena is closed
     * @throws WrongThreadException      for a segment confined to another thread
     * @throws NullPointerException      for a null argument
     */
    public static void sgd(Sgd rule, double learningRate, MemorySegment param, MemorySegment gradient,
                           long from, long to) {
        run(rule, learningRate, 1, param, gradient, null, null, null, from, to);
    }

    /**
     * {@link #sgd(Sgd, double, MemorySegment, MemorySegment, long, long)} on every element.
     *
     * @param rule         the rule and its hyperparameters
     * @param learningRate the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param param        the parameters {@code w}; modified
     * @param gradient     the gradient {@code g}, as long as {@code param}; not modified, may be read-only
     * @throws IllegalArgumentException for a learning rate out of range, buffers of different lengths, a byte size that
     *                                  is not a whole number of floats, a read-only written buffer or overlapping
     *                                  buffers
     * @throws IllegalStateException    for a segment whose arena is closed
     * @throws WrongThreadException     for a segment confined to another thread
     * @throws NullPointerException     for a null argument
     */
    public static void sgd(Sgd rule, double learningRate, MemorySegment param, MemorySegment gradient) {
        sgd(rule, learningRate, param, gradient, 0, floats(param));
    }

    /**
     * {@link #sgd(Sgd, double, MemorySegment, MemorySegment, long, long)} on every element of arrays.
     *
     * @param rule         the rule and its hyperparameters
     * @param learningRate the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param param        the parameters {@code w}; modified
     * @param gradient     the gradient {@code g}, as long as {@code param}; not modified
     * @throws IllegalArgumentException for a learning rate out of range, arrays of different lengths or the same array
     *                                  passed twice
     * @throws NullPointerException     for a null argument
     */
    public static void sgd(Sgd rule, double learningRate, float[] param, float[] gradient) {
        sgd(rule, learningRate, heap("param", param), heap("gradient", gradient));
    }

    /**
     * Step {@code step} of {@link Momentum} (heavy ball, EWMA, Nesterov) on elements {@code [from, to)}.
     *
     * @param rule         the rule and its hyperparameters
     * @param learningRate the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param step         the step number {@code t >= 1}: 1 on the first call for these buffers
     * @param param        the parameters {@code w}; modified in {@code [from, to)}
     * @param gradient     the gradient {@code g}, as long as {@code param}; not modified, may be read-only
     * @param velocity     the velocity {@code v}, zero before step 1; modified in {@code [from, to)}
     * @param from         index of the first element to update, inclusive
     * @param to           index one past the last element to update
     * @throws IllegalArgumentException  for a learning rate or step out of range, buffers of different lengths, a byte
     *                                   size that is not a whole number of floats, a read-only written buffer or
     *                                   overlapping buffers
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= n}, {@code n} being the number of floats in
     *                                   {@code param}
     * @throws IllegalStateException     for a segment whose arena is closed
     * @throws WrongThreadException      for a segment confined to another thread
     * @throws NullPointerException      for a null argument
     */
    public static void momentum(Momentum rule, double learningRate, long step, MemorySegment param,
                                MemorySegment gradient, MemorySegment velocity, long from, long to) {
        run(rule, learningRate, step, param, gradient, velocity, null, null, from, to);
    }

    /**
     * {@link #momentum(Momentum, double, long, MemorySegment, MemorySegment, MemorySegment, long, long)} on every
     * element.
     *
     * @param rule         the rule and its hyperparameters
     * @param learningRate the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param step         the step number {@code t >= 1}: 1 on the first call for these buffers
     * @param param        the parameters {@code w}; modified
     * @param gradient     the gradient {@code g}, as long as {@code param}; not modified, may be read-only
     * @param velocity     the velocity {@code v}, zero before step 1; modified
     * @throws IllegalArgumentException for a learning rate or step out of range, buffers of different lengths, a byte
     *                                  size that is not a whole number of floats, a read-only written buffer or
     *                                  overlapping buffers
     * @throws IllegalStateException    for a segment whose arena is closed
     * @throws WrongThreadException     for a segment confined to another thread
     * @throws NullPointerException     for a null argument
     */
    public static void momentum(Momentum rule, double learningRate, long step, MemorySegment param,
                                MemorySegment gradient, MemorySegment velocity) {
        momentum(rule, learningRate, step, param, gradient, velocity, 0, floats(param));
    }

    /**
     * {@link #momentum(Momentum, double, long, MemorySegment, MemorySegment, MemorySegment, long, long)} on arrays.
     *
     * @param rule         the rule and its hyperparameters
     * @param learningRate the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param step         the step number {@code t >= 1}: 1 on the first call for these buffers
     * @param param        the parameters {@code w}; modified
     * @param gradient     the gradient {@code g}, as long as {@code param}; not modified
     * @param velocity     the velocity {@code v}, zero before step 1; modified
     * @throws IllegalArgumentException for a learning rate or step out of range, arrays of different lengths or the
     *                                  same array passed twice
     * @throws NullPointerException     for a null argument
     */
    public static void momentum(Momentum rule, double learningRate, long step, float[] param, float[] gradient,
                                float[] velocity) {
        momentum(rule, learningRate, step, heap("param", param), heap("gradient", gradient),
                heap("velocity", velocity));
    }

    /**
     * One step of {@link AdaGrad} on elements {@code [from, to)}.
     *
     * @param rule         the rule and its hyperparameters
     * @param learningRate the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param param        the parameters {@code w}; modified in {@code [from, to)}
     * @param gradient     the gradient {@code g}, as long as {@code param}; not modified, may be read-only
     * @param accumulator  the sum of squared gradients {@code r}, holding the rule's
     *                     {@link AdaGrad#initialAccumulator()} before step 1; modified in {@code [from, to)}
     * @param from         index of the first element to update, inclusive
     * @param to           index one past the last element to update
     * @throws IllegalArgumentException  for a learning rate out of range, buffers of different lengths, a byte size
     *                                   that is not a whole number of floats, a read-only written buffer or overlapping
     *                                   buffers
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= n}, {@code n} being the number of floats in
     *                                   {@code param}
     * @throws IllegalStateException     for a segment whose arena is closed
     * @throws WrongThreadException      for a segment confined to another thread
     * @throws NullPointerException      for a null argument
     */
    public static void adagrad(AdaGrad rule, double learningRate, MemorySegment param, MemorySegment gradient,
                               MemorySegment accumulator, long from, long to) {
        run(rule, learningRate, 1, param, gradient, accumulator, null, null, from, to);
    }

    /**
     * {@link #adagrad(AdaGrad, double, MemorySegment, MemorySegment, MemorySegment, long, long)} on every element.
     *
     * @param rule         the rule and its hyperparameters
     * @param learningRate the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param param        the parameters {@code w}; modified
     * @param gradient     the gradient {@code g}, as long as {@code param}; not modified, may be read-only
     * @param accumulator  the sum of squared gradients {@code r}, holding the rule's
     *                     {@link AdaGrad#initialAccumulator()} before step 1; modified
     * @throws IllegalArgumentException for a learning rate out of range, buffers of different lengths, a byte size that
     *                                  is not a whole number of floats, a read-only written buffer or overlapping
     *                                  buffers
     * @throws IllegalStateException    for a segment whose arena is closed
     * @throws WrongThreadException     for a segment confined to another thread
     * @throws NullPointerException     for a null argument
     */
    public static void adagrad(AdaGrad rule, double learningRate, MemorySegment param, MemorySegment gradient,
                               MemorySegment accumulator) {
        adagrad(rule, learningRate, param, gradient, accumulator, 0, floats(param));
    }

    /**
     * {@link #adagrad(AdaGrad, double, MemorySegment, MemorySegment, MemorySegment, long, long)} on arrays.
     *
     * @param rule         the rule and its hyperparameters
     * @param learningRate the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param param        the parameters {@code w}; modified
     * @param gradient     the gradient {@code g}, as long as {@code param}; not modified
     * @param accumulator  the sum of squared gradients {@code r}, holding the rule's
     *                     {@link AdaGrad#initialAccumulator()} before step 1; modified
     * @throws IllegalArgumentException for a learning rate out of range, arrays of different lengths or the same array
     *                                  passed twice
     * @throws NullPointerException     for a null argument
     */
    public static void adagrad(AdaGrad rule, double learningRate, float[] param, float[] gradient,
                               float[] accumulator) {
        adagrad(rule, learningRate, heap("param", param), heap("gradient", gradient),
                heap("accumulator", accumulator));
    }

    /**
     * One step of {@link RmsProp} on elements {@code [from, to)}.
     *
     * @param rule            the rule and its hyperparameters
     * @param learningRate    the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param param           the parameters {@code w}; modified in {@code [from, to)}
     * @param gradient        the gradient {@code g}, as long as {@code param}; not modified, may be read-only
     * @param squareAverage   the average of squared gradients {@code s}, zero before step 1; modified in
     *                        {@code [from, to)}
     * @param gradientAverage the average of gradients {@code mbar}, zero before step 1, if the rule is
     *                        {@link RmsProp#centered() centered}, else null; modified in {@code [from, to)} if given
     * @param momentumBuffer  the momentum buffer {@code buf}, zero before step 1, if the rule
     *                        {@link RmsProp#hasMomentum() has momentum}, else null; modified in {@code [from, to)} if
     *                        given
     * @param from            index of the first element to update, inclusive
     * @param to              index one past the last element to update
     * @throws IllegalArgumentException  for a learning rate out of range, buffers of different lengths, a byte size
     *                                   that is not a whole number of floats, a read-only written buffer or overlapping
     *                                   buffers, or a {@code gradientAverage} or {@code momentumBuffer} the rule does
     *                                   not keep
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= n}, {@code n} being the number of floats in
     *                                   {@code param}
     * @throws IllegalStateException     for a segment whose arena is closed
     * @throws WrongThreadException      for a segment confined to another thread
     * @throws NullPointerException      for a null argument other than a state buffer the rule does not keep
     */
    public static void rmsProp(RmsProp rule, double learningRate, MemorySegment param, MemorySegment gradient,
                               MemorySegment squareAverage, MemorySegment gradientAverage,
                               MemorySegment momentumBuffer, long from, long to) {
        ArgumentChecks.requireNonNull("rule", rule);
        boolean centered = rule.centered();
        if (!centered && gradientAverage != null) {
            throw new IllegalArgumentException("gradientAverage was given but the rule is not centered");
        }
        run(rule, learningRate, 1, param, gradient, squareAverage, centered ? gradientAverage : momentumBuffer,
                centered ? momentumBuffer : null, from, to);
    }

    /**
     * {@link #rmsProp(RmsProp, double, MemorySegment, MemorySegment, MemorySegment, MemorySegment, MemorySegment, long,
     * long)} on every element.
     *
     * @param rule            the rule and its hyperparameters
     * @param learningRate    the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param param           the parameters {@code w}; modified
     * @param gradient        the gradient {@code g}, as long as {@code param}; not modified, may be read-only
     * @param squareAverage   the average of squared gradients {@code s}, zero before step 1; modified
     * @param gradientAverage the average of gradients {@code mbar}, zero before step 1, if the rule is
     *                        {@link RmsProp#centered() centered}, else null; modified if given
     * @param momentumBuffer  the momentum buffer {@code buf}, zero before step 1, if the rule
     *                        {@link RmsProp#hasMomentum() has momentum}, else null; modified if given
     * @throws IllegalArgumentException for a learning rate out of range, buffers of different lengths, a byte size that
     *                                  is not a whole number of floats, a read-only written buffer or overlapping
     *                                  buffers, or a {@code gradientAverage} or {@code momentumBuffer} the rule does
     *                                  not keep
     * @throws IllegalStateException    for a segment whose arena is closed
     * @throws WrongThreadException     for a segment confined to another thread
     * @throws NullPointerException     for a null argument other than a state buffer the rule does not keep
     */
    public static void rmsProp(RmsProp rule, double learningRate, MemorySegment param, MemorySegment gradient,
                               MemorySegment squareAverage, MemorySegment gradientAverage,
                               MemorySegment momentumBuffer) {
        rmsProp(rule, learningRate, param, gradient, squareAverage, gradientAverage, momentumBuffer, 0,
                floats(param));
    }

    /**
     * {@link #rmsProp(RmsProp, double, MemorySegment, MemorySegment, MemorySegment, MemorySegment, MemorySegment, long,
     * long)} on arrays; unused state may be null.
     *
     * @param rule            the rule and its hyperparameters
     * @param learningRate    the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param param           the parameters {@code w}; modified
     * @param gradient        the gradient {@code g}, as long as {@code param}; not modified
     * @param squareAverage   the average of squared gradients {@code s}, zero before step 1; modified
     * @param gradientAverage the average of gradients {@code mbar}, zero before step 1, if the rule is
     *                        {@link RmsProp#centered() centered}, else null; modified if given
     * @param momentumBuffer  the momentum buffer {@code buf}, zero before step 1, if the rule
     *                        {@link RmsProp#hasMomentum() has momentum}, else null; modified if given
     * @throws IllegalArgumentException for a learning rate out of range, arrays of different lengths or the same array
     *                                  passed twice, or a {@code gradientAverage} or {@code momentumBuffer} the rule
     *                                  does not keep
     * @throws NullPointerException     for a null argument other than a state buffer the rule does not keep
     */
    public static void rmsProp(RmsProp rule, double learningRate, float[] param, float[] gradient,
                               float[] squareAverage, float[] gradientAverage, float[] momentumBuffer) {
        rmsProp(rule, learningRate, heap("param", param), heap("gradient", gradient),
                heap("squareAverage", squareAverage), optionalHeap(gradientAverage), optionalHeap(momentumBuffer));
    }

    /**
     * Step {@code step} of {@link Adam} without AMSGrad on elements {@code [from, to)}.
     *
     * @param rule         the rule and its hyperparameters, without AMSGrad
     * @param learningRate the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param step         the step number {@code t >= 1}: 1 on the first call for these buffers
     * @param param        the parameters {@code w}; modified in {@code [from, to)}
     * @param gradient     the gradient {@code g}, as long as {@code param}; not modified, may be read-only
     * @param m            the first moment {@code m}, zero before step 1; modified in {@code [from, to)}
     * @param v            the second moment {@code v}, zero before step 1; modified in {@code [from, to)}
     * @param from         index of the first element to update, inclusive
     * @param to           index one past the last element to update
     * @throws IllegalArgumentException  for a learning rate or step out of range, buffers of different lengths, a byte
     *                                   size that is not a whole number of floats, a read-only written buffer or
     *                                   overlapping buffers
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= n}, {@code n} being the number of floats in
     *                                   {@code param}
     * @throws IllegalStateException     for a segment whose arena is closed
     * @throws WrongThreadException      for a segment confined to another thread
     * @throws NullPointerException      for a null argument, or a rule with AMSGrad (its {@code vmax} is missing)
     */
    public static void adam(Adam rule, double learningRate, long step, MemorySegment param,
                            MemorySegment gradient, MemorySegment m, MemorySegment v, long from, long to) {
        run(rule, learningRate, step, param, gradient, m, v, null, from, to);
    }

    /**
     * {@link #adam(Adam, double, long, MemorySegment, MemorySegment, MemorySegment, MemorySegment, long, long)} on
     * every element.
     *
     * @param rule         the rule and its hyperparameters, without AMSGrad
     * @param learningRate the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param step         the step number {@code t >= 1}: 1 on the first call for these buffers
     * @param param        the parameters {@code w}; modified
     * @param gradient     the gradient {@code g}, as long as {@code param}; not modified, may be read-only
     * @param m            the first moment {@code m}, zero before step 1; modified
     * @param v            the second moment {@code v}, zero before step 1; modified
     * @throws IllegalArgumentException for a learning rate or step out of range, buffers of different lengths, a byte
     *                                  size that is not a whole number of floats, a read-only written buffer or
     *                                  overlapping buffers
     * @throws IllegalStateException    for a segment whose arena is closed
     * @throws WrongThreadException     for a segment confined to another thread
     * @throws NullPointerException     for a null argument, or a rule with AMSGrad (its {@code vmax} is missing)
     */
    public static void adam(Adam rule, double learningRate, long step, MemorySegment param,
                            MemorySegment gradient, MemorySegment m, MemorySegment v) {
        adam(rule, learningRate, step, param, gradient, m, v, 0, floats(param));
    }

    /**
     * {@link #adam(Adam, double, long, MemorySegment, MemorySegment, MemorySegment, MemorySegment, long, long)} on
     * arrays.
     *
     * @param rule         the rule and its hyperparameters, without AMSGrad
     * @param learningRate the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param step         the step number {@code t >= 1}: 1 on the first call for these buffers
     * @param param        the parameters {@code w}; modified
     * @param gradient     the gradient {@code g}, as long as {@code param}; not modified
     * @param m            the first moment {@code m}, zero before step 1; modified
     * @param v            the second moment {@code v}, zero before step 1; modified
     * @throws IllegalArgumentException for a learning rate or step out of range, arrays of different lengths or the
     *                                  same array passed twice
     * @throws NullPointerException     for a null argument, or a rule with AMSGrad (its {@code vmax} is missing)
     */
    public static void adam(Adam rule, double learningRate, long step, float[] param, float[] gradient,
                            float[] m, float[] v) {
        adam(rule, learningRate, step, heap("param", param), heap("gradient", gradient), heap("m", m), heap("v", v));
    }

    /**
     * Step {@code step} of {@link Adam} with AMSGrad on elements {@code [from, to)}.
     *
     * @param rule         the rule and its hyperparameters, with AMSGrad
     * @param learningRate the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param step         the step number {@code t >= 1}: 1 on the first call for these buffers
     * @param param        the parameters {@code w}; modified in {@code [from, to)}
     * @param gradient     the gradient {@code g}, as long as {@code param}; not modified, may be read-only
     * @param m            the first moment {@code m}, zero before step 1; modified in {@code [from, to)}
     * @param v            the second moment {@code v}, zero before step 1; modified in {@code [from, to)}
     * @param vmax         the running maximum {@code vmax} of {@code v}, zero before step 1; modified in
     *                     {@code [from, to)}
     * @param from         index of the first element to update, inclusive
     * @param to           index one past the last element to update
     * @throws IllegalArgumentException  for a learning rate or step out of range, buffers of different lengths, a byte
     *                                   size that is not a whole number of floats, a read-only written buffer or
     *                                   overlapping buffers, or a rule without AMSGrad
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= n}, {@code n} being the number of floats in
     *                                   {@code param}
     * @throws IllegalStateException     for a segment whose arena is closed
     * @throws WrongThreadException      for a segment confined to another thread
     * @throws NullPointerException      for a null argument
     */
    public static void adam(Adam rule, double learningRate, long step, MemorySegment param,
                            MemorySegment gradient, MemorySegment m, MemorySegment v, MemorySegment vmax,
                            long from, long to) {
        run(rule, learningRate, step, param, gradient, m, v, vmax, from, to);
    }

    /**
     * {@link #adam(Adam, double, long, MemorySegment, MemorySegment, MemorySegment, MemorySegment, MemorySegment, long,
     * long)} on every element.
     *
     * @param rule         the rule and its hyperparameters, with AMSGrad
     * @param learningRate the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param step         the step number {@code t >= 1}: 1 on the first call for these buffers
     * @param param        the parameters {@code w}; modified
     * @param gradient     the gradient {@code g}, as long as {@code param}; not modified, may be read-only
     * @param m            the first moment {@code m}, zero before step 1; modified
     * @param v            the second moment {@code v}, zero before step 1; modified
     * @param vmax         the running maximum {@code vmax} of {@code v}, zero before step 1; modified
     * @throws IllegalArgumentException for a learning rate or step out of range, buffers of different lengths, a byte
     *                                  size that is not a whole number of floats, a read-only written buffer or
     *                                  overlapping buffers, or a rule without AMSGrad
     * @throws IllegalStateException    for a segment whose arena is closed
     * @throws WrongThreadException     for a segment confined to another thread
     * @throws NullPointerException     for a null argument
     */
    public static void adam(Adam rule, double learningRate, long step, MemorySegment param,
                            MemorySegment gradient, MemorySegment m, MemorySegment v, MemorySegment vmax) {
        adam(rule, learningRate, step, param, gradient, m, v, vmax, 0, floats(param));
    }

    /**
     * {@link #adam(Adam, double, long, MemorySegment, MemorySegment, MemorySegment, MemorySegment, MemorySegment, long,
     * long)} on arrays.
     *
     * @param rule         the rule and its hyperparameters, with AMSGrad
     * @param learningRate the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param step         the step number {@code t >= 1}: 1 on the first call for these buffers
     * @param param        the parameters {@code w}; modified
     * @param gradient     the gradient {@code g}, as long as {@code param}; not modified
     * @param m            the first moment {@code m}, zero before step 1; modified
     * @param v            the second moment {@code v}, zero before step 1; modified
     * @param vmax         the running maximum {@code vmax} of {@code v}, zero before step 1; modified
     * @throws IllegalArgumentException for a learning rate or step out of range, arrays of different lengths or the
     *                                  same array passed twice, or a rule without AMSGrad
     * @throws NullPointerException     for a null argument
     */
    public static void adam(Adam rule, double learningRate, long step, float[] param, float[] gradient,
                            float[] m, float[] v, float[] vmax) {
        adam(rule, learningRate, step, heap("param", param), heap("gradient", gradient), heap("m", m), heap("v", v),
                heap("vmax", vmax));
    }

    // ---- float[] forms on an element range [from, to), as the segment forms with a range ----

    /**
     * {@link #sgd(Sgd, double, MemorySegment, MemorySegment, long, long)} on elements {@code [from, to)} of arrays.
     *
     * @param rule         the rule and its hyperparameters
     * @param learningRate the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param param        the parameters {@code w}; modified in {@code [from, to)}
     * @param gradient     the gradient {@code g}, as long as {@code param}; not modified
     * @param from         index of the first element to update, inclusive
     * @param to           index one past the last element to update
     * @throws IllegalArgumentException  for a learning rate out of range, arrays of different lengths or the same array
     *                                   passed twice
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= n}, {@code n} being {@code param.length}
     * @throws NullPointerException      for a null argument
     */
    public static void sgd(Sgd rule, double learningRate, float[] param, float[] gradient, long from, long to) {
        sgd(rule, learningRate, heap("param", param), heap("gradient", gradient), from, to);
    }

    /**
     * {@link #momentum(Momentum, double, long, MemorySegment, MemorySegment, MemorySegment, long, long)} on elements
     * {@code [from, to)} of arrays.
     *
     * @param rule         the rule and its hyperparameters
     * @param learningRate the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param step         the step number {@code t >= 1}: 1 on the first call for these buffers
     * @param param        the parameters {@code w}; modified in {@code [from, to)}
     * @param gradient     the gradient {@code g}, as long as {@code param}; not modified
     * @param velocity     the velocity {@code v}, zero before step 1; modified in {@code [from, to)}
     * @param from         index of the first element to update, inclusive
     * @param to           index one past the last element to update
     * @throws IllegalArgumentException  for a learning rate or step out of range, arrays of different lengths or the
     *                                   same array passed twice
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= n}, {@code n} being {@code param.length}
     * @throws NullPointerException      for a null argument
     */
    public static void momentum(Momentum rule, double learningRate, long step, float[] param, float[] gradient,
                                float[] velocity, long from, long to) {
        momentum(rule, learningRate, step, heap("param", param), heap("gradient", gradient),
                heap("velocity", velocity), from, to);
    }

    /**
     * {@link #adagrad(AdaGrad, double, MemorySegment, MemorySegment, MemorySegment, long, long)} on elements
     * {@code [from, to)} of arrays.
     *
     * @param rule         the rule and its hyperparameters
     * @param learningRate the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param param        the parameters {@code w}; modified in {@code [from, to)}
     * @param gradient     the gradient {@code g}, as long as {@code param}; not modified
     * @param accumulator  the sum of squared gradients {@code r}, holding the rule's
     *                     {@link AdaGrad#initialAccumulator()} before step 1; modified in {@code [from, to)}
     * @param from         index of the first element to update, inclusive
     * @param to           index one past the last element to update
     * @throws IllegalArgumentException  for a learning rate out of range, arrays of different lengths or the same array
     *                                   passed twice
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= n}, {@code n} being {@code param.length}
     * @throws NullPointerException      for a null argument
     */
    public static void adagrad(AdaGrad rule, double learningRate, float[] param, float[] gradient,
                               float[] accumulator, long from, long to) {
        adagrad(rule, learningRate, heap("param", param), heap("gradient", gradient),
                heap("accumulator", accumulator), from, to);
    }

    /**
     * {@link #rmsProp(RmsProp, double, MemorySegment, MemorySegment, MemorySegment, MemorySegment, MemorySegment, long,
     * long)} on elements {@code [from, to)} of arrays; unused state may be null.
     *
     * @param rule            the rule and its hyperparameters
     * @param learningRate    the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param param           the parameters {@code w}; modified in {@code [from, to)}
     * @param gradient        the gradient {@code g}, as long as {@code param}; not modified
     * @param squareAverage   the average of squared gradients {@code s}, zero before step 1; modified in
     *                        {@code [from, to)}
     * @param gradientAverage the average of gradients {@code mbar}, zero before step 1, if the rule is
     *                        {@link RmsProp#centered() centered}, else null; modified in {@code [from, to)} if given
     * @param momentumBuffer  the momentum buffer {@code buf}, zero before step 1, if the rule
     *                        {@link RmsProp#hasMomentum() has momentum}, else null; modified in {@code [from, to)} if
     *                        given
     * @param from            index of the first element to update, inclusive
     * @param to              index one past the last element to update
     * @throws IllegalArgumentException  for a learning rate out of range, arrays of different lengths or the same array
     *                                   passed twice, or a {@code gradientAverage} or {@code momentumBuffer} the rule
     *                                   does not keep
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= n}, {@code n} being {@code param.length}
     * @throws NullPointerException      for a null argument other than a state buffer the rule does not keep
     */
    public static void rmsProp(RmsProp rule, double learningRate, float[] param, float[] gradient,
                               float[] squareAverage, float[] gradientAverage, float[] momentumBuffer,
                               long from, long to) {
        rmsProp(rule, learningRate, heap("param", param), heap("gradient", gradient),
                heap("squareAverage", squareAverage), optionalHeap(gradientAverage), optionalHeap(momentumBuffer),
                from, to);
    }

    /**
     * {@link #adam(Adam, double, long, MemorySegment, MemorySegment, MemorySegment, MemorySegment, long, long)}
     * (without AMSGrad) on elements {@code [from, to)} of arrays.
     *
     * @param rule         the rule and its hyperparameters, without AMSGrad
     * @param learningRate the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param step         the step number {@code t >= 1}: 1 on the first call for these buffers
     * @param param        the parameters {@code w}; modified in {@code [from, to)}
     * @param gradient     the gradient {@code g}, as long as {@code param}; not modified
     * @param m            the first moment {@code m}, zero before step 1; modified in {@code [from, to)}
     * @param v            the second moment {@code v}, zero before step 1; modified in {@code [from, to)}
     * @param from         index of the first element to update, inclusive
     * @param to           index one past the last element to update
     * @throws IllegalArgumentException  for a learning rate or step out of range, arrays of different lengths or the
     *                                   same array passed twice
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= n}, {@code n} being {@code param.length}
     * @throws NullPointerException      for a null argument, or a rule with AMSGrad (its {@code vmax} is missing)
     */
    public static void adam(Adam rule, double learningRate, long step, float[] param, float[] gradient,
                            float[] m, float[] v, long from, long to) {
        adam(rule, learningRate, step, heap("param", param), heap("gradient", gradient), heap("m", m), heap("v", v),
                from, to);
    }

    /**
     * {@link #adam(Adam, double, long, MemorySegment, MemorySegment, MemorySegment, MemorySegment, MemorySegment, long,
     * long)} (with AMSGrad) on elements {@code [from, to)} of arrays.
     *
     * @param rule         the rule and its hyperparameters, with AMSGrad
     * @param learningRate the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param step         the step number {@code t >= 1}: 1 on the first call for these buffers
     * @param param        the parameters {@code w}; modified in {@code [from, to)}
     * @param gradient     the gradient {@code g}, as long as {@code param}; not modified
     * @param m            the first moment {@code m}, zero before step 1; modified in {@code [from, to)}
     * @param v            the second moment {@code v}, zero before step 1; modified in {@code [from, to)}
     * @param vmax         the running maximum {@code vmax} of {@code v}, zero before step 1; modified in
     *                     {@code [from, to)}
     * @param from         index of the first element to update, inclusive
     * @param to           index one past the last element to update
     * @throws IllegalArgumentException  for a learning rate or step out of range, arrays of different lengths or the
     *                                   same array passed twice, or a rule without AMSGrad
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= n}, {@code n} being {@code param.length}
     * @throws NullPointerException      for a null argument
     */
    public static void adam(Adam rule, double learningRate, long step, float[] param, float[] gradient,
                            float[] m, float[] v, float[] vmax, long from, long to) {
        adam(rule, learningRate, step, heap("param", param), heap("gradient", gradient), heap("m", m), heap("v", v),
                heap("vmax", vmax), from, to);
    }

    /**
     * One step of {@link Adafactor} on a parameter of the given shape, its second moments factored
     * if it has more than one row ({@link Adafactor} gives the formula). {@code step} with an
     * {@code Adafactor} steps a range as a vector; this method steps a whole parameter as a batch
     * of matrices: {@code shape}'s last dimension is the columns, the one before it the rows, the
     * others the batch.
     *
     * @param rule         the rule and its hyperparameters
     * @param learningRate the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param step         the step number {@code t >= 1}: 1 on the first call for these buffers
     * @param param        the parameters {@code w}; modified
     * @param gradient     the gradient {@code g}, as long as {@code param}; not modified, may be read-only
     * @param shape        the parameter's dimensions, outermost first; their product is its length
     * @param row          the row averages, {@code batch * rows} floats (1 for a vector), 0 before step 1; modified
     * @param column       the column averages, {@code batch * columns} floats, 0 before step 1; modified
     * @param update       receives the step's direction {@code u}, as long as {@code param}
     * @param clipScale    the gradient's factor from norm clipping, finite and {@code >= 0}; 1 for none
     * @throws IllegalArgumentException  for a learning rate or step out of range, a shape that does not multiply
     *                                   to the parameter's length, buffers of the wrong length, read-only or
     *                                   overlapping, or a negative or infinite {@code clipScale}
     * @throws IllegalStateException     for a segment whose arena is closed
     * @throws WrongThreadException      for a segment confined to another thread
     * @throws NullPointerException      for a null argument
     */
    public static void adafactor(Adafactor rule, double learningRate, long step, MemorySegment param,
                                 MemorySegment gradient, long[] shape, MemorySegment row, MemorySegment column,
                                 MemorySegment update, float clipScale) {
        ArgumentChecks.requireNonNull("rule", rule);
        ArgumentChecks.requireLearningRate(rule, learningRate);
        ArgumentChecks.requireStep(step);
        ArgumentChecks.requireNonNegative("clipScale", clipScale);
        long n = StateChecks.requireFactored(param, gradient, shape, row, column, update);
        AdafactorStep.step(KernelProvider.kernels(), rule, learningRate, step, param, gradient, Factoring.rowsOf(shape),
                Factoring.columnsOf(shape, n), row, column, update, 0, n, clipScale, clipScale != 1f);
    }

    /**
     * {@link #adafactor(Adafactor, double, long, MemorySegment, MemorySegment, long[], MemorySegment,
     * MemorySegment, MemorySegment, float) adafactor} on weights and a gradient stored as
     * {@code storage} says: {@code alpha} from the widened weights ({@link Weights} says which), the
     * averages and the direction from the widened gradient (widened into {@code update} first, where
     * the direction then replaces it), and the weights narrowed by the plan's rounding in one pass.
     * The averages and the update stay float32 whatever {@code storage.state()} says. The bits are
     * those of the float32 step on the widened buffers, narrowed (see {@code docs/precision.md}).
     *
     * @param rule         the rule and its hyperparameters
     * @param learningRate the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param step         the step number {@code t >= 1}: 1 on the first call for these buffers
     * @param storage      the types of the weights and the gradient, the rounding, its seed and how the weights
     *                     are kept
     * @param param        the parameters in {@link StoragePlan#paramBuffer()}'s type; modified
     * @param weightCopy   null for {@link Weights#ROUNDED}; else, in the parameter's type and as long, the Kahan
     *                     compensation (read and written) or the model copy (written)
     * @param gradient     the gradient in the plan's gradient type, as long as {@code param}; not modified
     * @param shape        the parameter's dimensions, outermost first; their product is its length
     * @param row          the row averages, {@code batch * rows} floats (1 for a vector), 0 before step 1; modified
     * @param column       the column averages, {@code batch * columns} floats, 0 before step 1; modified
     * @param update       receives the step's direction {@code u}, as many floats as {@code param} has elements
     * @param clipScale    the gradient's factor from norm clipping, finite and {@code >= 0}; 1 for none
     * @throws IllegalArgumentException for an argument the float32 overload refuses, a byte size that is not a
     *                                  whole number of its type's elements, or a {@code weightCopy} the plan
     *                                  does not take or lacks
     * @throws IllegalStateException    for a segment whose arena is closed
     * @throws WrongThreadException     for a segment confined to another thread
     * @throws NullPointerException     for a null argument other than {@code weightCopy}
     */
    public static void adafactor(Adafactor rule, double learningRate, long step, StoragePlan storage,
                                 MemorySegment param, MemorySegment weightCopy, MemorySegment gradient, long[] shape,
                                 MemorySegment row, MemorySegment column, MemorySegment update, float clipScale) {
        ArgumentChecks.requireNonNull("storage", storage);
        if (storage.isFloat32()) {
            if (weightCopy != null) {
                throw new IllegalArgumentException("weightCopy must be null for " + storage.weights() + " weights");
            }
            adafactor(rule, learningRate, step, param, gradient, shape, row, column, update, clipScale);
            return;
        }
        ArgumentChecks.requireNonNull("rule", rule);
        ArgumentChecks.requireLearningRate(rule, learningRate);
        ArgumentChecks.requireStep(step);
        ArgumentChecks.requireNonNegative("clipScale", clipScale);
        long n = StorageChecks.requireStoredFactored(storage, param, weightCopy, gradient, shape, row, column, update);
        TiledAdafactor.step(KernelProvider.kernels(), rule, learningRate, step, storage, param, weightCopy, gradient,
                Factoring.rowsOf(shape), Factoring.columnsOf(shape, n), row, column, update, n, 0, n, clipScale,
                clipScale != 1f);
    }

    /** Validates every argument of an in-place step, then dispatches to the selected kernels. */
    private static void run(UpdateRule rule, double learningRate, long step, MemorySegment param,
                            MemorySegment gradient, MemorySegment state0, MemorySegment state1,
                            MemorySegment state2, long from, long to) {
        requireStep(rule, learningRate, step, param, gradient, state0, state1, state2, from, to);
        RuleSteps.step(KernelProvider.kernels(), rule, learningRate, step, param, null, gradient, state0, state1,
                state2, from, to);
    }

    /** {@link #run} with the gradient clamped to {@code clipValue} and scaled by {@code clipScale}. */
    private static void run(UpdateRule rule, double learningRate, long step, MemorySegment param,
                            MemorySegment gradient, MemorySegment state0, MemorySegment state1,
                            MemorySegment state2, long from, long to, float clipValue, float clipScale) {
        requireStep(rule, learningRate, step, param, gradient, state0, state1, state2, from, to);
        RuleSteps.step(KernelProvider.kernels(), rule, learningRate, step, param, null, gradient, state0, state1,
                state2, from, to, clipValue, clipScale);
    }

    /** Validates the arguments of an in-place step. */
    private static void requireStep(UpdateRule rule, double learningRate, long step, MemorySegment param,
                                    MemorySegment gradient, MemorySegment state0, MemorySegment state1,
                                    MemorySegment state2, long from, long to) {
        ArgumentChecks.requireNonNull("rule", rule);
        ArgumentChecks.requireLearningRate(rule, learningRate);
        ArgumentChecks.requireStep(step);
        long n = StateChecks.requireParamAndGradient(param, gradient, from, to);
        StateChecks.requireStates(rule, n, param, gradient, state0, state1, state2);
    }

    /**
     * One step of any rule on elements {@code [from, to)} that writes the update {@code u} into
     * {@code update} instead of applying it: the parameters stay as they are, and the state
     * advances as in {@link #step(UpdateRule, double, long, MemorySegment, MemorySegment, List, long, long) step}.
     * For frameworks that apply updates themselves (a DL4J {@code GradientUpdater}, an
     * Optax-style transform, Tribuo's {@code StochasticGradientOptimiser}); see
     * {@code docs/update-form.md}. One fused pass; it allocates nothing.
     *
     * <p>{@code w - u}, computed in float, is the parameter {@code step} would have written, bit for
     * bit, for every rule and option, except Adam with decoupled weight decay ({@link Adam#adamW()}).
     * There the in-place result is {@code r = w * (1 - a * lambda) - s}, the update is
     * {@code u = w - r} rounded, and {@code w - u == r} holds exactly whenever {@code r} lies in
     * {@code [w/2, 2w]} (Sterbenz's lemma: then {@code w - r} is exact), as it does in training
     * unless a step more than halves a weight or changes its sign; otherwise {@code w - u} is
     * within two units in the last place of the larger of {@code |w|} and {@code |r|} from {@code r},
     * or, where {@code w - r} is past the float range, {@code u} is the infinity of its sign.
     *
     * @param rule         the rule and its hyperparameters
     * @param learningRate the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param step         the step number {@code t >= 1}: 1 on the first call for these buffers
     * @param param        the parameters {@code w}; read, not modified, may be read-only
     * @param gradient     the gradient {@code g}, as long as {@code param}; not modified unless it is
     *                     {@code update}, may be read-only unless it is {@code update}
     * @param update       receives the update {@code u} in {@code [from, to)}: as long as {@code param},
     *                     writable, sharing no byte with the other buffers, or the gradient itself (the same
     *                     memory and size, {@link MemorySegment#equals}), which is then overwritten
     * @param state        the rule's {@link UpdateRule#stateBuffers()} state buffers, in the order its Javadoc lists
     *                     them; modified in {@code [from, to)}
     * @param from         index of the first element, inclusive
     * @param to           index one past the last element
     * @throws IllegalArgumentException  for a learning rate or step out of range, buffers of different lengths, a byte
     *                                   size that is not a whole number of floats, a read-only written buffer or
     *                                   overlapping buffers, or a {@code state} whose size is not the rule's
     *                                   {@link UpdateRule#stateBuffers()}
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= n}, {@code n} being the number of floats in
     *                                   {@code param}
     * @throws IllegalStateException     for a segment whose arena is closed
     * @throws WrongThreadException      for a segment confined to another thread
     * @throws NullPointerException      for a null argument or a null buffer in {@code state}
     */
    public static void update(UpdateRule rule, double learningRate, long step, MemorySegment param,
                              MemorySegment gradient, MemorySegment update, List<MemorySegment> state,
                              long from, long to) {
        requireUpdateArguments(rule, learningRate, step, state);
        MemorySegment state0 = state.isEmpty() ? null : state.get(0);
        MemorySegment state1 = state.size() < 2 ? null : state.get(1);
        MemorySegment state2 = state.size() < 3 ? null : state.get(2);
        long n = StateChecks.requireUpdateForm(param, gradient, update, from, to);
        StateChecks.requireStates(rule, n, param, gradient, state0, state1, state2);
        StateChecks.requireStatesApartFrom(rule, update, state0, state1, state2);
        RuleSteps.step(KernelProvider.kernels(), rule, learningRate, step, param, update, gradient, state0, state1,
                state2, from, to);
    }

    /** Refuses the rules without an update form, a state list of the wrong size, the rate or step out of range. */
    private static void requireUpdateArguments(UpdateRule rule, double learningRate, long step,
                                               List<MemorySegment> state) {
        ArgumentChecks.requireNonNull("rule", rule);
        ArgumentChecks.requireNonNull("state", state);
        if (ScheduleFreeAveraging.is(rule)) {
            throw new IllegalArgumentException("rule " + rule + " has no update form: its step moves the parameter"
                    + " toward z and writes z besides; use step");
        }
        if (LayerWise.is(rule) || rule instanceof Adafactor) {
            throw new IllegalArgumentException("rule " + rule + " has no update form: its step is scaled by the norm"
                    + " of its own update; use step");
        }
        if (rule instanceof CustomRule) {
            throw new IllegalArgumentException("rule " + rule + " has no update form: a custom rule's kernels step in"
                    + " place; use step");
        }
        requireStateCount(rule, state);
        ArgumentChecks.requireLearningRate(rule, learningRate);
        ArgumentChecks.requireStep(step);
    }

    /**
     * The update form on buffers stored as {@code storage} says, on elements {@code [from, to)}:
     * each element's update is the float32 update of its widened parameter, gradient and state
     * (as {@link #update(UpdateRule, double, long, MemorySegment, MemorySegment, MemorySegment, List, long, long)
     * update} computes it), narrowed to the gradient's type into {@code update} by the plan's
     * rounding (stochastic rounding with the random bits the weights would get: buffer number 0);
     * the state is stored as the in-place step stores it. The parameter is read, not written, so the
     * plan keeps {@link Weights#ROUNDED} weights. With 16-bit updates {@code w - u} is no longer the
     * in-place step's result in general: {@code u} is rounded first. One pass; it allocates nothing
     * after a thread's first stored call. See {@code docs/precision.md}.
     *
     * @param rule         the rule and its hyperparameters, one with an update form
     * @param learningRate the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param step         the step number {@code t >= 1}
     * @param storage      the buffers' types, the rounding and its seed; rounded weights
     * @param param        the parameters in {@code storage.parameter()}; read, not modified, may be read-only
     * @param gradient     the gradient in {@code storage.gradient()}; not modified unless it is {@code update}
     * @param update       receives the update in {@code storage.gradient()}: writable, sharing no byte with the
     *                     other buffers, or the gradient itself
     * @param state        the rule's state buffers in {@code storage.state()}; modified in {@code [from, to)}
     * @param from         index of the first element, inclusive
     * @param to           index one past the last element
     * @throws IllegalArgumentException  for an argument out of range, a rule without an update form, Kahan or
     *                                   master weights, a buffer whose byte size is not the parameter's element
     *                                   count in its type, a read-only written buffer or overlapping buffers
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= n}
     * @throws IllegalStateException     for a segment whose arena is closed
     * @throws WrongThreadException      for a segment confined to another thread
     * @throws NullPointerException      for a null argument or a null buffer in {@code state}
     */
    public static void update(UpdateRule rule, double learningRate, long step, StoragePlan storage,
                              MemorySegment param, MemorySegment gradient, MemorySegment update,
                              List<MemorySegment> state, long from, long to) {
        ArgumentChecks.requireNonNull("storage", storage);
        if (storage.isFloat32()) {
            update(rule, learningRate, step, param, gradient, update, state, from, to);
            return;
        }
        requireUpdateArguments(rule, learningRate, step, state);
        MemorySegment state0 = state.isEmpty() ? null : state.get(0);
        MemorySegment state1 = state.size() < 2 ? null : state.get(1);
        MemorySegment state2 = state.size() < 3 ? null : state.get(2);
        StorageChecks.requireStoredUpdate(rule, storage, param, gradient, update, state0, state1, state2, from, to);
        TiledStep.step(KernelProvider.kernels(), rule, learningRate, step, storage, param, null, gradient, update,
                state0, state1, state2, from, to, false, Float.POSITIVE_INFINITY, 1f);
    }

    /**
     * {@link #update(UpdateRule, double, long, StoragePlan, MemorySegment, MemorySegment, MemorySegment, List,
     * long, long) update} with storage on every element.
     *
     * @param rule         the rule and its hyperparameters, one with an update form
     * @param learningRate the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param step         the step number {@code t >= 1}
     * @param storage      the buffers' types, the rounding and its seed; rounded weights
     * @param param        the parameters; not modified
     * @param gradient     the gradient; not modified unless it is {@code update}
     * @param update       receives the update in the gradient's type; may be the gradient itself
     * @param state        the rule's state buffers; modified
     * @throws IllegalArgumentException as the ranged overload does
     * @throws IllegalStateException    for a segment whose arena is closed
     * @throws WrongThreadException     for a segment confined to another thread
     * @throws NullPointerException     for a null argument or a null buffer in {@code state}
     */
    public static void update(UpdateRule rule, double learningRate, long step, StoragePlan storage,
                              MemorySegment param, MemorySegment gradient, MemorySegment update,
                              List<MemorySegment> state) {
        ArgumentChecks.requireNonNull("storage", storage);
        update(rule, learningRate, step, storage, param, gradient, update, state, 0,
                StorageChecks.requireElements("param", param, storage.parameter(), false));
    }

    /**
     * {@link #update(UpdateRule, double, long, MemorySegment, MemorySegment, MemorySegment, List, long, long)} on
     * every element.
     *
     * @param rule         the rule and its hyperparameters
     * @param learningRate the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param step         the step number {@code t >= 1}
     * @param param        the parameters {@code w}; not modified
     * @param gradient     the gradient {@code g}; not modified unless it is {@code update}
     * @param update       receives the update {@code u}; may be the gradient itself
     * @param state        the rule's state buffers; modified
     * @throws IllegalArgumentException for an argument out of range, buffers of different lengths or overlapping
     *                                  ones, as the ranged form says
     * @throws IllegalStateException    for a segment whose arena is closed
     * @throws WrongThreadException     for a segment confined to another thread
     * @throws NullPointerException     for a null argument or a null buffer in {@code state}
     */
    public static void update(UpdateRule rule, double learningRate, long step, MemorySegment param,
                              MemorySegment gradient, MemorySegment update, List<MemorySegment> state) {
        update(rule, learningRate, step, param, gradient, update, state, 0, floats(param));
    }

    /**
     * {@link #update(UpdateRule, double, long, MemorySegment, MemorySegment, MemorySegment, List)} on arrays. It
     * wraps each array in a segment, a few small objects per call: for loops that must not allocate, pass segments.
     *
     * @param rule         the rule and its hyperparameters
     * @param learningRate the learning rate {@code a}, finite and {@code >= 0}, also once narrowed to a float
     * @param step         the step number {@code t >= 1}
     * @param param        the parameters {@code w}; not modified
     * @param gradient     the gradient {@code g}; not modified unless it is {@code update}
     * @param update       receives the update {@code u}; may be the gradient array itself
     * @param state        the rule's state arrays, in the order its Javadoc lists them; modified
     * @throws IllegalArgumentException for an argument out of range, arrays of different lengths, or the same array
     *                                  in two places other than the gradient and the update
     * @throws NullPointerException     for a null argument or a null state array
     */
    public static void update(UpdateRule rule, double learningRate, long step, float[] param, float[] gradient,
                              float[] update, float[]... state) {
        ArgumentChecks.requireNonNull("state", state);
        MemorySegment[] segments = new MemorySegment[state.length];
        for (int k = 0; k < state.length; k++) {
            segments[k] = heap("state[" + k + "]", state[k]);
        }
        update(rule, learningRate, step, heap("param", param), heap("gradient", gradient), heap("update", update),
                List.of(segments));
    }

    private static void requireStateCount(UpdateRule rule, List<MemorySegment> state) {
        ArgumentChecks.requireCustomStateBuffers(rule);
        if (state.size() != rule.stateBuffers()) {
            throw new IllegalArgumentException("state holds " + state.size() + " buffers but "
                    + rule.getClass().getSimpleName() + " keeps " + rule.stateBuffers());
        }
    }

    private static long floats(MemorySegment param) {
        return SegmentChecks.requireFloats("param", param);
    }

    private static MemorySegment heap(String name, float[] array) {
        return MemorySegment.ofArray(ArgumentChecks.requireNonNull(name, array));
    }

    private static MemorySegment optionalHeap(float[] array) {
        return array == null ? null : MemorySegment.ofArray(array);
    }

    /**
     * The index of the first element of {@code [from, to)} that is NaN or infinite, or {@code -1}
     * if all of them are finite ({@link Float#isFinite}; zeros, subnormals and
     * {@code +-Float.MAX_VALUE} are finite). Use it to check a gradient before a step. It reads
     * each element once, allocates nothing, and runs on the vector kernels when they are in use.
     *
     * @param values the floats to scan, native or heap, read-only allowed; not modified
     * @param from   first element, inclusive
     * @param to     last element, exclusive
     * @return the index counted from the start of {@code values} (not from {@code from}), or {@code -1}
     * @throws IllegalArgumentException  if the byte size is not a whole number of floats
     * @throws IndexOutOfBoundsException for a range outside the buffer
     * @throws IllegalStateException     for a segment whose arena is closed
     * @throws WrongThreadException      for a segment confined to another thread
     * @throws NullPointerException      for a null buffer
     */
    public static long firstNonFinite(MemorySegment values, long from, long to) {
        SegmentChecks.requireRange(from, to, SegmentChecks.requireFloats("values", values));
        return KernelProvider.kernels().firstNonFinite(values, from, to);
    }

    /**
     * {@link #firstNonFinite(MemorySegment, long, long)} over every element.
     *
     * @param values the floats to scan, native or heap, read-only allowed; not modified
     * @return the index of the first NaN or infinite element, or {@code -1} if all are finite
     * @throws IllegalArgumentException if the byte size is not a whole number of floats
     * @throws IllegalStateException    for a segment whose arena is closed
     * @throws WrongThreadException     for a segment confined to another thread
     * @throws NullPointerException     for a null buffer
     */
    public static long firstNonFinite(MemorySegment values) {
        return firstNonFinite(values, 0, SegmentChecks.requireFloats("values", values));
    }

    /**
     * The evaluation view of a schedule-free rule ({@link ScheduleFreeAdamW}, {@link ScheduleFreeSgd}):
     * {@code out = lerp(y, z, 1 - 1/b1)}, the averaged weights {@code x} to evaluate the model at,
     * with {@code b1} the rule's {@code beta1} or {@code momentum} and {@code lerp} rounded as
     * {@code torch.lerp} rounds it. Before step 1, pass {@code y} as {@code z}: the view is then
     * {@code y}. {@code out} may be {@code y} itself, which is PyTorch's {@code optimizer.eval()};
     * {@link #scheduleFreeTraining} is its {@code train()}, which gives {@code y} back only up to
     * two roundings, so Gradus's optimizer writes the view into another buffer instead
     * ({@link Optimizer#evaluationWeights}).
     *
     * @param rule a schedule-free rule
     * @param y    the parameter (training view); not modified unless it is {@code out}
     * @param z    the rule's state {@code z}, as long as {@code y}; not modified
     * @param out  receives {@code x}: writable, as long as {@code y}, {@code y} itself or sharing no byte with it,
     *             sharing no byte with {@code z}
     * @throws IllegalArgumentException for a rule that is not schedule-free, buffers of different lengths, a read-only
     *                                  {@code out} or overlapping buffers
     * @throws IllegalStateException    for a segment whose arena is closed
     * @throws WrongThreadException     for a segment confined to another thread
     * @throws NullPointerException     for a null argument
     */
    public static void scheduleFreeEvaluation(UpdateRule rule, MemorySegment y, MemorySegment z, MemorySegment out) {
        long n = ScheduleFreeViews.requireView(rule, "y", y, z, out);
        ScheduleFreeStep.lerp(KernelProvider.kernels(), out, y, z, 0, n, ScheduleFreeStep.evaluationWeight(rule));
    }

    /**
     * The training view back from the evaluation view: {@code out = lerp(x, z, 1 - b1)}, as
     * PyTorch's {@code optimizer.train()} computes it after {@code eval()}. It recovers {@code y}
     * up to the roundings of the two interpolations, not bit for bit.
     *
     * @param rule a schedule-free rule
     * @param x    the evaluation view; not modified unless it is {@code out}
     * @param z    the rule's state {@code z}, as long as {@code x}; not modified
     * @param out  receives {@code y}: writable, as long as {@code x}, {@code x} itself or sharing no byte with it,
     *             sharing no byte with {@code z}
     * @throws IllegalArgumentException for a rule that is not schedule-free, buffers of different lengths, a read-only
     *                                  {@code out} or overlapping buffers
     * @throws IllegalStateException    for a segment whose arena is closed
     * @throws WrongThreadException     for a segment confined to another thread
     * @throws NullPointerException     for a null argument
     */
    public static void scheduleFreeTraining(UpdateRule rule, MemorySegment x, MemorySegment z, MemorySegment out) {
        long n = ScheduleFreeViews.requireView(rule, "x", x, z, out);
        ScheduleFreeStep.lerp(KernelProvider.kernels(), out, x, z, 0, n, ScheduleFreeStep.trainingWeight(rule));
    }
}
