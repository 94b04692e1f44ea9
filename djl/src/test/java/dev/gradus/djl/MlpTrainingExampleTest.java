package dev.gradus.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.djl.example.MlpTrainingExample;
import dev.gradus.djl.example.MlpTrainingExample.Options;
import dev.gradus.djl.example.MlpTrainingExample.Run;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A small run of the training example: both optimizers learn, and the same curve within noise. */
class MlpTrainingExampleTest {

    @Test
    void bothOptimizersLearnTheSameCurve() throws Exception {
        Options options = new Options(4, 512, 8, 32, 32, 2);
        List<Run> runs = MlpTrainingExample.compare(options);
        assertEquals(2, runs.size());
        for (Run run : runs) {
            List<Double> losses = run.epochLosses();
            assertEquals(4, losses.size());
            assertTrue(losses.getLast() < 0.8 * losses.getFirst(), run.optimizer() + " did not learn: " + losses);
        }
        double djl = runs.get(0).epochLosses().getLast();
        double gradus = runs.get(1).epochLosses().getLast();
        assertTrue(Math.abs(djl - gradus) <= 0.05 * djl, "final losses differ: DJL " + djl + ", Gradus " + gradus);
        String report = MlpTrainingExample.report(options, runs);
        assertTrue(report.contains("Gradus Adam") && report.contains("optim ms"), report);
    }
}
