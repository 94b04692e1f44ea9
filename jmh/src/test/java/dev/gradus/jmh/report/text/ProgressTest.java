package dev.gradus.jmh.report.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.jmh.report.fixture.SampleReport;
import dev.gradus.jmh.report.model.JmhResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void namesTheBenchmarkItsPlaceAndTheTimeLeft() {
        assertEquals("[3/32] adam n=65536 threads=2 gradus, ~4 min left",
                Progress.line(3, 32, "adam n=65536 threads=2 gradus", Duration.ofSeconds(250)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(out, true, StandardCharsets.UTF_8), 2, Duration.ofSeconds(30));
        progress.start("first");
        progress.note("measured");
        assertEquals("[1/2] first, ~60 s left\n        measured\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void roundsToSecondsUnderTwoMinutesElseToMinutes() {
        assertEquals("1 s", Progress.approximately(Duration.ZERO));
        assertEquals("119 s", Progress.approximately(Duration.ofSeconds(119)));
        assertEquals("2 min", Progress.approximately(Duration.ofSeconds(120)));
        assertEquals("10 min", Progress.approximately(Duration.ofSeconds(600)));
    }

    @Test
    void anOutcomeGivesMeanMedianMinimumAllocationWarmUpAndLoad() {
        List<JmhResult> checked = SampleReport.checkedResults();
        assertEquals("0.366 ns/elem (median 0.366, min 0.363), 0.00 B/op, warm-up 1.4 s",
                Progress.outcome(checked.get(1), 4096));
        String allocating = Progress.outcome(checked.get(5), 65536);
        assertTrue(allocating.startsWith("1282.99"), allocating);
        assertTrue(allocating.endsWith("9.13 MB/op, warm-up 2.0 s, other processes used 60% of the CPUs"), allocating);
        assertTrue(Progress.outcome(checked.get(19), 4096).contains("warm-up 30.0 s (not steady)"));
    }
}
