package dev.gradus.checkpoint;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads a checkpoint from start to end in one pass and verifies it as it goes, holding only the
 * header and what a {@link Sections} asks to keep. In this order: the length of a file (at least
 * {@value CheckpointFormat#SMALLEST_FILE} bytes), the magic (after reading 8 bytes, so that
 * anything else is rejected at once), the format version, the header length (at most the file's
 * length and {@link CheckpointFormat#LARGEST_HEADER}), the header's CRC32C, the header
 * ({@link ParsedHeader#parse}), the length the header implies (equal to a file's length); then,
 * by {@link #sections}, every section's CRC32C, and by {@link #trailer}, the recorded length and
 * the CRC32C of the whole. The first failure is a {@link CorruptCheckpointException} naming the
 * section and offset; a sound file of another format version is a {@link CheckpointMismatchException}.
 *
 * <p>Memory: the header's bytes and their index (about 1.5 times the header), a 64 KiB buffer
 * and the sections kept. Nothing is allocated for a length or count the input declares before it
 * is checked against the file's length, or, in a stream, before the bytes have arrived: a stream's
 * header grows as it is read.
 */
final class CheckpointReader {

    /** Where the sections go. */
    @FunctionalInterface
    interface Sections {
        /**
         * The segment to read section {@code section} of parameter {@code parameter} into, or null
         * to verify it only.
         *
         * @param bytes its length, without the CRC32C: {@code 4n} for {@code n} floats
         * @return a segment of exactly {@code bytes} bytes, or null
         */
        MemorySegment target(int parameter, int section, long bytes);
    }

    private static final int CHUNK = 1 << 16;
    private static final long NOT_READ = Long.MIN_VALUE;

    private final CheckpointInput in;
    private ByteBuffer chunk = ByteBuffer.allocate(0);
    private final ByteBuffer word = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C sectionCrc = new CRC32C();
    private ParsedHeader header;

    CheckpointReader(CheckpointInput in) {
        this.in = in;
    }

    /** Reads and verifies the prefix and the header; the first thing to call. */
    ParsedHeader header() throws IOException {
        long size = in.size();
        if (size >= 0 && size < CheckpointFormat.SMALLEST_FILE) {
            throw corrupt("file", size, "the file is " + size + " bytes long, shorter than any checkpoint ("
                    + CheckpointFormat.SMALLEST_FILE + ")");
        }
        ByteBuffer prefix = ByteBuffer.allocate(CheckpointFormat.PREFIX_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        int magic = CheckpointFormat.MAGIC.length;
        if (!in.readFully(prefix.limit(magic), null)
                || !Arrays.equals(prefix.array(), 0, magic, CheckpointFormat.MAGIC, 0, magic)) {
            throw corrupt("prefix", 0, "not a Gradus checkpoint: it does not start with GRADUSCK");
        }
        require(in.readFully(prefix.limit(prefix.capacity()), null), "prefix");
        int version = prefix.getInt(magic);
        if (version < CheckpointFormat.OLDEST_VERSION || version > CheckpointFormat.VERSION) {
            throw otherVersion(version);
        }
        long headerBytes = Integer.toUnsignedLong(prefix.getInt(magic + Integer.BYTES));
        long room = size < 0 ? CheckpointFormat.LARGEST_HEADER : Math.min(CheckpointFormat.LARGEST_HEADER,
                size - CheckpointFormat.SMALLEST_FILE);
        if (headerBytes > room) {
            throw corrupt("prefix", magic + Integer.BYTES, "a header of " + headerBytes + " bytes does not fit "
                    + (size >= 0 && room < CheckpointFormat.LARGEST_HEADER ? "in a file of " + size + " bytes"
                    : "the limit of " + CheckpointFormat.LARGEST_HEADER + " bytes"));
        }
        byte[] text = headerText((int) headerBytes);
        CRC32C crc = new CRC32C();
        crc.update(prefix.array());
        crc.update(text);
        requireCrc("header", CheckpointFormat.PREFIX_BYTES, 0, (int) crc.getValue());
        try {
            header = ParsedHeader.parse(text, version);
        } catch (IllegalArgumentException e) {
            throw corrupt("header", CheckpointFormat.PREFIX_BYTES, e.getMessage());
        }
        long expected;
        try {
            expected = CheckpointFormat.fileBytes(header);
        } catch (ArithmeticException e) {
            throw corrupt("header", CheckpointFormat.PREFIX_BYTES, "the parameter sizes overflow a file length");
        }
        if (size >= 0 && expected != size) {
            throw corrupt("file", Math.min(expected, size), "the header describes a file of " + expected
                    + " bytes but it is " + size + " bytes long (truncated or extended)");
        }
        return header;
    }

    /** Reads and verifies every section, in file order, into the segments {@code targets} gives. */
    void sections(Sections targets) throws IOException {
        for (int p = 0; p < header.parameters(); p++) {
            for (int s = 0; s < CheckpointFormat.sections(header, p); s++) {
                long bytes = header.sectionFloats(p, s) * header.sectionElementBytes(p, s);
                long offset = in.position();
                MemorySegment target = targets.target(p, s, bytes);
                sectionCrc.reset();
                boolean whole = target != null ? in.readFully(target, sectionCrc) : verifyOnly(bytes, sectionCrc);
                long stored = whole ? storedCrc() : NOT_READ;
                if (stored == NOT_READ) {
                    throw truncated(describe(p, s));
                }
                if (stored != (int) sectionCrc.getValue()) {
                    throw crcMismatch(describe(p, s), offset, offset, (int) sectionCrc.getValue(), stored);
                }
            }
        }
    }

    /** Reads and verifies the trailer: the length recorded and the CRC32C of everything before it. */
    void trailer() throws IOException {
        long offset = in.position();
        require(in.readFully(word.clear(), null), "trailer");
        long recorded = word.getLong(0);
        if (recorded != offset + CheckpointFormat.TRAILER_BYTES) {
            throw corrupt("trailer", offset, "it records a length of " + recorded + " bytes but the checkpoint is "
                    + (offset + CheckpointFormat.TRAILER_BYTES) + " bytes long");
        }
        requireCrc("trailer", offset, 0, in.crc());
    }

    /** Reads {@code bytes} bytes through the buffer (grown to at most {@value #CHUNK} bytes), adding them to {@code crc}. */
    private boolean verifyOnly(long bytes, CRC32C crc) throws IOException {
        if (chunk.capacity() < Math.min(CHUNK, bytes)) {
            chunk = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(bytes, 2L * chunk.capacity())));
        }
        for (long left = bytes; left > 0; left -= chunk.capacity()) {
            if (!in.readFully(chunk.clear().limit((int) Math.min(chunk.capacity(), left)), crc)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The header's text. Of a file, read at once (its length is bounded by the file's); of a
     * stream, into a buffer that doubles as the bytes arrive, so that a declared length that is a
     * lie costs no more than twice what was sent.
     */
    private byte[] headerText(int length) throws IOException {
        byte[] text = new byte[in.size() >= 0 ? length : Math.min(length, CHUNK)];
        int read = 0;
        while (true) {
            require(in.readFully(ByteBuffer.wrap(text, read, text.length - read), null), "header");
            read = text.length;
            if (read == length) {
                return text;
            }
            text = Arrays.copyOf(text, (int) Math.min(length, 2L * read));
        }
    }

    /**
     * Another format version: for a file, a mismatch if the whole file's CRC32C (whose place every
     * version keeps) matches, else damage. A stream has no known end: another version is reported
     * as a mismatch without that check.
     */
    private IOException otherVersion(int version) throws IOException {
        CheckpointMismatchException mismatch = new CheckpointMismatchException(in.file(), List.of("format version "
                + Integer.toUnsignedLong(version) + " in the file, this Gradus reads "
                + (CheckpointFormat.OLDEST_VERSION == CheckpointFormat.VERSION ? "version " + CheckpointFormat.VERSION
                : "versions " + CheckpointFormat.OLDEST_VERSION + " to " + CheckpointFormat.VERSION)));
        if (in.size() < 0) {
            return mismatch;
        }
        if (!verifyOnly(in.size() - CheckpointFormat.CRC_BYTES - in.position(), sectionCrc)) {
            return truncated("file");
        }
        int expected = in.crc();
        if (storedCrc() == expected) {
            return mismatch;
        }
        return corrupt("prefix", CheckpointFormat.MAGIC.length, "unknown format version "
                + Integer.toUnsignedLong(version) + " and the CRC32C of the whole file does not match");
    }

    /**
     * Reads the CRC32C stored next and requires it to equal {@code actual}, the CRC32C of bytes
     * {@code [from, here)}.
     *
     * @param offset where the section starts
     */
    private void requireCrc(String section, long offset, long from, int actual) throws IOException {
        long stored = storedCrc();
        if (stored == NOT_READ) {
            throw truncated(section);
        }
        if (stored != actual) {
            throw crcMismatch(section, offset, from, actual, stored);
        }
    }

    /** The CRC32C stored next, or {@link #NOT_READ} if the input ended first. */
    private long storedCrc() throws IOException {
        return in.readFully(word.clear().limit(CheckpointFormat.CRC_BYTES), null) ? word.getInt(0) : NOT_READ;
    }

    private CorruptCheckpointException crcMismatch(String section, long offset, long from, int actual, long stored) {
        long at = in.position() - CheckpointFormat.CRC_BYTES;
        return corrupt(section, offset, String.format("CRC32C %08x of bytes [%d, %d) does not match the %08x stored at "
                + "offset %d", actual, from, at, (int) stored, at));
    }

    /** The name of section {@code s} of parameter {@code p}: {@code state v of parameter fc.bias}. */
    private String describe(int p, int s) {
        String name = header.shown(p, HeaderKeys.Field.NAME);
        if (header.parameterValues() && s == 0) {
            return "values of parameter " + name;
        }
        return "state " + header.stateNames(p).get(s - (header.parameterValues() ? 1 : 0)) + " of parameter " + name;
    }

    private void require(boolean read, String section) throws CorruptCheckpointException {
        if (!read) {
            throw truncated(section);
        }
    }

    private CorruptCheckpointException truncated(String section) {
        return corrupt(section, in.position(), (in.file() == null ? "the stream" : "the file") + " ended after "
                + in.position() + " bytes, in the middle of the checkpoint (truncated)");
    }

    private CorruptCheckpointException corrupt(String section, long offset, String problem) {
        return new CorruptCheckpointException(in.file(), section, offset, problem);
    }
}
