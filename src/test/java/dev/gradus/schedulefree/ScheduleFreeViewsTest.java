package dev.gradus.schedulefree;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.Kernels;
import dev.gradus.Optimizer;
import dev.gradus.ScheduleFreeAdamW;
import dev.gradus.ScheduleFreeSgd;
import dev.gradus.UpdateRule;
import dev.gradus.testing.property.BitExact;
import dev.gradus.testing.property.Floats;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.Property;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The views of the schedule-free rules: {@link Kernels#scheduleFreeEvaluation} and
 * {@link Kernels#scheduleFreeTraining} give {@code torch.lerp}'s bits at every length on the
 * selected kernels, in place too, within rounding of the double interpolation; training after
 * evaluation gives {@code y} back within two roundings; {@link Optimizer#evaluationWeights} writes
 * the evaluation view of its parameters and leaves them as they are.
 */
class ScheduleFreeViewsTest {

    private static final Gen<Double> INTERPOLATIONS = Gen.elementOf(0.9, 0.5, 0.1, 0.99, 0.6, 0.7);

    record ViewCase(UpdateRule rule, float[] y, float[] z) {
        @Override
        public String toString() {
            return rule + ", y=" + Arrays.toString(y) + ", z=" + Arrays.toString(z);
        }
    }

    private static final Gen<ViewCase> CASES = random -> {
        int n = random.nextInt(0, 300);
        Gen<Float> values = random.nextBoolean() ? Floats.any() : Floats.finite(-3, 3);
        double b1 = INTERPOLATIONS.next(random);
        UpdateRule rule = random.nextBoolean() ? ScheduleFreeAdamW.DEFAULT.withBetas(b1, 0.999)
                : ScheduleFreeSgd.DEFAULT.withMomentum(b1);
        return new ViewCase(rule, Floats.arrayOf(n, values).next(random), Floats.arrayOf(n, values).next(random));
    };

    @Test
    void theViewsHaveTorchLerpsBitsInPlaceOrNot() {
        Property.forAll("views == torch.lerp in float", CASES).check(c -> {
            double b1 = interpolation(c.rule());
            float[] x = lerp(c.y(), c.z(), 1 - 1 / b1);
            MemorySegment y = MemorySegment.ofArray(c.y().clone());
            MemorySegment z = MemorySegment.ofArray(c.z());
            MemorySegment out = MemorySegment.ofArray(new float[c.y().length]);
            Kernels.scheduleFreeEvaluation(c.rule(), y, z, out);
            BitExact.assertSameBits("evaluation view", x, out);
            Kernels.scheduleFreeEvaluation(c.rule(), y, z, y);
            BitExact.assertSameBits("evaluation view in place", x, y);
            Kernels.scheduleFreeTraining(c.rule(), y, z, y);
            BitExact.assertSameBits("training view in place", lerp(x, c.z(), 1 - b1), y);
        });
    }

    @Test
    void theViewsFollowTheDoubleInterpolationAndTrainingRecoversY() {
        Gen<ViewCase> finite = random -> {
            ViewCase c = CASES.next(random);
            return new ViewCase(c.rule(), Floats.arrayOf(c.y().length, Floats.wellScaled(-3, 3)).next(random),
                    Floats.arrayOf(c.y().length, Floats.wellScaled(-3, 3)).next(random));
        };
        Property.forAll("views within rounding of the double interpolation", finite).check(c -> {
            double b1 = interpolation(c.rule());
            double weight = 1 - 1 / b1;
            MemorySegment y = MemorySegment.ofArray(c.y().clone());
            MemorySegment z = MemorySegment.ofArray(c.z());
            Kernels.scheduleFreeEvaluation(c.rule(), y, z, y);
            for (int i = 0; i < c.y().length; i++) {
                double reference = c.y()[i] + weight * ((double) c.z()[i] - c.y()[i]);
                double x = y.getAtIndex(ValueLayout.JAVA_FLOAT, i);
                // Three roundings (and the weight's own) of values up to (|y| + |z|)(1 + |w|).
                double scale = (Math.abs(c.y()[i]) + Math.abs(c.z()[i])) * (1 + Math.abs(weight));
                assertTrue(Math.abs(x - reference) <= 0x1p-21 * scale, "x[" + i + "] = " + x + " vs " + reference);
            }
            Kernels.scheduleFreeTraining(c.rule(), y, z, y);
            for (int i = 0; i < c.y().length; i++) {
                double back = y.getAtIndex(ValueLayout.JAVA_FLOAT, i);
                double scale = (Math.abs(c.y()[i]) + Math.abs(c.z()[i])) * (1 + Math.abs(weight));
                assertTrue(Math.abs(back - c.y()[i]) <= 0x1p-20 * scale,
                        "y[" + i + "] = " + c.y()[i] + " came back as " + back);
            }
        });
    }

    @Test
    void theOptimizerWritesTheEvaluationViewAndLeavesTheParameters() {
        ScheduleFreeSgd rule = ScheduleFreeSgd.DEFAULT.withMomentum(0.8);
        try (Arena arena = Arena.ofShared(); Optimizer optimizer = Optimizer.builder(rule, 0.1).build()) {
            SplittableRandom random = new SplittableRandom(3);
            MemorySegment w = ScheduleFreeOptimizerTest.filled(arena, 1001, random);
            MemorySegment g = ScheduleFreeOptimizerTest.filled(arena, 1001, random);
            optimizer.add("w", w, g);
            MemorySegment out = arena.allocate(ValueLayout.JAVA_FLOAT, 1001);
            optimizer.evaluationWeights("w", out);
            BitExact.assertSameBits("the evaluation view before step 1", ScheduleFreeOptimizerTest.floats(w), out);
            for (int t = 0; t < 5; t++) {
                optimizer.step();
            }
            float[] y = ScheduleFreeOptimizerTest.floats(w);
            float[] z = ScheduleFreeOptimizerTest.floats(optimizer.state("w", "z"));
            optimizer.evaluationWeights("w", out);
            BitExact.assertSameBits("the parameter after evaluationWeights", y, w);
            BitExact.assertSameBits("the evaluation view", lerp(y, z, 1 - 1 / 0.8), out);
            MemorySegment expected = arena.allocate(ValueLayout.JAVA_FLOAT, 1001);
            Kernels.scheduleFreeEvaluation(rule, w, optimizer.state("w", "z"), expected);
            BitExact.assertSameBits("Kernels.scheduleFreeEvaluation", ScheduleFreeOptimizerTest.floats(expected), out);
        }
    }

    /** {@code torch.lerp(start, end, weight)} in float, element by element. */
    static float[] lerp(float[] start, float[] end, double weight) {
        float w = (float) weight;
        float[] out = new float[start.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.abs(w) < 0.5f ? start[i] + w * (end[i] - start[i]) : end[i] - (end[i] - start[i]) * (1f - w);
        }
        return out;
    }

    static double interpolation(UpdateRule rule) {
        return rule instanceof ScheduleFreeAdamW adamW ? adamW.beta1() : ((ScheduleFreeSgd) rule).momentum();
    }
}
