package dev.gradus.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.Adam;
import dev.gradus.Momentum;
import dev.gradus.Optimizer;
import dev.gradus.ParameterGroup;
import dev.gradus.internal.OptimizerAccess;
import dev.gradus.schedule.InverseTimeDecay;
import dev.gradus.schedule.ManualSchedule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints to and from channels, streams and byte arrays, with or without the parameters'
 * values: one self-describing model-plus-optimizer checkpoint restores both, exactly; a stream is
 * read exactly to the checkpoint's end; a stream that ends early anywhere, is no checkpoint, or
 * declares more than it sends is rejected after reading and allocating little.
 */
class StreamCheckpointTest {

    private static final List<ParameterGroup> GROUPS = List.of(ParameterGroup.named("default"),
            ParameterGroup.named("momentum").withRule(Momentum.nesterov(0.9)).withLearningRateFactor(0.5));

    @TempDir
    Path directory;

    private Arena arena;
    private ManualSchedule savedRate;
    private Optimizer saved;
    private Model model;

    @BeforeEach
    void stepThreeTimes() {
        arena = Arena.ofShared();
        savedRate = new ManualSchedule(0.5);
        saved = Optimizer.builder(Adam.adamW(), new InverseTimeDecay(0.01, 1).times(savedRate)).build();
        model = Model.random(arena, 21, new int[] {37, 5}, GROUPS).register(saved);
        for (int t = 0; t < 3; t++) {
            saved.step();
        }
        savedRate.set(0.25);
    }

    @AfterEach
    void close() {
        saved.close();
        arena.close();
    }

    @Test
    void modelAndOptimizerInOneCheckpointResumeExactly() throws IOException {
        byte[] bytes = Checkpoint.toBytes(saved, Checkpoint.Contents.WITH_PARAMETERS);
        ManualSchedule resumedRate = new ManualSchedule(1);
        try (Optimizer resumed = Optimizer.builder(Adam.adamW(), new InverseTimeDecay(0.01, 1).times(resumedRate)).build()) {
            Model other = scrambledValues(model.copy(arena)).register(resumed, true);
            Checkpoint.load(new ByteArrayInputStream(bytes), resumed);
            Snapshot.of(saved, model, savedRate).assertSame(Snapshot.of(resumed, other, resumedRate), "after the load");
            for (int t = 0; t < 3; t++) {
                saved.step();
                resumed.step();
                Snapshot.of(saved, model, savedRate).assertSame(Snapshot.of(resumed, other, resumedRate), "step " + t);
            }
        }
        CheckpointInfo info = Checkpoint.read(new ByteArrayInputStream(bytes));
        assertTrue(info.parameterValues());
        assertEquals(5, info.formatVersion());
    }

    @Test
    void aStreamIsReadExactlyToTheCheckpointsEnd() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("model:".getBytes(StandardCharsets.US_ASCII));
        long state = Checkpoint.save(saved, out, Checkpoint.Contents.STATE);
        long all = Checkpoint.save(saved, Channels.newChannel(out), Checkpoint.Contents.WITH_PARAMETERS);
        out.write(":end".getBytes(StandardCharsets.US_ASCII));
        byte[] bytes = out.toByteArray();
        assertEquals(6 + state + all + 4, bytes.length);
        assertArrayEquals(Checkpoint.toBytes(saved, Checkpoint.Contents.STATE),
                java.util.Arrays.copyOfRange(bytes, 6, 6 + (int) state));
        Path file = directory.resolve("state.ckpt");
        Checkpoint.save(saved, file);
        assertArrayEquals(CheckpointBytes.read(file), java.util.Arrays.copyOfRange(bytes, 6, 6 + (int) state));

        InputStream in = new ByteArrayInputStream(bytes);
        assertEquals(6, in.skip(6));
        assertEquals(false, Checkpoint.read(in).parameterValues());
        try (Optimizer resumed = Optimizer.builder(Adam.adamW(), new InverseTimeDecay(0.01, 1).times(new ManualSchedule(1)))
                .build()) {
            Model other = scrambledValues(model.copy(arena)).register(resumed);
            Checkpoint.load(in, resumed);
            assertEquals(model.values().stream().map(java.util.Arrays::toString).toList(),
                    other.values().stream().map(java.util.Arrays::toString).toList());
        }
        assertEquals(":end", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    }

    /** Every length in the prefix, the sections and the trailer; every 37th in the header, read by one loop. */
    @Test
    void aStreamEndingAnywhereIsRejectedAndTheOptimizerUnchanged() throws IOException {
        byte[] bytes = Checkpoint.toBytes(saved, Checkpoint.Contents.WITH_PARAMETERS);
        ManualSchedule rate = new ManualSchedule(1);
        try (Optimizer target = Optimizer.builder(Adam.adamW(), new InverseTimeDecay(0.01, 1).times(rate)).build()) {
            Model other = scrambledValues(model.copy(arena)).register(target);
            target.step();
            Snapshot before = Snapshot.of(target, other, rate);
            int sections = 16 + ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(12) + 4;
            for (int cut = 0; cut < bytes.length; cut += cut < 32 || cut >= sections - 8 ? 1 : 37) {
                int length = cut;
                InputStream truncated = new ByteArrayInputStream(bytes, 0, length);
                String what = "ended after " + length + " bytes";
                String problem = HeapBudget.assertRejectedWithin(HeapBudget.of(length),
                        () -> Checkpoint.load(truncated, target), what).getMessage();
                assertTrue(problem.startsWith("stream: corrupt checkpoint: "), problem);
                HeapBudget.assertRejectedWithin(HeapBudget.of(length),
                        () -> Checkpoint.read(new ByteArrayInputStream(bytes, 0, length)), what);
            }
            before.assertSame(Snapshot.of(target, other, rate), "after every rejected load");
        }
    }

    @Test
    void endlessZerosAreRejectedAfterTheirFirstBytes() {
        CountingZeros zeros = new CountingZeros();
        String problem = HeapBudget.assertRejectedWithin(HeapBudget.SLACK, () -> Checkpoint.read(zeros), "zeros")
                .getMessage();
        assertEquals("stream: corrupt checkpoint: prefix at offset 0: not a Gradus checkpoint: it does not start with "
                + "GRADUSCK", problem);
        assertTrue(zeros.read <= 4096, zeros.read + " bytes read");
    }

    @Test
    void aDeclaredHeaderLongerThanWhatArrivesCostsWhatArrived() {
        ByteBuffer prefix = ByteBuffer.allocate(116).order(ByteOrder.LITTLE_ENDIAN);
        prefix.put("GRADUSCK".getBytes(StandardCharsets.US_ASCII)).putInt(2).putInt(CheckpointFormat.LARGEST_HEADER);
        String problem = HeapBudget.assertRejectedWithin(HeapBudget.SLACK,
                () -> Checkpoint.read(new ByteArrayInputStream(prefix.array())), "a header of 256 MiB declared").getMessage();
        assertEquals("stream: corrupt checkpoint: header at offset 116: the stream ended after 116 bytes, in the middle "
                + "of the checkpoint (truncated)", problem);
        prefix.putInt(12, CheckpointFormat.LARGEST_HEADER + 1);
        assertEquals("stream: corrupt checkpoint: prefix at offset 12: a header of 268435457 bytes does not fit the limit "
                        + "of 268435456 bytes",
                assertThrows(CorruptCheckpointException.class,
                        () -> Checkpoint.read(new ByteArrayInputStream(prefix.array()))).getMessage());
    }

    @Test
    void anotherVersionInAStreamIsAMismatchWithoutReadingOn() {
        byte[] bytes = CheckpointBytes.withVersion(Checkpoint.toBytes(saved, Checkpoint.Contents.STATE), 6);
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class, () -> Checkpoint.read(in));
        assertEquals(List.of("format version 6 in the file, this Gradus reads versions 1 to 5"), e.differences());
        assertEquals(bytes.length - 16, in.available());
    }

    @Test
    void nonBlockingChannelsAreRefused() throws IOException {
        Pipe pipe = Pipe.open();
        try (Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink()) {
            source.configureBlocking(false);
            sink.configureBlocking(false);
            assertEquals("channel is in non-blocking mode: a checkpoint is read with blocking reads",
                    assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(source)).getMessage());
            assertEquals("channel is in non-blocking mode: a checkpoint is written with blocking writes",
                    assertThrows(IllegalArgumentException.class,
                            () -> Checkpoint.save(saved, sink, Checkpoint.Contents.STATE)).getMessage());
        }
    }

    @Test
    void eachParametersStepCountIsKept() throws IOException {
        byte[] bytes = Checkpoint.toBytes(saved, Checkpoint.Contents.STATE);
        for (CheckpointInfo.Parameter parameter : Checkpoint.read(new ByteArrayInputStream(bytes)).parameters()) {
            assertEquals(OptimizerAccess.get().parameterStepCount(saved, parameter.name()), parameter.stepCount());
        }
        byte[] edited = CheckpointBytes.withHeader(bytes, h -> h.replace("parameter.1.step-count=3", "parameter.1.step-count=1"));
        assertEquals(List.of(3L, 1L), Checkpoint.read(new ByteArrayInputStream(edited)).parameters().stream()
                .map(CheckpointInfo.Parameter::stepCount).toList());
        ParsedHeader header = new CheckpointReader(CheckpointInput.of(Channels.newChannel(new ByteArrayInputStream(edited))))
                .header();
        assertEquals(Map.of("layer0", 3L, "layer1", 1L), CheckpointRestore.prepare(null, header, saved).parameterStepCounts());
        byte[] ahead = CheckpointBytes.withHeader(bytes, h -> h.replace("parameter.1.step-count=3", "parameter.1.step-count=4"));
        assertEquals("stream: corrupt checkpoint: header at offset 16: key parameter.1.step-count: 4 is more than the "
                + "optimizer's step count 3", assertThrows(CorruptCheckpointException.class,
                () -> Checkpoint.read(new ByteArrayInputStream(ahead))).getMessage());
    }

    /** {@code copy} with its values overwritten, so that only a load can give them back. */
    private static Model scrambledValues(Model copy) {
        copy.tensors.forEach(t -> t.values().fill((byte) 0x5a));
        return copy;
    }

    /** A stream of zeros without end, counting what it hands out. */
    private static final class CountingZeros extends InputStream {

        long read;

        @Override
        public int read() {
            read++;
            return 0;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) {
            java.util.Arrays.fill(bytes, offset, offset + length, (byte) 0);
            read += length;
            return length;
        }
    }
}
