package dev.gradus;

import dev.gradus.internal.ArgumentChecks;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Mini-batches of a training set: each epoch is one pass over the {@code examples} examples in a
 * fresh random order, cut into batches of {@code batchSize} examples. A batch size equal to the
 * number of examples is batch gradient descent, 1 is stochastic gradient descent, and in between
 * (typically 64 to 512) is mini-batch gradient descent.
 *
 * <pre>{@code
 * MiniBatches batches = new MiniBatches(n, 64, seed, MiniBatches.LastBatch.KEEP);
 * Schedule schedule = new InverseTimeDecay(0.2, 1.0).perEpoch(batches.stepsPerEpoch());
 * for (long e = 1; e <= epochs; e++) {
 *     MiniBatches.Epoch epoch = batches.epoch(e);            // shuffles once, O(n)
 *     for (int b = 0; b < epoch.batches(); b++) {
 *         int rows = epoch.gather(b, features, rowFloats, batchBuffer);   // no allocation
 *         long t = epoch.step(b);                            // 1, 2, ... across epochs
 *         ...                                                // the first `rows` rows of batchBuffer
 *     }
 * }
 * }</pre>
 *
 * <p><b>Order.</b> Epochs count from 1, like {@link dev.gradus.schedule.PerEpoch}. The order of epoch {@code e} is a
 * Fisher-Yates shuffle of {@code 0 .. examples - 1} drawn from
 * {@code new SplittableRandom(mix64(mix64(seed) + e * 0x9e3779b97f4a7c15L))}, {@code mix64} being
 * SplitMix64's finalizer: the same seed gives the same orders, different epochs give independent
 * orders, and any epoch is computed directly, without replaying the ones before it (resuming at
 * epoch {@code e} gives the batches of an uninterrupted run).
 *
 * <p><b>Last batch.</b> When {@code batchSize} does not divide {@code examples}, the last
 * {@code examples % batchSize} examples of each epoch's order form a smaller last batch
 * ({@link LastBatch#KEEP}) or are left out of that epoch ({@link LastBatch#DROP}; different
 * examples each epoch, since the order changes).
 *
 * <p>Immutable and thread-safe, as are its {@link Epoch}s.
 *
 * @param examples  the number of examples {@code n}, {@code >= 1}
 * @param batchSize the examples per batch {@code B}, {@code >= 1}; with {@link LastBatch#DROP} at
 *                  most {@code examples}
 * @param seed      the seed of the shuffles
 * @param lastBatch what happens to a partial last batch
 */
public record MiniBatches(int examples, int batchSize, long seed, LastBatch lastBatch) {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    /** What to do with the last batch of an epoch when it has fewer than {@code batchSize} examples. */
    public enum LastBatch {
        /** Train on it: every example appears exactly once per epoch. */
        KEEP,
        /** Leave it out: every batch has exactly {@code batchSize} examples. */
        DROP
    }

    /**
     * Validates the parameters.
     *
     * @throws IllegalArgumentException naming the parameter and its value if one is out of range,
     *     or if {@link LastBatch#DROP} would leave an epoch without a batch
     * @throws NullPointerException     if {@code lastBatch} is {@code null}
     */
    public MiniBatches {
        ArgumentChecks.requireCount("examples", examples);
        ArgumentChecks.requireCount("batchSize", batchSize);
        ArgumentChecks.requireNonNull("lastBatch", lastBatch);
        if (lastBatch == LastBatch.DROP && batchSize > examples) {
            throw new IllegalArgumentException("batchSize (" + batchSize + ") must be <= examples (" + examples
                    + ") with LastBatch.DROP, or an epoch has no batch");
        }
    }

    /**
     * The batches per epoch: {@code ceil(n / B)} with {@link LastBatch#KEEP}, {@code floor(n / B)}
     * with {@link LastBatch#DROP}; the {@code stepsPerEpoch} of {@link dev.gradus.schedule.PerEpoch}.
     *
     * @return the batches per epoch
     */
    public int stepsPerEpoch() {
        return lastBatch == LastBatch.KEEP ? (examples - 1) / batchSize + 1 : examples / batchSize;
    }

    /**
     * The shuffled batches of epoch {@code epoch}. Shuffles {@code examples} indices: call it once
     * per epoch.
     *
     * @param epoch the epoch number, {@code >= 1}
     * @return its batches
     * @throws IllegalArgumentException if {@code epoch < 1}
     */
    public Epoch epoch(long epoch) {
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch must be >= 1 (epochs count from 1), got " + epoch);
        }
        int[] order = new int[examples];
        Arrays.setAll(order, i -> i);
        SplittableRandom random = new SplittableRandom(mix64(mix64(seed) + epoch * GOLDEN_GAMMA));
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swapped = order[i];
            order[i] = order[j];
            order[j] = swapped;
        }
        return new Epoch(this, epoch, order);
    }

    /**
     * Copies rows {@code rows[0], rows[1], ...} of a row-major matrix of floats into the first
     * {@code rows.length} rows of {@code destination}: row {@code i} of the destination is row
     * {@code rows[i]} of the source. The destination may hold more rows, as a buffer sized for a
     * full batch does when it receives an epoch's shorter last batch: those are left as they are.
     *
     * <p>Each row is contiguous, so the gather is one {@link MemorySegment#copy(MemorySegment,
     * long, MemorySegment, long, long) bulk copy} per row, which the JDK runs as a vectorized
     * memory copy. No Vector API code is needed: a lane-wise gather would fetch the same
     * contiguous bytes one element at a time. Nothing is allocated.
     *
     * @param source      the matrix, a whole number of rows of {@code rowFloats} floats; not modified
     * @param rowFloats   the floats per row, {@code >= 1}
     * @param rows        the source rows to copy, each in {@code [0, source rows)}; not modified
     * @param destination at least {@code rows.length * rowFloats} floats, sharing no byte with the
     *                    source; its first {@code rows.length} rows are written
     * @return the number of rows written, {@code rows.length}
     * @throws IllegalArgumentException  for a bad {@code rowFloats}, a source that is not whole rows,
     *     a destination too small or read-only, or overlapping buffers
     * @throws IndexOutOfBoundsException naming the first row index out of range
     * @throws IllegalStateException     for a segment whose arena is closed
     * @throws WrongThreadException      for a segment confined to another thread
     * @throws NullPointerException      for a null argument
     *     (every check runs before anything is written)
     */
    public static int gather(MemorySegment source, long rowFloats, int[] rows, MemorySegment destination) {
        return RowGather.gather(source, rowFloats, rows, 0, ArgumentChecks.requireNonNull("rows", rows).length,
                destination);
    }

    /**
     * {@link #gather(MemorySegment, long, int[], MemorySegment)} of the first {@code count} entries
     * of {@code rows}: for index storage reused across batches (see {@link Epoch#batch(int, int[])}),
     * where a shorter last batch fills only the start of the array.
     *
     * @param source      the matrix, a whole number of rows of {@code rowFloats} floats; not modified
     * @param rowFloats   the floats per row, {@code >= 1}
     * @param rows        the source rows to copy in its first {@code count} entries; not modified
     * @param count       how many rows to copy, in {@code [0, rows.length]}
     * @param destination at least {@code count * rowFloats} floats, sharing no byte with the source;
     *                    its first {@code count} rows are written
     * @return the number of rows written, {@code count}
     * @throws IndexOutOfBoundsException if {@code count} is out of range, or naming the first row
     *     index out of range
     * @throws IllegalArgumentException  as {@link #gather(MemorySegment, long, int[], MemorySegment)}
     * @throws IllegalStateException     for a segment whose arena is closed
     * @throws WrongThreadException      for a segment confined to another thread
     * @throws NullPointerException      for a null argument
     */
    public static int gather(MemorySegment source, long rowFloats, int[] rows, int count, MemorySegment destination) {
        return RowGather.gather(source, rowFloats, rows, 0, count, destination);
    }

    /**
     * {@link #gather(MemorySegment, long, int[], MemorySegment)} on arrays.
     *
     * @param source      the matrix, a whole number of rows of {@code rowFloats} floats; not modified
     * @param rowFloats   the floats per row, {@code >= 1}
     * @param rows        the source rows to copy; not modified
     * @param destination at least {@code rows.length * rowFloats} floats; its first {@code rows.length} rows are written
     * @return the number of rows written, {@code rows.length}
     * @throws IllegalArgumentException  as the segment form
     * @throws IndexOutOfBoundsException naming the first row index out of range
     * @throws NullPointerException      for a null argument
     */
    public static int gather(float[] source, int rowFloats, int[] rows, float[] destination) {
        return gather(MemorySegment.ofArray(ArgumentChecks.requireNonNull("source", source)), rowFloats, rows,
                MemorySegment.ofArray(ArgumentChecks.requireNonNull("destination", destination)));
    }

    /** SplitMix64's finalizer (Steele, Lea &amp; Flood 2014), a bijective mix of 64 bits. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * One epoch's batches: batch {@code b} (from 0) holds the examples at positions
     * {@code [b * B, min((b + 1) * B, n))} of the epoch's order. Iterating gives the batches in
     * order. Immutable and thread-safe; the arrays it returns are fresh copies.
     */
    public static final class Epoch implements Iterable<int[]> {

        private final MiniBatches batches;
        private final long number;
        private final int[] order;

        private Epoch(MiniBatches batches, long number, int[] order) {
            this.batches = batches;
            this.number = number;
            this.order = order;
        }

        /** {@return the epoch number, {@code >= 1}} */
        public long number() {
            return number;
        }

        /** {@return the number of batches, {@link MiniBatches#stepsPerEpoch()}} */
        public int batches() {
            return batches.stepsPerEpoch();
        }

        /**
         * The examples of batch {@code index}, in the epoch's order, in a new array (see
         * {@link #batch(int, int[])} and {@link #gather(int, MemorySegment, long, MemorySegment)}
         * for forms that allocate nothing).
         *
         * @param index from 0 to {@code batches() - 1}
         * @return its examples
         * @throws IndexOutOfBoundsException if {@code index} is out of range
         */
        public int[] batch(int index) {
            int from = index * batches.batchSize();
            return Arrays.copyOfRange(order, from, from + batchSize(index));
        }

        /**
         * The number of examples in batch {@code index}: {@code batchSize}, or fewer in a kept
         * last batch.
         *
         * @param index from 0 to {@code batches() - 1}
         * @return the examples of that batch
         * @throws IndexOutOfBoundsException if {@code index} is out of range
         */
        public int batchSize(int index) {
            Objects.checkIndex(index, batches());
            return Math.min(batches.batchSize(), order.length - index * batches.batchSize());
        }

        /**
         * Copies the examples of batch {@code index} into the start of {@code into}, allocating
         * nothing: one array of {@code batchSize} entries serves every batch of every epoch.
         *
         * <pre>{@code
         * int[] rows = new int[batches.batchSize()];
         * for (int b = 0; b < epoch.batches(); b++) {
         *     int count = epoch.batch(b, rows);
         *     MiniBatches.gather(features, rowFloats, rows, count, batchBuffer);
         * }
         * }</pre>
         *
         * @param index from 0 to {@code batches() - 1}
         * @param into  receives the examples in its first {@link #batchSize(int)} entries; the
         *              others are left as they are
         * @return the number of examples written, {@link #batchSize(int)}
         * @throws IndexOutOfBoundsException if {@code index} is out of range or {@code into} is too short
         * @throws NullPointerException      if {@code into} is null
         */
        public int batch(int index, int[] into) {
            int count = batchSize(index);
            ArgumentChecks.requireNonNull("into", into);
            if (into.length < count) {
                throw new IndexOutOfBoundsException("batch " + index + " holds " + count
                        + " examples but into holds " + into.length);
            }
            System.arraycopy(order, index * batches.batchSize(), into, 0, count);
            return count;
        }

        /**
         * Gathers the rows of batch {@code index} straight from the epoch's order, as
         * {@link MiniBatches#gather(MemorySegment, long, int[], MemorySegment)} with
         * {@link #batch(int)}, but without an index array: nothing is allocated. A destination
         * sized for a full batch receives a shorter last batch in its first rows.
         *
         * @param index       from 0 to {@code batches() - 1}
         * @param source      the training set, one row of {@code rowFloats} floats per example
         *                    (at least {@code examples} rows); not modified
         * @param rowFloats   the floats per row, {@code >= 1}
         * @param destination at least {@link #batchSize(int)} {@code * rowFloats} floats, sharing
         *                    no byte with the source; its first rows are written
         * @return the number of rows written, {@link #batchSize(int)}
         * @throws IndexOutOfBoundsException if {@code index} is out of range, or the source has
         *     fewer rows than an example of the batch needs
         * @throws IllegalArgumentException  as {@link MiniBatches#gather(MemorySegment, long, int[], MemorySegment)}
         * @throws IllegalStateException     for a segment whose arena is closed
         * @throws WrongThreadException      for a segment confined to another thread
         * @throws NullPointerException      for a null buffer
         */
        public int gather(int index, MemorySegment source, long rowFloats, MemorySegment destination) {
            return RowGather.gather(source, rowFloats, order, index * batches.batchSize(), batchSize(index),
                    destination);
        }

        /**
         * The step {@code t} of batch {@code index}: {@code (number - 1) * stepsPerEpoch + index + 1},
         * the step number to give the kernels and the schedule.
         *
         * @param index from 0 to {@code batches() - 1}
         * @return its step number
         * @throws IndexOutOfBoundsException if {@code index} is out of range
         * @throws ArithmeticException       if the step overflows a {@code long}
         */
        public long step(int index) {
            Objects.checkIndex(index, batches());
            return Math.addExact(Math.multiplyExact(number - 1, (long) batches()), index + 1L);
        }

        /** {@return every example in the epoch's order, the dropped ones (with {@link LastBatch#DROP}) last} */
        public int[] order() {
            return order.clone();
        }

        @Override
        public Iterator<int[]> iterator() {
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < batches();
                }

                @Override
                public int[] next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException("epoch " + number + " has " + batches() + " batches");
                    }
                    return batch(next++);
                }
            };
        }

        @Override
        public String toString() {
            return "Epoch[" + number + " of " + batches + "]";
        }
    }
}
