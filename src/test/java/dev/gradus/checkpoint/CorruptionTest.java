package dev.gradus.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.Adam;
import dev.gradus.Optimizer;
import dev.gradus.schedule.InverseTimeDecay;
import dev.gradus.schedule.ManualSchedule;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged checkpoint is rejected, never half-applied: truncated to any length, or with one bit
 * or one byte changed at any position, the load throws {@link CorruptCheckpointException} and the
 * target optimizer keeps its state, step counter and manual rate bit for bit.
 */
class CorruptionTest {

    @TempDir
    Path directory;

    private Arena arena;
    private Optimizer target;
    private Model targetModel;
    private ManualSchedule targetRate;
    private byte[] sound;
    private Snapshot before;

    @BeforeEach
    void saveASmallCheckpointAndPrepareADifferentTarget() throws IOException {
        arena = Arena.ofShared();
        Path file = directory.resolve("sound.ckpt");
        ManualSchedule savedRate = new ManualSchedule(0.1);
        try (Optimizer saved = Optimizer.builder(Adam.DEFAULT, new InverseTimeDecay(1, 1).times(savedRate)).build()) {
            Model.random(arena, 5, 3, 2).register(saved);
            for (int t = 0; t < 3; t++) {
                saved.step();
            }
            Checkpoint.save(saved, file);
        }
        sound = CheckpointBytes.read(file);
        targetRate = new ManualSchedule(0.2);
        target = Optimizer.builder(Adam.DEFAULT, new InverseTimeDecay(1, 1).times(targetRate)).build();
        targetModel = Model.random(arena, 6, 3, 2).register(target);
        target.step();
        before = Snapshot.of(target, targetModel, targetRate);
    }

    @AfterEach
    void close() {
        target.close();
        arena.close();
    }

    @Test
    void theSoundFileLoads() throws IOException {
        Checkpoint.load(CheckpointBytes.write(directory.resolve("copy.ckpt"), sound), target);
        assertEquals(3, target.stepCount());
        assertEquals(0.1, targetRate.current());
    }

    @Test
    void everyTruncationIsRejected() throws IOException {
        for (int length = 0; length < sound.length; length++) {
            assertRejected(CheckpointBytes.truncated(sound, length), "truncated to " + length + " bytes");
        }
    }

    @Test
    void everyBitFlipIsRejected() throws IOException {
        for (int position = 0; position < sound.length; position++) {
            assertRejected(CheckpointBytes.flipped(sound, position, 1 << (position % 8)), "bit flipped at " + position);
        }
    }

    @Test
    void everyByteInvertedIsRejected() throws IOException {
        for (int position = 0; position < sound.length; position++) {
            assertRejected(CheckpointBytes.flipped(sound, position, 0xff), "byte inverted at " + position);
        }
    }

    @Test
    void extraBytesAreRejected() throws IOException {
        byte[] longer = Arrays.copyOf(sound, sound.length + 1);
        assertRejected(longer, "one byte appended");
        assertRejected(CheckpointBytes.withFixedChecksums(longer), "one byte appended, checksums fixed");
    }

    @Test
    void aHeaderThatLiesWithRightChecksumsIsRejected() throws IOException {
        assertHeaderRejected(h -> h.replace("parameter.0.floats=3", "parameter.0.floats=4")
                .replace("parameter.0.state-floats=3,3", "parameter.0.state-floats=4,4"), "describes a file of");
        assertHeaderRejected(h -> h.replace("parameter.0.state-floats=3,3", "parameter.0.state-floats=3,4"),
                "describes a file of");
        assertHeaderRejected(h -> h.replace("parameter.0.state-floats=3,3", "parameter.0.state-floats=3"),
                "key parameter.0.state-floats: 1 counts for 2 state buffers");
        assertHeaderRejected(h -> h.replace("parameter.0.state-floats=3,3", "parameter.0.state-floats=3,5"),
                "key parameter.0.state-floats: not a count of at most the parameter's floats plus one: 5");
        assertHeaderRejected(h -> h.replace("parameter.0.floats=3", "parameter.0.floats=99999999999999999999"),
                "not a count");
        assertHeaderRejected(h -> h.replace("step-count=3", "step-count=-3"), "key step-count: not a count: -3");
        assertHeaderRejected(h -> h + "step-count=3\n", "key step-count appears twice");
        assertHeaderRejected(h -> h + "color=blue\n", "unexpected key color");
        assertHeaderRejected(h -> h.replace("parameter.1.name=layer1", "parameter.1.name=layer0"), "layer0 appears twice");
        assertHeaderRejected(h -> h.replace("parameters=2", "parameters=3"), "missing key parameter.2.name");
        assertHeaderRejected(h -> h.substring(0, h.length() - 1), "is not a key=value line");
        assertHeaderRejected(h -> h.replace("current=0.1]", "current=NaN]"), "manual rate NaN is not a learning rate");
        assertHeaderRejected(h -> h.replace("parameter.0.name=layer0", "parameter.0.name=\\q"), "bad escape");
    }

    @Test
    void valuesAnOptimizerCannotContinueFromAreRejected() throws IOException {
        for (String factor : new String[] {"NaN", "Infinity", "-1.0", "-0.5", "1.0E39"}) {
            assertHeaderRejected(h -> h.replace("parameter.1.learning-rate-factor=1.0",
                    "parameter.1.learning-rate-factor=" + factor), "key parameter.1.learning-rate-factor must be");
        }
        assertHeaderRejected(h -> h.replace("step-count=3", "step-count=" + Long.MAX_VALUE),
                "key step-count: 9223372036854775807 cannot be continued: one more step overflows a long "
                        + "(at most 9223372036854775806)");
        assertHeaderRejected(h -> h.replace("skipped-steps=0", "skipped-steps=" + Long.MAX_VALUE),
                "key skipped-steps: 9223372036854775807 cannot be continued");
    }

    private void assertHeaderRejected(UnaryOperator<String> edit, String message) throws IOException {
        byte[] edited = CheckpointBytes.withHeader(sound, edit);
        String problem = assertRejected(edited, message).getMessage();
        assertTrue(problem.contains(message), problem);
        Path file = CheckpointBytes.write(directory.resolve("edited.ckpt"), edited);
        problem = assertThrows(CorruptCheckpointException.class, () -> Checkpoint.read(file), message).getMessage();
        assertTrue(problem.contains(message), problem);
    }

    private CorruptCheckpointException assertRejected(byte[] bytes, String what) throws IOException {
        Path file = CheckpointBytes.write(directory.resolve("damaged.ckpt"), bytes);
        CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class, () -> Checkpoint.load(file, target), what);
        assertTrue(e.offset() >= 0 && e.offset() <= bytes.length, what + ": offset " + e.offset());
        assertTrue(e.getMessage().startsWith(file + ": corrupt checkpoint: " + e.section() + " at offset "), e.getMessage());
        before.assertSame(Snapshot.of(target, targetModel, targetRate), what);
        return e;
    }
}
