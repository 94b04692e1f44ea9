package dev.gradus.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.examples.chart.ChartDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchSizesTest {

    private static final BatchSizes.Size SMALL = new BatchSizes.Size(256, 60, 4);
    private static final BatchSizes.Result RESULT = BatchSizes.run(SMALL);

    @Test
    void bothPanelsShowTheThreeBatchSizes() throws Exception {
        List<String> labels = ChartDocument.parse(RESULT.figure().svg()).seriesLabels();
        assertEquals(List.of("stochastic (1)", "mini-batch (64)", "batch (m = 256)"), labels.subList(0, 3));
        assertEquals(labels.subList(0, 3), labels.subList(3, 6));
        assertEquals(6, labels.size());
    }

    @Test
    void batchDescentFallsSmoothlyWhileSmallerBatchesAreNoisier() {
        double[] batch = RESULT.batch().stepCosts();
        for (int t = 1; t < batch.length; t++) {
            assertTrue(batch[t] < batch[t - 1], "batch cost rose at step " + (t + 1));
        }
        double smooth = RESULT.batch().roughness();
        double mini = RESULT.miniBatch().roughness();
        double stochastic = RESULT.stochastic().roughness();
        assertTrue(mini > 5 * smooth, "mini-batch roughness " + mini + " vs batch " + smooth);
        assertTrue(stochastic > 2 * mini, "stochastic roughness " + stochastic + " vs mini-batch " + mini);
    }

    @Test
    void perEpochTheSmallerBatchesGetFurther() {
        double batch = last(RESULT.batch().trainingCosts());
        double mini = last(RESULT.miniBatch().trainingCosts());
        assertTrue(mini < batch, "after " + SMALL.epochs() + " epochs: mini-batch " + mini + ", batch " + batch);
        assertEquals(SMALL.epochs(), last(RESULT.stochastic().epochs()), 1e-12);
        assertEquals(Math.log(2), RESULT.batch().trainingCosts()[0], 1e-12); // w = 0 predicts 1/2
    }

    private static double last(double[] values) {
        return values[values.length - 1];
    }
}
