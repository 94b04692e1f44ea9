package dev.gradus.kernels;

import dev.gradus.AdaBelief;
import dev.gradus.AdaGrad;
import dev.gradus.Adadelta;
import dev.gradus.Adafactor;
import dev.gradus.Adam;
import dev.gradus.Adamax;
import dev.gradus.CustomRule;
import dev.gradus.Lamb;
import dev.gradus.Lars;
import dev.gradus.Lion;
import dev.gradus.Momentum;
import dev.gradus.NAdam;
import dev.gradus.RAdam;
import dev.gradus.RmsProp;
import dev.gradus.Rprop;
import dev.gradus.ScheduleFreeAdamW;
import dev.gradus.ScheduleFreeSgd;
import dev.gradus.Sgd;
import dev.gradus.UpdateRule;
import dev.gradus.Yogi;
import dev.gradus.internal.ScalarKernels;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.Property;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scalar kernels (the specification) follow the independent double-precision textbook
 * formulas along 50-step trajectories on badly scaled inputs: every element has its own scale of
 * parameter (10^-3 .. 10^3) and gradient (10^-6 .. 10^3), and gradients keep a per-element bias
 * and noise, as in a real training run.
 *
 * <p>Each step of the trajectory is checked on its own: the reference takes the kernel's current
 * parameter and state (widened to double), steps once in double precision, and the kernel's new
 * parameter must be within {@value #TOLERANCE} x ({@code |w| + |reference update| + learning
 * rate}) of it. Comparing two free-running trajectories instead would measure chaos, not
 * error: with weight decay a parameter settles where {@code g + lambda * w} is near zero, and
 * Adam's normalized update then amplifies any difference in the last bit (seen: float and double
 * runs 1e-5 of the path length apart after 15 steps with both formulas right). Float rounding
 * contributes a few times 2^-24 (6e-8) of those magnitudes per step; a wrong coefficient, a
 * missing bias correction or a misplaced epsilon exceeds the tolerance by orders of magnitude.
 * Elements whose coupled weight decay nearly cancels their gradient ({@code |g + lambda * w|}
 * under a thousandth of {@code |g| + |lambda * w|}) are not compared at that step: the float sum
 * keeps too few bits for any tolerance to hold (seen: RMSProp with momentum, 8.7e-6 against a
 * bound of 2.2e-6 at step 1). Likewise for Lion, elements whose interpolation of momentum and
 * gradient nearly cancels: its sign can differ in float and double, and the step with it; and for
 * Yogi, elements whose second moment nearly equals {@code g^2}, where the sign of their
 * difference can differ.
 */
class ReferenceTrajectoryTest {

    static final double TOLERANCE = 1e-5;
    private static final int STEPS = 50;
    private static final int N = 64;

    /** A trajectory: rule, learning rate, initial parameters, and per element a gradient scale, bias and noise. */
    record Trajectory(UpdateRule rule, double learningRate, float[] initial, double[] scale, double[] bias, long noiseSeed) {

        float[] gradient(int step) {
            SplittableRandom noise = new SplittableRandom(noiseSeed + step);
            float[] g = new float[initial.length];
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) (scale[i] * (bias[i] + noise.nextDouble(-1, 1)));
            }
            return g;
        }

        @Override
        public String toString() {
            return rule + ", learningRate=" + learningRate + ", noiseSeed=" + noiseSeed;
        }
    }

    static List<RuleFamily> rules() {
        return Rules.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theScalarKernelsFollowTheTextbookFormula(RuleFamily rule) {
        check(rule);
    }

    private static Gen<Trajectory> trajectories(RuleFamily rule) {
        return random -> new Trajectory(rule.typicalRules().next(random),
                Gen.elementOf(List.of(1e-3, 1e-2, 0.1)).next(random),
                toFloats(random.doubles(N, -1, 1).map(x -> x * Math.pow(10, random.nextInt(-3, 4))).toArray()),
                random.doubles(N).map(x -> Math.pow(10, random.nextInt(-6, 4))).toArray(),
                random.doubles(N, -1, 1).toArray(),
                random.nextLong());
    }

    private static void check(RuleFamily rule) {
        Property.forAll(rule.name() + ": scalar kernels follow the double-precision textbook formula",
                        trajectories(rule))
                .tries(100)
                .check(t -> {
                    try (Arena arena = Arena.ofConfined()) {
                        MemorySegment param = arena.allocateFrom(ValueLayout.JAVA_FLOAT, t.initial());
                        List<MemorySegment> state = IntStream.range(0, t.rule().stateBuffers())
                                .mapToObj(s -> ScheduleFreeCases.isAveraging(t.rule(), s)
                                        ? arena.allocate(ValueLayout.JAVA_FLOAT, 4)
                                        : filled(arena, t.rule().initialStateValue(s))).toList();
                        for (int step = 1; step <= STEPS; step++) {
                            float[] g = t.gradient(step);
                            double[] before = widen(param);
                            double[] reference = before.clone();
                            double[][] referenceState = state.stream().map(ReferenceTrajectoryTest::widen)
                                    .toArray(double[][]::new);
                            double[] momentumBefore = referenceState.length > 0 ? referenceState[0].clone() : null;
                            double[] secondBefore = referenceState.length > 1 ? referenceState[1].clone() : null;
                            RuleFamily.referenceStep(t.rule(), t.learningRate(), step, reference,
                                    IntStream.range(0, N).mapToDouble(i -> g[i]).toArray(), referenceState);
                            RuleFamily.kernelStep(ScalarKernels.INSTANCE, t.rule(), t.learningRate(), step, param,
                                    MemorySegment.ofArray(g), state);
                            double lambda = coupledDecay(t.rule());
                            for (int i = 0; i < N; i++) {
                                if (cancels(g[i], lambda * before[i])
                                        || t.rule() instanceof Lion lion && cancels(lion.beta1() * momentumBefore[i],
                                                (1 - lion.beta1()) * g[i])
                                        || t.rule() instanceof Yogi yogi
                                                && cancels(secondBefore[i], -square(yogi.maximize() ? -g[i] : g[i],
                                                        lambda * before[i]))) {
                                    continue;
                                }
                                double actual = param.getAtIndex(ValueLayout.JAVA_FLOAT, i);
                                double scale = Math.abs(before[i]) + Math.abs(reference[i] - before[i])
                                        + t.learningRate();
                                double error = Math.abs(actual - reference[i]);
                                if (!(error <= TOLERANCE * scale)) {
                                    throw new AssertionError("param[" + i + "] at step " + step + ": " + actual
                                            + " vs reference " + reference[i] + " (from " + before[i] + "), error "
                                            + error + " above " + TOLERANCE + " x " + scale);
                                }
                            }
                        }
                    }
                });
    }

    /** The weight decay a rule adds to the gradient before its update (0 for decoupled decay). */
    private static double coupledDecay(UpdateRule rule) {
        return switch (rule) {
            case Sgd r -> r.weightDecay();
            case Momentum r -> r.weightDecay();
            case AdaGrad r -> r.weightDecay();
            case RmsProp r -> r.weightDecay();
            case Adam r -> r.decoupledWeightDecay() ? 0 : r.weightDecay();
            case Lars r -> r.weightDecay();
            case Lamb r -> 0;
            case Lion r -> 0;
            case Adamax r -> r.weightDecay();
            case RAdam r -> r.decoupledWeightDecay() ? 0 : r.weightDecay();
            case NAdam r -> r.decoupledWeightDecay() ? 0 : r.weightDecay();
            case AdaBelief r -> r.weightDecay();
            case Yogi r -> r.weightDecay();
            case Adadelta r -> r.weightDecay();
            case Rprop r -> r.weightDecay();
            case Adafactor r -> 0;
            case ScheduleFreeAdamW r -> 0;
            case ScheduleFreeSgd r -> r.weightDecay();
            case CustomRule r -> 0;
        };
    }

    /**
     * Whether {@code g + decay} nearly cancels (to a thousandth of its terms): the float sum then
     * keeps only a few bits, a normalizing rule divides by it, and float and double results
     * differ by far more than rounding, whatever the kernel.
     */
    private static boolean cancels(double g, double decay) {
        return decay != 0 && Math.abs(g + decay) < 1e-3 * (Math.abs(g) + Math.abs(decay));
    }

    /** The square of the effective gradient {@code g + decay}. */
    private static double square(double g, double decay) {
        return (g + decay) * (g + decay);
    }

    private static MemorySegment filled(Arena arena, float value) {
        MemorySegment state = arena.allocate(ValueLayout.JAVA_FLOAT, N);
        for (int i = 0; i < N; i++) {
            state.setAtIndex(ValueLayout.JAVA_FLOAT, i, value);
        }
        return state;
    }

    private static double[] widen(MemorySegment floats) {
        float[] values = floats.toArray(ValueLayout.JAVA_FLOAT);
        return IntStream.range(0, values.length).mapToDouble(i -> values[i]).toArray();
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }
}
