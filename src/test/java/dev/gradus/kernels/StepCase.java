package dev.gradus.kernels;

import dev.gradus.Adafactor;
import dev.gradus.UpdateRule;
import dev.gradus.testing.property.Buffers;
import dev.gradus.testing.property.Floats;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.Lengths;
import dev.gradus.testing.property.Shrink;
import dev.gradus.testing.property.Shrinker;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * One generated input of the kernel properties: a rule with hyperparameters, the learning rate,
 * the number of the first step, the initial parameter and state, one gradient per step, and where
 * the buffers live (heap or native, at an element offset inside a guarded backing segment).
 *
 */
record StepCase(RuleFamily rule, UpdateRule hyperparameters, double learningRate, long firstStep,
                   Buffers.Kind kind, int offset, float[] param, List<float[]> state, List<float[]> gradients) {

    /** The number of elements. */
    int n() {
        return param.length;
    }

    /** The number of consecutive steps. */
    int steps() {
        return gradients.size();
    }

    /** Whether any input holds NaN, an infinity, a zero, a subnormal or an extreme value. */
    boolean hasSpecialValue() {
        return Stream.concat(Stream.concat(Stream.of(param), state.stream()), gradients.stream())
                .anyMatch(values -> IntStream.range(0, values.length).anyMatch(i -> Floats.isSpecial(values[i])));
    }

    /**
     * Cases for {@code rule} with element counts shaped for {@code lanes} lanes: at least five
     * steps, offsets 0 to 3 and 7 floats, heap and native buffers, inputs that are either all
     * well-scaled or mixed with special values and random bit patterns, and state that starts at
     * zero or anywhere.
     */
    static Gen<StepCase> generator(RuleFamily rule, int lanes) {
        return generator(rule, Lengths.forLanes(lanes), Gen.elementOf(List.of(0, 1, 2, 3, 7)));
    }

    /** Like {@link #generator(RuleFamily, int)}, with the given element counts and offsets. */
    static Gen<StepCase> generator(RuleFamily rule, Gen<Integer> lengths, Gen<Integer> offsets) {
        Gen<Double> learningRates = Gen.elementOf(List.of(1e-3, 1e-2, 0.1, 1.0, 0.0, 3.7e-4));
        Gen<Long> firstSteps = Gen.elementOf(List.of(1L, 1L, 1L, 2L, 17L, 1000L, 1L << 40));
        return random -> {
            int n = lengths.next(random);
            Gen<Float> values = random.nextBoolean() ? Floats.any() : Floats.wellScaled(-4, 4);
            Gen<float[]> arrays = Floats.arrayOf(n, values);
            UpdateRule hyperparameters = rule.rules().next(random);
            List<float[]> state = IntStream.range(0, hyperparameters.stateBuffers())
                    .mapToObj(s -> ScheduleFreeCases.isAveraging(hyperparameters, s) ? ScheduleFreeCases.averaging(random)
                            : isRowAverage(hyperparameters, s) ? new float[1]
                            : random.nextBoolean() ? new float[n] : arrays.next(random))
                    .toList();
            List<float[]> gradients = Stream.generate(() -> arrays.next(random)).limit(5 + random.nextInt(3)).toList();
            return new StepCase(rule, hyperparameters, learningRates.next(random),
                    firstSteps.next(random), random.nextBoolean() ? Buffers.Kind.HEAP : Buffers.Kind.NATIVE,
                    offsets.next(random), arrays.next(random), state, gradients);
        };
    }

    /** Whether state buffer {@code index} is Adafactor's row average: one float for the vector a range is. */
    static boolean isRowAverage(UpdateRule rule, int index) {
        return rule instanceof Adafactor && index == 0;
    }

    /** Shrinks toward fewer elements, offset 0, fewer steps and simpler values. */
    static Shrinker<StepCase> shrinker() {
        Shrinker<StepCase> length = c -> Shrink.towardZero(c.n()).map(c::truncatedTo);
        Shrinker<StepCase> offset = c -> Shrink.towardZero(c.offset()).map(c::withOffset);
        return length.or(offset).or(valueShrinker());
    }

    /** Shrinks toward fewer steps and simpler values, keeping the shape (length, offset, kind). */
    static Shrinker<StepCase> valueShrinker() {
        Shrinker<StepCase> steps = c -> Shrink.towardZero(c.steps() - 1).map(k -> c.withSteps(k + 1));
        Shrinker<StepCase> param = c -> Shrink.simplerValues(c.param()).map(c::withParam);
        Shrinker<StepCase> gradients = c -> IntStream.range(0, c.steps()).boxed()
                .flatMap(s -> Shrink.simplerValues(c.gradients().get(s)).map(g -> c.withGradient(s, g)));
        return steps.or(param).or(gradients);
    }

    StepCase truncatedTo(int length) {
        UnaryOperator<float[]> cut = values -> Arrays.copyOf(values, length);
        // A schedule-free averaging holds 4 floats, Adafactor's row average 1, whatever the length.
        List<float[]> cutState = IntStream.range(0, state.size())
                .mapToObj(s -> ScheduleFreeCases.isAveraging(hyperparameters, s) || isRowAverage(hyperparameters, s)
                        ? state.get(s) : cut.apply(state.get(s)))
                .toList();
        return new StepCase(rule, hyperparameters, learningRate, firstStep, kind, offset, cut.apply(param),
                cutState, gradients.stream().map(cut).toList());
    }

    StepCase inMemory(Buffers.Kind buffers) {
        return new StepCase(rule, hyperparameters, learningRate, firstStep, buffers, offset, param, state, gradients);
    }

    StepCase withOffset(int floats) {
        return new StepCase(rule, hyperparameters, learningRate, firstStep, kind, floats, param, state, gradients);
    }

    StepCase withSteps(int count) {
        return new StepCase(rule, hyperparameters, learningRate, firstStep, kind, offset, param, state,
                gradients.subList(0, count));
    }

    StepCase withParam(float[] values) {
        return new StepCase(rule, hyperparameters, learningRate, firstStep, kind, offset, values, state, gradients);
    }

    StepCase withGradient(int step, float[] values) {
        List<float[]> changed = IntStream.range(0, steps()).mapToObj(s -> s == step ? values : gradients.get(s)).toList();
        return new StepCase(rule, hyperparameters, learningRate, firstStep, kind, offset, param, state, changed);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder()
                .append(rule.name()).append(' ').append(hyperparameters)
                .append(", learningRate=").append(learningRate)
                .append(", firstStep=").append(firstStep)
                .append(", ").append(kind).append(" offset=").append(offset)
                .append(", n=").append(n()).append(", steps=").append(steps())
                .append("\n  param=").append(Floats.describe(param));
        for (int s = 0; s < state.size(); s++) {
            text.append("\n  state").append(s).append('=').append(Floats.describe(state.get(s)));
        }
        for (int s = 0; s < steps(); s++) {
            text.append("\n  gradient").append(s).append('=').append(Floats.describe(gradients.get(s)));
        }
        return text.toString();
    }
}
