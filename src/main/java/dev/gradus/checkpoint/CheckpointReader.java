package dev.gradus.checkpoint;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a whole checkpoint file into memory and verifies it, in this order: its length, the magic,
 * the format version, the header length, the header's CRC32C, the header text, the file length
 * the header implies, every state buffer's CRC32C, the trailer's length and the CRC32C of the
 * whole file. The first failure is a {@link CorruptCheckpointException} naming the section and
 * offset; a sound file of another format version is a {@link CheckpointMismatchException}.
 */
final class CheckpointReader {

    private static final long READ_CHUNK = 1 << 30;

    /**
     * A verified checkpoint in memory.
     *
     * @param info     what the header says
     * @param bytes    the whole file
     * @param sections the state buffers in {@code bytes}, in file order
     */
    record Image(CheckpointInfo info, MemorySegment bytes, List<CheckpointFormat.Section> sections) {
    }

    private final Path file;
    private final MemorySegment bytes;

    private CheckpointReader(Path file, MemorySegment bytes) {
        this.file = file;
        this.bytes = bytes;
    }

    /** Reads and verifies {@code file} into memory of {@code arena} (as much as the file's length). */
    static Image read(Path file, Arena arena) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < CheckpointFormat.SMALLEST_FILE) {
                throw new CorruptCheckpointException(file, "file", size, "the file is " + size
                        + " bytes long, shorter than any checkpoint (" + CheckpointFormat.SMALLEST_FILE + ")");
            }
            MemorySegment bytes = arena.allocate(size, Long.BYTES);
            for (long at = 0; at < size; at += READ_CHUNK) {
                readFully(channel, bytes.asSlice(at, Math.min(READ_CHUNK, size - at)).asByteBuffer(), at, file);
            }
            return new CheckpointReader(file, bytes).verify();
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position, Path file) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new CorruptCheckpointException(file, "file", position + buffer.position(),
                        "the file ended while it was read");
            }
        }
    }

    private Image verify() throws IOException {
        long size = bytes.byteSize();
        byte[] magic = bytes.asSlice(0, CheckpointFormat.MAGIC.length).toArray(ValueLayout.JAVA_BYTE);
        if (!Arrays.equals(magic, CheckpointFormat.MAGIC)) {
            throw corrupt("prefix", 0, "not a Gradus checkpoint: the file does not start with GRADUSCK");
        }
        int version = bytes.get(CheckpointFormat.INT, CheckpointFormat.VERSION_OFFSET);
        if (version != CheckpointFormat.VERSION) {
            throw otherVersion(version);
        }
        int headerBytes = bytes.get(CheckpointFormat.INT, CheckpointFormat.HEADER_LENGTH_OFFSET);
        if (headerBytes < 0 || headerBytes > size - CheckpointFormat.SMALLEST_FILE) {
            throw corrupt("prefix", CheckpointFormat.HEADER_LENGTH_OFFSET, "a header of "
                    + Integer.toUnsignedLong(headerBytes) + " bytes does not fit in a file of " + size + " bytes");
        }
        long headerEnd = CheckpointFormat.HEADER_OFFSET + headerBytes;
        requireCrc("header", CheckpointFormat.HEADER_OFFSET, 0, headerEnd);
        CheckpointInfo info = header(headerBytes, version);
        List<CheckpointFormat.Section> sections;
        long expected;
        try {
            sections = CheckpointFormat.sections(info, headerBytes);
            expected = CheckpointFormat.fileBytes(sections, headerBytes);
        } catch (ArithmeticException e) {
            throw corrupt("header", CheckpointFormat.HEADER_OFFSET, "the parameter sizes overflow a file length");
        }
        if (expected != size) {
            throw corrupt("file", Math.min(expected, size), "the header describes a file of " + expected
                    + " bytes but it is " + size + " bytes long (truncated or extended)");
        }
        for (CheckpointFormat.Section section : sections) {
            requireCrc(section.describe(info), section.offset(), section.offset(), section.crcOffset());
        }
        long trailer = size - CheckpointFormat.TRAILER_BYTES;
        if (bytes.get(CheckpointFormat.LONG, trailer) != size) {
            throw corrupt("trailer", trailer, "it records a length of " + bytes.get(CheckpointFormat.LONG, trailer)
                    + " bytes but the file is " + size + " bytes long");
        }
        requireCrc("trailer", trailer, 0, size - CheckpointFormat.CRC_BYTES);
        return new Image(info, bytes, sections);
    }

    private IOException otherVersion(int version) {
        long crcOffset = bytes.byteSize() - CheckpointFormat.CRC_BYTES;
        if (CheckpointFormat.crc32c(bytes, 0, crcOffset) == bytes.get(CheckpointFormat.INT, crcOffset)) {
            return new CheckpointMismatchException(file, List.of("format version " + Integer.toUnsignedLong(version)
                    + " in the file, this Gradus reads version " + CheckpointFormat.VERSION));
        }
        return corrupt("prefix", CheckpointFormat.VERSION_OFFSET, "unknown format version "
                + Integer.toUnsignedLong(version) + " and the CRC32C of the whole file does not match");
    }

    private CheckpointInfo header(int headerBytes, int version) throws CorruptCheckpointException {
        ByteBuffer text = bytes.asSlice(CheckpointFormat.HEADER_OFFSET, headerBytes).asByteBuffer();
        try {
            return HeaderText.decode(StandardCharsets.UTF_8.newDecoder().decode(text).toString(), version);
        } catch (CharacterCodingException e) {
            throw corrupt("header", CheckpointFormat.HEADER_OFFSET, "not UTF-8 text");
        } catch (IllegalArgumentException e) {
            throw corrupt("header", CheckpointFormat.HEADER_OFFSET, e.getMessage());
        }
    }

    /** Requires the CRC32C of {@code [from, to)} to equal the one stored at {@code to}. */
    private void requireCrc(String section, long sectionOffset, long from, long to) throws CorruptCheckpointException {
        int actual = CheckpointFormat.crc32c(bytes, from, to);
        int stored = bytes.get(CheckpointFormat.INT, to);
        if (actual != stored) {
            throw corrupt(section, sectionOffset, String.format("CRC32C %08x of bytes [%d, %d) does not match "
                    + "the %08x stored at offset %d", actual, from, to, stored, to));
        }
    }

    private CorruptCheckpointException corrupt(String section, long offset, String problem) {
        return new CorruptCheckpointException(file, section, offset, problem);
    }
}
