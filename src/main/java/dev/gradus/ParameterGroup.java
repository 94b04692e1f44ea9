package dev.gradus;

import dev.gradus.internal.ArgumentChecks;
import dev.gradus.precision.StoragePlan;
import java.util.OptionalDouble;

/**
 * Options shared by some of an optimizer's parameters: their own rule, a factor on the scheduled
 * learning rate, or their own weight decay (commonly 0 for biases and normalization weights).
 *
 * @param name               the group's name, for messages
 * @param rule               the group's rule, or null for the optimizer's
 * @param learningRateFactor multiplies the optimizer's learning rate for this group; {@code >= 0} and finite as a
 *                           float; default 1
 * @param weightDecay        replaces the weight decay of the rule, if present; {@code >= 0} and finite as a float
 * @param storage            the types its parameters' values and state are stored in, the rounding and its seed,
 *                           and how low-precision weights are kept; {@link StoragePlan#FLOAT32} by default
 */
public record ParameterGroup(String name, UpdateRule rule, double learningRateFactor, OptionalDouble weightDecay,
                             StoragePlan storage) {

    /**
     * Validates the options.
     *
     * @throws NullPointerException     if {@code name}, {@code weightDecay} or {@code storage} is null
     * @throws IllegalArgumentException if the factor or the weight decay is negative or not finite as a float
     */
    public ParameterGroup {
        ArgumentChecks.requireNonNull("name", name);
        ArgumentChecks.requireNonNull("storage", storage);
        learningRateFactor = ArgumentChecks.requireNonNegative("learningRateFactor", learningRateFactor);
        ArgumentChecks.requireNonNull("weightDecay", weightDecay);
        if (weightDecay.isPresent()) {
            weightDecay = OptionalDouble.of(ArgumentChecks.requireNonNegative("weightDecay", weightDecay.getAsDouble()));
        }
    }

    /**
     * A group with the optimizer's rule, factor 1 and the rule's weight decay.
     *
     * @param name the group's name, for messages
     * @return the group
     */
    public static ParameterGroup named(String name) {
        return new ParameterGroup(name, null, 1.0, OptionalDouble.empty(), StoragePlan.FLOAT32);
    }

    /**
     * Returns this group with its own rule.
     *
     * @param groupRule the rule of the group's parameters
     * @return this group with the change
     */
    public ParameterGroup withRule(UpdateRule groupRule) {
        return new ParameterGroup(name, ArgumentChecks.requireNonNull("rule", groupRule), learningRateFactor, weightDecay,
                storage);
    }

    /**
     * Returns this group with learning-rate factor {@code factor}.
     *
     * @param factor the factor, {@code >= 0} and finite as a float
     * @return this group with the change
     */
    public ParameterGroup withLearningRateFactor(double factor) {
        return new ParameterGroup(name, rule, factor, weightDecay, storage);
    }

    /**
     * Returns this group with weight decay {@code lambda} in place of the rule's.
     *
     * @param lambda the weight decay, {@code >= 0} and finite as a float
     * @return this group with the change
     */
    public ParameterGroup withWeightDecay(double lambda) {
        return new ParameterGroup(name, rule, learningRateFactor, OptionalDouble.of(lambda), storage);
    }

    /**
     * Returns this group with its parameters stored as {@code plan} says: the values in the
     * plan's parameter type (the float32 master and the Kahan compensation, when the plan keeps
     * one, are the optimizer's, like the state), every per-element state buffer in its state
     * type, results narrowed with its rounding. The gradients stay float32 in an optimizer; the
     * plan's gradient type must be {@link dev.gradus.precision.StorageType#FLOAT32}. Stochastic
     * rounding draws parameter {@code p}'s bits from the seed
     * {@link StoragePlan#seed()}{@code  + 0x9e3779b97f4a7c15L * p.hashCode()} of its name, so that
     * parameters round independently and a resume repeats them. Every rule takes it; LAMB's update
     * and Adafactor's state stay float32 (see {@link StoragePlan}).
     *
     * @param plan the storage
     * @return this group with the change
     */
    public ParameterGroup withStorage(StoragePlan plan) {
        return new ParameterGroup(name, rule, learningRateFactor, weightDecay,
                ArgumentChecks.requireNonNull("storage", plan));
    }

    /**
     * The rule the group's parameters follow, given the optimizer's.
     *
     * @param optimizerRule the optimizer's rule
     * @return the group's rule (or the optimizer's), with the group's weight decay if it has one
     */
    public UpdateRule resolve(UpdateRule optimizerRule) {
        UpdateRule base = rule == null ? optimizerRule : rule;
        return weightDecay.isPresent() ? base.withWeightDecay(weightDecay.getAsDouble()) : base;
    }
}
