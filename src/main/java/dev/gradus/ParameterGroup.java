package dev.gradus;

import dev.gradus.internal.ArgumentChecks;
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
 */
public record ParameterGroup(String name, UpdateRule rule, double learningRateFactor, OptionalDouble weightDecay) {

    /**
     * Validates the options.
     *
     * @throws NullPointerException     if {@code name} or {@code weightDecay} is null
     * @throws IllegalArgumentException if the factor or the weight decay is negative or not finite as a float
     */
    public ParameterGroup {
        ArgumentChecks.requireNonNull("name", name);
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
        return new ParameterGroup(name, null, 1.0, OptionalDouble.empty());
    }

    /**
     * Returns this group with its own rule.
     *
     * @param groupRule the rule of the group's parameters
     * @return this group with the change
     */
    public ParameterGroup withRule(UpdateRule groupRule) {
        return new ParameterGroup(name, ArgumentChecks.requireNonNull("rule", groupRule), learningRateFactor, weightDecay);
    }

    /**
     * Returns this group with learning-rate factor {@code factor}.
     *
     * @param factor the factor, {@code >= 0} and finite as a float
     * @return this group with the change
     */
    public ParameterGroup withLearningRateFactor(double factor) {
        return new ParameterGroup(name, rule, factor, weightDecay);
    }

    /**
     * Returns this group with weight decay {@code lambda} in place of the rule's.
     *
     * @param lambda the weight decay, {@code >= 0} and finite as a float
     * @return this group with the change
     */
    public ParameterGroup withWeightDecay(double lambda) {
        return new ParameterGroup(name, rule, learningRateFactor, OptionalDouble.of(lambda));
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
