package dev.gradus.jmh.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gradus.jmh.report.fixture.SampleReport;
import dev.gradus.jmh.report.model.JmhResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

class AttemptsTest {

    private final List<JmhResult> checked = SampleReport.checkedResults();
    private final JmhResult bimodal = checked.get(0);
    private final JmhResult steady = checked.get(1);
    private final JmhResult allocating = checked.get(5);
    private final List<String> said = new ArrayList<>();

    @Test
    void aResultThatPassesIsMeasuredOnce() throws Exception {
        List<JmhResult> results = Attempts.measure(upTo(2), attempt -> steady, this::listen);
        assertEquals(List.of(steady), results);
        assertEquals(List.of("1 VALID last"), said);
    }

    @Test
    void aResultThatFailsIsMeasuredAgainAndTheLastCounts() throws Exception {
        List<JmhResult> results = Attempts.measure(upTo(2), attempt -> attempt == 1 ? bimodal : steady, this::listen);
        assertEquals(List.of(bimodal, steady), results);
        assertEquals(List.of("1 BIMODAL", "2 VALID last"), said);
    }

    @Test
    void aResultThatKeepsFailingStopsAfterTheLastAttempt() throws Exception {
        List<Integer> attempts = new ArrayList<>();
        List<JmhResult> results = Attempts.measure(upTo(3), attempt -> {
            attempts.add(attempt);
            return allocating;
        }, this::listen);
        assertEquals(List.of(1, 2, 3), attempts);
        assertEquals(3, results.size());
        assertEquals(List.of("1 ALLOCATING", "2 ALLOCATING", "3 ALLOCATING last"), said);
    }

    @Test
    void oneAttemptMeansNoSecond() throws Exception {
        assertEquals(1, Attempts.measure(upTo(1), attempt -> allocating, this::listen).size());
        assertEquals(List.of("1 ALLOCATING last"), said);
    }

    @Test
    void aFurtherAttemptRunsOnlyWhenAllowedAskedWhenTheOneBeforeFailed() throws Exception {
        List<Integer> asked = new ArrayList<>();
        List<JmhResult> results = Attempts.measure(attempt -> {
            asked.add(attempt);
            return false;
        }, attempt -> allocating, this::listen);
        assertEquals(1, results.size());
        assertEquals(List.of(2), asked);
        assertEquals(List.of("1 ALLOCATING last"), said);
    }

    private static IntPredicate upTo(int attempts) {
        return attempt -> attempt <= attempts;
    }

    private void listen(int attempt, JmhResult result, dev.gradus.jmh.report.model.Verdict verdict, boolean last) {
        said.add(attempt + " " + verdict.status() + (last ? " last" : ""));
    }
}
