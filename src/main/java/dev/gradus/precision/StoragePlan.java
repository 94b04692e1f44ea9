package dev.gradus.precision;

import java.util.Objects;

/**
 * The storage types of one parameter's buffers and how results are narrowed into them: the
 * parameter (for {@link Weights#FLOAT32_MASTER}, its model copy; the master is float32), the
 * gradient, and every per-element state buffer of the rule. Arithmetic is float32 in the order of
 * the float32 kernels: every value is widened exactly when read, and every result written to a
 * 16-bit buffer is narrowed with {@code rounding}. With float32 everywhere the step is the float32
 * step, bit for bit.
 *
 * <p>Stochastic rounding draws the bits of element {@code i} of a buffer at step {@code t} from
 * {@code bits(key(seed, t, buffer), i)} ({@link Rounding#STOCHASTIC}), with the buffer numbered
 * 0 for the parameter (the model copy, or the rounded weight of a Kahan pair), 1 for the Kahan
 * compensation and {@code 2 + k} for state buffer {@code k}: the same bits at every width, thread
 * count and range split, and after a resume that restores the seed and the step.
 *
 * <p>Some state stays float32 whatever {@code state} says: a rule's scalar state (the four floats
 * of a schedule-free {@code averaging} buffer), LAMB's update {@code u} and all of Adafactor's
 * state (its row and column averages, sublinear in a matrix's size, and its update): the updates
 * are rewritten whole by every step before they are read.
 *
 * @param parameter the parameter's type; {@link Weights#KAHAN} and {@link Weights#FLOAT32_MASTER}
 *                  need a 16-bit one
 * @param gradient  the gradient's type
 * @param state     the type of every per-element state buffer
 * @param rounding  how results are narrowed into 16-bit buffers
 * @param seed      the seed of stochastic rounding's bits; unused by nearest-even rounding
 * @param weights   how the weights are kept
 */
public record StoragePlan(StorageType parameter, StorageType gradient, StorageType state, Rounding rounding,
                          long seed, Weights weights) {

    /** Every buffer float32: the float32 step. */
    public static final StoragePlan FLOAT32 = of(StorageType.FLOAT32, StorageType.FLOAT32, StorageType.FLOAT32);

    /**
     * Checks the plan.
     *
     * @throws NullPointerException     for a null type, rounding or weights
     * @throws IllegalArgumentException for {@link Weights#KAHAN} or {@link Weights#FLOAT32_MASTER}
     *                                  with a float32 parameter
     */
    public StoragePlan {
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(gradient, "gradient");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(rounding, "rounding");
        Objects.requireNonNull(weights, "weights");
        if (weights != Weights.ROUNDED && parameter == StorageType.FLOAT32) {
            throw new IllegalArgumentException("weights " + weights + " keep a 16-bit parameter, but parameter is "
                    + parameter);
        }
    }

    /**
     * A plan with these types, nearest-even rounding and {@link Weights#ROUNDED} weights.
     *
     * @param parameter the parameter's type
     * @param gradient  the gradient's type
     * @param state     the type of every per-element state buffer
     * @return the plan
     */
    public static StoragePlan of(StorageType parameter, StorageType gradient, StorageType state) {
        return new StoragePlan(parameter, gradient, state, Rounding.NEAREST_EVEN, 0L, Weights.ROUNDED);
    }

    /**
     * This plan with another rounding.
     *
     * @param rounding how results are narrowed
     * @param seed     the seed of stochastic rounding's bits
     * @return the plan
     */
    public StoragePlan withRounding(Rounding rounding, long seed) {
        return new StoragePlan(parameter, gradient, state, rounding, seed, weights);
    }

    /**
     * This plan with the weights kept another way.
     *
     * @param weights how the weights are kept
     * @return the plan
     */
    public StoragePlan withWeights(Weights weights) {
        return new StoragePlan(parameter, gradient, state, rounding, seed, weights);
    }

    /** {@return whether the plan is the float32 step: every buffer float32, the weights rounded (into float32)} */
    public boolean isFloat32() {
        return !narrows() && weights == Weights.ROUNDED;
    }

    /** {@return whether some buffer is stored in a 16-bit type} */
    public boolean narrows() {
        return parameter != StorageType.FLOAT32 || gradient != StorageType.FLOAT32 || state != StorageType.FLOAT32;
    }

    /** {@return the type of the {@code param} buffer: float32 for a master copy, else the parameter's type} */
    public StorageType paramBuffer() {
        return weights == Weights.FLOAT32_MASTER ? StorageType.FLOAT32 : parameter;
    }

    /** {@return whether the step takes a second weight buffer: the Kahan compensation or the model copy} */
    public boolean hasWeightCopy() {
        return weights != Weights.ROUNDED;
    }
}
