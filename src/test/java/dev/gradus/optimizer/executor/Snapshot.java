package dev.gradus.optimizer.executor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

/** The raw bits of named buffers and an optimizer's counters, compared exactly. */
record Snapshot(List<String> names, List<int[]> buffers, long steps, long skipped) {

    /** Asserts that {@code actual} holds the same bits and counts, naming the first buffer that differs. */
    void assertSameAs(Snapshot actual, String when) {
        assertEquals(steps, actual.steps, when + ": step count");
        assertEquals(skipped, actual.skipped, when + ": skipped steps");
        assertEquals(names, actual.names, when);
        for (int b = 0; b < buffers.size(); b++) {
            assertArrayEquals(buffers.get(b), actual.buffers.get(b), when + ": " + names.get(b));
        }
    }
}
