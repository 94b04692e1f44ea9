package dev.gradus.internal;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The buffers registered with an optimizer, found by the memory they cover, so that a new buffer
 * is checked against all of them in {@code O(log n)}: two buffers conflict when they share a byte
 * and a step writes at least one of them (parameter values and state are written, gradients only
 * read, so gradients may share memory with each other but with nothing else).
 *
 * <p>A native segment covers the bytes {@code [address, address + byteSize)} of the address
 * space; a heap segment covers {@code [address, address + byteSize)} of its array. Buffers are
 * kept per region (the address space, or one array) in two sorted maps: the written buffers,
 * which are pairwise disjoint, by start; and the read buffers merged into disjoint blocks (the
 * union of read buffers that overlap), by start. In both, only the last entry starting before
 * the end of a new range can overlap it. Empty buffers cover no byte and are not kept.
 *
 * <p>A read-only heap segment does not reveal its array ({@link MemorySegment#heapBase()} is
 * empty), so it cannot be placed in a region: such buffers (only gradients can be read-only) are
 * kept in a list and compared with {@link MemorySegment#asOverlappingSlice} against the written
 * heap buffers, which costs time in proportion to the heap arrays registered.
 */
public final class OverlapIndex {

    /** What a buffer is to its parameter. */
    public enum Kind {
        /** The parameter's values, written by a step. */
        VALUES,
        /** Its gradient, read by a step. */
        GRADIENT,
        /** One of its state buffers, written by a step. */
        STATE
    }

    /**
     * A registered buffer.
     *
     * @param parameter the name of the parameter it belongs to
     * @param kind      what it is to the parameter
     * @param stateName the rule's name of a state buffer, else null
     * @param segment   its memory
     */
    public record Buffer(String parameter, Kind kind, String stateName, MemorySegment segment) {

        /**
         * The values of a parameter.
         *
         * @param parameter the parameter's name
         * @param values    its values
         * @return the buffer of its values
         */
        public static Buffer values(String parameter, MemorySegment values) {
            return new Buffer(parameter, Kind.VALUES, null, values);
        }

        /**
         * The gradient of a parameter.
         *
         * @param parameter the parameter's name
         * @param gradient  its gradient
         * @return the buffer of its gradient
         */
        public static Buffer gradient(String parameter, MemorySegment gradient) {
            return new Buffer(parameter, Kind.GRADIENT, null, gradient);
        }

        /**
         * A state buffer of a parameter.
         *
         * @param parameter the parameter's name
         * @param stateName the rule's name of the state buffer
         * @param state     the state buffer
         * @return the buffer of that state
         */
        public static Buffer state(String parameter, String stateName, MemorySegment state) {
            return new Buffer(parameter, Kind.STATE, stateName, state);
        }

        /** {@return whether a step writes it} */
        public boolean written() {
            return kind != Kind.GRADIENT;
        }

        /** {@return what it is, for messages: {@code "the values of fc.weight"}, {@code "the state m of fc.weight"}} */
        public String label() {
            return switch (kind) {
                case VALUES -> "the values of " + parameter;
                case GRADIENT -> "the gradient of " + parameter;
                case STATE -> "the state " + stateName + " of " + parameter;
            };
        }

        long start() {
            return segment.address();
        }

        long end() {
            return segment.address() + segment.byteSize();
        }
    }

    /** The region of native segments: the address space. */
    private static final Object NATIVE = new Object();

    private final Map<Object, Region> regions = new IdentityHashMap<>();
    private final List<Buffer> unplaced = new ArrayList<>();

    /** An index of no buffer. */
    public OverlapIndex() {
    }

    /**
     * Requires that {@code buffer} conflicts with no registered buffer.
     *
     * @param buffer the buffer about to be registered
     * @throws IllegalArgumentException naming both buffers if it does
     */
    public void requireNoConflict(Buffer buffer) {
        Buffer other = conflict(buffer);
        if (other != null) {
            throw overlap(buffer, other);
        }
    }

    /**
     * Requires that two buffers about to be registered together do not conflict.
     *
     * @param first  one buffer
     * @param second the other
     * @throws IllegalArgumentException naming both buffers if they do
     */
    public static void requireNoConflict(Buffer first, Buffer second) {
        if ((first.written() || second.written()) && shareBytes(first.segment(), second.segment())) {
            throw overlap(first, second);
        }
    }

    /** Whether two segments share a byte; {@link MemorySegment#asOverlappingSlice} alone calls an empty segment inside another overlapping. */
    private static boolean shareBytes(MemorySegment first, MemorySegment second) {
        return first.byteSize() > 0 && second.byteSize() > 0 && first.asOverlappingSlice(second).isPresent();
    }

    private static IllegalArgumentException overlap(Buffer buffer, Buffer other) {
        Buffer written = other.written() ? other : buffer;
        return new IllegalArgumentException(buffer.label() + " overlaps " + other.label() + " (a step writes "
                + written.label() + ", so no other buffer may share its memory)");
    }

    /**
     * Registers {@code buffer}; call {@link #requireNoConflict(Buffer)} first.
     *
     * @param buffer the buffer
     */
    public void add(Buffer buffer) {
        if (buffer.segment().byteSize() == 0) {
            return;
        }
        Object base = base(buffer.segment());
        if (base == null) {
            unplaced.add(buffer);
        } else {
            regions.computeIfAbsent(base, b -> new Region()).add(buffer);
        }
    }

    /**
     * Unregisters {@code buffer}, which was registered with {@link #add}.
     *
     * @param buffer the buffer
     */
    public void remove(Buffer buffer) {
        if (buffer.segment().byteSize() == 0) {
            return;
        }
        Object base = base(buffer.segment());
        if (base == null) {
            unplaced.remove(buffer);
            return;
        }
        Region region = regions.get(base);
        region.remove(buffer);
        if (region.isEmpty()) {
            regions.remove(base);
        }
    }

    private Buffer conflict(Buffer buffer) {
        MemorySegment segment = buffer.segment();
        if (segment.byteSize() == 0) {
            return null;
        }
        Object base = base(segment);
        if (base == null) {
            return conflictOfUnplaced(buffer);
        }
        Region region = regions.get(base);
        Buffer found = region == null ? null : region.conflict(buffer);
        if (found == null && buffer.written() && !segment.isNative()) {
            for (Buffer other : unplaced) {
                if (segment.asOverlappingSlice(other.segment()).isPresent()) {
                    return other;
                }
            }
        }
        return found;
    }

    /** A read-only heap buffer can only conflict with a written heap buffer: one candidate per array. */
    private Buffer conflictOfUnplaced(Buffer buffer) {
        for (Map.Entry<Object, Region> entry : regions.entrySet()) {
            if (entry.getKey() != NATIVE) {
                Buffer candidate = entry.getValue().writtenBefore(buffer.end());
                if (candidate != null && candidate.segment().asOverlappingSlice(buffer.segment()).isPresent()) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static Object base(MemorySegment segment) {
        return segment.isNative() ? NATIVE : segment.heapBase().orElse(null);
    }

    /** The buffers of one region: written ones by start, read ones merged into disjoint blocks. */
    private static final class Region {

        private final TreeMap<Long, Buffer> written = new TreeMap<>();
        private final TreeMap<Long, Block> read = new TreeMap<>();

        boolean isEmpty() {
            return written.isEmpty() && read.isEmpty();
        }

        /** The written buffer starting last before {@code end}: the only one that can reach into a range ending there. */
        Buffer writtenBefore(long end) {
            Map.Entry<Long, Buffer> entry = written.lowerEntry(end);
            return entry == null ? null : entry.getValue();
        }

        Buffer conflict(Buffer buffer) {
            long start = buffer.start();
            long end = buffer.end();
            Buffer candidate = writtenBefore(end);
            if (candidate != null && candidate.end() > start) {
                return candidate;
            }
            if (buffer.written()) {
                Map.Entry<Long, Block> block = read.lowerEntry(end);
                if (block != null && block.getValue().end > start) {
                    return block.getValue().memberOverlapping(start, end);
                }
            }
            return null;
        }

        void add(Buffer buffer) {
            if (buffer.written()) {
                written.put(buffer.start(), buffer);
                return;
            }
            Block merged = new Block(buffer);
            Map.Entry<Long, Block> entry;
            while ((entry = read.lowerEntry(merged.end)) != null && entry.getValue().end > merged.start) {
                merged.absorb(read.remove(entry.getKey()));
            }
            read.put(merged.start, merged);
        }

        void remove(Buffer buffer) {
            if (buffer.written()) {
                written.remove(buffer.start(), buffer);
                return;
            }
            Block block = read.floorEntry(buffer.start()).getValue();
            read.remove(block.start);
            List<Buffer> members = block.members();
            members.remove(buffer);
            for (Block part : Block.split(members)) {
                read.put(part.start, part);
            }
        }
    }

    /**
     * Read buffers whose union is one contiguous range {@code [start, end)}; most blocks hold one
     * buffer, so the list of more members is made only when a second one joins.
     */
    private static final class Block {

        private final Buffer first;
        private List<Buffer> more;
        private long start;
        private long end;

        Block(Buffer first) {
            this.first = first;
            start = first.start();
            end = first.end();
        }

        List<Buffer> members() {
            List<Buffer> members = new ArrayList<>();
            members.add(first);
            if (more != null) {
                members.addAll(more);
            }
            return members;
        }

        void join(Buffer buffer) {
            if (more == null) {
                more = new ArrayList<>();
            }
            more.add(buffer);
            start = Math.min(start, buffer.start());
            end = Math.max(end, buffer.end());
        }

        void absorb(Block other) {
            other.members().forEach(this::join);
        }

        Buffer memberOverlapping(long from, long to) {
            for (Buffer member : members()) {
                if (member.start() < to && member.end() > from) {
                    return member;
                }
            }
            throw new IllegalStateException("a block of read buffers covers [" + start + ", " + end
                    + ") but none of its members overlaps [" + from + ", " + to + ")");
        }

        /** The blocks the union of {@code buffers} falls into. */
        static List<Block> split(List<Buffer> buffers) {
            List<Buffer> sorted = new ArrayList<>(buffers);
            sorted.sort(Comparator.comparingLong(Buffer::start));
            List<Block> blocks = new ArrayList<>();
            Block current = null;
            for (Buffer buffer : sorted) {
                if (current != null && buffer.start() < current.end) {
                    current.join(buffer);
                } else {
                    current = new Block(buffer);
                    blocks.add(current);
                }
            }
            return blocks;
        }
    }
}
