package dev.gradus.checkpoint;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Opens checkpoint files for reading, and replaces a file atomically: readers of the path see the
 * old file or the complete new one, never a part, also after a crash or power loss at any moment.
 *
 * <ol>
 *   <li>resolve the path: if it is a symbolic link, the file it finally points to is replaced
 *       (as editors save through a link), and the link stays; a directory or other file that is
 *       not a regular one is refused;</li>
 *   <li>write {@code .gradus-<16 hex digits>.tmp} in that file's directory (created new, never an
 *       existing file; a short name, so that any legal file name can be saved to), then
 *       {@link FileChannel#force force} it to the device and close it;</li>
 *   <li>rename it over the file with {@link StandardCopyOption#ATOMIC_MOVE} (on POSIX systems
 *       {@code rename(2)}, which replaces an existing file atomically);</li>
 *   <li>force the directory, so that the rename itself survives a power loss. Where the platform
 *       cannot open a directory (Windows), this step is skipped: the rename is then durable when
 *       the file system's journal commits it.</li>
 * </ol>
 *
 * A failure before the rename deletes the temporary file and leaves the old file; a failure after
 * it leaves the new one. A crash before the rename may leave a {@code .gradus-*.tmp} file behind,
 * which is safe to delete. {@link CheckpointFaults} can make a test save fail before or after the rename.
 */
final class CheckpointFiles {

    /** What writes the new content. */
    @FunctionalInterface
    interface Content {
        void writeTo(FileChannel channel) throws IOException;
    }

    /** The most symbolic links followed from the path to the file, as Linux' {@code MAXSYMLINKS}. */
    static final int LARGEST_LINK_CHAIN = 40;

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

    /**
     * Replaces {@code file}, or the file its chain of symbolic links ends at, with what
     * {@code content} writes.
     *
     * @throws IllegalArgumentException if {@code file} names no file (a root directory)
     * @throws IOException              if the file is a directory or not a regular file, the links
     *                                  loop, or it cannot be written
     */
    static void replace(Path file, Content content) throws IOException {
        Path target = resolveLinks(file);
        Path directory = target.getParent();
        Path temporary = directory.resolve(".gradus-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
                + ".tmp");
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

    /**
     * The absolute path of the file {@code file}'s chain of symbolic links ends at ({@code file}
     * itself if it is no link), which may not exist yet; a link's relative target is resolved
     * against the link's directory.
     */
    private static Path resolveLinks(Path file) throws IOException {
        Path target = file.toAbsolutePath();
        for (int links = 0; Files.isSymbolicLink(target); links++) {
            if (links == LARGEST_LINK_CHAIN) {
                throw new FileSystemException(file.toString(), null, "more than " + LARGEST_LINK_CHAIN
                        + " symbolic links to follow (a loop?)");
            }
            target = target.resolveSibling(Files.readSymbolicLink(target));
        }
        if (target.getFileName() == null) {
            throw new IllegalArgumentException("file " + file + " names no file to save to, but a root directory");
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            throw new FileSystemException(file.toString(), null, "not a regular file but "
                    + (Files.isDirectory(target) ? "a directory" : "a FIFO, device or socket") + ": a checkpoint "
                    + "replaces a regular file");
        }
        return target;
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
