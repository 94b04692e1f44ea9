package dev.gradus.internal;

import dev.gradus.AdaBelief;
import dev.gradus.Adam;
import dev.gradus.Adamax;
import dev.gradus.CustomRule;
import dev.gradus.Momentum;
import dev.gradus.NAdam;
import dev.gradus.RAdam;
import dev.gradus.UpdateRule;
import dev.gradus.Yogi;

/**
 * Checks of scalar arguments: hyperparameters, learning rates and step numbers. Each failure is
 * an {@link IllegalArgumentException} whose message names the parameter and gives its value.
 *
 * <p>The kernels compute in {@code float}: every hyperparameter and learning rate reaches them
 * narrowed by {@code (float) value}. A value is checked as the kernel receives it, so that a
 * {@code double} that passes cannot become an infinity or a zero where the formula needs a finite
 * or a positive number: {@code 1e39} narrows to infinity ({@code Infinity * 0 = NaN} on a zero
 * gradient), an epsilon of {@code 1e-50} narrows to 0 ({@code 0 / 0 = NaN}), a decay rate of
 * {@code 0.99999999} narrows to 1. The limits:
 *
 * <pre>
 *   finite as a float      |value| &lt;= Float.MAX_VALUE = 3.4028235E38 (anything beyond rounds to infinity)
 *   positive as a float    value &gt; 2^-150 = 7.006492321624085E-46 (half of Float.MIN_VALUE rounds to 0)
 *   below 1 as a float     value &lt; 1 - 2^-25 = 0.9999999701976776 (larger values round to 1)
 * </pre>
 *
 * A negative zero passes wherever zero does and is returned as {@code +0.0}, so that a record
 * holding it equals, and describes itself as, the one holding zero.
 */
public final class ArgumentChecks {

    private static final double FLOAT_MAX = Float.MAX_VALUE;

    private ArgumentChecks() {
    }

    /**
     * Requires a non-null value, naming it in the {@link NullPointerException}.
     *
     * @param name  the parameter's name, for the message
     * @param value the value
     * @param <T>   its type
     * @return {@code value}
     */
    public static <T> T requireNonNull(String name, T value) {
        if (value == null) {
            throw new NullPointerException(name + " must not be null");
        }
        return value;
    }

    /**
     * Requires {@code value} finite and {@code >= 0}, also as the float it narrows to: at most
     * {@link Float#MAX_VALUE}. For hyperparameters the kernels receive as floats (weight decay,
     * learning rates, initial state) and for schedules' rates.
     *
     * @param name  the parameter's name, for the message
     * @param value the value
     * @return {@code value}, with {@code -0.0} as {@code +0.0}
     */
    public static double requireNonNegative(String name, double value) {
        requireNonNegativeDouble(name, value);
        return requireFiniteFloat(name, value);
    }

    /**
     * Requires {@code value} finite and {@code >= 0} as a {@code double}, for a parameter that is
     * used in {@code double} arithmetic only (a schedule's decay, a factor of its formula) and
     * never reaches a kernel itself.
     *
     * @param name  the parameter's name, for the message
     * @param value the value
     * @return {@code value}, with {@code -0.0} as {@code +0.0}
     */
    public static double requireNonNegativeDouble(String name, double value) {
        if (!(value >= 0.0) || value == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
        }
        return value + 0.0;
    }

    /**
     * Requires {@code value} finite and {@code > 0}, also as the float it narrows to: above
     * {@code 2^-150} (smaller values round to 0) and at most {@link Float#MAX_VALUE}. For epsilon.
     *
     * @param name  the parameter's name, for the message
     * @param value the value
     * @return {@code value}
     */
    public static double requirePositive(String name, double value) {
        if (!(value > 0.0) || value == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
        }
        if ((float) value == 0f) {
            throw new IllegalArgumentException(name + " must be > 0 as the float the kernels use, that is above 2^-150 = "
                    + 0x1p-150 + " (smaller values round to 0), got " + value);
        }
        return requireFiniteFloat(name, value);
    }

    /**
     * Requires a finite {@code value} that stays finite as the float it narrows to: at most
     * {@link Float#MAX_VALUE} in magnitude.
     *
     * @param name  the parameter's name, for the message
     * @param value the value
     * @return {@code value}, with {@code -0.0} as {@code +0.0}
     */
    public static double requireFiniteFloat(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, got " + value);
        }
        if (Float.isInfinite((float) value)) {
            throw new IllegalArgumentException(name + " must be at most " + Float.MAX_VALUE
                    + " in magnitude (Float.MAX_VALUE: larger values round to infinity as the float the kernels use), got "
                    + value);
        }
        return value + 0.0;
    }

    /**
     * Requires a decay rate (a beta, a momentum coefficient) in {@code [0, 1)}, also as the float it
     * narrows to: below {@code 1 - 2^-25} (larger values round to 1).
     *
     * @param name  the parameter's name, for the message
     * @param value the value
     * @return {@code value}, with {@code -0.0} as {@code +0.0}
     */
    public static double requireDecayRate(String name, double value) {
        if (!(value >= 0.0 && value < 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
        if ((float) value == 1f) {
            throw new IllegalArgumentException(name + " must be below 1 as the float the kernels use, that is below "
                    + "1 - 2^-25 = " + (1.0 - 0x1p-25) + " (larger values round to 1), got " + value);
        }
        return value + 0.0;
    }

    /**
     * Requires a learning rate that {@code rule} can step with: finite and {@code >= 0} as a
     * float ({@link #requireNonNegative}), and small enough that every per-step float derived from
     * it stays finite at every step {@code t}:
     *
     * <pre>
     *   Momentum with bias correction   a / (1 - mu^t)                      &lt;= a / (1 - mu)
     *   Adam, Algorithm 1               a / (1 - b1^t)                      &lt;= a / (1 - b1)
     *   Adam, efficient form            a * sqrt(1 - b2^t) / (1 - b1^t)     &lt;= a / (1 - b1)
     *   RAdam, Adamax, AdaBelief, Yogi  a / (1 - b1^t) times at most 1      &lt;= a / (1 - b1)
     *   NAdam                           a (1 - mu_t) / (1 - P_t), a mu_(t+1) / (1 - P_t mu_(t+1))  &lt;= a / (1 - b1)
     *   decoupled weight decay          1 - a * lambda                      &gt;= 1 - a * lambda
     *     (Adam, RAdam, NAdam)
     * </pre>
     *
     * so the check is {@code a / (1 - mu) <= Float.MAX_VALUE}, {@code a / (1 - b1) <= Float.MAX_VALUE}
     * and {@code a * lambda <= Float.MAX_VALUE}. For a learning rate given to a kernel directly.
     *
     * @param rule         the rule
     * @param learningRate {@code a}
     * @return {@code learningRate}, with {@code -0.0} as {@code +0.0}
     * @throws IllegalArgumentException naming {@code learningRate} and its value
     */
    public static double requireLearningRate(UpdateRule rule, double learningRate) {
        return requireLearningRate(rule, learningRate, 0, null);
    }

    /**
     * {@link #requireLearningRate(UpdateRule, double)} for the rate an optimizer steps
     * {@code parameter} with at step {@code step}: its schedule's rate times its group's
     * learning-rate factor. The message names the step and the parameter:
     * {@code learning rate at step 12 of parameter fc.weight (the schedule's rate times its
     * group's learning-rate factor) must be ..., got 1.0E39}. Allocates nothing unless it throws.
     *
     * @param rule         the parameter's rule
     * @param learningRate {@code a}, the rate times the factor
     * @param step         the step {@code t} about to be taken
     * @param parameter    the parameter's name
     * @return {@code learningRate}, with {@code -0.0} as {@code +0.0}
     * @throws IllegalArgumentException naming the step, the parameter and the rate
     */
    public static double requireLearningRate(UpdateRule rule, double learningRate, long step, String parameter) {
        requireNonNull("rule", rule);
        if (!(learningRate >= 0.0) || Float.isInfinite((float) learningRate)) {
            requireNonNegative(learningRateName(step, parameter), learningRate);
        }
        String overflow = overflowingScalar(rule, learningRate);
        if (overflow != null) {
            throw new IllegalArgumentException(learningRateName(step, parameter) + " " + learningRate + " makes "
                    + overflow + " overflow a float (above " + Float.MAX_VALUE + ")");
        }
        return learningRate + 0.0;
    }

    private static String learningRateName(long step, String parameter) {
        return parameter == null ? "learningRate" : "learning rate at step " + step + " of parameter " + parameter
                + " (the schedule's rate times its group's learning-rate factor)";
    }

    /**
     * Checks the state buffers of a rule defined outside Gradus: at most
     * {@value CustomRule#MAX_STATE_BUFFERS}. Built-in rules pass. Allocates nothing, for the steps
     * of {@code Kernels}.
     *
     * @throws IllegalArgumentException naming the rule and the count if it keeps too many buffers
     */
    public static void requireCustomStateBuffers(UpdateRule rule) {
        if (rule instanceof CustomRule custom) {
            int buffers = custom.stateBuffers();
            if (buffers < 0 || buffers > CustomRule.MAX_STATE_BUFFERS) {
                throw new IllegalArgumentException("rule " + custom.getClass().getName() + " keeps " + buffers
                        + " state buffers; a custom rule keeps 0 to " + CustomRule.MAX_STATE_BUFFERS);
            }
        }
    }

    /**
     * Checks what a checkpoint relies on in a rule defined outside Gradus, on registration: its
     * state buffers ({@link #requireCustomStateBuffers}) and a description.
     *
     * @throws IllegalArgumentException naming the rule and the count if it keeps too many buffers
     * @throws NullPointerException     if its description is null
     */
    public static void requireCustomRule(UpdateRule rule) {
        requireCustomStateBuffers(rule);
        if (rule instanceof CustomRule custom && custom.description() == null) {
            throw new NullPointerException("description of rule " + custom.getClass().getName() + " must not be null");
        }
    }

    /**
     * The per-step scalar of {@code rule} that {@code learningRate} makes overflow, or null if none
     * does. Tests of the type rather than a pattern switch: the first pattern switch a JVM runs
     * costs milliseconds to link (it spins a class), on the first step.
     */
    private static String overflowingScalar(UpdateRule rule, double learningRate) {
        if (rule instanceof Momentum momentum && momentum.biasCorrection()
                && learningRate / (1.0 - momentum.momentum()) > FLOAT_MAX) {
            return "Momentum's step size a / (1 - mu^t) (a / (1 - mu) = " + learningRate / (1.0 - momentum.momentum())
                    + ")";
        }
        double beta1 = biasCorrectedBeta1(rule);
        if (learningRate / (1.0 - beta1) > FLOAT_MAX) {
            return rule.getClass().getSimpleName() + "'s step size a / (1 - beta1^t) (a / (1 - beta1) = "
                    + learningRate / (1.0 - beta1) + ")";
        }
        double decoupled = decoupledWeightDecay(rule);
        if (learningRate * decoupled > FLOAT_MAX) {
            return rule.getClass().getSimpleName() + "'s decoupled decay factor 1 - a * lambda (a * lambda = "
                    + learningRate * decoupled + ")";
        }
        return null;
    }

    /**
     * The {@code b1} of a rule whose step sizes are at most {@code a / (1 - b1)}: Adam, RAdam,
     * Adamax, AdaBelief, Yogi (their {@code a / (1 - b1^t)}), NAdam (its two step sizes
     * {@code a (1 - mu_t) / (1 - P_t)} and {@code a mu_{t+1} / (1 - P_t mu_{t+1})}, where
     * {@code P_t <= mu_1 <= b1}); 0 for the other rules, whose step sizes are {@code a} times
     * factors of at most 1.
     */
    private static double biasCorrectedBeta1(UpdateRule rule) {
        if (rule instanceof Adam r) {
            return r.beta1();
        } else if (rule instanceof RAdam r) {
            return r.beta1();
        } else if (rule instanceof Adamax r) {
            return r.beta1();
        } else if (rule instanceof NAdam r) {
            return r.beta1();
        } else if (rule instanceof AdaBelief r) {
            return r.beta1();
        } else if (rule instanceof Yogi r) {
            return r.beta1();
        }
        return 0.0;
    }

    /** The {@code lambda} a rule applies as the factor {@code 1 - a * lambda} of the weights, or 0. */
    private static double decoupledWeightDecay(UpdateRule rule) {
        if (rule instanceof Adam r && r.decoupledWeightDecay()) {
            return r.weightDecay();
        } else if (rule instanceof RAdam r && r.decoupledWeightDecay()) {
            return r.weightDecay();
        } else if (rule instanceof NAdam r && r.decoupledWeightDecay()) {
            return r.weightDecay();
        }
        return 0.0;
    }

    /**
     * Requires a step number {@code t >= 1} (steps are counted from 1, before use).
     *
     * @param step the step
     * @return {@code step}
     */
    public static long requireStep(long step) {
        if (step < 1) {
            throw new IllegalArgumentException("step must be >= 1 (steps count from 1), got " + step);
        }
        return step;
    }

    /**
     * Requires a decay factor (a base, a gamma) in {@code (0, 1]}.
     *
     * @param name   the parameter's name, for the message
     * @param factor the value
     * @return {@code factor}
     */
    public static double requireFactor(String name, double factor) {
        if (!(factor > 0.0 && factor <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in (0, 1], got " + factor);
        }
        return factor;
    }

    /**
     * Requires a count of steps, epochs or examples {@code >= 1}.
     *
     * @param name  the parameter's name, for the message
     * @param count the value
     * @return {@code count}
     */
    public static long requireCount(String name, long count) {
        if (count < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + count);
        }
        return count;
    }
}
