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
 * Writes a checkpoint in the layout of {@link CheckpointFormat}: prefix and header, every section
 * with its CRC32C, the trailer; front to back, so that any channel or stream can take it. The
 * header is parsed back as a reader parses it before anything is written: a checkpoint a reader
 * would reject is never written, and the layout comes from the same code that reads it. Floats
 * are converted to little-endian through a buffer of at most {@value #CHUNK_BYTES} bytes (the
 * largest section's, if smaller), so a save allocates little whatever the model's size.
 */
final class CheckpointWriter {

    static final int CHUNK_BYTES = 1 << 20;

    private final WritableByteChannel channel;
    private final CRC32C fileCrc = new CRC32C();
    private final byte[] chunk;
    private final MemorySegment chunkSegment;
    private long written;

    private CheckpointWriter(WritableByteChannel channel, int chunkBytes) {
        this.channel = channel;
        this.chunk = new byte[chunkBytes];
        this.chunkSegment = MemorySegment.ofArray(chunk);
    }

    /**
     * The header of {@code info} as a reader sees it.
     *
     * @throws IllegalStateException if a reader would reject it (a value past a format limit)
     */
    static ParsedHeader header(CheckpointInfo info) {
        byte[] text = HeaderText.encode(info).getBytes(StandardCharsets.UTF_8);
        try {
            if (text.length > CheckpointFormat.LARGEST_HEADER) {
                throw new IllegalArgumentException("the header takes " + text.length + " bytes, more than the limit of "
                        + CheckpointFormat.LARGEST_HEADER);
            }
            ParsedHeader header = ParsedHeader.parse(text, info.formatVersion());
            CheckpointFormat.fileBytes(header);
            return header;
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalStateException("this optimizer's checkpoint could not be read back: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the checkpoint with {@code header} ({@link #header}) and the buffers of
     * {@code parameters} (the optimizer's registered parameters, in the order of the header) to
     * {@code channel}.
     *
     * @return the number of bytes written
     */
    static long write(WritableByteChannel channel, ParsedHeader header, List<RegisteredParameter> parameters)
            throws IOException {
        long largest = 0;
        for (int p = 0; p < header.parameters(); p++) {
            for (int s = 0; s < CheckpointFormat.sections(header, p); s++) {
                largest = Math.max(largest, header.sectionFloats(p, s) * header.sectionElementBytes(p, s));
            }
        }
        return new CheckpointWriter(channel, (int) Math.min(CHUNK_BYTES, largest)).writeAll(header, parameters);
    }

    private long writeAll(ParsedHeader header, List<RegisteredParameter> parameters) throws IOException {
        byte[] text = header.text();
        ByteBuffer prefix = little(CheckpointFormat.PREFIX_BYTES).put(CheckpointFormat.MAGIC)
                .putInt(header.version()).putInt(text.length);
        CRC32C headerCrc = new CRC32C();
        headerCrc.update(prefix.array());
        headerCrc.update(text);
        put(prefix.array(), prefix.capacity());
        put(text, text.length);
        putInt((int) headerCrc.getValue());
        int first = header.parameterValues() ? 1 : 0;
        for (int p = 0; p < header.parameters(); p++) {
            RegisteredParameter parameter = parameters.get(p);
            for (int s = 0; s < CheckpointFormat.sections(header, p); s++) {
                putSection(s < first ? parameter.values() : StoredBuffers.buffer(parameter, s - first),
                        header.sectionElementBytes(p, s));
            }
        }
        long length = CheckpointFormat.fileBytes(header);
        put(little(Long.BYTES).putLong(length).array(), Long.BYTES);
        putInt((int) fileCrc.getValue());
        if (written != length) {
            throw new IllegalStateException("wrote " + written + " bytes, the layout says " + length);
        }
        return written;
    }

    /** A buffer of elements of {@code elementBytes} bytes (4 a float, 2 a 16-bit value), little-endian, and its CRC. */
    private void putSection(MemorySegment buffer, int elementBytes) throws IOException {
        CRC32C sectionCrc = new CRC32C();
        long count = buffer.byteSize() / elementBytes;
        for (long from = 0; from < count; from += chunk.length / elementBytes) {
            int n = (int) Math.min(chunk.length / elementBytes, count - from);
            if (elementBytes == Float.BYTES) {
                MemorySegment.copy(buffer, ValueLayout.JAVA_FLOAT_UNALIGNED, from * Float.BYTES,
                        chunkSegment, CheckpointFormat.FLOAT, 0, n);
            } else {
                MemorySegment.copy(buffer, ValueLayout.JAVA_SHORT_UNALIGNED, from * Short.BYTES,
                        chunkSegment, CheckpointFormat.SHORT, 0, n);
            }
            sectionCrc.update(chunk, 0, n * elementBytes);
            put(chunk, n * elementBytes);
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
