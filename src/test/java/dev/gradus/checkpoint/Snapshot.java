package dev.gradus.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gradus.Optimizer;
import dev.gradus.schedule.ManualSchedule;
import dev.gradus.testing.property.BitExact;
import java.lang.foreign.ValueLayout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Everything a checkpoint restores or must leave alone, copied: the step count, the rate of a
 * manual schedule, every state buffer by parameter name, and the parameter values.
 */
record Snapshot(long stepCount, double manualRate, Map<String, List<float[]>> state, List<float[]> values) {

    /** The optimizer and model as they are; {@code manual} may be null. */
    static Snapshot of(Optimizer optimizer, Model model, ManualSchedule manual) {
        Map<String, List<float[]>> state = new LinkedHashMap<>();
        for (String name : optimizer.parameterNames()) {
            state.put(name, IntStream.range(0, optimizer.rule(name).stateBuffers())
                    .mapToObj(i -> optimizer.state(name, i).toArray(ValueLayout.JAVA_FLOAT)).toList());
        }
        return new Snapshot(optimizer.stepCount(), manual == null ? Double.NaN : manual.current(), state, model.values());
    }

    /** Asserts that {@code actual} holds the same counters and, bit for bit, the same floats. */
    void assertSame(Snapshot actual, String when) {
        assertEquals(stepCount, actual.stepCount, when + ": step count");
        assertEquals(manualRate, actual.manualRate, when + ": manual rate");
        assertEquals(state.keySet(), actual.state.keySet(), when + ": parameters");
        state.forEach((name, buffers) -> {
            assertEquals(buffers.size(), actual.state.get(name).size(), when + ": state buffers of " + name);
            for (int i = 0; i < buffers.size(); i++) {
                BitExact.assertSameBits(when + ": state " + i + " of " + name, buffers.get(i), actual.state.get(name).get(i));
            }
        });
        for (int p = 0; p < values.size(); p++) {
            BitExact.assertSameBits(when + ": values of tensor " + p, values.get(p), actual.values.get(p));
        }
    }
}
