package dev.gradus.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.examples.chart.ChartDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

class MlpTrainingTest {

    private static final MlpTraining.Size SMALL = new MlpTraining.Size(128, 120, 20, 8);
    private static final MlpTraining.Result RESULT = MlpTraining.run(SMALL);

    @Test
    void bothPanelsShowEveryRule() throws Exception {
        List<String> labels = ChartDocument.parse(RESULT.figure().svg()).seriesLabels();
        assertEquals(12, labels.size(), labels.toString());
        assertEquals(labels.subList(0, 6), labels.subList(6, 12));
        assertEquals(BowlTrajectories.rules().size(), RESULT.runs().size());
    }

    @Test
    void everyRuleLowersTheLossAndAdamHalvesIt() {
        for (MlpTraining.Run run : RESULT.runs()) {
            assertTrue(run.finalLoss() < run.initialLoss(), run.label() + ": " + run.initialLoss() + " -> " + run.finalLoss());
            double[] millis = run.millis();
            for (int i = 1; i < millis.length; i++) {
                assertTrue(millis[i] > millis[i - 1], run.label() + ": wall time not increasing at point " + i);
            }
        }
        MlpTraining.Run adam = RESULT.runs().getLast();
        assertEquals("Adam", adam.label());
        assertTrue(adam.finalLoss() < 0.5 * adam.initialLoss(), adam.initialLoss() + " -> " + adam.finalLoss());
    }

    @Test
    void backpropagationMatchesFiniteDifferences() {
        float[] rows = MlpTraining.twoSpirals(8);
        Mlp network = new Mlp(4, 3);
        network.backward(rows, 8);
        var parameters = network.parameters();
        var gradients = network.gradients();
        for (String name : parameters.sequencedKeySet()) {
            var values = parameters.get(name);
            float analytic = gradients.get(name).getAtIndex(java.lang.foreign.ValueLayout.JAVA_FLOAT, 0);
            float original = values.getAtIndex(java.lang.foreign.ValueLayout.JAVA_FLOAT, 0);
            float h = 1e-2f;
            values.setAtIndex(java.lang.foreign.ValueLayout.JAVA_FLOAT, 0, original + h);
            double up = network.loss(rows, 8);
            values.setAtIndex(java.lang.foreign.ValueLayout.JAVA_FLOAT, 0, original - h);
            double down = network.loss(rows, 8);
            values.setAtIndex(java.lang.foreign.ValueLayout.JAVA_FLOAT, 0, original);
            assertEquals((up - down) / (2 * h), analytic, 2e-3, name);
        }
    }
}
