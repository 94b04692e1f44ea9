package dev.gradus.minibatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gradus.MiniBatches;
import dev.gradus.MiniBatches.LastBatch;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Batches without an index array per batch: into a caller's array, or gathered straight from the
 * epoch's order; a buffer sized for a full batch takes the shorter last batch in its first rows.
 */
class ReusableBatchTest {

    private static final int EXAMPLES = 103;
    private static final int BATCH = 10;
    private static final int ROW_FLOATS = 3;

    private static MemorySegment features(Arena arena) {
        MemorySegment features = arena.allocate(EXAMPLES * ROW_FLOATS * 4L, 64);
        for (int i = 0; i < EXAMPLES * ROW_FLOATS; i++) {
            features.setAtIndex(ValueLayout.JAVA_FLOAT, i, i * 0.25f);
        }
        return features;
    }

    @Test
    void reusedStorageGivesTheBatchesOfTheCopyingForm() {
        MiniBatches batches = new MiniBatches(EXAMPLES, BATCH, 99, LastBatch.KEEP);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment features = features(arena);
            MemorySegment viaArray = arena.allocate(BATCH * ROW_FLOATS * 4L, 64);
            MemorySegment direct = arena.allocate(BATCH * ROW_FLOATS * 4L, 64);
            MemorySegment expected = arena.allocate(BATCH * ROW_FLOATS * 4L, 64);
            int[] rows = new int[BATCH];
            for (long e = 1; e <= 3; e++) {
                MiniBatches.Epoch epoch = batches.epoch(e);
                for (int b = 0; b < epoch.batches(); b++) {
                    int[] copy = epoch.batch(b);
                    assertEquals(copy.length, epoch.batchSize(b));
                    int count = epoch.batch(b, rows);
                    assertArrayEquals(copy, Arrays.copyOf(rows, count));
                    expected.fill((byte) 0);
                    MiniBatches.gather(features, ROW_FLOATS, copy, expected.asSlice(0, copy.length * ROW_FLOATS * 4L));
                    viaArray.fill((byte) 0);
                    direct.fill((byte) 0);
                    assertEquals(count, MiniBatches.gather(features, ROW_FLOATS, rows, count, viaArray));
                    assertEquals(count, epoch.gather(b, features, ROW_FLOATS, direct));
                    assertEquals(-1, expected.mismatch(viaArray), "epoch " + e + " batch " + b);
                    assertEquals(-1, expected.mismatch(direct), "epoch " + e + " batch " + b);
                }
                assertEquals(3, epoch.batchSize(epoch.batches() - 1), "the kept last batch of 103 = 10 x 10 + 3");
            }
        }
    }

    @Test
    void badIndexesAndShortStorageAreRejected() {
        MiniBatches.Epoch epoch = new MiniBatches(EXAMPLES, BATCH, 1, LastBatch.DROP).epoch(1);
        assertThrows(IndexOutOfBoundsException.class, () -> epoch.batchSize(10));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> epoch.batch(0, new int[9]));
        assertEquals("batch 0 holds 10 examples but into holds 9", e.getMessage());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fewRows = arena.allocate(5 * ROW_FLOATS * 4L);
            MemorySegment destination = arena.allocate(BATCH * ROW_FLOATS * 4L);
            assertThrows(IndexOutOfBoundsException.class, () -> epoch.gather(0, fewRows, ROW_FLOATS, destination));
            assertEquals(-1, destination.mismatch(arena.allocate(BATCH * ROW_FLOATS * 4L)), "nothing written");
        }
    }
}
