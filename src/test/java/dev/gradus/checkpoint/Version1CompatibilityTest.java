package dev.gradus.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.gradus.Adam;
import dev.gradus.Momentum;
import dev.gradus.Optimizer;
import dev.gradus.ParameterGroup;
import dev.gradus.schedule.InverseTimeDecay;
import dev.gradus.schedule.ManualSchedule;
import dev.gradus.testing.property.BitExact;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint of format 1, {@code version-1.ckpt}, written by the Gradus of commit b6c7be7 (the
 * last to write format 1): AdamW over {@code InverseTimeDecay(0.01, 1)} times a manual rate set to
 * 0.25, parameters {@code embedding\ttable} (37 floats) and {@code head.bias} (5 floats, Nesterov
 * momentum, factor 0.5) of {@code Model.random(arena, 21, ...)}, after 3 steps. It still loads:
 * every state buffer as the file holds it, the counters and the manual rate, and each parameter's
 * step count taken as the optimizer's, as format 1 had no other.
 */
class Version1CompatibilityTest {

    @TempDir
    Path directory;

    @Test
    void aFormatOneCheckpointLoadsWithEveryParametersStepCountTheOptimizers() throws IOException {
        byte[] bytes;
        try (InputStream resource = getClass().getResourceAsStream("version-1.ckpt")) {
            bytes = resource.readAllBytes();
        }
        CheckpointInfo info = Checkpoint.read(new ByteArrayInputStream(bytes));
        assertEquals(1, info.formatVersion());
        assertEquals(3, info.stepCount());
        assertFalse(info.parameterValues());
        assertEquals(List.of("embedding\ttable", "head.bias"), info.parameters().stream().map(CheckpointInfo.Parameter::name).toList());
        assertEquals(List.of(3L, 3L), info.parameters().stream().map(CheckpointInfo.Parameter::stepCount).toList());

        ManualSchedule rate = new ManualSchedule(1);
        try (Arena arena = Arena.ofShared();
             Optimizer optimizer = Optimizer.builder(Adam.adamW(), new InverseTimeDecay(0.01, 1).times(rate)).build()) {
            optimizer.add("head.bias", arena.allocate(20), arena.allocate(20),
                    ParameterGroup.named("momentum").withRule(Momentum.nesterov(0.9)).withLearningRateFactor(0.5));
            optimizer.add("embedding\ttable", arena.allocate(148), arena.allocate(148));
            Checkpoint.load(CheckpointBytes.write(directory.resolve("version-1.ckpt"), bytes), optimizer);
            assertEquals(3, optimizer.stepCount());
            assertEquals(0.25, rate.current());
            List<float[]> sections = CheckpointBytes.sectionFloats(bytes, info);
            BitExact.assertSameBits("m", sections.get(0), state(optimizer, "embedding\ttable", 0));
            BitExact.assertSameBits("v", sections.get(1), state(optimizer, "embedding\ttable", 1));
            BitExact.assertSameBits("velocity", sections.get(2), state(optimizer, "head.bias", 0));
            ParsedHeader header = new CheckpointReader(CheckpointInput.of(Channels.newChannel(
                    new ByteArrayInputStream(bytes)))).header();
            assertEquals(Map.of("embedding\ttable", 3L, "head.bias", 3L),
                    CheckpointRestore.prepare(null, header, optimizer).parameterStepCounts());
        }
    }

    private static float[] state(Optimizer optimizer, String name, int index) {
        return optimizer.state(name, index).toArray(ValueLayout.JAVA_FLOAT);
    }
}
