package dev.gradus.testing.rejection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Tables of bad calls for parameterized tests: each call must throw the expected exception with a
 * message starting as expected, and leave every buffer of the call byte-for-byte unchanged.
 *
 * <pre>{@code
 * static Stream<Arguments> badCalls() {
 *     return Stream.of(RejectedCalls.row("decay 1", IllegalArgumentException.class,
 *             "decay must be in [0, 1), got 1.0", f -> () -> Ewma.update(1.0, f.average(), f.value())));
 * }
 *
 * @ParameterizedTest(name = "{0}")
 * @MethodSource("badCalls")
 * void isRejectedBeforeAnythingIsWritten(String name, Class<? extends Throwable> type, String message,
 *                                        Function<Fixture, Executable> call) {
 *     Fixture f = Fixture.create();
 *     RejectedCalls.assertRejectedUnchanged(type, message, call.apply(f), f.average(), f.value());
 * }
 * }</pre>
 */
public final class RejectedCalls {

    private RejectedCalls() {
    }

    /** One row of a table of bad calls: a name, the exception type, the message start, the call on a fixture. */
    public static <F> Arguments row(String name, Class<? extends Throwable> type, String messageStart,
                                    Function<F, Executable> call) {
        return Arguments.of(name, type, messageStart, call);
    }

    /**
     * Asserts that {@code call} throws {@code type} with a message starting with
     * {@code messageStart}, and that {@code buffers} hold the same bytes afterwards as before.
     */
    public static void assertRejectedUnchanged(Class<? extends Throwable> type, String messageStart, Executable call,
                                               MemorySegment... buffers) {
        List<byte[]> before = snapshot(buffers);
        Throwable thrown = assertThrows(type, call);
        String message = String.valueOf(thrown.getMessage());
        assertEquals(messageStart, message.substring(0, Math.min(message.length(), messageStart.length())), message);
        List<byte[]> after = snapshot(buffers);
        for (int b = 0; b < before.size(); b++) {
            assertArrayEquals(before.get(b), after.get(b), "buffer " + b + " changed");
        }
    }

    private static List<byte[]> snapshot(MemorySegment... buffers) {
        return Stream.of(buffers).map(s -> s.toArray(ValueLayout.JAVA_BYTE)).toList();
    }
}
