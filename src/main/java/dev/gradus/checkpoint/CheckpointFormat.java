package dev.gradus.checkpoint;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The byte layout of a checkpoint file, format version {@value #VERSION}; {@code docs/checkpoints.md}
 * describes it byte by byte. Every number is little-endian.
 *
 * <pre>
 * offset          bytes  field
 * 0               8      magic "GRADUSCK" (ASCII)
 * 8               4      format version (1)
 * 12              4      header length H
 * 16              H      header: UTF-8 text, one key=value line each ({@link HeaderText})
 * 16 + H          4      CRC32C of bytes [0, 16 + H)
 * then, for every parameter in header order and every state buffer of it:
 *                 4n     the buffer's n floats (IEEE 754 binary32)
 *                 4      CRC32C of those 4n bytes
 * L - 12          8      L, the length of the file
 * L - 4           4      CRC32C of bytes [0, L - 4)
 * </pre>
 *
 * The first 12 bytes (magic and version) and the last 12 (length and CRC of the whole file) keep
 * their meaning in every version, so that a reader tells another version from damage.
 */
final class CheckpointFormat {

    static final int VERSION = 1;
    static final byte[] MAGIC = "GRADUSCK".getBytes(StandardCharsets.US_ASCII);
    static final String CREATED_BY = "Gradus, Java " + Runtime.version();

    static final int VERSION_OFFSET = 8;
    static final int HEADER_LENGTH_OFFSET = 12;
    static final int HEADER_OFFSET = 16;
    static final int CRC_BYTES = 4;
    static final int TRAILER_BYTES = 12;
    static final int SMALLEST_FILE = HEADER_OFFSET + CRC_BYTES + TRAILER_BYTES;

    /**
     * The largest step count and count of skipped steps a checkpoint holds, {@code 2^63 - 2}: one
     * more step or skip must still fit in a {@code long}.
     */
    static final long LARGEST_COUNT = Long.MAX_VALUE - 1;

    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private static final long CRC_CHUNK = 1 << 30;

    /**
     * One state buffer in the file: its floats at {@code offset}, their CRC32C right after.
     *
     * @param parameter the index of the parameter in the header
     * @param buffer    the index of the state buffer
     * @param offset    where the floats start
     * @param floats    how many there are
     */
    record Section(int parameter, int buffer, long offset, long floats) {

        /** The offset of the CRC32C after the floats. */
        long crcOffset() {
            return offset + floats * Float.BYTES;
        }

        /** The offset past the CRC32C. */
        long end() {
            return crcOffset() + CRC_BYTES;
        }

        /** The section's name for messages: {@code state v of parameter fc.bias}. */
        String describe(CheckpointInfo info) {
            CheckpointInfo.Parameter p = info.parameters().get(parameter);
            return "state " + p.stateNames().get(buffer) + " of parameter " + p.name();
        }
    }

    private CheckpointFormat() {
    }

    /**
     * The state sections of a file with header {@code info} of {@code headerBytes} bytes, in file order.
     *
     * @throws ArithmeticException if the sizes overflow a {@code long}
     */
    static List<Section> sections(CheckpointInfo info, long headerBytes) {
        List<Section> sections = new ArrayList<>();
        long offset = HEADER_OFFSET + headerBytes + CRC_BYTES;
        for (int p = 0; p < info.parameters().size(); p++) {
            CheckpointInfo.Parameter parameter = info.parameters().get(p);
            for (int b = 0; b < parameter.stateBuffers(); b++) {
                sections.add(new Section(p, b, offset, parameter.floats()));
                long bytes = Math.multiplyExact(parameter.floats(), Float.BYTES);
                offset = Math.addExact(offset, Math.addExact(bytes, CRC_BYTES));
            }
        }
        return sections;
    }

    /** The length of the file with these sections and a header of {@code headerBytes} bytes. */
    static long fileBytes(List<Section> sections, long headerBytes) {
        long dataEnd = sections.isEmpty() ? HEADER_OFFSET + headerBytes + CRC_BYTES : sections.getLast().end();
        return Math.addExact(dataEnd, TRAILER_BYTES);
    }

    /** The CRC32C of bytes {@code [from, to)} of {@code bytes}, as stored in the file. */
    static int crc32c(MemorySegment bytes, long from, long to) {
        CRC32C crc = new CRC32C();
        for (long at = from; at < to; at += CRC_CHUNK) {
            crc.update(bytes.asSlice(at, Math.min(CRC_CHUNK, to - at)).asByteBuffer());
        }
        return (int) crc.getValue();
    }
}
