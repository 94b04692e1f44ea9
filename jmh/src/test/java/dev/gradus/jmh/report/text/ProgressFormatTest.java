package dev.gradus.jmh.report.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressFormatTest {

    @Test
    void namesTheBenchmarkItsPlaceAndTheTimeLeft() {
        assertEquals("[3/32] AdamBenchmark.gradus n=65536 threads=2, ~4 min left",
                ProgressFormat.line(3, 32, "AdamBenchmark.gradus", "65536", 2, Duration.ofSeconds(250)));
        assertEquals("[1/1] X.y threads=1, ~40 s left",
                ProgressFormat.line(1, 1, "X.y", null, 1, Duration.ofMillis(40_400)));
    }

    @Test
    void roundsToSecondsUnderTwoMinutesElseToMinutes() {
        assertEquals("1 s", ProgressFormat.approximately(Duration.ZERO));
        assertEquals("119 s", ProgressFormat.approximately(Duration.ofSeconds(119)));
        assertEquals("2 min", ProgressFormat.approximately(Duration.ofSeconds(120)));
        assertEquals("10 min", ProgressFormat.approximately(Duration.ofSeconds(600)));
    }
}
