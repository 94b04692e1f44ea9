package dev.gradus.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gradus.Optimizer;
import dev.gradus.ParameterGroup;
import dev.gradus.Sgd;
import dev.gradus.schedule.InverseTimeDecay;
import dev.gradus.schedule.Schedule;
import java.lang.foreign.Arena;
import org.junit.jupiter.api.Test;

/** The rate the next step will use, before the first step and after any, for the optimizer, a parameter and a group. */
class LearningRateTest {

    @Test
    void theRateOfTheNextStepBeforeAndAfterSteps() {
        Schedule schedule = new InverseTimeDecay(0.5, 1.0);
        ParameterGroup slow = ParameterGroup.named("slow").withLearningRateFactor(0.25);
        try (Arena arena = Arena.ofShared(); Optimizer optimizer = Optimizer.builder(Sgd.DEFAULT, schedule).build()) {
            optimizer.add("w", arena.allocate(8), arena.allocate(8));
            optimizer.add("b", arena.allocate(8), arena.allocate(8), slow);
            assertEquals(schedule.learningRate(1), optimizer.learningRate());
            assertEquals(schedule.learningRate(1) * 0.25, optimizer.learningRate("b"));
            for (int t = 1; t <= 3; t++) {
                optimizer.step();
            }
            assertEquals(schedule.learningRate(4), optimizer.learningRate());
            assertEquals(schedule.learningRate(4), optimizer.learningRate("w"));
            assertEquals(schedule.learningRate(4) * 0.25, optimizer.learningRate("b"));
            assertEquals(schedule.learningRate(4) * 0.25, optimizer.learningRate(slow));
        }
    }
}
