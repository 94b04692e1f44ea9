package dev.gradus.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.Adam;
import dev.gradus.Optimizer;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A save replaces the file atomically: a failure before the rename leaves the previous checkpoint,
 * a failure after it the new one, both complete and loadable, and no temporary file behind.
 */
class AtomicSaveTest {

    @TempDir
    Path directory;

    private Arena arena;
    private Optimizer optimizer;
    private Path file;

    @BeforeEach
    void saveAtStepOne() throws IOException {
        arena = Arena.ofShared();
        optimizer = Optimizer.builder(Adam.DEFAULT, 1e-3).build();
        Model.random(arena, 8, 100, 3).register(optimizer);
        optimizer.step();
        file = directory.resolve("optimizer.ckpt");
        Checkpoint.save(optimizer, file);
        optimizer.step();
    }

    @AfterEach
    void disarmAndClose() {
        CheckpointFaults.failAt(null);
        optimizer.close();
        arena.close();
    }

    /** Before the rename the previous checkpoint (step 1) stays; after it the new one (step 2) is in place. */
    @ParameterizedTest
    @EnumSource(CheckpointFaults.Point.class)
    void aFailureAroundTheRenameLeavesACompleteCheckpoint(CheckpointFaults.Point point) throws IOException {
        CheckpointFaults.failAt(point);
        assertEquals("injected fault at " + point,
                assertThrows(IOException.class, () -> Checkpoint.save(optimizer, file)).getMessage());
        assertLoadsAtStep(point == CheckpointFaults.Point.BEFORE_MOVE ? 1 : 2);
    }

    @Test
    void aStaleTemporaryFileOfACrashedSaveIsHarmless() throws IOException {
        Path stale = Files.writeString(directory.resolve("optimizer.ckpt.tmp-0123456789abcdef"), "half a checkpoint");
        Checkpoint.save(optimizer, file);
        assertTrue(Files.exists(stale));
        Files.delete(stale);
        assertLoadsAtStep(2);
    }

    @Test
    void aMissingDirectoryFailsAndCreatesNothing() {
        Path missing = directory.resolve("missing");
        assertThrows(NoSuchFileException.class, () -> Checkpoint.save(optimizer, missing.resolve("optimizer.ckpt")));
        assertTrue(Files.notExists(missing));
    }

    private void assertLoadsAtStep(long step) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left");
        }
        assertEquals(step, Checkpoint.read(file).stepCount());
        try (Optimizer fresh = Optimizer.builder(Adam.DEFAULT, 1e-3).build()) {
            Model.random(arena, 8, 100, 3).register(fresh);
            Checkpoint.load(file, fresh);
            assertEquals(step, fresh.stepCount());
        }
    }
}
