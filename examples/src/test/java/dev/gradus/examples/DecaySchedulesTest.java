package dev.gradus.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.examples.chart.ChartDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecaySchedulesTest {

    private static final int EPOCHS = 20;
    private static final DecaySchedules.Result RESULT = DecaySchedules.run(EPOCHS);
    private static final double A0 = DecaySchedules.A0;

    @Test
    void theChartHasOneCurvePerSchedule() throws Exception {
        assertEquals(List.copyOf(RESULT.schedules().sequencedKeySet()),
                ChartDocument.parse(RESULT.figure().svg()).seriesLabels());
        assertEquals(6, RESULT.rates().size());
    }

    @Test
    void theCourseDecaysFollowTheirFormulasPerEpoch() {
        for (int epoch = 1; epoch <= EPOCHS; epoch++) {
            assertEquals(A0 / (1 + 0.2 * epoch), rate("a0 / (1 + 0.2 epoch)", epoch), 1e-12);
            assertEquals(Math.pow(0.95, epoch) * A0, rate("0.95^epoch a0", epoch), 1e-12);
            assertEquals(A0 / Math.sqrt(epoch), rate("1 / sqrt(epoch) a0", epoch), 1e-12);
            assertEquals(Math.pow(0.5, (epoch - 1) / 10) * A0, rate("staircase: halve every 10 epochs", epoch), 1e-12);
        }
    }

    @Test
    void warmUpRisesToA0AndCosineFallsFromIt() {
        double[] cosine = RESULT.rates().get("cosine to 0.002 (per step)");
        double[] warm = RESULT.rates().get("5-epoch linear warm-up, then cosine");
        assertEquals(A0, cosine[0]);
        assertEquals(0.002, cosine[cosine.length - 1], 0.002);
        assertEquals(0.05 * A0, warm[0], 1e-12);
        int peak = 5 * DecaySchedules.STEPS_PER_EPOCH; // step 51 starts the cosine at a0
        assertEquals(A0, warm[peak]);
        for (int t = 1; t < warm.length; t++) {
            assertTrue(t <= peak ? warm[t] > warm[t - 1] : warm[t] <= warm[t - 1], "step " + (t + 1));
        }
    }

    /** The rate of a per-epoch schedule in each step of {@code epoch}, checked constant across the epoch. */
    private static double rate(String label, int epoch) {
        double[] rates = RESULT.rates().get(label);
        int first = (epoch - 1) * DecaySchedules.STEPS_PER_EPOCH;
        for (int t = first; t < first + DecaySchedules.STEPS_PER_EPOCH; t++) {
            assertEquals(rates[first], rates[t], label + " changed inside epoch " + epoch);
        }
        return rates[first];
    }
}
