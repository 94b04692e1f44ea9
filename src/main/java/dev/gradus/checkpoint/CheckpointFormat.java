package dev.gradus.checkpoint;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The byte layout of a checkpoint, format version {@value #VERSION} (and {@value #OLDEST_VERSION}
 * onwards for reading), and its limits; {@code docs/checkpoints.md} describes it byte by byte.
 * Every number is little-endian.
 *
 * <pre>
 * offset          bytes  field
 * 0               8      magic "GRADUSCK" (ASCII)
 * 8               4      format version
 * 12              4      header length H
 * 16              H      header: UTF-8 text, one key=value line each ({@link HeaderText})
 * 16 + H          4      CRC32C of bytes [0, 16 + H)
 * then, for every parameter in header order, a section of its values (if the header says
 * parameter-values=true, format 2) and one for each of its state buffers:
 *                 bn     n elements of b bytes (IEEE 754 binary32, or bfloat16 or binary16 as
 *                        element-bytes says, format 5): the parameter's count, or the state
 *                        buffer's from state-floats (format 4)
 *                 4      CRC32C of those bn bytes
 * L - 12          8      L, the length of the file
 * L - 4           4      CRC32C of bytes [0, L - 4)
 * </pre>
 *
 * Format 2 added the header keys {@code parameter-values} and {@code parameter.<i>.step-count},
 * and the values sections; format 1 has neither, and its parameters' step counts are the
 * optimizer's. Format 3 added the header key {@code clipping}; formats 1 and 2 read as without
 * clipping. Format 4 added {@code parameter.<i>.state-floats}, the floats of each state section
 * (Adafactor's averages are sized by the parameter's shape); in formats 1 to 3 every state section
 * holds the parameter's floats. Format 5 added {@code parameter.<i>.storage} (the group's
 * {@code StoragePlan}) and {@code parameter.<i>.element-bytes}, the bytes of an element of the
 * values section and of each state section (4 or 2); its state list ends with the optimizer's
 * {@code master} or {@code compensation} where the storage keeps one. In formats 1 to 4 every
 * element is a float and the storage float32.
 *
 * The first 12 bytes (magic and version) and the last 12 (length and CRC of the whole file) keep
 * their meaning in every version, so that a reader tells another version from damage.
 */
final class CheckpointFormat {

    static final int VERSION = 5;
    static final int OLDEST_VERSION = 1;
    static final byte[] MAGIC = "GRADUSCK".getBytes(StandardCharsets.US_ASCII);
    static final String CREATED_BY = "Gradus, Java " + Runtime.version();

    static final int PREFIX_BYTES = 16;
    static final int CRC_BYTES = 4;
    static final int TRAILER_BYTES = 12;
    static final int SMALLEST_FILE = PREFIX_BYTES + CRC_BYTES + TRAILER_BYTES;

    /**
     * The largest header a reader accepts, 256 MiB: room for about 500,000 parameters. A file's
     * header is bounded by the file's length too; a stream's by this alone.
     */
    static final int LARGEST_HEADER = 1 << 28;

    /** The most state buffers a parameter may have; the rules keep at most 3. */
    static final int LARGEST_STATE_BUFFERS = 8;

    /**
     * The largest step count and count of skipped steps a checkpoint holds, {@code 2^63 - 2}: one
     * more step or skip must still fit in a {@code long}.
     */
    static final long LARGEST_COUNT = Long.MAX_VALUE - 1;

    static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private CheckpointFormat() {
    }

    /** The sections parameter {@code p} of {@code header} has: its values (if the file holds them), then its state. */
    static int sections(ParsedHeader header, int p) {
        return (header.parameterValues() ? 1 : 0) + header.stateBuffers(p);
    }

    /** The bytes of a section of {@code elements} elements of {@code elementBytes} bytes and their CRC32C. */
    static long sectionBytes(long elements, int elementBytes) {
        return Math.addExact(Math.multiplyExact(elements, elementBytes), CRC_BYTES);
    }

    /**
     * The length of the file {@code header} describes.
     *
     * @throws ArithmeticException if it overflows a {@code long}
     */
    static long fileBytes(ParsedHeader header) {
        long bytes = PREFIX_BYTES + (long) header.length() + CRC_BYTES + TRAILER_BYTES;
        for (int p = 0; p < header.parameters(); p++) {
            for (int section = 0; section < sections(header, p); section++) {
                bytes = Math.addExact(bytes, sectionBytes(header.sectionFloats(p, section),
                        header.sectionElementBytes(p, section)));
            }
        }
        return bytes;
    }
}
