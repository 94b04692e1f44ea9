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
        Schedule nan = new ConstantSchedule(0).times(new ConstantSchedule(Double.MAX_VALUE).times(new ConstantSchedule(10)));
        return Stream.of(
                Arguments.of("0 x (MAX_VALUE x 10)", nan, 1.0,
                        "the learning rate of parameter w in step 1 is NaN (the schedule's NaN times the group's factor 1.0)"),
                Arguments.of("1e200 x factor 1e200", new ConstantSchedule(1e200), 1e200,
                        "the learning rate of parameter w in step 1 is Infinity (the schedule's 1.0E200 times the group's factor 1.0E200)"),
                Arguments.of("1e39, finite as a double", new ConstantSchedule(1e39), 1.0,
                        "the learning rate of parameter w in step 1 is 1.0E39 (the schedule's 1.0E39 times the group's factor 1.0), Infinity as a float"));
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
