package dev.gradus.testkit;

import dev.gradus.CustomRule;
import dev.gradus.testing.property.Buffers;
import dev.gradus.testing.property.Floats;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.Lengths;
import dev.gradus.testing.property.Ranges;
import dev.gradus.testing.property.Shrink;
import dev.gradus.testing.property.Shrinker;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * One generated input of the custom-rule properties: a rule, the per-step values (learning rate,
 * first step number, clip value, gradient scale), where the buffers live (heap or native, at a
 * float offset inside a guarded backing segment), the range {@code [from, to)} stepped inside
 * buffers of {@code n} floats, cut points for stepping it piece by piece, the initial parameter
 * and state, and one gradient per step.
 */
record CustomCase(CustomRule rule, float learningRate, long firstStep, float clipValue, float gradientScale,
                  Buffers.Kind kind, int offset, int from, int to, double[] cuts, float[] param, List<float[]> state,
                  List<float[]> gradients) {

    /** Float widths of the vectors the counts are shaped around: 64 to 512 bits. */
    static final List<Integer> LANES = List.of(2, 4, 8, 16);

    private static final Gen<Integer> OFFSETS = Gen.elementOf(0, 1, 2, 3, 7);
    private static final Gen<Long> FIRST_STEPS = Gen.elementOf(1L, 1L, 1L, 2L, 17L, 1000L, 1L << 40);
    private static final Gen<Float> CLIP_VALUES = Gen.elementOf(Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY,
            Float.POSITIVE_INFINITY, 0.25f, 1f, Float.MAX_VALUE);
    private static final Gen<Float> GRADIENT_SCALES = Gen.elementOf(1f, 1f, 1f, -1f, 0.75f, 1e-3f);
    private static final Gen<Float> LEARNING_RATES = Gen.elementOf(1e-3f, 1e-2f, 0.1f, 1f, 0f, 3.7e-4f);

    /** The floats of each buffer. */
    int n() {
        return param.length;
    }

    /** The number of consecutive steps. */
    int steps() {
        return gradients.size();
    }

    /** The boundaries of the pieces the range is stepped in: {@code from}, the cuts, {@code to}. */
    long[] pieces() {
        return Ranges.boundaries(from, to, cuts);
    }

    /** Whether any input holds NaN, an infinity, a zero, a subnormal or an extreme value. */
    boolean hasSpecialValue() {
        return Stream.concat(Stream.concat(Stream.of(param), state.stream()), gradients.stream())
                .anyMatch(values -> IntStream.range(0, values.length).anyMatch(i -> Floats.isSpecial(values[i])));
    }

    /**
     * Cases of the rules {@code rules} draws: a range whose length is shaped around a vector of 2,
     * 4, 8 or 16 floats (empty, shorter than a vector, whole vectors, tails, large), starting at
     * 0 or inside the buffer, with up to a vector of elements after it; three to five steps; buffer
     * offsets 0 to 3 and 7 floats; heap and native buffers; values either all well-scaled or mixed
     * with special values and random bit patterns; state that starts at the rule's initial value
     * or anywhere; the learning rate, first step number, clip value and gradient scale drawn from
     * short lists that include the edges (0, {@code 2^40}, no clipping, negative scale).
     */
    static Gen<CustomCase> generator(Gen<? extends CustomRule> rules) {
        return random -> {
            int lanes = LANES.get(random.nextInt(LANES.size()));
            int length = Lengths.forLanes(lanes).next(random);
            int from = random.nextInt(3) == 0 ? 0 : Gen.elementOf(1, 2, 3, lanes - 1, lanes + 1, 17).next(random);
            int n = from + length + Gen.elementOf(0, 0, 1, 3, lanes).next(random);
            CustomRule rule = rules.next(random);
            Gen<float[]> arrays = Floats.arrayOf(n, random.nextBoolean() ? Floats.any() : Floats.wellScaled(-4, 4));
            List<float[]> state = IntStream.range(0, rule.stateBuffers())
                    .mapToObj(s -> random.nextBoolean() ? initial(n, rule.initialStateValue(s)) : arrays.next(random))
                    .toList();
            List<float[]> gradients = Stream.generate(() -> arrays.next(random)).limit(3 + random.nextInt(3)).toList();
            return new CustomCase(rule, LEARNING_RATES.next(random), FIRST_STEPS.next(random),
                    CLIP_VALUES.next(random), GRADIENT_SCALES.next(random),
                    random.nextBoolean() ? Buffers.Kind.HEAP : Buffers.Kind.NATIVE, OFFSETS.next(random), from,
                    from + length, random.doubles(random.nextInt(1, 4)).toArray(), arrays.next(random), state,
                    gradients);
        };
    }

    /**
     * Cases of one shape, for compiled code: {@code n} floats, the whole range, one float past an
     * aligned start, memory of one kind, no cuts; rules, values and per-step values vary.
     */
    static Gen<CustomCase> fixedShape(Gen<? extends CustomRule> rules, int n, Buffers.Kind memory) {
        Gen<CustomCase> cases = generator(rules);
        return random -> {
            CustomCase c = cases.next(random);
            CustomRule rule = c.rule();
            Gen<float[]> arrays = Floats.arrayOf(n, random.nextBoolean() ? Floats.any() : Floats.wellScaled(-4, 4));
            List<float[]> state = IntStream.range(0, rule.stateBuffers())
                    .mapToObj(s -> random.nextBoolean() ? initial(n, rule.initialStateValue(s)) : arrays.next(random))
                    .toList();
            return new CustomCase(rule, c.learningRate(), c.firstStep(), c.clipValue(), c.gradientScale(), memory, 1,
                    0, n, new double[0], arrays.next(random), state,
                    Stream.generate(() -> arrays.next(random)).limit(c.steps()).toList());
        };
    }

    private static float[] initial(int n, float value) {
        float[] values = new float[n];
        Arrays.fill(values, value);
        return values;
    }

    /**
     * Shrinks toward fewer elements, a range starting at 0, offset 0, fewer pieces, and then as
     * {@link #valueShrinker()}.
     */
    static Shrinker<CustomCase> shrinker() {
        Shrinker<CustomCase> length = c -> Shrink.towardZero(c.n()).map(c::truncatedTo);
        Shrinker<CustomCase> start = c -> Shrink.towardZero(c.from()).map(from -> c.withRange(from, c.to()));
        Shrinker<CustomCase> end = c -> Shrink.towardZero(c.to() - c.from()).map(k -> c.withRange(c.from(), c.from() + k));
        Shrinker<CustomCase> offset = c -> Shrink.towardZero(c.offset()).map(c::withOffset);
        Shrinker<CustomCase> pieces = c -> IntStream.range(0, c.cuts().length).mapToObj(c::withoutCut);
        return length.or(start).or(end).or(offset).or(pieces).or(valueShrinker());
    }

    /**
     * Shrinks toward fewer steps, step 1, no clipping, scale 1 and simpler values, keeping the
     * shape (length, range, offset, kind).
     */
    static Shrinker<CustomCase> valueShrinker() {
        Shrinker<CustomCase> steps = c -> Shrink.towardZero(c.steps() - 1).map(k -> c.withSteps(k + 1));
        Shrinker<CustomCase> options = c -> Stream.of(
                        c.firstStep() != 1 ? c.with(1, c.clipValue(), c.gradientScale()) : null,
                        c.clipValue() != Float.POSITIVE_INFINITY
                                ? c.with(c.firstStep(), Float.POSITIVE_INFINITY, c.gradientScale()) : null,
                        c.gradientScale() != 1f ? c.with(c.firstStep(), c.clipValue(), 1f) : null)
                .filter(candidate -> candidate != null);
        Shrinker<CustomCase> param = c -> Shrink.simplerValues(c.param()).map(c::withParam);
        Shrinker<CustomCase> gradients = c -> IntStream.range(0, c.steps()).boxed()
                .flatMap(s -> Shrink.simplerValues(c.gradients().get(s)).map(g -> c.withGradient(s, g)));
        Shrinker<CustomCase> state = c -> IntStream.range(0, c.state().size()).boxed()
                .flatMap(s -> Shrink.simplerValues(c.state().get(s)).map(values -> c.withState(s, values)));
        return steps.or(options).or(param).or(gradients).or(state);
    }

    CustomCase truncatedTo(int length) {
        UnaryOperator<float[]> cut = values -> Arrays.copyOf(values, length);
        return new CustomCase(rule, learningRate, firstStep, clipValue, gradientScale, kind, offset,
                Math.min(from, length), Math.min(to, length), cuts, cut.apply(param), state.stream().map(cut).toList(),
                gradients.stream().map(cut).toList());
    }

    CustomCase withRange(int first, int end) {
        return new CustomCase(rule, learningRate, firstStep, clipValue, gradientScale, kind, offset, first, end, cuts,
                param, state, gradients);
    }

    CustomCase withOffset(int floats) {
        return new CustomCase(rule, learningRate, firstStep, clipValue, gradientScale, kind, floats, from, to, cuts,
                param, state, gradients);
    }

    CustomCase withoutCut(int index) {
        double[] fewer = IntStream.range(0, cuts.length).filter(i -> i != index).mapToDouble(i -> cuts[i]).toArray();
        return new CustomCase(rule, learningRate, firstStep, clipValue, gradientScale, kind, offset, from, to, fewer,
                param, state, gradients);
    }

    CustomCase withSteps(int count) {
        return new CustomCase(rule, learningRate, firstStep, clipValue, gradientScale, kind, offset, from, to, cuts,
                param, state, gradients.subList(0, count));
    }

    CustomCase with(long first, float clip, float scale) {
        return new CustomCase(rule, learningRate, first, clip, scale, kind, offset, from, to, cuts, param, state,
                gradients);
    }

    CustomCase withParam(float[] values) {
        return new CustomCase(rule, learningRate, firstStep, clipValue, gradientScale, kind, offset, from, to, cuts,
                values, state, gradients);
    }

    CustomCase withGradient(int step, float[] values) {
        return new CustomCase(rule, learningRate, firstStep, clipValue, gradientScale, kind, offset, from, to, cuts,
                param, state, replaced(gradients, step, values));
    }

    CustomCase withState(int buffer, float[] values) {
        return new CustomCase(rule, learningRate, firstStep, clipValue, gradientScale, kind, offset, from, to, cuts,
                param, replaced(state, buffer, values), gradients);
    }

    private static List<float[]> replaced(List<float[]> arrays, int index, float[] values) {
        return IntStream.range(0, arrays.size()).mapToObj(i -> i == index ? values : arrays.get(i)).toList();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder()
                .append(rule.description())
                .append(", learningRate=").append(learningRate)
                .append(", firstStep=").append(firstStep)
                .append(", clipValue=").append(clipValue)
                .append(", gradientScale=").append(gradientScale)
                .append(", ").append(kind).append(" offset=").append(offset)
                .append(", n=").append(n()).append(", range [").append(from).append(", ").append(to)
                .append("), pieces at ").append(Arrays.toString(pieces())).append(", steps=").append(steps())
                .append("\n  param=").append(Floats.describe(param));
        for (int s = 0; s < state.size(); s++) {
            text.append("\n  state").append(s).append(" (").append(rule.stateName(s)).append(")=")
                    .append(Floats.describe(state.get(s)));
        }
        for (int s = 0; s < steps(); s++) {
            text.append("\n  gradient").append(s).append('=').append(Floats.describe(gradients.get(s)));
        }
        return text.toString();
    }
}
