package dev.gradus.djl;

import ai.djl.nn.Parameter;
import dev.gradus.ParameterGroup;

/**
 * Chooses the Gradus {@link ParameterGroup} of each parameter of a DJL block: its own rule,
 * learning-rate factor or weight decay.
 *
 * <pre>{@code
 * ParameterGroup noDecay = ParameterGroup.named("biases").withWeightDecay(0);
 * ParameterGrouping grouping = (path, parameter) ->
 *         parameter.getType() == Parameter.Type.BIAS ? noDecay : ParameterGroup.named("default");
 * }</pre>
 */
@FunctionalInterface
public interface ParameterGrouping {

    /**
     * The group of one parameter.
     *
     * @param path      the parameter's path in its block, as {@code Block.getParameters()} names
     *                  it (for example {@code 01Linear_weight}); also its name in the Gradus
     *                  optimizer
     * @param parameter the parameter
     * @return its group, not null
     */
    ParameterGroup groupOf(String path, Parameter parameter);
}
