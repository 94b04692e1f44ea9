package dev.gradus.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32C;

/**
 * Edits of checkpoint files that keep their checksums right, written from the format in
 * {@code docs/checkpoints.md} (not from the library's code): to make files that are sound but
 * say something else, such as another format version.
 */
final class CheckpointBytes {

    static final int VERSION_OFFSET = 8;
    static final int HEADER_LENGTH_OFFSET = 12;
    static final int HEADER_OFFSET = 16;
    static final int TRAILER_BYTES = 12;

    private CheckpointBytes() {
    }

    /**
     * A checkpoint of format {@code version} with header text {@code header} and {@code sections}
     * (each the bytes of one section, without its checksum), every checksum and length right.
     */
    static byte[] build(int version, String header, byte[]... sections) {
        ByteBuffer body = little(java.util.Arrays.stream(sections).mapToInt(section -> section.length + 4).sum());
        for (byte[] section : sections) {
            body.put(section).putInt(crc(section, 0, section.length));
        }
        return buildRaw(version, header, body.array());
    }

    /** A checkpoint of format {@code version} with header text {@code header} and {@code body}, the sections with their checksums. */
    static byte[] buildRaw(int version, String header, byte[] body) {
        byte[] text = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = little(Math.toIntExact(HEADER_OFFSET + text.length + 4L + body.length + TRAILER_BYTES));
        out.put(new byte[] {'G', 'R', 'A', 'D', 'U', 'S', 'C', 'K'}).putInt(version).putInt(text.length).put(text);
        out.putInt(crc(out.array(), 0, out.position()));
        out.put(body).putLong(out.capacity());
        out.putInt(crc(out.array(), 0, out.position()));
        return out.array();
    }

    /**
     * The floats of every section of {@code file}, in file order, read by the layout
     * {@code docs/checkpoints.md} gives: after the header's checksum, per parameter its values (if
     * {@code info} says the file holds them) and its state buffers, each {@code 4n} little-endian
     * bytes and a checksum.
     */
    static List<float[]> sectionFloats(byte[] file, CheckpointInfo info) {
        ByteBuffer in = little(file).position(HEADER_OFFSET + headerLength(file) + 4);
        List<float[]> sections = new java.util.ArrayList<>();
        for (CheckpointInfo.Parameter parameter : info.parameters()) {
            for (int s = 0; s < parameter.stateBuffers() + (info.parameterValues() ? 1 : 0); s++) {
                float[] floats = new float[Math.toIntExact(parameter.floats())];
                for (int i = 0; i < floats.length; i++) {
                    floats[i] = in.getFloat();
                }
                in.getInt();
                sections.add(floats);
            }
        }
        return sections;
    }

    /** The header text of {@code file}. */
    static String header(byte[] file) {
        return new String(file, HEADER_OFFSET, headerLength(file), StandardCharsets.UTF_8);
    }

    /** {@code file} with its header text replaced by {@code edit} of it, lengths and checksums fixed. */
    static byte[] withHeader(byte[] file, UnaryOperator<String> edit) {
        byte[] header = edit.apply(header(file)).getBytes(StandardCharsets.UTF_8);
        int oldEnd = HEADER_OFFSET + headerLength(file);
        ByteBuffer out = little(file.length - oldEnd + HEADER_OFFSET + header.length);
        out.put(file, 0, HEADER_OFFSET).putInt(HEADER_LENGTH_OFFSET, header.length).put(header);
        out.put(file, oldEnd, file.length - oldEnd);
        return withFixedChecksums(out.array());
    }

    /** {@code file} with format version {@code version}, checksums fixed. */
    static byte[] withVersion(byte[] file, int version) {
        byte[] copy = file.clone();
        little(copy).putInt(VERSION_OFFSET, version);
        return withFixedChecksums(copy);
    }

    /** {@code file} with the header's CRC32C, the trailer's length and the whole file's CRC32C recomputed. */
    static byte[] withFixedChecksums(byte[] file) {
        byte[] copy = file.clone();
        int headerEnd = HEADER_OFFSET + headerLength(copy);
        ByteBuffer buffer = little(copy);
        buffer.putInt(headerEnd, crc(copy, 0, headerEnd));
        buffer.putLong(copy.length - TRAILER_BYTES, copy.length);
        buffer.putInt(copy.length - 4, crc(copy, 0, copy.length - 4));
        return copy;
    }

    static byte[] read(Path file) throws IOException {
        return Files.readAllBytes(file);
    }

    /** Writes {@code bytes} to {@code file}, replacing it. */
    static Path write(Path file, byte[] bytes) throws IOException {
        return Files.write(file, bytes);
    }

    /** The first {@code length} bytes. */
    static byte[] truncated(byte[] file, int length) {
        return Arrays.copyOf(file, length);
    }

    /** A copy with byte {@code position} XORed with {@code mask}. */
    static byte[] flipped(byte[] file, int position, int mask) {
        byte[] copy = file.clone();
        copy[position] ^= (byte) mask;
        return copy;
    }

    private static int headerLength(byte[] file) {
        return little(file).getInt(HEADER_LENGTH_OFFSET);
    }

    private static int crc(byte[] bytes, int from, int to) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, from, to - from);
        return (int) crc.getValue();
    }

    private static ByteBuffer little(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer little(int capacity) {
        return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }
}
