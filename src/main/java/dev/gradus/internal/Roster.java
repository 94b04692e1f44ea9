package dev.gradus.internal;

import java.util.List;

/**
 * The parameters one pass of an optimizer covers (a step: the unfrozen ones; zeroing the
 * gradients: all of them), in registration order, with their work plans for one worker and for
 * all workers, and room for each parameter's learning rate and step number of the current step.
 * Built at the first pass after the parameters change, never during a pass; then a pass
 * allocates nothing.
 */
public final class Roster {

    private final RegisteredParameter[] parameters;
    private final WorkPlan serial;
    private final WorkPlan parallel;
    private final long elements;
    private final double[] learningRates;
    private final long[] steps;

    private Roster(RegisteredParameter[] parameters, WorkPlan serial, WorkPlan parallel, long elements) {
        this.parameters = parameters;
        this.serial = serial;
        this.parallel = parallel;
        this.elements = elements;
        this.learningRates = new double[parameters.length];
        this.steps = new long[parameters.length];
    }

    /**
     * The roster of {@code parameters} shared among {@code workers} workers.
     *
     * @param parameters the parameters, in order
     * @param workers    the workers of a parallel pass, {@code >= 1}
     * @return the roster
     */
    public static Roster of(List<RegisteredParameter> parameters, int workers) {
        RegisteredParameter[] array = parameters.toArray(RegisteredParameter[]::new);
        long[] lengths = new long[array.length];
        long elements = 0;
        for (int p = 0; p < array.length; p++) {
            lengths[p] = array[p].length();
            elements += lengths[p];
        }
        return new Roster(array, WorkPlan.of(lengths, 1), WorkPlan.of(lengths, workers), elements);
    }

    /** {@return the number of parameters} */
    public int size() {
        return parameters.length;
    }

    /**
     * Parameter {@code p}, as numbered by the work plans.
     *
     * @param p from 0 to {@code size() - 1}
     * @return the parameter
     */
    public RegisteredParameter parameter(int p) {
        return parameters[p];
    }

    /** {@return the elements of all parameters} */
    public long elements() {
        return elements;
    }

    /** {@return the plan of a pass on the calling thread alone} */
    public WorkPlan serialPlan() {
        return serial;
    }

    /** {@return the plan of a pass over all workers} */
    public WorkPlan parallelPlan() {
        return parallel;
    }

    /**
     * Sets what the current step gives parameter {@code p}.
     *
     * @param p            the parameter
     * @param learningRate its learning rate
     * @param step         its step number {@code t}
     */
    public void prepare(int p, double learningRate, long step) {
        learningRates[p] = learningRate;
        steps[p] = step;
    }

    /**
     * The learning rate of parameter {@code p} in the current step.
     *
     * @param p the parameter
     * @return its learning rate
     */
    public double learningRate(int p) {
        return learningRates[p];
    }

    /**
     * The step number of parameter {@code p} in the current step: its own, not the optimizer's.
     *
     * @param p the parameter
     * @return its step number {@code t}
     */
    public long step(int p) {
        return steps[p];
    }
}
