package dev.gradus.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.Optimizer;
import dev.gradus.Sgd;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.Arena;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files made to hurt the reader: huge declared counts and lengths, millions of names, a header
 * as large as the file, files that are not checkpoints at all (gigabytes of zeros, FIFOs,
 * directories, devices, loops of links). Each is rejected with a {@link CorruptCheckpointException}
 * or {@link CheckpointMismatchException}, never an {@link OutOfMemoryError} or a hang, allocating
 * at most {@code 2 S + 1 MiB} on the heap for a file of {@code S} bytes ({@link HeapBudget}).
 * The files are written from the format in {@code docs/checkpoints.md} with every checksum right,
 * so that the checks under attack are the ones past the checksums.
 */
class HostileFileTest {

    private static final String RULE = "Sgd[weightDecay=0.0, maximize=false]";
    private static final String SCHEDULE = "ConstantSchedule[a0=0.1]";

    @TempDir
    Path directory;

    @BeforeAll
    static void loadTheReaderOnce(@TempDir Path warmUp) throws IOException {
        Path file = CheckpointBytes.write(warmUp.resolve("warm.ckpt"), CheckpointBytes.build(1, top(0).toString()));
        Checkpoint.read(file);
        assertThrows(CorruptCheckpointException.class, () -> Checkpoint.read(CheckpointBytes.write(file, new byte[64])));
    }

    @Test
    void anEmptyParameterWithMillionsOfStateNames() throws IOException {
        int names = 2_800_000;
        StringBuilder header = top(1);
        parameter(header, 0, "x", 0, "a,".repeat(names - 1) + "a");
        byte[] bytes = CheckpointBytes.buildRaw(1, header.toString(), new byte[4 * names]);
        assertTrue(bytes.length > 16_000_000, "a file of " + bytes.length + " bytes");
        assertRejected(bytes, "key parameter.0.state: more than 8 state buffers");
    }

    @Test
    void hugeDeclaredCountsAndLengths() throws IOException {
        StringBuilder oneDeclaredAsMany = top(1_000_000_000_000_000L);
        parameter(oneDeclaredAsMany, 0, "w", 4, "");
        assertRejected(CheckpointBytes.build(1, oneDeclaredAsMany.toString()), "missing key parameter.1.name");
        for (long floats : new long[] {1L << 28, 1L << 40, (1L << 61) - 1, 1L << 61, Long.MAX_VALUE}) {
            StringBuilder huge = top(1);
            parameter(huge, 0, "w", floats, "velocity");
            String problem = rejected(CheckpointBytes.build(1, huge.toString(), new byte[0]), "floats " + floats);
            assertTrue(problem.contains("the header describes a file of") || problem.contains("overflow a file length"),
                    problem);
        }
        for (String count : new String[] {"-1", "01", "1e3", "", " 1", "0x10", "99999999999999999999"}) {
            StringBuilder bad = top(1);
            parameter(bad, 0, "w", 0, "");
            assertRejected(CheckpointBytes.build(1, bad.toString().replace("floats=0", "floats=" + count)),
                    "key parameter.0.floats: not a count: " + count);
        }
    }

    @Test
    void aHeaderLengthBeyondTheFileOrTheLimit() throws IOException {
        byte[] sound = CheckpointBytes.build(1, top(0).toString());
        for (int length : new int[] {sound.length - 31, Integer.MAX_VALUE, -1, Integer.MIN_VALUE}) {
            byte[] bytes = sound.clone();
            java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(12, length);
            assertRejected(bytes, "a header of " + Integer.toUnsignedLong(length) + " bytes does not fit in a file of "
                    + bytes.length + " bytes");
        }
    }

    @Test
    void aNameOfMegabytesBeforeADamagedSection() throws IOException {
        StringBuilder header = top(1);
        parameter(header, 0, "n".repeat(8 << 20), 2, "velocity");
        byte[] bytes = CheckpointBytes.build(1, header.toString().replace(RULE, MOMENTUM), new byte[8]);
        bytes[bytes.length - 12 - 5] ^= 1;
        assertRejected(bytes, "corrupt checkpoint: state velocity of parameter nnnnn");
    }

    @Test
    void thirtyThousandTinyParametersThenADamagedTrailer() throws IOException {
        int count = 30_000;
        StringBuilder header = top(count);
        for (int p = 0; p < count; p++) {
            parameter(header, p, "p" + p, 0, "");
        }
        byte[] bytes = CheckpointBytes.build(1, header.toString());
        bytes[bytes.length - 1] ^= 1;
        assertRejected(bytes, "corrupt checkpoint: trailer");
        byte[] sound = CheckpointBytes.build(1, header.toString());
        Path file = CheckpointBytes.write(directory.resolve("many.ckpt"), sound);
        try (Arena arena = Arena.ofConfined(); Optimizer optimizer = Optimizer.builder(Sgd.DEFAULT, 0.1).build()) {
            optimizer.add("p7", arena.allocate(8), arena.allocate(8));
            CheckpointMismatchException e = (CheckpointMismatchException) HeapBudget.assertRejectedWithin(
                    HeapBudget.of(sound.length), () -> Checkpoint.load(file, optimizer), "load of 30,000 parameters");
            assertEquals(CheckpointRestore.LISTED + 1, e.differences().size());
            assertEquals("parameter p0: in the file, not registered in the optimizer", e.differences().getFirst());
            assertEquals(0, optimizer.stepCount());
        }
    }

    @Test
    void gigabytesThatAreNotACheckpointAreRejectedAtTheirFirstBytes() throws IOException {
        for (long size : new long[] {2L << 30, 64L << 30}) {
            Path file = sparse(directory.resolve("zeros-" + size), size);
            long before = bytesThisThreadRead();
            HeapBudget.assertRejectedWithin(HeapBudget.SLACK, () -> Checkpoint.read(file), size + " zero bytes");
            long read = bytesThisThreadRead() - before;
            assertTrue(read <= 4096, "read " + read + " bytes of a non-checkpoint of " + size);
            try (Optimizer optimizer = Optimizer.builder(Sgd.DEFAULT, 0.1).build()) {
                String problem = HeapBudget.assertRejectedWithin(HeapBudget.SLACK, () -> Checkpoint.load(file, optimizer),
                        size + " zero bytes").getMessage();
                assertTrue(problem.endsWith("prefix at offset 0: not a Gradus checkpoint: it does not start with GRADUSCK"),
                        problem);
            }
            Files.delete(file);
        }
    }

    @Test
    void aSparseFileDeclaringGigabytesOfStateCostsNothingBeforeItsChecksum() throws IOException {
        long floats = 1L << 26;
        StringBuilder header = top(1);
        parameter(header, 0, "w", floats, "velocity");
        byte[] start = CheckpointBytes.build(1, header.toString().replace(RULE, MOMENTUM));
        Path file = sparse(directory.resolve("declared.ckpt"), start.length + floats * 4 + 4);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(start, 0, start.length - 12);
        }
        String problem = HeapBudget.assertRejectedWithin(HeapBudget.SLACK, () -> Checkpoint.read(file), "256 MiB of zero state")
                .getMessage();
        assertTrue(problem.contains("state velocity of parameter w at offset"), problem);
        try (Arena arena = Arena.ofConfined();
             Optimizer optimizer = Optimizer.builder(dev.gradus.Momentum.heavyBall(0.9), 0.1).build()) {
            optimizer.add("w", arena.allocate(16), arena.allocate(16));
            assertEquals(List.of("parameter w: 67108864 floats in the file, 4 in the optimizer"),
                    ((CheckpointMismatchException) HeapBudget.assertRejectedWithin(HeapBudget.SLACK,
                            () -> Checkpoint.load(file, optimizer), "256 MiB of declared state")).differences());
        }
    }

    @Test
    void aFifoADirectoryAndADeviceAreRefusedWithoutReadingOrBlocking() throws Exception {
        Path fifo = directory.resolve("fifo");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
        List<Path> notFiles = Files.exists(Path.of("/dev/zero")) ? List.of(fifo, directory, Path.of("/dev/zero"))
                : List.of(fifo, directory);
        for (Path path : notFiles) {
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                String problem = assertThrows(CorruptCheckpointException.class, () -> Checkpoint.read(path)).getMessage();
                assertTrue(problem.startsWith(path + ": corrupt checkpoint: file at offset 0: not a checkpoint: not a "
                        + "regular file but "), problem);
                try (Optimizer optimizer = Optimizer.builder(Sgd.DEFAULT, 0.1).build()) {
                    assertThrows(CorruptCheckpointException.class, () -> Checkpoint.load(path, optimizer));
                }
            }, path.toString());
        }
    }

    @Test
    void aLoopOfSymbolicLinksIsAnIOExceptionNamingThePath() throws IOException {
        Path a = directory.resolve("a");
        Path b = directory.resolve("b");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);
        FileSystemException e = assertThrows(FileSystemException.class, () -> Checkpoint.read(a));
        assertEquals(a.toString(), e.getFile());
    }

    private void assertRejected(byte[] bytes, String message) throws IOException {
        String problem = rejected(bytes, message);
        assertTrue(problem.contains(message), problem);
    }

    /** The message of rejecting {@code bytes} by {@link Checkpoint#read}, within the heap budget. */
    private String rejected(byte[] bytes, String what) throws IOException {
        Path file = CheckpointBytes.write(directory.resolve("hostile.ckpt"), bytes);
        return HeapBudget.assertRejectedWithin(HeapBudget.of(bytes.length), () -> Checkpoint.read(file), what)
                .getMessage();
    }

    private static final String MOMENTUM = "Momentum[momentum=0.9, dampening=0.0, nesterov=false, biasCorrection=false, "
            + "firstStepCopiesGradient=false, weightDecay=0.0, maximize=false]";

    /** The lines of a version-1 header before its parameters. */
    private static StringBuilder top(long parameters) {
        return new StringBuilder("created-by=a test\nstep-count=1\nskipped-steps=0\nrule=" + RULE + "\nschedule="
                + SCHEDULE + "\nparameters=" + parameters + "\n");
    }

    private static void parameter(StringBuilder header, int index, String name, long floats, String state) {
        String prefix = "parameter." + index + ".";
        header.append(prefix).append("name=").append(name).append('\n')
                .append(prefix).append("floats=").append(floats).append('\n')
                .append(prefix).append("rule=").append(RULE).append('\n')
                .append(prefix).append("learning-rate-factor=1.0\n")
                .append(prefix).append("state=").append(state).append('\n');
    }

    /**
     * The bytes this thread has read by system calls so far ({@code rchar} of
     * {@code /proc/thread-self/io}, Linux); a difference of two calls includes one read of that
     * file, about 100 bytes. 0 where there is no such file, which makes the check of bytes read
     * vacuous there.
     */
    private static long bytesThisThreadRead() throws IOException {
        Path io = Path.of("/proc/thread-self/io");
        if (!Files.isReadable(io)) {
            return 0;
        }
        String counters = Files.readString(io, java.nio.charset.StandardCharsets.US_ASCII);
        return Long.parseLong(counters.lines().filter(l -> l.startsWith("rchar:")).findFirst().orElseThrow()
                .substring("rchar:".length()).trim());
    }

    private static Path sparse(Path file, long size) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
        }
        return file;
    }
}
