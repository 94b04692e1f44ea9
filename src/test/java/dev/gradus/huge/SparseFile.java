package dev.gradus.huge;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.LongStream;

/**
 * Float buffers of many gigabytes in a sparse file mapped into memory: the file uses disk blocks
 * and page cache only for the pages a test touches, so buffers beyond 2^31 elements or bytes cost
 * a few kilobytes. Where the file system might not keep the file sparse, the test is skipped.
 */
final class SparseFile {

    /** Bytes between consecutive buffers: a page and a bit, so that they start at different page offsets. */
    static final long GAP = 4096 + 20;

    private SparseFile() {
    }

    /**
     * Maps a new sparse file of {@code count} buffers of {@code floats} floats into {@code arena}:
     * buffer {@code b} starts at byte {@code firstOffset + b * (4 * floats + GAP)}, and every byte
     * of the file is zero. The file is created in {@code directory}, which the caller deletes
     * after closing the arena.
     *
     * @return the whole file, for checks of the bytes between buffers, and the buffers
     */
    static Mapped map(Path directory, Arena arena, long firstOffset, int count, long floats) throws IOException {
        long stride = floats * Float.BYTES + GAP;
        long size = firstOffset + count * stride;
        FileStore store = Files.getFileStore(directory);
        long usable = store.getUsableSpace();
        // If the file system does not keep files sparse, the file takes its full size on disk.
        assumeTrue(usable >= size, () -> "needs " + size + " bytes free in case " + store + " is not sparse, has "
                + usable);
        Path path = directory.resolve("huge-buffers.bin");
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.SPARSE,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(1), size - 1);
            long used = usable - store.getUsableSpace();
            assumeTrue(used < size / 2, () -> store + " allocated " + used + " bytes for a sparse file of " + size);
            MemorySegment file = channel.map(FileChannel.MapMode.READ_WRITE, 0, size, arena);
            List<Window> buffers = LongStream.range(0, count)
                    .mapToObj(b -> new Window(file, firstOffset + b * stride, floats))
                    .toList();
            return new Mapped(file, buffers);
        }
    }

    /**
     * A mapped sparse file and the buffers laid out in it.
     *
     * @param file    every byte of the file
     * @param buffers the buffers, in order
     */
    record Mapped(MemorySegment file, List<Window> buffers) {

        /** The buffers as segments, in order. */
        List<MemorySegment> segments() {
            return buffers.stream().map(Window::segment).toList();
        }
    }
}
