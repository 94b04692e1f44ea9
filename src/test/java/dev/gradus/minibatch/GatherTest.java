package dev.gradus.minibatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gradus.MiniBatches;
import dev.gradus.testing.property.BitExact;
import dev.gradus.testing.property.Buffers;
import dev.gradus.testing.property.Floats;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.GuardedSegment;
import dev.gradus.testing.property.Property;
import dev.gradus.testing.rejection.RejectedCalls;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link MiniBatches#gather} copies the selected rows bit for bit, writes nothing outside the
 * destination, never writes the source, and rejects bad arguments before writing anything.
 */
class GatherTest {

    /** A row-major source, the rows to gather (repeats allowed), and where the buffers live. */
    record GatherCase(Buffers.Kind kind, int offset, int rowFloats, float[] source, int[] rows) {

        int sourceRows() {
            return source.length / rowFloats;
        }

        /** The gather written as a plain loop over elements. */
        float[] expected() {
            float[] gathered = new float[rows.length * rowFloats];
            for (int i = 0; i < rows.length; i++) {
                for (int k = 0; k < rowFloats; k++) {
                    gathered[i * rowFloats + k] = source[rows[i] * rowFloats + k];
                }
            }
            return gathered;
        }

        @Override
        public String toString() {
            return kind + " offset=" + offset + ", rowFloats=" + rowFloats + ", sourceRows=" + sourceRows()
                    + ", rows=" + Arrays.toString(rows) + "\n  source=" + Floats.describe(source);
        }
    }

    static Gen<GatherCase> cases() {
        Gen<Integer> offsets = Gen.elementOf(0, 1, 2, 3, 7);
        return random -> {
            int rowFloats = random.nextInt(4) == 0 ? random.nextInt(16, 70) : random.nextInt(1, 10);
            int sourceRows = random.nextInt(10) == 0 ? 0 : random.nextInt(1, 40);
            float[] source = Floats.arrayOf(sourceRows * rowFloats, Floats.any()).next(random);
            int[] rows = sourceRows == 0 ? new int[0] : random.ints(random.nextInt(0, 50), 0, sourceRows).toArray();
            return new GatherCase(random.nextBoolean() ? Buffers.Kind.HEAP : Buffers.Kind.NATIVE,
                    offsets.next(random), rowFloats, source, rows);
        };
    }

    @Test
    void copiesTheSelectedRowsBitForBit() {
        Property.forAll("gather == plain loop", cases())
                .cover("heap", c -> c.kind() == Buffers.Kind.HEAP, 20)
                .cover("native", c -> c.kind() == Buffers.Kind.NATIVE, 20)
                .cover("no row", c -> c.rows().length == 0, 2)
                .cover("one float per row", c -> c.rowFloats() == 1, 5)
                .cover("long rows", c -> c.rowFloats() >= 16, 20)
                .check(c -> {
                    try (Arena arena = Arena.ofConfined()) {
                        GuardedSegment source = Buffers.of(c.kind(), arena, c.source(), c.offset(), 3);
                        float[] stale = new float[c.rows().length * c.rowFloats()];
                        Arrays.fill(stale, -7.5f);
                        GuardedSegment destination = Buffers.of(c.kind(), arena, stale, c.offset(), 3);
                        MiniBatches.gather(source.slice(), c.rowFloats(), c.rows(), destination.slice());
                        BitExact.assertSameBits("destination", c.expected(), destination.slice());
                        BitExact.assertSameBits("source", c.source(), source.slice());
                        destination.assertGuardsUntouched();
                        source.assertGuardsUntouched();
                    }
                });
    }

    @Test
    void arraysWorkLikeSegments() {
        float[] source = {0, 1, 2, 10, 11, 12, 20, 21, 22};
        float[] destination = new float[6];
        MiniBatches.gather(source, 3, new int[] {2, 0}, destination);
        assertArrayEquals(new float[] {20, 21, 22, 0, 1, 2}, destination);
    }

    @Test
    void aShortBatchFillsTheStartOfALargerDestination() {
        float[] source = {0, 1, 2, 10, 11, 12, 20, 21, 22};
        float[] destination = {-1, -1, -1, -1, -1, -1, -1, -1, -1};
        int written = MiniBatches.gather(source, 3, new int[] {2, 1}, destination);
        assertEquals(2, written);
        assertArrayEquals(new float[] {20, 21, 22, 10, 11, 12, -1, -1, -1}, destination);
    }

    @Test
    void countUsesTheStartOfAReusedIndexArray() {
        MemorySegment source = MemorySegment.ofArray(new float[] {0, 1, 10, 11, 20, 21});
        float[] destination = {-1, -1, -1, -1, -1, -1};
        int[] rows = {2, 0, 1};
        assertEquals(2, MiniBatches.gather(source, 2, rows, 2, MemorySegment.ofArray(destination)));
        assertArrayEquals(new float[] {20, 21, 0, 1, -1, -1}, destination);
        assertEquals(0, MiniBatches.gather(source, 2, rows, 0, MemorySegment.ofArray(destination)));
    }

    private static final int ROWS = 4;
    private static final int ROW_FLOATS = 3;

    /** A four-row source of three floats a row and a two-row destination, all distinct values. */
    record Fixture(Arena arena, MemorySegment source, MemorySegment destination) {

        static Fixture create() {
            Arena arena = Arena.ofAuto();
            MemorySegment source = arena.allocate(ROWS * ROW_FLOATS * 4L, 64);
            MemorySegment destination = arena.allocate(2 * ROW_FLOATS * 4L, 64);
            for (int i = 0; i < ROWS * ROW_FLOATS; i++) {
                source.setAtIndex(ValueLayout.JAVA_FLOAT, i, i + 0.5f);
            }
            for (int i = 0; i < 2 * ROW_FLOATS; i++) {
                destination.setAtIndex(ValueLayout.JAVA_FLOAT, i, -i - 1f);
            }
            return new Fixture(arena, source, destination);
        }

        void gather(int... rows) {
            MiniBatches.gather(source, ROW_FLOATS, rows, destination);
        }
    }

    static Stream<Arguments> badCalls() {
        return Stream.of(
                row("row -1", IndexOutOfBoundsException.class, "rows[1] = -1 is out of bounds for a source of 4 rows",
                        f -> () -> f.gather(0, -1)),
                row("row past the end", IndexOutOfBoundsException.class,
                        "rows[0] = 4 is out of bounds for a source of 4 rows", f -> () -> f.gather(4, 0)),
                row("rowFloats 0", IllegalArgumentException.class, "rowFloats must be >= 1, got 0",
                        f -> () -> MiniBatches.gather(f.source, 0, new int[] {0, 1}, f.destination)),
                row("source not whole rows", IllegalArgumentException.class,
                        "source holds 11 floats, not a whole number of rows of 3 floats",
                        f -> () -> MiniBatches.gather(f.source.asSlice(4), ROW_FLOATS, new int[] {0, 1}, f.destination)),
                row("destination too small", IllegalArgumentException.class,
                        "destination must hold at least count * rowFloats = 3 * 3 floats, but holds 6",
                        f -> () -> f.gather(0, 1, 2)),
                row("destination short of a whole row", IllegalArgumentException.class,
                        "destination must hold at least count * rowFloats = 2 * 3 floats, but holds 5",
                        f -> () -> MiniBatches.gather(f.source, ROW_FLOATS, new int[] {0, 1}, f.destination.asSlice(4))),
                row("count past the rows", IndexOutOfBoundsException.class, "Range [0, 0 + 3) out of bounds for length 2",
                        f -> () -> MiniBatches.gather(f.source, ROW_FLOATS, new int[] {0, 1}, 3, f.destination)),
                row("negative count", IndexOutOfBoundsException.class, "Range [0, 0 + -1) out of bounds for length 2",
                        f -> () -> MiniBatches.gather(f.source, ROW_FLOATS, new int[] {0, 1}, -1, f.destination)),
                row("destination read-only", IllegalArgumentException.class,
                        "destination is read-only but the step writes it",
                        f -> () -> MiniBatches.gather(f.source, ROW_FLOATS, new int[] {0, 1}, f.destination.asReadOnly())),
                row("destination inside the source", IllegalArgumentException.class,
                        "destination overlaps source",
                        f -> () -> MiniBatches.gather(f.source, ROW_FLOATS, new int[] {0, 1}, f.source.asSlice(0, 24))),
                row("closed source", IllegalStateException.class, "source: the segment's arena is already closed",
                        f -> () -> {
                            Arena closing = Arena.ofConfined();
                            MemorySegment closed = closing.allocate(48);
                            closing.close();
                            MiniBatches.gather(closed, ROW_FLOATS, new int[] {0, 1}, f.destination);
                        }),
                row("null rows", NullPointerException.class, "rows",
                        f -> () -> MiniBatches.gather(f.source, ROW_FLOATS, null, f.destination)),
                row("null destination", NullPointerException.class, "destination",
                        f -> () -> MiniBatches.gather(f.source, ROW_FLOATS, new int[] {0, 1}, (MemorySegment) null)),
                row("null float[] source", NullPointerException.class, "source",
                        f -> () -> MiniBatches.gather(null, ROW_FLOATS, new int[] {0}, new float[3])));
    }

    private static Arguments row(String name, Class<? extends Throwable> type, String messageStart,
                                 Function<Fixture, Executable> call) {
        return RejectedCalls.row(name, type, messageStart, call);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCalls")
    void isRejectedBeforeAnythingIsWritten(String name, Class<? extends Throwable> type, String messageStart,
                                           Function<Fixture, Executable> call) {
        Fixture f = Fixture.create();
        RejectedCalls.assertRejectedUnchanged(type, messageStart, call.apply(f), f.source(), f.destination());
    }
}
