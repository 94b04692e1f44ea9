package dev.gradus.minibatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.MiniBatches;
import dev.gradus.MiniBatches.LastBatch;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.Property;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Epochs of mini-batches: each a reshuffled pass over the examples, cut into batches of the right
 * sizes, reproducible from the seed and computable for any epoch without the ones before.
 */
class MiniBatchesTest {

    /** A batching and an epoch number. */
    record EpochCase(MiniBatches batches, long epoch) {}

    static Gen<EpochCase> cases() {
        Gen<Long> epochs = Gen.elementOf(1L, 1L, 2L, 3L, 17L, 1_000_000L, 1L << 40);
        return random -> {
            int n = random.nextInt(8) == 0 ? random.nextInt(1000, 20_000) : random.nextInt(1, 300);
            LastBatch last = random.nextBoolean() ? LastBatch.KEEP : LastBatch.DROP;
            int batchSize = switch (random.nextInt(4)) {
                case 0 -> 1;
                case 1 -> n;
                case 2 -> last == LastBatch.KEEP ? n + random.nextInt(1, 10) : random.nextInt(1, n + 1);
                default -> random.nextInt(1, n + 1);
            };
            return new EpochCase(new MiniBatches(n, batchSize, random.nextLong(), last), epochs.next(random));
        };
    }

    @Test
    void everyExampleAppearsOnceInBatchesOfTheRightSizes() {
        Property.forAll("an epoch is a partition into batches", cases())
                .cover("keep a partial last batch", c -> c.batches().lastBatch() == LastBatch.KEEP
                        && c.batches().examples() % c.batches().batchSize() != 0, 20)
                .cover("drop a partial last batch", c -> c.batches().lastBatch() == LastBatch.DROP
                        && c.batches().examples() % c.batches().batchSize() != 0, 20)
                .cover("batch size 1", c -> c.batches().batchSize() == 1, 10)
                .cover("batch size above the examples", c -> c.batches().batchSize() > c.batches().examples(), 5)
                .check(c -> {
                    MiniBatches batches = c.batches();
                    int n = batches.examples();
                    int size = batches.batchSize();
                    boolean keep = batches.lastBatch() == LastBatch.KEEP;
                    int expectedBatches = keep ? (n + size - 1) / size : n / size;
                    assertEquals(expectedBatches, batches.stepsPerEpoch());
                    MiniBatches.Epoch epoch = batches.epoch(c.epoch());
                    assertEquals(expectedBatches, epoch.batches());
                    assertEquals(c.epoch(), epoch.number());
                    int[] order = epoch.order();
                    assertArrayEquals(IntStream.range(0, n).toArray(), Arrays.stream(order).sorted().toArray(),
                            "the order is a permutation of the examples");
                    List<Integer> seen = new ArrayList<>();
                    Iterator<int[]> iterator = epoch.iterator();
                    for (int b = 0; b < epoch.batches(); b++) {
                        int[] batch = epoch.batch(b);
                        int expectedSize = keep && b == expectedBatches - 1 ? n - b * size : size;
                        assertEquals(expectedSize, batch.length, "size of batch " + b);
                        assertArrayEquals(batch, iterator.next(), "iterated batch " + b);
                        assertEquals((c.epoch() - 1) * expectedBatches + b + 1, epoch.step(b), "step of batch " + b);
                        Arrays.stream(batch).forEach(seen::add);
                    }
                    assertFalse(iterator.hasNext());
                    assertThrows(NoSuchElementException.class, iterator::next);
                    int covered = keep ? n : n - n % size;
                    assertEquals(covered, seen.size());
                    assertArrayEquals(Arrays.copyOf(order, covered), seen.stream().mapToInt(i -> i).toArray(),
                            "batches follow the epoch's order; DROP leaves out its last n % B");
                    assertEquals(covered, seen.stream().distinct().count(), "no example twice");
                });
    }

    @Test
    void theSameSeedGivesTheSameOrdersInAnyOrderOfEpochs() {
        Property.forAll("same seed, same order", cases()).check(c -> {
            MiniBatches same = new MiniBatches(c.batches().examples(), c.batches().batchSize(), c.batches().seed(),
                    c.batches().lastBatch());
            int[] direct = c.batches().epoch(c.epoch()).order();
            for (long e = 1; e < Math.min(c.epoch(), 5); e++) {
                same.epoch(e);
            }
            assertArrayEquals(direct, same.epoch(c.epoch()).order());
        });
    }

    @Test
    void epochsAndSeedsGiveDifferentOrders() {
        MiniBatches batches = new MiniBatches(50, 8, 42, LastBatch.KEEP);
        Map<String, Long> orders = new HashMap<>();
        for (long e = 1; e <= 200; e++) {
            Long previous = orders.put(Arrays.toString(batches.epoch(e).order()), e);
            assertEquals(null, previous, "epochs " + previous + " and " + e + " have the same order");
        }
        for (long seed = 43; seed < 243; seed++) {
            String order = Arrays.toString(new MiniBatches(50, 8, seed, LastBatch.KEEP).epoch(1).order());
            assertFalse(orders.containsKey(order), "seed " + seed + " repeats an order of seed 42");
        }
    }

    @Test
    void everyPermutationIsAboutEquallyLikely() {
        // 24 permutations of 4 examples over 24,000 epochs: about 1,000 each. Chi-square with 23
        // degrees of freedom exceeds 60 with probability below 1e-4 for a uniform shuffle.
        MiniBatches batches = new MiniBatches(4, 4, 7, LastBatch.KEEP);
        Map<String, Integer> counts = new HashMap<>();
        int epochs = 24_000;
        for (long e = 1; e <= epochs; e++) {
            counts.merge(Arrays.toString(batches.epoch(e).order()), 1, Integer::sum);
        }
        assertEquals(24, counts.size());
        double expected = epochs / 24.0;
        double chiSquare = counts.values().stream().mapToDouble(k -> (k - expected) * (k - expected) / expected).sum();
        assertTrue(chiSquare < 60, "chi-square " + chiSquare + " of " + counts);
    }

    @Test
    void ordersArePinnedByTheDocumentedDerivation() {
        // Changing the derivation of the shuffles changes every user's runs: this pins it.
        MiniBatches batches = new MiniBatches(10, 4, 42, LastBatch.KEEP);
        assertArrayEquals(new int[] {3, 1, 7, 2, 9, 8, 0, 5, 4, 6}, batches.epoch(1).order());
        assertArrayEquals(new int[] {5, 2, 1, 3, 0, 4, 8, 7, 9, 6}, batches.epoch(2).order());
    }

    @Test
    void badArgumentsAreRejectedByName() {
        assertMessage("examples must be >= 1, got 0", () -> new MiniBatches(0, 1, 0, LastBatch.KEEP));
        assertMessage("batchSize must be >= 1, got 0", () -> new MiniBatches(5, 0, 0, LastBatch.KEEP));
        assertMessage("batchSize must be >= 1, got -3", () -> new MiniBatches(5, -3, 0, LastBatch.DROP));
        assertMessage("batchSize (6) must be <= examples (5) with LastBatch.DROP, or an epoch has no batch",
                () -> new MiniBatches(5, 6, 0, LastBatch.DROP));
        assertEquals("lastBatch must not be null", assertThrows(NullPointerException.class,
                () -> new MiniBatches(5, 2, 0, null)).getMessage());
        MiniBatches batches = new MiniBatches(5, 2, 0, LastBatch.KEEP);
        assertMessage("epoch must be >= 1 (epochs count from 1), got 0", () -> batches.epoch(0));
        MiniBatches.Epoch epoch = batches.epoch(1);
        assertThrows(IndexOutOfBoundsException.class, () -> epoch.batch(3));
        assertThrows(IndexOutOfBoundsException.class, () -> epoch.batch(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> epoch.step(3));
        assertThrows(ArithmeticException.class, () -> batches.epoch(Long.MAX_VALUE).step(2));
    }

    private static void assertMessage(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
