package dev.gradus.nonfinite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gradus.Kernels;
import dev.gradus.testing.rejection.RejectedCalls;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad calls of {@link Kernels#firstNonFinite} are rejected with the exception type and message
 * of the other entry points; read-only and heap segments are accepted, and indices count from the
 * start of the segment.
 */
class NonFiniteValidationTest {

    private static final int N = 8;

    /** Eight finite floats with an infinity at index 5. */
    private static MemorySegment values() {
        MemorySegment values = Arena.ofAuto().allocate(N * 4L, 64);
        for (int i = 0; i < N; i++) {
            values.setAtIndex(ValueLayout.JAVA_FLOAT, i, i == 5 ? Float.POSITIVE_INFINITY : 0.5f * i);
        }
        return values;
    }

    private static MemorySegment closed() {
        Arena closing = Arena.ofConfined();
        MemorySegment segment = closing.allocate(N * 4L);
        closing.close();
        return segment;
    }

    private static MemorySegment confinedToAnotherThread() {
        return CompletableFuture.supplyAsync(() -> Arena.ofConfined().allocate(N * 4L)).join();
    }

    static Stream<Arguments> badCalls() {
        return Stream.of(
                row("not whole floats", IllegalArgumentException.class,
                        "values must hold a whole number of floats, but its byte size is 30",
                        () -> Kernels.firstNonFinite(values().asSlice(0, 30))),
                row("range from > to", IndexOutOfBoundsException.class, "Range [5, 4) out of bounds for length 8",
                        () -> Kernels.firstNonFinite(values(), 5, 4)),
                row("range past the end", IndexOutOfBoundsException.class, "Range [0, 9) out of bounds for length 8",
                        () -> Kernels.firstNonFinite(values(), 0, 9)),
                row("negative from", IndexOutOfBoundsException.class, "Range [-1, 4) out of bounds for length 8",
                        () -> Kernels.firstNonFinite(values(), -1, 4)),
                row("closed arena", IllegalStateException.class, "values: the segment's arena is already closed",
                        () -> Kernels.firstNonFinite(closed())),
                row("confined to another thread", WrongThreadException.class,
                        "values: the segment is confined to another thread than ",
                        () -> Kernels.firstNonFinite(confinedToAnotherThread(), 0, N)),
                row("null", NullPointerException.class, "values", () -> Kernels.firstNonFinite(null)),
                row("null with a range", NullPointerException.class, "values",
                        () -> Kernels.firstNonFinite(null, 0, 0)));
    }

    private static Arguments row(String name, Class<? extends Throwable> type, String messageStart,
                                 Executable call) {
        return Arguments.of(name, type, messageStart, call);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCalls")
    void isRejected(String name, Class<? extends Throwable> type, String messageStart, Executable call) {
        RejectedCalls.assertRejectedUnchanged(type, messageStart, call);
    }

    @Test
    void readOnlyAndHeapSegmentsAreScannedAndIndicesCountFromTheSegmentStart() {
        assertEquals(5, Kernels.firstNonFinite(values().asReadOnly()));
        assertEquals(5, Kernels.firstNonFinite(values(), 2, N));
        assertEquals(-1, Kernels.firstNonFinite(values(), 0, 5));
        assertEquals(-1, Kernels.firstNonFinite(values(), 6, N));
        assertEquals(1, Kernels.firstNonFinite(MemorySegment.ofArray(new float[] {Float.MAX_VALUE, Float.NaN})));
    }
}
