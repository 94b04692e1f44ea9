package dev.gradus.examples.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FigureTest {

    @Test
    void linearTicksAreRoundAndCoverTheRange() {
        Axis axis = Axis.linear("t", 0, 80);
        assertEquals(List.of(0.0, 20.0, 40.0, 60.0, 80.0), axis.ticks());
        assertEquals("0.05", Axis.linear("a", 0, 0.22).label(0.05));
        assertEquals(List.of(0.0, 0.05, 0.1, 0.15, 0.2), Axis.linear("a", 0, 0.22).ticks().stream()
                .map(v -> Math.round(v * 1e9) / 1e9).toList());
    }

    @Test
    void logarithmicTicksArePowersOfTenWithMultiplesInANarrowRange() {
        assertEquals(List.of(1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1.0), Axis.logarithmic("loss", 1e-5, 1).ticks());
        assertEquals(List.of(0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0),
                Axis.logarithmic("loss", 0.01, 1).ticks().stream().map(v -> Math.round(v * 1e9) / 1e9).toList());
        assertEquals("1e-4", Axis.logarithmic("loss", 1e-5, 1).label(1e-4));
        assertEquals("0.01", Axis.logarithmic("loss", 1e-5, 1).label(0.01));
        assertEquals(0.5, Axis.logarithmic("loss", 0.01, 1).fraction(0.1), 1e-12);
    }

    @Test
    void emptyOrNonPositiveRangesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Axis.linear("x", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Axis.logarithmic("x", 0, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new Series("s", "#000", Series.Style.LINE, new double[2], new double[3]));
    }

    @Test
    void everySeriesIsANamedGroupAndAnyTextGivesWellFormedXml(@TempDir Path directory) throws Exception {
        Panel panel = new Panel("a <panel> & \"quotes\"", Axis.linear("x", 0, 3), Axis.logarithmic("y", 0.1, 10))
                .guide(new double[] {0, 3}, new double[] {1, 1})
                .add(Series.indexed("one & two", "#1f77b4", Series.Style.LINE, new double[] {1, 2, Double.NaN}))
                .add(Series.indexed("dots", "#d62728", Series.Style.DOTS, new double[] {5, 0.5, 100}))
                .mark(1, 1, "<here>");
        Path file = new Figure("t < u", 2, 400, 300).note("n & m").add(panel).add(panel).write(directory.resolve("f.svg"));
        ChartDocument chart = ChartDocument.parse(Files.readString(file));
        assertEquals("svg", chart.rootName());
        assertEquals("t < u", chart.title());
        assertEquals(List.of("one & two", "dots", "one & two", "dots"), chart.seriesLabels());
        assertEquals(2, chart.count("clipPath"));
        assertTrue(Files.readString(file).contains("clip-path=\"url(#plot1)\""));
    }
}
