package dev.gradus.checkpoint;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file atomically: readers of the path see the old file or the complete new one,
 * never a part, also after a crash or power loss at any moment.
 *
 * <ol>
 *   <li>write {@code <name>.tmp-<16 hex digits>} in the same directory (created new, never an
 *       existing file), then {@link FileChannel#force force} it to the device and close it;</li>
 *   <li>rename it over the file with {@link StandardCopyOption#ATOMIC_MOVE} (on POSIX systems
 *       {@code rename(2)}, which replaces an existing file atomically);</li>
 *   <li>force the directory, so that the rename itself survives a power loss. Where the platform
 *       cannot open a directory (Windows), this step is skipped: the rename is then durable when
 *       the file system's journal commits it.</li>
 * </ol>
 *
 * A failure before the rename deletes the temporary file and leaves the old file; a failure after
 * it leaves the new one. A crash before the rename may leave a {@code .tmp-} file behind, which
 * is safe to delete. {@link CheckpointFaults} can make a test save fail before or after the rename.
 */
final class CheckpointFiles {

    /** What writes the new content. */
    @FunctionalInterface
    interface Content {
        void writeTo(FileChannel channel) throws IOException;
    }

    private CheckpointFiles() {
    }

    /**
     * Opens {@code file} for reading a checkpoint, following symbolic links, if it is a regular
     * file: a directory, a FIFO, a device such as {@code /dev/zero} or a socket is refused
     * before it is opened, so that nothing blocks on a FIFO without a writer or reads without
     * end. (The check and the open are two system calls: a FIFO put in the file's place between
     * them is opened, and the open waits for a writer.)
     *
     * @throws CorruptCheckpointException naming the kind of file, if it is not a regular file
     * @throws IOException                if it does not exist or cannot be read (a loop of
     *                                    symbolic links is a {@link java.nio.file.FileSystemException})
     */
    static CheckpointInput openForReading(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            throw new CorruptCheckpointException(file, "file", 0, "not a checkpoint: not a regular file but "
                    + (attributes.isDirectory() ? "a directory" : "a FIFO, device or socket"));
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return CheckpointInput.of(channel, file);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Replaces {@code file} with what {@code content} writes. */
    static void replace(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        Path temporary = directory.resolve(target.getFileName() + ".tmp-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                content.writeTo(channel);
                channel.force(true);
            }
            CheckpointFaults.reach(CheckpointFaults.Point.BEFORE_MOVE);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        CheckpointFaults.reach(CheckpointFaults.Point.AFTER_MOVE);
        forceDirectory(directory);
    }

    private static void forceDirectory(Path directory) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(directory, StandardOpenOption.READ);
        } catch (IOException platformRefuses) {
            return;
        }
        try (channel) {
            channel.force(true);
        }
    }
}
