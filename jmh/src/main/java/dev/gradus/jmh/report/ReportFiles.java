package dev.gradus.jmh.report;

import dev.gradus.jmh.report.chart.ReportCharts;
import dev.gradus.jmh.report.json.ReportJson;
import dev.gradus.jmh.report.model.ColdStartRow;
import dev.gradus.jmh.report.model.ReportHeader;
import dev.gradus.jmh.report.model.ResultRow;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the report's files into one directory: {@code report.md}, {@code report.json} and the
 * SVG charts of {@link ReportCharts}, replacing the charts of an earlier report there.
 */
final class ReportFiles {

    private ReportFiles() {
    }

    /** Writes the report of {@code rows} and {@code coldStart} into {@code directory}; returns the files written. */
    static List<Path> write(Path directory, ReportHeader header, List<ResultRow> rows, List<ColdStartRow> coldStart)
            throws IOException {
        Files.createDirectories(directory);
        try (DirectoryStream<Path> oldCharts = Files.newDirectoryStream(directory, "*.svg")) {
            for (Path chart : oldCharts) {
                Files.delete(chart);
            }
        }
        List<ReportCharts.Chart> charts = ReportCharts.of(rows);
        List<Path> written = new ArrayList<>();
        written.add(Files.writeString(directory.resolve("report.md"),
                ReportMarkdown.render(header, rows, coldStart, charts)));
        written.add(Files.writeString(directory.resolve("report.json"), ReportJson.render(header, rows, coldStart)));
        for (ReportCharts.Chart chart : charts) {
            written.add(Files.writeString(directory.resolve(chart.fileName()), chart.svg()));
        }
        return written;
    }
}
