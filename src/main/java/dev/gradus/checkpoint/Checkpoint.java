package dev.gradus.checkpoint;

import dev.gradus.Optimizer;
import dev.gradus.internal.ArgumentChecks;
import dev.gradus.internal.OptimizerAccess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * Saves an {@link Optimizer}'s state, and optionally its parameters' values, to a file, a channel,
 * a stream or a byte array, and loads it back, for resuming training exactly.
 *
 * <pre>{@code
 * Checkpoint.save(optimizer, Path.of("run/optimizer.ckpt"));   // with your own save of the parameters
 * ...
 * try (Optimizer resumed = Optimizer.builder(rule, schedule).build()) {
 *     resumed.add("conv1.weight", w1, g1);                      // the same names, sizes and groups,
 *     resumed.add("conv1.bias", b1, gb1, noDecay);              // over the restored parameter values
 *     Checkpoint.load(Path.of("run/optimizer.ckpt"), resumed);
 *     ... resumed.step() continues where the saved optimizer stopped, bit for bit
 * }
 *
 * // model and optimizer in one self-describing file: the values are restored too
 * Checkpoint.save(optimizer, out, Checkpoint.Contents.WITH_PARAMETERS);
 * Checkpoint.load(in, resumed);
 * }</pre>
 *
 * <p><b>What is saved.</b> The optimizer's rule and schedule (as text: every hyperparameter, and
 * the current rate of a {@link dev.gradus.schedule.ManualSchedule}), its step counter and count of
 * skipped steps, and for every registered parameter its name, size, rule, learning-rate factor,
 * its own step count (the {@code t} its bias corrections continue from) and every state buffer
 * (Adam's {@code m} and {@code v}, ...); with {@link Contents#WITH_PARAMETERS}, also every
 * parameter's values. Never the gradients, nor the thread count: results are the same for any.
 *
 * <p><b>Guarantees.</b>
 * <ul>
 *   <li><i>Exact resume.</i> Save after step {@code k}, load into a fresh optimizer built with the
 *       same rule and schedule over the same parameter values (restored by the load itself with
 *       {@link Contents#WITH_PARAMETERS}) and gradients: every following step gives the
 *       parameters and state, bit for bit, of a run that was never interrupted.</li>
 *   <li><i>Atomic save.</i> A file is written under a short temporary name in the same directory,
 *       forced to the device and renamed over {@code file}, then the directory is forced: at every
 *       moment, crashes included, {@code file} is the previous checkpoint or the complete new one.
 *       A symbolic link is followed: the file it points to is replaced and the link stays.</li>
 *   <li><i>Verified, all-or-nothing load.</i> The checkpoint is verified (magic, version, lengths,
 *       a CRC32C checksum over the header, each section and the whole) and compared with the
 *       optimizer before anything is changed. Any failure leaves the optimizer's state, values,
 *       step counters and manual rates exactly as they were.</li>
 *   <li><i>Bounded.</i> Nothing is allocated for a size the checkpoint declares before it is
 *       checked against the file's length (a stream's: the format's limits, and the bytes that
 *       have arrived); a rejected file of {@code S} bytes costs at most about {@code 2 S} of heap,
 *       anything that does not start with the magic is rejected after its first 8 bytes, and a
 *       path that is not a regular file (a FIFO, a device, a directory) is refused before it is
 *       opened.</li>
 *   <li><i>Consistent.</i> Save and load hold the optimizer as a step does: a concurrent
 *       {@link Optimizer#step()} fails with {@link IllegalStateException} rather than interleave.
 *       A stream is written and read while the optimizer is held.</li>
 * </ul>
 *
 * <p>Streams and channels are read and written from their current position and never closed; a
 * read or load reads exactly the checkpoint's bytes, so that other data may follow it in the same
 * stream. The format, byte by byte, is in {@code docs/checkpoints.md}: a magic and format version,
 * a UTF-8 header of {@code key=value} lines humans can read, the sections as little-endian
 * floats, CRC32C checksums and a trailer. This version writes format 2 and reads formats 1 and 2.
 */
public final class Checkpoint {

    /** What a checkpoint holds besides the optimizer's state. */
    public enum Contents {
        /** The optimizer's state only: the parameter values are saved with the model. */
        STATE,
        /** The state and every registered parameter's values: model and optimizer in one checkpoint. */
        WITH_PARAMETERS
    }

    private static final long LARGEST_ARRAY = Integer.MAX_VALUE - 8;

    private Checkpoint() {
    }

    /**
     * Saves {@code optimizer}'s state ({@link Contents#STATE}) to {@code file}, replacing it
     * atomically; through a symbolic link, the file it points to.
     *
     * @param optimizer the optimizer
     * @param file      a regular file, or a path where one can be created
     * @throws IOException              if the file cannot be written (a directory, a loop of links,
     *                                  ...); {@code file} is then unchanged, or (if the failure came
     *                                  after the rename) the new checkpoint
     * @throws IllegalArgumentException if {@code file} names no file, such as a root directory
     * @throws IllegalStateException    if the optimizer is closed, failed, or a step runs on another
     *                                  thread, or its checkpoint would pass a limit of the format
     *                                  (a header of more than 256 MiB)
     */
    public static void save(Optimizer optimizer, Path file) throws IOException {
        save(optimizer, file, Contents.STATE);
    }

    /**
     * Saves {@code optimizer} with {@code contents} to {@code file}, replacing it atomically;
     * through a symbolic link, the file it points to.
     *
     * @param optimizer the optimizer
     * @param file      a regular file, or a path where one can be created
     * @param contents  whether the parameters' values are saved too
     * @throws IOException              if the file cannot be written (a directory, a loop of links,
     *                                  ...); {@code file} is then unchanged, or (if the failure came
     *                                  after the rename) the new checkpoint
     * @throws IllegalArgumentException if {@code file} names no file, such as a root directory
     * @throws IllegalStateException    if the optimizer is closed, failed, or a step runs on another
     *                                  thread, or its checkpoint would pass a limit of the format
     *                                  (a header of more than 256 MiB)
     */
    public static void save(Optimizer optimizer, Path file, Contents contents) throws IOException {
        ArgumentChecks.requireNonNull("optimizer", optimizer);
        ArgumentChecks.requireNonNull("file", file);
        ArgumentChecks.requireNonNull("contents", contents);
        holding(optimizer, "save", () -> {
            ParsedHeader header = header(optimizer, contents);
            CheckpointFiles.replace(file, channel -> CheckpointWriter.write(channel, header,
                    OptimizerAccess.get().registered(optimizer)));
            return null;
        });
    }

    /**
     * Writes {@code optimizer} with {@code contents} to {@code channel}, from its position, front
     * to back; the channel is not closed. A failure may leave part of a checkpoint written.
     *
     * @param optimizer the optimizer
     * @param channel   a channel in blocking mode
     * @param contents  whether the parameters' values are saved too
     * @return the number of bytes written
     * @throws IOException              if the channel fails
     * @throws IllegalArgumentException if the channel is in non-blocking mode
     * @throws IllegalStateException    if the optimizer is closed, failed, or a step runs on another
     *                                  thread, or its checkpoint would pass a limit of the format
     *                                  (a header of more than 256 MiB)
     */
    public static long save(Optimizer optimizer, WritableByteChannel channel, Contents contents) throws IOException {
        ArgumentChecks.requireNonNull("optimizer", optimizer);
        ArgumentChecks.requireNonNull("channel", channel);
        ArgumentChecks.requireNonNull("contents", contents);
        if (channel instanceof SelectableChannel selectable && !selectable.isBlocking()) {
            throw new IllegalArgumentException("channel is in non-blocking mode: a checkpoint is written with blocking writes");
        }
        return holding(optimizer, "save", () -> CheckpointWriter.write(channel, header(optimizer, contents),
                OptimizerAccess.get().registered(optimizer)));
    }

    /**
     * Writes {@code optimizer} with {@code contents} to {@code out} and flushes it; the stream is
     * not closed. A failure may leave part of a checkpoint written.
     *
     * @param optimizer the optimizer
     * @param out       the stream
     * @param contents  whether the parameters' values are saved too
     * @return the number of bytes written
     * @throws IOException           if the stream fails
     * @throws IllegalStateException if the optimizer is closed, failed, or a step runs on another
     *                               thread, or its checkpoint would pass a limit of the format
     */
    public static long save(Optimizer optimizer, OutputStream out, Contents contents) throws IOException {
        ArgumentChecks.requireNonNull("out", out);
        long written = save(optimizer, Channels.newChannel(out), contents);
        out.flush();
        return written;
    }

    /**
     * The checkpoint of {@code optimizer} with {@code contents} as bytes, for example to send it
     * or keep it in memory; {@link #load(InputStream, Optimizer)} of a
     * {@link java.io.ByteArrayInputStream} over them restores it.
     *
     * @param optimizer the optimizer
     * @param contents  whether the parameters' values are saved too
     * @return the checkpoint
     * @throws IllegalStateException if the checkpoint would not fit in a byte array (2 GiB) or pass a
     *                               limit of the format, or the optimizer is closed, failed, or a
     *                               step runs on another thread
     */
    public static byte[] toBytes(Optimizer optimizer, Contents contents) {
        ArgumentChecks.requireNonNull("optimizer", optimizer);
        ArgumentChecks.requireNonNull("contents", contents);
        try {
            return holding(optimizer, "save", () -> {
                ParsedHeader header = header(optimizer, contents);
                long length = CheckpointFormat.fileBytes(header);
                if (length > LARGEST_ARRAY) {
                    throw new IllegalStateException("the checkpoint takes " + length + " bytes, more than a byte array holds");
                }
                ByteBuffer bytes = ByteBuffer.allocate((int) length);
                CheckpointWriter.write(new ArrayChannel(bytes), header, OptimizerAccess.get().registered(optimizer));
                return bytes.array();
            });
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
    }

    /**
     * Restores the checkpoint in {@code file} into {@code optimizer}: every state buffer, the step
     * counters (the optimizer's and each parameter's), the count of skipped steps, the current
     * rate of each manual schedule and, if the file holds them, the parameters' values. The
     * optimizer must have the file's rule and schedule and the same parameters registered (by
     * name, in any order) with the same sizes, groups' rules and learning-rate factors. While the
     * file is read it needs memory for its header and, off the heap, for a copy of what it
     * restores; a file that does not fit the optimizer is rejected before its state is read.
     *
     * @param file      the checkpoint
     * @param optimizer the optimizer to restore
     * @throws CorruptCheckpointException  if the file is not a sound checkpoint, or not a regular file
     * @throws CheckpointMismatchException if it does not fit the optimizer, or another format
     *                                     version wrote it; the differences are named
     * @throws IOException                 if the file cannot be read
     * @throws IllegalStateException       if the optimizer is closed or a step runs on another
     *                                     thread, or the file holds values and a parameter's values
     *                                     cannot be written from this thread
     */
    public static void load(Path file, Optimizer optimizer) throws IOException {
        ArgumentChecks.requireNonNull("file", file);
        ArgumentChecks.requireNonNull("optimizer", optimizer);
        try (CheckpointInput in = CheckpointFiles.openForReading(file)) {
            load(in, optimizer);
        }
    }

    /**
     * {@link #load(Path, Optimizer)} from {@code channel}, from its position: reads exactly the
     * checkpoint's bytes and leaves the channel open. A stream has no length to check declared
     * sizes against: they are bounded by the format's limits, and by the optimizer's own sizes
     * before anything of that size is allocated.
     *
     * @param channel   a channel in blocking mode
     * @param optimizer the optimizer to restore
     * @throws CorruptCheckpointException  if it is not a sound checkpoint, or ends early
     * @throws CheckpointMismatchException if it does not fit the optimizer, or another format version wrote it
     * @throws IOException                 if the channel fails
     * @throws IllegalArgumentException    if the channel is in non-blocking mode
     * @throws IllegalStateException       as for {@link #load(Path, Optimizer)}
     */
    public static void load(ReadableByteChannel channel, Optimizer optimizer) throws IOException {
        ArgumentChecks.requireNonNull("channel", channel);
        ArgumentChecks.requireNonNull("optimizer", optimizer);
        load(CheckpointInput.of(channel), optimizer);
    }

    /**
     * {@link #load(ReadableByteChannel, Optimizer)} from {@code in}: reads exactly the checkpoint's
     * bytes and leaves the stream open.
     *
     * @param in        the stream
     * @param optimizer the optimizer to restore
     * @throws CorruptCheckpointException  if it is not a sound checkpoint, or ends early
     * @throws CheckpointMismatchException if it does not fit the optimizer, or another format version wrote it
     * @throws IOException                 if the stream fails
     * @throws IllegalStateException       as for {@link #load(Path, Optimizer)}
     */
    public static void load(InputStream in, Optimizer optimizer) throws IOException {
        ArgumentChecks.requireNonNull("in", in);
        load(Channels.newChannel(in), optimizer);
    }

    /**
     * Reads and verifies {@code file} (every checksum) and returns what it describes. It holds the
     * header in memory, not the state.
     *
     * @param file the checkpoint
     * @return its description
     * @throws CorruptCheckpointException  if the file is not a sound checkpoint, or not a regular file
     * @throws CheckpointMismatchException if another format version wrote it
     * @throws IOException                 if the file cannot be read
     */
    public static CheckpointInfo read(Path file) throws IOException {
        ArgumentChecks.requireNonNull("file", file);
        try (CheckpointInput in = CheckpointFiles.openForReading(file)) {
            return read(in);
        }
    }

    /**
     * {@link #read(Path)} from {@code channel}, from its position: reads exactly the checkpoint's
     * bytes and leaves the channel open.
     *
     * @param channel a channel in blocking mode
     * @return the checkpoint's description
     * @throws CorruptCheckpointException  if it is not a sound checkpoint, or ends early
     * @throws CheckpointMismatchException if another format version wrote it
     * @throws IOException                 if the channel fails
     * @throws IllegalArgumentException    if the channel is in non-blocking mode
     */
    public static CheckpointInfo read(ReadableByteChannel channel) throws IOException {
        ArgumentChecks.requireNonNull("channel", channel);
        return read(CheckpointInput.of(channel));
    }

    /**
     * {@link #read(Path)} from {@code in}: reads exactly the checkpoint's bytes and leaves the
     * stream open.
     *
     * @param in the stream
     * @return the checkpoint's description
     * @throws CorruptCheckpointException  if it is not a sound checkpoint, or ends early
     * @throws CheckpointMismatchException if another format version wrote it
     * @throws IOException                 if the stream fails
     */
    public static CheckpointInfo read(InputStream in) throws IOException {
        ArgumentChecks.requireNonNull("in", in);
        return read(Channels.newChannel(in));
    }

    private static ParsedHeader header(Optimizer optimizer, Contents contents) {
        return CheckpointWriter.header(CheckpointInfo.of(optimizer, contents == Contents.WITH_PARAMETERS));
    }

    private static CheckpointInfo read(CheckpointInput in) throws IOException {
        CheckpointReader reader = new CheckpointReader(in);
        ParsedHeader header = reader.header();
        reader.sections((p, s, bytes) -> null);
        reader.trailer();
        return header.info();
    }

    /** Reads the header, then, holding the optimizer, compares, reads the sections into staging memory and applies them. */
    private static void load(CheckpointInput in, Optimizer optimizer) throws IOException {
        CheckpointReader reader = new CheckpointReader(in);
        ParsedHeader header = reader.header();
        holding(optimizer, "load", () -> {
            CheckpointRestore restore = CheckpointRestore.prepare(in.file(), header, optimizer);
            try (Arena staging = Arena.ofConfined()) {
                reader.sections(restore.staging(staging));
                reader.trailer();
                restore.apply();
            }
            return null;
        });
    }

    @FunctionalInterface
    private interface Action<T> {
        T run() throws IOException;
    }

    /** Runs {@code action} under {@link OptimizerAccess#exclusively}, letting its {@link IOException} through. */
    private static <T> T holding(Optimizer optimizer, String operation, Action<T> action) throws IOException {
        try {
            return OptimizerAccess.get().exclusively(optimizer, operation, () -> {
                try {
                    return action.run();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** A channel that fills a byte buffer of the right size. */
    private static final class ArrayChannel implements WritableByteChannel {

        private final ByteBuffer bytes;

        ArrayChannel(ByteBuffer bytes) {
            this.bytes = bytes;
        }

        @Override
        public int write(ByteBuffer source) {
            int n = source.remaining();
            bytes.put(source);
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
