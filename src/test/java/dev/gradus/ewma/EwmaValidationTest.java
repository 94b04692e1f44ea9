package dev.gradus.ewma;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gradus.Ewma;
import dev.gradus.testing.rejection.RejectedCalls;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad calls of {@link Ewma#update}: each is rejected with the JDK's exception type for that misuse
 * and a message naming the argument, and leaves both buffers bit-for-bit unchanged.
 */
class EwmaValidationTest {

    private static final int N = 8;

    /** Two eight-float buffers of distinct non-zero values. */
    record Fixture(Arena arena, MemorySegment average, MemorySegment value) {

        static Fixture create() {
            Arena arena = Arena.ofAuto();
            MemorySegment average = arena.allocate(N * 4L, 64);
            MemorySegment value = arena.allocate(N * 4L, 64);
            for (int i = 0; i < N; i++) {
                average.setAtIndex(ValueLayout.JAVA_FLOAT, i, 0.5f + i);
                value.setAtIndex(ValueLayout.JAVA_FLOAT, i, -3.25f * i);
            }
            return new Fixture(arena, average, value);
        }

        MemorySegment closed() {
            Arena closing = Arena.ofConfined();
            MemorySegment segment = closing.allocate(N * 4L);
            closing.close();
            return segment;
        }

        MemorySegment confinedToAnotherThread() {
            return CompletableFuture.supplyAsync(() -> Arena.ofConfined().allocate(N * 4L)).join();
        }
    }

    static Stream<Arguments> badCalls() {
        return Stream.of(
                row("decay 1", IllegalArgumentException.class, "decay must be in [0, 1), got 1.0",
                        f -> () -> Ewma.update(1.0, f.average, f.value)),
                row("decay NaN", IllegalArgumentException.class, "decay must be in [0, 1), got NaN",
                        f -> () -> Ewma.update(Double.NaN, f.average, f.value)),
                row("decay negative", IllegalArgumentException.class, "decay must be in [0, 1), got -0.5",
                        f -> () -> Ewma.update(-0.5, f.average, f.value, 0, N)),
                row("value shorter", IllegalArgumentException.class, "value holds 7 floats but average holds 8",
                        f -> () -> Ewma.update(0.9, f.average, f.value.asSlice(4))),
                row("value longer", IllegalArgumentException.class, "value holds 9 floats but average holds 8",
                        f -> () -> Ewma.update(0.9, f.average, f.arena.allocate(36))),
                row("average not whole floats", IllegalArgumentException.class,
                        "average must hold a whole number of floats, but its byte size is 30",
                        f -> () -> Ewma.update(0.9, f.average.asSlice(0, 30), f.value)),
                row("average read-only", IllegalArgumentException.class, "average is read-only but the step writes it",
                        f -> () -> Ewma.update(0.9, f.average.asReadOnly(), f.value)),
                row("average is value", IllegalArgumentException.class,
                        "average overlaps value (the step writes average while it reads value)",
                        f -> () -> Ewma.update(0.9, f.average, f.average)),
                row("average overlaps value", IllegalArgumentException.class,
                        "average overlaps value (the step writes average while it reads value)",
                        f -> () -> Ewma.update(0.9, f.average.asSlice(0, 16), f.average.asSlice(12, 16))),
                row("range from > to", IndexOutOfBoundsException.class, "Range [5, 4) out of bounds for length 8",
                        f -> () -> Ewma.update(0.9, f.average, f.value, 5, 4)),
                row("range past the end", IndexOutOfBoundsException.class, "Range [0, 9) out of bounds for length 8",
                        f -> () -> Ewma.update(0.9, f.average, f.value, 0, 9)),
                row("value of a closed arena", IllegalStateException.class,
                        "value: the segment's arena is already closed",
                        f -> () -> Ewma.update(0.9, f.average, f.closed())),
                row("value confined to another thread", WrongThreadException.class,
                        "value: the segment is confined to another thread than ",
                        f -> () -> Ewma.update(0.9, f.average, f.confinedToAnotherThread())),
                row("null average", NullPointerException.class, "average",
                        f -> () -> Ewma.update(0.9, null, f.value)),
                row("null value", NullPointerException.class, "value",
                        f -> () -> Ewma.update(0.9, f.average, null, 0, N)),
                row("null float[] value", NullPointerException.class, "value",
                        f -> () -> Ewma.update(0.9, new float[2], null)));
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
        RejectedCalls.assertRejectedUnchanged(type, messageStart, call.apply(f), f.average(), f.value());
    }

    @Test
    void aReadOnlyValueIsAccepted() {
        Fixture f = Fixture.create();
        Ewma.update(0.9, f.average(), f.value().asReadOnly());
        assertEquals(0.9f * 0.5f + 0.1f * 0f, f.average().getAtIndex(ValueLayout.JAVA_FLOAT, 0));
    }
}
