package dev.gradus.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gradus.Adam;
import dev.gradus.NonFinitePolicy;
import dev.gradus.Optimizer;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The count of steps skipped for non-finite gradients is saved and restored. */
class SkippedStepsTest {

    @TempDir
    Path directory;

    @Test
    void theSkippedStepCountRoundTrips() throws IOException {
        Path file = directory.resolve("skips.ckpt");
        try (Arena arena = Arena.ofShared();
             Optimizer saved = Optimizer.builder(Adam.DEFAULT, 1e-3).nonFinite(NonFinitePolicy.SKIP).build();
             Optimizer loaded = Optimizer.builder(Adam.DEFAULT, 1e-3).nonFinite(NonFinitePolicy.SKIP).build()) {
            Model model = Model.random(arena, 9, 8).register(saved);
            saved.step();
            model.tensors.getFirst().gradient().setAtIndex(ValueLayout.JAVA_FLOAT, 3, Float.NaN);
            saved.step();
            saved.step();
            assertEquals(2, saved.skippedSteps());
            Checkpoint.save(saved, file);
            assertEquals(2, Checkpoint.read(file).skippedSteps());
            model.copy(arena).register(loaded);
            Checkpoint.load(file, loaded);
            assertEquals(1, loaded.stepCount());
            assertEquals(2, loaded.skippedSteps());
        }
    }
}
