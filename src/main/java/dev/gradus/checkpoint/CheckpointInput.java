package dev.gradus.checkpoint;

import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The bytes of a checkpoint, read in order from a file or a caller's channel or stream, exactly
 * as many as asked for (never ahead, so that a stream is left just past a checkpoint that was
 * read whole). Every byte read is added to the running CRC32C of the file. Reaching the end early
 * is a {@link CorruptCheckpointException}: the file or stream is truncated.
 *
 * <p>The size is known for a file this class opened ({@link #size()}), so that every length the
 * checkpoint declares can be bounded by it before anything is allocated; a channel or stream has
 * none, and lengths are bounded by the format's limits and read incrementally.
 */
final class CheckpointInput implements Closeable {

    /** Reads through a native or heap segment go in slices of at most this many bytes (a {@code ByteBuffer}'s limit). */
    private static final long SLICE = 1 << 30;

    private final ReadableByteChannel channel;
    private final Path file;
    private final long size;
    private final boolean owned;
    private final CRC32C fileCrc = new CRC32C();
    private long position;

    private CheckpointInput(ReadableByteChannel channel, Path file, long size, boolean owned) {
        this.channel = channel;
        this.file = file;
        this.size = size;
        this.owned = owned;
    }

    /** A file opened by {@link CheckpointFiles#openForReading}; closed by {@link #close()}. */
    static CheckpointInput of(FileChannel channel, Path file) throws IOException {
        return new CheckpointInput(channel, file, channel.size(), true);
    }

    /**
     * A caller's channel, read from its current position; {@link #close()} leaves it open.
     *
     * @throws IllegalArgumentException if the channel is in non-blocking mode
     */
    static CheckpointInput of(ReadableByteChannel channel) {
        if (channel instanceof SelectableChannel selectable && !selectable.isBlocking()) {
            throw new IllegalArgumentException("channel is in non-blocking mode: a checkpoint is read with blocking reads");
        }
        return new CheckpointInput(channel, null, -1, false);
    }

    /** The file, or null for a caller's channel or stream. */
    Path file() {
        return file;
    }

    /** The size of the file, or {@code -1} for a channel or stream. */
    long size() {
        return size;
    }

    /** How many bytes were read: the offset of the next one. */
    long position() {
        return position;
    }

    /** The CRC32C of every byte read so far. */
    int crc() {
        return (int) fileCrc.getValue();
    }

    /**
     * Fills the remaining bytes of {@code buffer}, adding them to {@code crc} too if it is not null.
     *
     * @return false if the input ended first
     */
    boolean readFully(ByteBuffer buffer, CRC32C crc) throws IOException {
        while (buffer.hasRemaining()) {
            int start = buffer.position();
            int read = channel.read(buffer);
            if (read < 0) {
                return false;
            }
            int limit = buffer.limit();
            int end = buffer.position();
            buffer.limit(end).position(start);
            fileCrc.update(buffer);
            if (crc != null) {
                buffer.position(start);
                crc.update(buffer);
            }
            buffer.limit(limit);
            position += read;
        }
        return true;
    }

    /**
     * Fills {@code target}, a segment of any size, adding its bytes to {@code crc} too.
     *
     * @return false if the input ended first
     */
    boolean readFully(MemorySegment target, CRC32C crc) throws IOException {
        for (long at = 0; at < target.byteSize(); at += SLICE) {
            if (!readFully(target.asSlice(at, Math.min(SLICE, target.byteSize() - at)).asByteBuffer(), crc)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        if (owned) {
            channel.close();
        }
    }
}
