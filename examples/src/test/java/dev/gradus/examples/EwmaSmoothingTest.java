package dev.gradus.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.examples.chart.ChartDocument;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EwmaSmoothingTest {

    private static final int DAYS = 60;
    private static final EwmaSmoothing.Result RESULT = EwmaSmoothing.run(DAYS);

    @Test
    void bothPanelsShowTheDataAndFourAverages() throws Exception {
        List<String> labels = ChartDocument.parse(RESULT.figure().svg()).seriesLabels();
        assertEquals(10, labels.size(), labels.toString());
        assertEquals(labels.subList(0, 5), labels.subList(5, 10));
    }

    @Test
    void correctedAveragesStartOnTheDataWhileUncorrectedOnesStartNearZero() {
        double mean = Arrays.stream(RESULT.temperatures(), 0, 5).average().orElseThrow();
        for (double[] corrected : List.of(RESULT.fastCorrected(), RESULT.slowCorrected())) {
            assertEquals(RESULT.temperatures()[0], corrected[0], 1e-9);
            assertEquals(mean, Arrays.stream(corrected, 0, 5).average().orElseThrow(), 0.15 * mean);
        }
        assertTrue(RESULT.slow()[0] < 0.03 * mean, "b = 0.98 starts at " + RESULT.slow()[0]);
        assertTrue(RESULT.fast()[0] < 0.15 * mean, "b = 0.9 starts at " + RESULT.fast()[0]);
        assertTrue(RESULT.slow()[4] < 0.15 * mean, "b = 0.98 after 5 days: " + RESULT.slow()[4]);
    }

    @Test
    void theLongerAverageIsSmoother() {
        assertTrue(roughness(RESULT.slowCorrected()) < 0.5 * roughness(RESULT.fastCorrected()));
        assertTrue(roughness(RESULT.fastCorrected()) < 0.5 * roughness(RESULT.temperatures()));
    }

    private static double roughness(double[] values) {
        double sum = 0;
        for (int i = 11; i < values.length; i++) {
            sum += Math.abs(values[i] - values[i - 1]);
        }
        return sum;
    }
}
