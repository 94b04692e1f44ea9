package dev.gradus.jmh.report.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of strings, rendered as fixed-width text or as a Markdown table. Columns are
 * right-aligned, for numbers, except those named left-aligned, for text.
 */
public final class TextTable {

    private final List<String> headers;
    private final boolean[] left;
    private final List<List<String>> rows = new ArrayList<>();

    /**
     * A table without rows.
     *
     * @param headers     the column headers
     * @param leftAligned the indexes of the columns that hold text
     */
    public TextTable(List<String> headers, int... leftAligned) {
        this.headers = List.copyOf(headers);
        this.left = new boolean[headers.size()];
        for (int column : leftAligned) {
            left[column] = true;
        }
    }

    /**
     * Appends a row.
     *
     * @param cells one per column
     * @return this table
     * @throws IllegalArgumentException when the count of cells differs from the columns'
     */
    public TextTable add(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException(cells.size() + " cells for " + headers.size() + " columns");
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    /**
     * The table as fixed-width text.
     *
     * @return columns padded to their widest cell, two spaces apart, a dashed line under the headers
     */
    public String fixedWidth() {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, widths);
        List<String> dashes = new ArrayList<>();
        for (int width : widths) {
            dashes.add("-".repeat(width));
        }
        line(out, dashes, widths);
        for (List<String> row : rows) {
            line(out, row, widths);
        }
        return out.toString();
    }

    private void line(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String pad = " ".repeat(widths[c] - cells.get(c).length());
            line.append(c == 0 ? "" : "  ").append(left[c] ? cells.get(c) + pad : pad + cells.get(c));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    /**
     * The table in Markdown.
     *
     * @return a GitHub-flavoured Markdown table
     */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", headers)).append(" |\n|");
        for (int c = 0; c < headers.size(); c++) {
            out.append(left[c] ? " --- |" : " ---: |");
        }
        out.append('\n');
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return out.toString();
    }
}
