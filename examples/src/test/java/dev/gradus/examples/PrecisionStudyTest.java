package dev.gradus.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.examples.chart.ChartDocument;
import dev.gradus.precision.StorageType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The precision study's robust findings, on the full bowls (2000 steps, as in
 * {@code docs/precision-convergence.md}) and a small network (2-8-8-1, 128 examples, 400
 * steps). The thresholds leave a margin of at least 3 on the measured values, noted beside them.
 */
class PrecisionStudyTest {

    private static final PrecisionStudy.Size SMALL = new PrecisionStudy.Size(2000, 10,
            new MlpTraining.Size(128, 400, 20, 8), false);
    private static final PrecisionStudy.Result RESULT = PrecisionStudy.run(SMALL);

    @Test
    void everyPanelShowsEveryConfiguration() throws Exception {
        List<String> labels = StorageConfiguration.all().stream().map(StorageConfiguration::label).toList();
        List<String> rotated = new ArrayList<>(labels.subList(1, labels.size()));
        rotated.add(labels.getFirst()); // the float32 reference is drawn last
        List<String> expected = new ArrayList<>();
        for (int panel = 0; panel < 6; panel++) {
            expected.addAll(rotated);
        }
        assertEquals(expected, ChartDocument.parse(RESULT.figure().svg()).seriesLabels());
    }

    @Test
    void bf16WeightsRoundedToNearestStallOnTheBowlWhileStochasticRoundingConverges() {
        PrecisionStudy.Outcome bowl = RESULT.outcome("bowl, a = 0.01");
        PrecisionRun nearest = bowl.run("bf16 weights, nearest");
        float[] last = nearest.weights()[nearest.weights().length - 1];
        assertEquals(-9f, last[0], "x moved: its steps of about 0.01 are below half an ulp of 9 in bf16, 2^-5");
        assertTrue(nearest.finalDistance() > 2.5, "nearest " + nearest.finalDistance()); // 8.91
        PrecisionRun stochastic = bowl.run("bf16 weights, stochastic");
        assertTrue(stochastic.finalDistance() < 0.03, "stochastic " + stochastic.finalDistance()); // 0.00988
        assertTrue(stochastic.finalLoss() < 3 * bowl.run("float32").finalLoss(), "stochastic " + stochastic.finalLoss());
    }

    @Test
    void kahanAndTheFloat32MasterTrackFloat32() {
        for (String problem : new String[] {"bowl, a", "bowl scaled", "the 2-8-8-1"}) {
            PrecisionStudy.Outcome outcome = RESULT.outcome(problem);
            double floor = outcome.roundingFloor(StorageType.BFLOAT16);
            double reference = outcome.run("float32").finalLoss();
            for (String label : new String[] {"bf16 weights, Kahan", "bf16 weights, float32 master"}) {
                PrecisionRun run = outcome.run(label);
                // bowls: the floor itself (1.2e-4, 3.4e-4); network: 2.7 and 1.4 times its floor 0.023
                assertTrue(run.finalDistance() <= 10 * floor, problem + ", " + label + ": " + run.finalDistance()
                        + " against a floor of " + floor);
                assertEquals(1, run.finalLoss() / reference, 0.03, problem + ", " + label); // within 0.5%
            }
            assertTrue(outcome.run("bf16 weights, nearest").finalDistance()
                    > outcome.run("bf16 weights, stochastic").finalDistance(), problem);
        }
    }

    @Test
    void fp16LosesRangeWhereBf16DoesNot() {
        PrecisionStudy.Outcome scaled = RESULT.outcome("bowl scaled");
        double reference = scaled.run("float32").finalLoss();
        PrecisionRun gradient = scaled.run("fp16 gradient, nearest");
        assertTrue(gradient.gradientUnderflows() > 0);
        assertTrue(gradient.finalLoss() > 10 * reference, gradient.finalLoss() + " vs " + reference); // 31 times
        PrecisionRun state = scaled.run("fp16 state, nearest");
        assertEquals(2, state.unscaledSteps(), "both weights' v underflowed while m did not");
        assertTrue(state.maxDistance() > 3, "fp16 state " + state.maxDistance()); // 10.5
        assertEquals(0, scaled.run("bf16 state, nearest").unscaledSteps());

        PrecisionStudy.Outcome network = RESULT.outcome("the 2-8-8-1");
        double largest = network.run("float32").largestWeight();
        for (String label : new String[] {"fp16 state, nearest", "fp16 weights + state, nearest"}) {
            PrecisionRun run = network.run(label);
            assertTrue(run.unscaledSteps() > 10, label + ": " + run.unscaledSteps()); // 50 of 105 weights
            assertTrue(run.largestWeight() > 100 * largest, label + ": " + run.largestWeight()); // 350 and 470 times
        }
        assertTrue(network.run("fp16 gradient, nearest").finalDistance() < 0.01); // 7.4e-4
    }

    @Test
    void theStudysBf16RoundingIsTheLibrarysNearestEven() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 100_000; i++) {
            float f = Float.intBitsToFloat(random.nextInt());
            if (Float.isFinite(f)) {
                assertEquals(dev.gradus.internal.precision.Bf16.nearest(f), StoredBuffers.nearest(StorageType.BFLOAT16, f),
                        () -> Float.toHexString(f));
            }
        }
        assertEquals((short) 0x3f80, StoredBuffers.nearest(StorageType.BFLOAT16, 1 + 0x1p-8f)); // a tie: to even
        assertEquals((short) 0x3f82, StoredBuffers.nearest(StorageType.BFLOAT16, 1 + 0x3p-8f)); // a tie: to even
    }
}
