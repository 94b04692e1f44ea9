package dev.gradus.checkpoint;

import dev.gradus.internal.RegisteredParameter;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Writes a checkpoint in the layout of {@link CheckpointFormat}: prefix and header, every state
 * buffer with its CRC32C, the trailer. State is converted to little-endian through a buffer of
 * {@value #CHUNK_BYTES} bytes, so a save allocates little whatever the model's size.
 */
final class CheckpointWriter {

    static final int CHUNK_BYTES = 1 << 20;

    private final WritableByteChannel channel;
    private final CRC32C fileCrc = new CRC32C();
    private final byte[] chunk = new byte[CHUNK_BYTES];
    private final MemorySegment chunkSegment = MemorySegment.ofArray(chunk);
    private long written;

    private CheckpointWriter(WritableByteChannel channel) {
        this.channel = channel;
    }

    /**
     * Writes the checkpoint of {@code info} and the state of {@code parameters} (the optimizer's
     * registered parameters, in the order of {@code info}) to {@code channel}.
     */
    static void write(WritableByteChannel channel, CheckpointInfo info, List<RegisteredParameter> parameters)
            throws IOException {
        new CheckpointWriter(channel).writeAll(info, parameters);
    }

    private void writeAll(CheckpointInfo info, List<RegisteredParameter> parameters) throws IOException {
        byte[] header = HeaderText.encode(info).getBytes(StandardCharsets.UTF_8);
        ByteBuffer prefix = little(CheckpointFormat.HEADER_OFFSET).put(CheckpointFormat.MAGIC)
                .putInt(CheckpointFormat.VERSION).putInt(header.length);
        CRC32C headerCrc = new CRC32C();
        headerCrc.update(prefix.array());
        headerCrc.update(header);
        put(prefix.array(), prefix.capacity());
        put(header, header.length);
        putInt((int) headerCrc.getValue());
        List<CheckpointFormat.Section> sections = CheckpointFormat.sections(info, header.length);
        for (CheckpointFormat.Section section : sections) {
            putState(parameters.get(section.parameter()).state(section.buffer()));
        }
        long length = CheckpointFormat.fileBytes(sections, header.length);
        put(little(Long.BYTES).putLong(length).array(), Long.BYTES);
        putInt((int) fileCrc.getValue());
        if (written != length) {
            throw new IllegalStateException("wrote " + written + " bytes, the layout says " + length);
        }
    }

    private void putState(MemorySegment state) throws IOException {
        CRC32C sectionCrc = new CRC32C();
        long floats = state.byteSize() / Float.BYTES;
        for (long from = 0; from < floats; from += CHUNK_BYTES / Float.BYTES) {
            int count = (int) Math.min(CHUNK_BYTES / Float.BYTES, floats - from);
            MemorySegment.copy(state, ValueLayout.JAVA_FLOAT_UNALIGNED, from * Float.BYTES,
                    chunkSegment, CheckpointFormat.FLOAT, 0, count);
            sectionCrc.update(chunk, 0, count * Float.BYTES);
            put(chunk, count * Float.BYTES);
        }
        putInt((int) sectionCrc.getValue());
    }

    private void putInt(int value) throws IOException {
        put(little(Integer.BYTES).putInt(value).array(), Integer.BYTES);
    }

    private void put(byte[] bytes, int length) throws IOException {
        fileCrc.update(bytes, 0, length);
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        written += length;
    }

    private static ByteBuffer little(int capacity) {
        return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }
}
