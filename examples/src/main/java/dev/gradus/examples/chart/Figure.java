package dev.gradus.examples.chart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A chart file: a title, an optional note line under it, and {@link Panel}s laid out in a grid
 * of equal cells, row by row.
 */
public final class Figure {

    private static final double HEADER = 34;
    private static final double NOTE = 18;

    private final String title;
    private final int columns;
    private final int cellWidth;
    private final int cellHeight;
    private final List<Panel> panels = new ArrayList<>();
    private String note;

    /**
     * An empty figure.
     *
     * @param title      the title at the top
     * @param columns    the panels per row, {@code >= 1}
     * @param cellWidth  the width of each panel in pixels
     * @param cellHeight the height of each panel in pixels
     * @throws IllegalArgumentException if {@code columns < 1}
     */
    public Figure(String title, int columns, int cellWidth, int cellHeight) {
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be >= 1, got " + columns);
        }
        this.title = title;
        this.columns = columns;
        this.cellWidth = cellWidth;
        this.cellHeight = cellHeight;
    }

    /**
     * Sets a line of smaller text under the title.
     *
     * @param text the note
     * @return this figure
     */
    public Figure note(String text) {
        this.note = text;
        return this;
    }

    /**
     * Appends a panel to the grid.
     *
     * @param panel the panel
     * @return this figure
     */
    public Figure add(Panel panel) {
        panels.add(panel);
        return this;
    }

    /** {@return the panels, in order} */
    public List<Panel> panels() {
        return List.copyOf(panels);
    }

    /** {@return the figure as an SVG document} */
    public String svg() {
        int rows = Math.max(1, (panels.size() + columns - 1) / columns);
        double header = HEADER + (note == null ? 0 : NOTE);
        int width = cellWidth * Math.min(columns, Math.max(1, panels.size()));
        int height = (int) Math.ceil(header + rows * cellHeight);
        SvgCanvas svg = new SvgCanvas(width, height);
        svg.text(width / 2.0, 24, "middle", 16, true, false, title);
        if (note != null) {
            svg.text(width / 2.0, 24 + NOTE, "middle", 12, false, false, note);
        }
        for (int i = 0; i < panels.size(); i++) {
            double left = (i % columns) * cellWidth;
            double top = header + (i / columns) * cellHeight;
            panels.get(i).draw(svg, left, top, cellWidth, cellHeight, "plot" + i);
        }
        return svg.document(title);
    }

    /**
     * Writes {@link #svg()} to {@code file} in UTF-8, creating its directory if needed.
     *
     * @param file the file to write, replaced if it exists
     * @return {@code file}
     * @throws IOException if it cannot be written
     */
    public Path write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, svg(), StandardCharsets.UTF_8);
        return file;
    }
}
