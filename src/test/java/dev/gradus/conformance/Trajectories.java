package dev.gradus.conformance;

import dev.gradus.Kernels;
import dev.gradus.UpdateRule;
import dev.gradus.reference.TextbookOptimizers;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Runs a rule over {@link Inputs}, free-running from the initial parameters, and returns the
 * parameters after every step (index {@code t - 1} for step {@code t}).
 */
final class Trajectories {

    private Trajectories() {
    }

    /**
     * Gradus through the public {@link Kernels#step} (the selected kernels, vector or scalar) on
     * native segments, the state filled with {@link UpdateRule#initialStateValue(int)}.
     */
    static List<double[]> gradus(UpdateRule rule, double learningRate, Inputs inputs) {
        int n = inputs.size();
        List<double[]> after = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment param = arena.allocateFrom(ValueLayout.JAVA_FLOAT, inputs.initial());
            MemorySegment gradient = arena.allocate(ValueLayout.JAVA_FLOAT, n);
            List<MemorySegment> state = IntStream.range(0, rule.stateBuffers())
                    .mapToObj(s -> filled(arena, n, rule.initialStateValue(s))).toList();
            for (int t = 1; t <= inputs.steps(); t++) {
                MemorySegment.copy(inputs.gradients().get(t - 1), 0, gradient, ValueLayout.JAVA_FLOAT, 0, n);
                Kernels.step(rule, learningRate, t, param, gradient, state);
                after.add(widen(param.toArray(ValueLayout.JAVA_FLOAT)));
            }
        }
        return after;
    }

    /**
     * The double-precision textbook formulas ({@link TextbookOptimizers}), from the same float
     * inputs widened to double and the same initial state.
     */
    static List<double[]> textbook(UpdateRule rule, double learningRate, Inputs inputs) {
        double[] w = widen(inputs.initial());
        double[][] state = new double[rule.stateBuffers()][inputs.size()];
        for (int s = 0; s < state.length; s++) {
            Arrays.fill(state[s], rule.initialStateValue(s));
        }
        List<double[]> after = new ArrayList<>();
        for (int t = 1; t <= inputs.steps(); t++) {
            TextbookOptimizers.step(rule, learningRate, t, w, widen(inputs.gradients().get(t - 1)), state);
            after.add(w.clone());
        }
        return after;
    }

    /** The floats as doubles. */
    static double[] widen(float[] values) {
        return IntStream.range(0, values.length).mapToDouble(i -> values[i]).toArray();
    }

    private static MemorySegment filled(Arena arena, int n, float value) {
        MemorySegment segment = arena.allocate(ValueLayout.JAVA_FLOAT, n);
        for (int i = 0; i < n; i++) {
            segment.setAtIndex(ValueLayout.JAVA_FLOAT, i, value);
        }
        return segment;
    }
}
