package dev.gradus.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A sound checkpoint that does not fit the optimizer it is loaded into, or that another format
 * version wrote. Thrown by {@link Checkpoint#load} before anything of the optimizer is changed.
 *
 * <p>{@link #differences()} lists every difference found, one sentence each, for example
 * {@code parameter conv1.weight: 9408 floats in the file, 9000 in the optimizer} or
 * {@code rule: Adam[beta1=0.9, ...] in the file, Adam[beta1=0.95, ...] in the optimizer}; the
 * message is the file followed by all of them.
 */
public final class CheckpointMismatchException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    /** The differences, one sentence each. */
    private final String[] differences;

    /**
     * An exception about {@code file}.
     *
     * @param file        the file, or null for a checkpoint read from a channel or stream
     * @param differences at least one difference, each a sentence naming what differs and both values
     */
    public CheckpointMismatchException(Path file, List<String> differences) {
        super((file == null ? "stream" : file.toString()) + ": checkpoint does not match the optimizer: "
                + String.join("; ", differences));
        this.file = file;
        this.differences = differences.toArray(String[]::new);
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
     * The differences found.
     *
     * @return every difference, in the order of the file's header (at most 100, then a line
     *         saying there are more)
     */
    public List<String> differences() {
        return List.of(differences);
    }
}
