package dev.gradus.jmh.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CpuTimesTest {

    private static final String STAT = """
            cpu  1000 0 200 5000 100 0 50 30 0 0
            cpu0 500 0 100 2500 50 0 25 15 0 0
            intr 12345
            """;
    /** A command name with spaces and parentheses; utime 70, stime 20, cutime 300, cstime 10. */
    private static final String SELF = "4242 (java (report) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 70 20 300 10 20 0 "
            + "30 0 12345 1000000 500 18446744073709551615\n";

    @Test
    void readsTheMachinesTimesAndTheProcessWithItsChildren() {
        CpuTimes times = CpuTimes.parse(STAT, SELF);
        assertEquals(1000 + 200 + 5000 + 100 + 50 + 30, times.total());
        assertEquals(5100, times.idle());
        assertEquals(30, times.steal());
        assertEquals(400, times.process());
    }

    @Test
    void othersUseWhatIsNeitherIdleStolenNorOurs() {
        CpuTimes before = new CpuTimes(10_000, 5_000, 100, 1_000);
        CpuTimes after = new CpuTimes(10_000 + 200, 5_000 + 40, 100 + 10, 1_000 + 90);
        CpuTimes.Shares shares = after.since(before);
        assertEquals((200 - 40 - 10 - 90) / 200.0, shares.others(), 1e-12);
        assertEquals(10 / 200.0, shares.steal(), 1e-12);
    }

    @Test
    void neverBelowZeroAndUnknownWithoutTime() {
        CpuTimes before = new CpuTimes(100, 0, 0, 0);
        assertEquals(0, new CpuTimes(200, 0, 0, 150).since(before).others(), "children reaped late count as ours");
        assertTrue(Double.isNaN(before.since(before).others()));
    }

    @Test
    void rejectsTextWithoutTheFields() {
        assertThrows(IllegalArgumentException.class, () -> CpuTimes.parse("intr 1\n", SELF));
        assertThrows(IllegalArgumentException.class, () -> CpuTimes.parse(STAT, "1 (x) S 1 2"));
    }
}
