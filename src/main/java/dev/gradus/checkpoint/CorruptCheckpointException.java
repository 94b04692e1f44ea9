package dev.gradus.checkpoint;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint file that cannot be trusted: not a checkpoint, truncated or extended, or with bytes
 * that disagree with their CRC32C checksum. Thrown by {@link Checkpoint#load} before anything of
 * the optimizer is changed, and by {@link Checkpoint#read}.
 *
 * <p>The message names the file, the part of it where the damage shows ({@link #section()}: the
 * prefix, the header, the state buffer of a parameter, the trailer or the file as a whole) and
 * its byte {@link #offset()}. The format is in {@code docs/checkpoints.md}.
 */
public final class CorruptCheckpointException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String section;
    private final long offset;

    /**
     * An exception about {@code file}, damaged in {@code section} at byte {@code offset}.
     *
     * @param problem what is wrong, for the message
     */
    public CorruptCheckpointException(Path file, String section, long offset, String problem) {
        super(file + ": corrupt checkpoint: " + section + " at offset " + offset + ": " + problem);
        this.file = file;
        this.section = section;
        this.offset = offset;
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** The part of the file where the damage shows, for example {@code state v of parameter fc.bias}. */
    public String section() {
        return section;
    }

    /** The byte offset in the file where {@link #section()} (or the damaged field in it) starts. */
    public long offset() {
        return offset;
    }
}
