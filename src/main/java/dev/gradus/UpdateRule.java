package dev.gradus;

/**
 * An update rule: an immutable record of validated hyperparameters whose Javadoc gives its
 * formula. The learning rate is not part of a rule; it is given to each step (and may follow a
 * schedule).
 *
 * <p>A rule keeps {@link #stateBuffers()} buffers of state, each holding one float per parameter
 * element (except {@link Adafactor}'s averages, sized by the parameter's shape, and the 4 floats of
 * the schedule-free rules' {@code averaging}), in the order its
 * Javadoc lists them; before step 1 buffer {@code i} holds
 * {@link #initialStateValue(int)} in every element (zero except for AdaGrad's accumulator, Rprop's
 * step sizes and Yogi's moments).
 *
 * <p>The built-in rules are the records this interface permits; a rule of the user's own
 * implements {@link CustomRule}.
 */
public sealed interface UpdateRule permits Sgd, Momentum, AdaGrad, Adadelta, RmsProp, Rprop, Adam, Adamax, RAdam, NAdam,
        AdaBelief, Yogi, Lion, Lars, Lamb, Adafactor, ScheduleFreeAdamW, ScheduleFreeSgd, CustomRule {

    /**
     * The number of state buffers this rule keeps per parameter.
     *
     * @return the number of state buffers, {@code >= 0}
     */
    int stateBuffers();

    /**
     * The name of a state buffer, as used in exception messages.
     *
     * @param index the buffer, {@code 0 <= index < stateBuffers()}
     * @return the buffer's name, for example {@code "m"} for Adam's first moment
     */
    String stateName(int index);

    /**
     * The value every element of a state buffer holds before step 1.
     *
     * @param index the buffer, {@code 0 <= index < stateBuffers()}
     * @return the initial value: 0, except for AdaGrad's accumulator, Rprop's step sizes and Yogi's moments
     */
    default float initialStateValue(int index) {
        return 0f;
    }

    /**
     * This rule with weight decay {@code lambda}: coupled L2 decay, or decoupled for an
     * {@link Adam}, {@link RAdam} or {@link NAdam} with decoupled decay ({@link Lion}, {@link Lamb}
     * and {@link Adafactor} apply theirs to the weights, as their Javadoc says).
     *
     * @param lambda the weight decay, finite and {@code >= 0}
     * @return a rule like this one with weight decay {@code lambda}
     * @throws IllegalArgumentException naming {@code weightDecay} and its value if {@code lambda}
     *     is out of range
     */
    UpdateRule withWeightDecay(double lambda);

    /**
     * The learning rate recipes usually start from for this rule.
     *
     * @return the usual starting learning rate, {@code > 0}
     */
    double defaultLearningRate();
}
