package dev.gradus.jmh.report.text;

import dev.gradus.jmh.report.model.ColdStartRow;
import dev.gradus.jmh.report.model.Estimate;
import dev.gradus.jmh.report.model.Samples;
import dev.gradus.jmh.report.model.Units;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The cold-start table over {@link ColdStartRow}s: one line per benchmark method and parameters,
 * and for each path the median, minimum and maximum over the forks (each fork a fresh JVM), and
 * how many times faster than the {@value ColdStartRow#REFERENCE} path its median is.
 */
public final class ColdStartTable {

    private ColdStartTable() {
    }

    /**
     * The table.
     *
     * @param rows the rows, as {@link ColdStartRow#group} orders them
     * @return one line per row; columns for each parameter, the method, the forks, then per path
     */
    public static TextTable of(List<ColdStartRow> rows) {
        Set<String> params = new LinkedHashSet<>();
        Set<String> paths = new LinkedHashSet<>();
        rows.forEach(row -> {
            params.addAll(row.params().keySet());
            paths.addAll(row.paths().keySet());
        });
        List<String> headers = new ArrayList<>(params);
        headers.add("measures");
        headers.add("forks");
        for (String path : paths) {
            String name = path.isEmpty() ? "time" : path;
            headers.add(name + " median");
            headers.add(name + " min - max");
            if (!path.equals(ColdStartRow.REFERENCE) && paths.contains(ColdStartRow.REFERENCE)) {
                headers.add(name + " x " + ColdStartRow.REFERENCE);
            }
        }
        int[] left = new int[params.size() + 1];
        for (int i = 0; i < left.length; i++) {
            left[i] = i;
        }
        TextTable table = new TextTable(headers, left);
        for (ColdStartRow row : rows) {
            List<String> cells = new ArrayList<>();
            params.forEach(p -> cells.add(row.params().getOrDefault(p, "-")));
            cells.add(row.method());
            cells.add(Integer.toString(row.paths().values().stream().mapToInt(Samples::count).max().orElse(0)));
            for (String path : paths) {
                Samples samples = row.paths().getOrDefault(path, Samples.NONE);
                cells.add(Units.nanos(samples.median()));
                cells.add(samples.count() == 0 ? "-" : Units.nanos(samples.min()) + " - " + Units.nanos(samples.max()));
                if (!path.equals(ColdStartRow.REFERENCE) && paths.contains(ColdStartRow.REFERENCE)) {
                    cells.add(Estimate.formatNumber("%.3g", row.timesFasterThanReference(path)));
                }
            }
            table.add(cells);
        }
        return table;
    }
}
