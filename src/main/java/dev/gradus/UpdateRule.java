package dev.gradus;

/**
 * An update rule: an immutable record of validated hyperparameters whose Javadoc gives its
 * formula. The learning rate is not part of a rule; it is given to each step (and may follow a
 * schedule).
 *
 * <p>A rule keeps {@link #stateBuffers()} buffers of state, each holding one float per parameter,
 * in the order its Javadoc lists them; before step 1 buffer {@code i} holds
 * {@link #initialStateValue(int)} in every element (zero except for AdaGrad's accumulator).
 */
public sealed interface UpdateRule permits Sgd, Momentum, AdaGrad, RmsProp, Adam {

    /** The number of state buffers this rule keeps per parameter. */
    int stateBuffers();

    /** The name of state buffer {@code index}, as used in exception messages. */
    String stateName(int index);

    /** The value every element of state buffer {@code index} holds before step 1. */
    default float initialStateValue(int index) {
        return 0f;
    }

    /** This rule with coupled (or, for {@link Adam} with decoupled decay, decoupled) weight decay {@code lambda}. */
    UpdateRule withWeightDecay(double lambda);

    /** The learning rate recipes usually start from for this rule. */
    double defaultLearningRate();
}
