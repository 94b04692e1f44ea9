package dev.gradus.schedulefree;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.Optimizer;
import dev.gradus.ScheduleFreeAdamW;
import dev.gradus.ScheduleFreeSgd;
import dev.gradus.UpdateRule;
import dev.gradus.internal.ScheduleFreeAveraging;
import dev.gradus.reference.ScheduleFreeReference;
import dev.gradus.schedule.ConstantSchedule;
import dev.gradus.schedule.LinearWarmup;
import dev.gradus.schedule.Schedule;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An optimizer with a schedule-free rule follows the double-precision reference of the
 * {@code schedulefree} package's step ({@link ScheduleFreeReference}) along free-running
 * 300-step trajectories: the package's {@code warmup_steps = W} as {@code LinearWarmup(a, 1/W,
 * W - 1)}, polynomial averaging ({@code r > 0}), uniform averaging ({@code weightLrPower = 0}),
 * decay and maximize. The gradients do not depend on the parameters, so the float run drifts
 * from the double one by accumulated rounding only. The training view, the evaluation view and
 * the averaging's {@code lrMax} and {@code weightSum} must stay within {@value #TOLERANCE} of the
 * reference, relative to the largest parameter; the largest error seen is printed.
 */
class ScheduleFreeTrajectoryTest {

    private static final double TOLERANCE = 1e-5;
    private static final int STEPS = 300;
    private static final int N = 257;

    static Stream<Arguments> trajectories() {
        return Stream.of(
                Arguments.of(ScheduleFreeAdamW.DEFAULT, 2.5e-3, 20),
                Arguments.of(ScheduleFreeAdamW.DEFAULT.withAveraging(1, 2).withWeightDecay(1e-2), 1e-2, 10),
                Arguments.of(ScheduleFreeAdamW.DEFAULT.withAveraging(0.5, 0).withMaximize(true), 1e-3, 0),
                Arguments.of(ScheduleFreeSgd.DEFAULT, 0.1, 50),
                Arguments.of(ScheduleFreeSgd.DEFAULT.withMomentum(0.5).withAveraging(2, 0).withWeightDecay(1e-2),
                        0.05, 0));
    }

    @ParameterizedTest(name = "{0}, lr {1}, warm-up {2}")
    @MethodSource("trajectories")
    void theOptimizerFollowsTheDoubleReference(UpdateRule rule, double rate, int warmup) {
        Schedule schedule = warmup > 1 ? new LinearWarmup(rate, 1.0 / warmup, warmup - 1) : new ConstantSchedule(rate);
        SplittableRandom random = new SplittableRandom(11);
        float[] initial = new float[N];
        double[] scale = new double[N];
        for (int i = 0; i < N; i++) {
            initial[i] = (float) random.nextDouble(-1, 1);
            scale[i] = Math.pow(10, random.nextInt(-3, 2));
        }
        double[] y = new double[N];
        for (int i = 0; i < N; i++) {
            y[i] = initial[i];
        }
        ScheduleFreeReference reference = new ScheduleFreeReference(rule, N);
        double worst = 0;
        try (Arena arena = Arena.ofConfined(); Optimizer optimizer = Optimizer.builder(rule, schedule).build()) {
            MemorySegment w = arena.allocateFrom(ValueLayout.JAVA_FLOAT, initial);
            MemorySegment g = arena.allocate(ValueLayout.JAVA_FLOAT, N);
            MemorySegment x = arena.allocate(ValueLayout.JAVA_FLOAT, N);
            optimizer.add("w", w, g);
            for (int t = 1; t <= STEPS; t++) {
                double[] gradient = new double[N];
                for (int i = 0; i < N; i++) {
                    float value = (float) (scale[i] * (0.3 + random.nextDouble(-1, 1)));
                    g.setAtIndex(ValueLayout.JAVA_FLOAT, i, value);
                    gradient[i] = value;
                }
                optimizer.step();
                // The package's schedule: (k + 1) / W for k < W, k = t - 1.
                double packageRate = rate * (t <= warmup ? (double) t / warmup : 1.0);
                reference.step(packageRate, t, y, gradient);
                optimizer.evaluationWeights("w", x);
                double[] evaluation = reference.evaluation(y);
                double size = 0;
                for (double value : y) {
                    size = Math.max(size, Math.abs(value));
                }
                for (int i = 0; i < N; i++) {
                    worst = Math.max(worst, Math.abs(w.getAtIndex(ValueLayout.JAVA_FLOAT, i) - y[i]) / size);
                    worst = Math.max(worst, Math.abs(x.getAtIndex(ValueLayout.JAVA_FLOAT, i) - evaluation[i]) / size);
                }
                MemorySegment averaging = optimizer.state("w", "averaging");
                worst = Math.max(worst, Math.abs(ScheduleFreeAveraging.read(averaging, 0) / reference.lrMax() - 1));
                worst = Math.max(worst, Math.abs(ScheduleFreeAveraging.read(averaging, 1) / reference.weightSum() - 1));
            }
        }
        System.out.printf("%s, lr %s, warm-up %d: largest relative error %.3g%n", rule, rate, warmup, worst);
        assertTrue(worst <= TOLERANCE, "largest relative error " + worst + " above " + TOLERANCE);
    }
}
