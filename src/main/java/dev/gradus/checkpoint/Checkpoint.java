package dev.gradus.checkpoint;

import dev.gradus.Optimizer;
import dev.gradus.internal.ArgumentChecks;
import dev.gradus.internal.OptimizerAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;

/**
 * Saves an {@link Optimizer}'s state to a file and loads it back, for resuming training exactly.
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
 * }</pre>
 *
 * <p><b>What is saved.</b> The optimizer's rule and schedule (as text: every hyperparameter, and
 * the current rate of a {@link dev.gradus.schedule.ManualSchedule}), its step counter and count of
 * skipped steps, and for every registered parameter its name, size, rule, learning-rate factor
 * and every state buffer (Adam's {@code m} and {@code v}, ...). Not the parameter values or
 * gradients: they are the caller's, saved with the model. The thread count is not saved either:
 * results are the same for any.
 *
 * <p><b>Guarantees.</b>
 * <ul>
 *   <li><i>Exact resume.</i> Save after step {@code k}, load into a fresh optimizer built with the
 *       same rule and schedule over the same parameter values and gradients: every following step
 *       gives the parameters and state, bit for bit, of a run that was never interrupted.</li>
 *   <li><i>Atomic save.</i> The file is written under a short temporary name in the same directory,
 *       forced to the device and renamed over {@code file}, then the directory is forced: at every
 *       moment, crashes included, {@code file} is the previous checkpoint or the complete new one.
 *       A symbolic link is followed: the file it points to is replaced and the link stays.</li>
 *   <li><i>Verified, all-or-nothing load.</i> The file is verified (magic, version, lengths, a
 *       CRC32C checksum over the header, each state buffer and the whole file) and compared with
 *       the optimizer before anything is changed. Any failure leaves the optimizer's state, step
 *       counter and manual rates exactly as they were.</li>
 *   <li><i>Bounded.</i> Nothing is allocated for a size the file declares before it is checked
 *       against the file's length and the format's limits; a rejected file of {@code S} bytes
 *       costs at most about {@code 2 S} of heap, a file that does not start with the magic is
 *       rejected after its first 8 bytes, and a path that is not a regular file (a FIFO, a
 *       device, a directory) is refused before it is opened.</li>
 *   <li><i>Consistent.</i> Save and load hold the optimizer as a step does: a concurrent
 *       {@link Optimizer#step()} fails with {@link IllegalStateException} rather than interleave.</li>
 * </ul>
 *
 * <p>The file format, byte by byte, is in {@code docs/checkpoints.md}: a magic and format
 * version, a UTF-8 header of {@code key=value} lines humans can read, the state buffers as
 * little-endian floats, CRC32C checksums and a trailer.
 */
public final class Checkpoint {

    private Checkpoint() {
    }

    /**
     * Saves {@code optimizer} to {@code file}, replacing it atomically; through a symbolic link,
     * the file it points to.
     *
     * @param optimizer the optimizer
     * @param file      a regular file, or a path where one can be created
     * @throws IOException              if the file cannot be written (a directory, a loop of links,
     *                                  ...); {@code file} is then unchanged, or (if the failure came
     *                                  after the rename) the new checkpoint
     * @throws IllegalArgumentException if {@code file} names no file, such as a root directory
     * @throws IllegalStateException    if the optimizer is closed, failed, or a step runs on another thread
     */
    public static void save(Optimizer optimizer, Path file) throws IOException {
        ArgumentChecks.requireNonNull("optimizer", optimizer);
        ArgumentChecks.requireNonNull("file", file);
        holding(optimizer, "save", () -> {
            ParsedHeader header = CheckpointWriter.header(CheckpointInfo.of(optimizer, false));
            CheckpointFiles.replace(file, channel -> CheckpointWriter.write(channel, header,
                    OptimizerAccess.get().registered(optimizer)));
        });
    }

    /**
     * Restores the state saved in {@code file} into {@code optimizer}: every state buffer, the step
     * counter, the count of skipped steps and the current rate of each manual schedule. The
     * optimizer must have the file's rule and schedule and the same parameters registered (by
     * name, in any order) with the same sizes, groups' rules and learning-rate factors. While the
     * file is read it needs memory for its header and, off the heap, for a copy of the optimizer's
     * state; a file that does not fit the optimizer is rejected before its state is read.
     *
     * @throws CorruptCheckpointException  if the file is not a sound checkpoint, or not a regular file
     * @throws CheckpointMismatchException if it does not fit the optimizer, or another format
     *                                     version wrote it; the differences are named
     * @throws IOException                 if the file cannot be read
     * @throws IllegalStateException       if the optimizer is closed or a step runs on another thread
     */
    public static void load(Path file, Optimizer optimizer) throws IOException {
        ArgumentChecks.requireNonNull("file", file);
        ArgumentChecks.requireNonNull("optimizer", optimizer);
        try (CheckpointInput in = CheckpointFiles.openForReading(file)) {
            load(in, optimizer);
        }
    }

    /**
     * Reads and verifies {@code file} (every checksum) and returns what it describes. It holds
     * the header in memory, not the state.
     *
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

    private static CheckpointInfo read(CheckpointInput in) throws IOException {
        CheckpointReader reader = new CheckpointReader(in);
        ParsedHeader header = reader.header();
        reader.sections((p, s, bytes) -> null);
        reader.trailer();
        return header.info();
    }

    /** Reads the header, then, holding the optimizer, compares, reads the state into staging memory and applies it. */
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
        });
    }

    @FunctionalInterface
    private interface Action {
        void run() throws IOException;
    }

    /** Runs {@code action} under {@link OptimizerAccess#exclusively}, letting its {@link IOException} through. */
    private static void holding(Optimizer optimizer, String operation, Action action) throws IOException {
        try {
            OptimizerAccess.get().exclusively(optimizer, operation, () -> {
                try {
                    action.run();
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
