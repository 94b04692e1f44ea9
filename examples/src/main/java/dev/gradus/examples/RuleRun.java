package dev.gradus.examples;

import dev.gradus.Kernels;
import dev.gradus.UpdateRule;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One rule stepping one parameter vector through the stateless backend: the parameters, the
 * gradient the caller writes before each step, and the rule's state buffers, all heap segments
 * over {@code float[]}s, filled as the rule's Javadoc asks before step 1.
 *
 * <pre>{@code
 * RuleRun run = new RuleRun(Adam.DEFAULT, new float[] {-9, 1.5f});
 * computeGradient(run.parameters(), run.gradient());
 * run.step(0.1);                     // Kernels.step(rule, 0.1, t, w, g, state)
 * }</pre>
 */
final class RuleRun {

    private final UpdateRule rule;
    private final float[] parameters;
    private final float[] gradient;
    private final MemorySegment parameterSegment;
    private final MemorySegment gradientSegment;
    private final List<MemorySegment> state;
    private long step;

    /**
     * A run of {@code rule} from {@code start}.
     *
     * @param rule  the update rule
     * @param start the initial parameters; copied
     */
    RuleRun(UpdateRule rule, float[] start) {
        this.rule = rule;
        this.parameters = start.clone();
        this.gradient = new float[start.length];
        this.parameterSegment = MemorySegment.ofArray(parameters);
        this.gradientSegment = MemorySegment.ofArray(gradient);
        List<MemorySegment> buffers = new ArrayList<>();
        for (int i = 0; i < rule.stateBuffers(); i++) {
            float[] buffer = new float[start.length];
            Arrays.fill(buffer, rule.initialStateValue(i));
            buffers.add(MemorySegment.ofArray(buffer));
        }
        this.state = List.copyOf(buffers);
    }

    /** {@return the parameters, updated in place by {@link #step}} */
    float[] parameters() {
        return parameters;
    }

    /** {@return the gradient buffer, which the caller fills before each {@link #step}} */
    float[] gradient() {
        return gradient;
    }

    /** Takes the next step, {@code t = 1, 2, ...}, with the gradient as it is now. */
    void step(double learningRate) {
        Kernels.step(rule, learningRate, ++step, parameterSegment, gradientSegment, state);
    }
}
