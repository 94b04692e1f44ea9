package dev.gradus.checkpoint;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint that cannot be trusted: not a checkpoint (or, for a path, not a regular file),
 * truncated or extended, with bytes that disagree with their CRC32C checksum, or with a value past
 * the format's limits. Thrown by {@link Checkpoint#load} before anything of the optimizer is
 * changed, and by {@link Checkpoint#read}.
 *
 * <p>The message names the file (or {@code stream}, for a checkpoint read from a channel or
 * stream), the part of it where the damage shows ({@link #section()}: the prefix, the header, a
 * section of a parameter, the trailer or the file as a whole) and its byte {@link #offset()}. The
 * format is in {@code docs/checkpoints.md}.
 */
public final class CorruptCheckpointException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    /** The part of the checkpoint where the damage shows. */
    private final String section;
    /** The byte offset of that part. */
    private final long offset;

    /**
     * An exception about {@code file}, damaged in {@code section} at byte {@code offset}.
     *
     * @param file    the file, or null for a checkpoint read from a channel or stream
     * @param section the part of the checkpoint, for example {@code header}
     * @param offset  the byte offset of that part (or of the damaged field in it)
     * @param problem what is wrong, for the message
     */
    public CorruptCheckpointException(Path file, String section, long offset, String problem) {
        super((file == null ? "stream" : file.toString()) + ": corrupt checkpoint: " + section + " at offset " + offset
                + ": " + problem);
        this.file = file;
        this.section = section;
        this.offset = offset;
    }

    /**
     * The file.
     *
     * @return the file, or null for a checkpoint read from a channel or stream
     */
    public Path file() {
        return file;
    }

    /**
     * The part of the checkpoint where the damage shows.
     *
     * @return for example {@code state v of parameter fc.bias}
     */
    public String section() {
        return section;
    }

    /**
     * Where the damage shows.
     *
     * @return the byte offset where {@link #section()} (or the damaged field in it) starts
     */
    public long offset() {
        return offset;
    }
}
