package dev.gradus.examples.chart;

/** Colours that stay apart from each other on white and for most colour-blind readers. */
public final class Palette {

    private static final String[] COLORS = {
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    };

    private Palette() {
    }

    /**
     * The {@code index}-th colour, repeating after eight.
     *
     * @param index {@code >= 0}
     * @return an SVG colour
     */
    public static String color(int index) {
        return COLORS[index % COLORS.length];
    }
}
