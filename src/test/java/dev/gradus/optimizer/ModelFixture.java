package dev.gradus.optimizer;

import dev.gradus.Kernels;
import dev.gradus.Optimizer;
import dev.gradus.ParameterGroup;
import dev.gradus.UpdateRule;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A model-like set of parameters for optimizer tests: tensors of the given sizes with seeded
 * values and gradients in a shared arena, every third one in a group with its own learning-rate
 * factor and no weight decay.
 */
final class ModelFixture {

    static final ParameterGroup BIASES = ParameterGroup.named("biases").withLearningRateFactor(0.5).withWeightDecay(0);

    final int[] sizes;
    final List<MemorySegment> values = new ArrayList<>();
    final List<MemorySegment> gradients = new ArrayList<>();

    ModelFixture(Arena arena, int[] sizes, long seed) {
        this.sizes = sizes;
        SplittableRandom random = new SplittableRandom(seed);
        for (int size : sizes) {
            values.add(filled(arena, size, random, 1.0));
            gradients.add(filled(arena, size, random, 0.1));
        }
    }

    private static MemorySegment filled(Arena arena, int size, SplittableRandom random, double scale) {
        MemorySegment segment = arena.allocate(ValueLayout.JAVA_FLOAT, Math.max(size, 1)).asSlice(0, size * 4L);
        for (int i = 0; i < size; i++) {
            segment.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) (random.nextDouble(-1, 1) * scale));
        }
        return segment;
    }

    static String name(int p) {
        return "layer" + p;
    }

    static boolean inBiasGroup(int p) {
        return p % 3 == 2;
    }

    /** Registers every tensor. */
    void register(Optimizer optimizer) {
        for (int p = 0; p < sizes.length; p++) {
            if (inBiasGroup(p)) {
                optimizer.add(name(p), values.get(p), gradients.get(p), BIASES);
            } else {
                optimizer.add(name(p), values.get(p), gradients.get(p));
            }
        }
    }

    /** The parameters after {@code steps} steps done tensor by tensor with {@link Kernels#step}. */
    List<float[]> expected(Arena arena, UpdateRule rule, double learningRate, int steps) {
        float[] unscaled = new float[sizes.length];
        Arrays.fill(unscaled, 1f);
        return expected(arena, rule, learningRate, steps, unscaled);
    }

    /**
     * The parameters after {@code steps} steps done tensor by tensor with {@link Kernels#step}, the
     * gradient of parameter {@code p} scaled by {@code clipScales[p]} inside the kernels.
     */
    List<float[]> expected(Arena arena, UpdateRule rule, double learningRate, int steps, float[] clipScales) {
        return expected(arena, rule, learningRate, steps, Float.POSITIVE_INFINITY, clipScales);
    }

    /**
     * {@link #expected(Arena, UpdateRule, double, int, float[])} with the gradients also clamped to
     * {@code clipValue} inside the kernels.
     */
    List<float[]> expected(Arena arena, UpdateRule rule, double learningRate, int steps, float clipValue,
                           float[] clipScales) {
        List<float[]> result = new ArrayList<>();
        for (int p = 0; p < sizes.length; p++) {
            UpdateRule own = inBiasGroup(p) ? BIASES.resolve(rule) : rule;
            double rate = inBiasGroup(p) ? learningRate * BIASES.learningRateFactor() : learningRate;
            MemorySegment w = arena.allocate(Math.max(values.get(p).byteSize(), 1), 64).asSlice(0, values.get(p).byteSize());
            w.copyFrom(values.get(p));
            int size = sizes[p];
            List<MemorySegment> state = IntStream.range(0, own.stateBuffers())
                    .mapToObj(i -> filledWith(arena, size, own.initialStateValue(i))).toList();
            for (int t = 1; t <= steps; t++) {
                Kernels.step(own, rate, t, w, gradients.get(p), state, 0, size, clipValue, clipScales[p]);
            }
            result.add(w.toArray(ValueLayout.JAVA_FLOAT));
        }
        return result;
    }

    private static MemorySegment filledWith(Arena arena, int size, float value) {
        MemorySegment segment = arena.allocate(ValueLayout.JAVA_FLOAT, Math.max(size, 1)).asSlice(0, size * 4L);
        for (int i = 0; i < size; i++) {
            segment.setAtIndex(ValueLayout.JAVA_FLOAT, i, value);
        }
        return segment;
    }

    /** The current parameter values. */
    List<float[]> current() {
        return values.stream().map(v -> v.toArray(ValueLayout.JAVA_FLOAT)).toList();
    }
}
