package dev.gradus.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gradus.Adam;
import dev.gradus.Optimizer;
import dev.gradus.ParameterGroup;
import dev.gradus.schedule.ConstantSchedule;
import dev.gradus.schedule.Schedule;
import dev.gradus.testing.rejection.RejectedCalls;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The learning rate a step actually uses, the schedule's rate times the group's factor, is checked
 * as the float the kernels receive before anything is written: a product that overflows to
 * infinity or is NaN would turn every weight into NaN.
 */
class LearningRateCheckTest {

    static Stream<Arguments> unusableRates() {
        // Every factor is a valid schedule or group factor; only their products are unusable.
        Schedule overflowing = new ConstantSchedule(3e38);
        for (int k = 0; k < 8; k++) {
            overflowing = overflowing.times(new ConstantSchedule(3e38));
        }
        Schedule nan = new ConstantSchedule(0).times(overflowing);
        return Stream.of(
                Arguments.of("0 x (3e38^9, infinite as a double)", nan, 1.0,
                        "the learning rate of parameter w in step 1 is NaN (the schedule's NaN times the group's factor 1.0)"),
                Arguments.of("3e38 x factor 3e38", new ConstantSchedule(3e38), 3e38,
                        "the learning rate of parameter w in step 1 is 9.000000000000001E76 (the schedule's 3.0E38 times the group's factor 3.0E38)"),
                Arguments.of("3e38 x factor 10, finite as a double", new ConstantSchedule(3e38), 10.0,
                        "the learning rate of parameter w in step 1 is 3.0E39 (the schedule's 3.0E38 times the group's factor 10.0), Infinity as a float"),
                Arguments.of("1e38, a float, but Adam's a / (1 - beta1) overflows", new ConstantSchedule(1e38), 1.0,
                        "learning rate at step 1 of parameter w (the schedule's rate times its group's learning-rate factor) "
                                + "1.0E38 makes Adam's step size a / (1 - beta1^t)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableRates")
    void anUnusableRateIsRejectedBeforeAnythingIsWritten(String what, Schedule schedule, double factor, String message) {
        try (Arena arena = Arena.ofShared(); Optimizer optimizer = Optimizer.builder(Adam.DEFAULT, schedule).build()) {
            MemorySegment w = arena.allocateFrom(ValueLayout.JAVA_FLOAT, 1f, -2f, 3f);
            MemorySegment g = arena.allocateFrom(ValueLayout.JAVA_FLOAT, 0.5f, 0.5f, -0.5f);
            optimizer.add("w", w, g, ParameterGroup.named("g").withLearningRateFactor(factor));
            RejectedCalls.assertRejectedUnchanged(IllegalArgumentException.class, message, optimizer::step,
                    w, g, optimizer.state("w", 0), optimizer.state("w", 1));
            assertEquals(0, optimizer.stepCount());
        }
    }
}
