package dev.gradus.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.examples.chart.ChartDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

class BowlTrajectoriesTest {

    private static final BowlTrajectories.Result RESULT = BowlTrajectories.run(BowlTrajectories.STEPS);

    @Test
    void theChartHasOnePathPerRuleFromTheSameStart() throws Exception {
        List<String> rules = List.copyOf(BowlTrajectories.rules().sequencedKeySet());
        assertEquals(rules, ChartDocument.parse(RESULT.figure().svg()).seriesLabels());
        for (BowlTrajectories.Trajectory t : RESULT.trajectories()) {
            assertEquals(-9.0, t.xs()[0], t.label());
            assertEquals(1.5, t.ys()[0], t.label());
            assertEquals(BowlTrajectories.STEPS + 1, t.xs().length, t.label());
        }
    }

    @Test
    void adamReachesTheMinimumWithinFortyStepsWhileGradientDescentCrawlsAlongTheValley() {
        int adam = RESULT.trajectory("Adam").firstStepWithin(0.5);
        assertTrue(adam >= 1 && adam <= 40, "Adam first within 0.5 of the minimum at step " + adam);
        BowlTrajectories.Trajectory descent = RESULT.trajectory("gradient descent");
        assertEquals(-1, descent.firstStepWithin(0.5), "gradient descent reached the minimum on the elongated bowl");
        assertTrue(descent.crossings() >= 2, "gradient descent crossed the valley " + descent.crossings() + " times");
    }

    @Test
    void theTunedRateBeatsItsNeighboursOnTheGrid() {
        BowlTrajectories.Trajectory adam = RESULT.trajectory("Adam");
        double tuned = finalHeight(adam);
        for (double factor : new double[] {Math.pow(10, -1 / 8.0), Math.pow(10, 1 / 8.0)}) {
            BowlTrajectories.Trajectory other = BowlTrajectories.path("Adam", adam.rule(), adam.learningRate() * factor,
                    BowlTrajectories.STEPS);
            assertTrue(finalHeight(other) >= tuned, "rate " + other.learningRate() + " ends lower than the tuned one");
        }
    }

    private static double finalHeight(BowlTrajectories.Trajectory t) {
        return BowlTrajectories.f(t.xs()[t.xs().length - 1], t.ys()[t.ys().length - 1]);
    }
}
