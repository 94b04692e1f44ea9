package dev.gradus.jmh.report.chart;

import java.util.List;
import java.util.Locale;

/**
 * A hand-written SVG document: a fixed-size canvas ({@code viewBox} in pixels, sans-serif text)
 * on which the charts draw lines, polylines, circles, rectangles and text, in drawing order.
 * Text is XML-escaped, so any label gives well-formed XML.
 */
final class Svg {

    /** A point in canvas pixels, y growing downwards. */
    record Point(double x, double y) {
    }

    /** Horizontal text alignment. */
    enum Anchor {
        START, MIDDLE, END;

        String attribute() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final String DASH = "7 4";

    private final int width;
    private final int height;
    private final StringBuilder body = new StringBuilder();

    Svg(int width, int height) {
        this.width = width;
        this.height = height;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** A straight line; {@code dash} is a {@code stroke-dasharray} or {@code null} for solid. */
    Svg line(double x1, double y1, double x2, double y2, String stroke, double strokeWidth, String dash) {
        body.append("  <line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"")
                .append(n(x2)).append("\" y2=\"").append(n(y2)).append('"');
        stroke(stroke, strokeWidth, dash).append("/>\n");
        return this;
    }

    /** A polyline through {@code points}; {@code dash} as for {@link #line}. */
    Svg polyline(List<Point> points, String stroke, double strokeWidth, String dash) {
        body.append("  <polyline fill=\"none\" points=\"");
        for (int i = 0; i < points.size(); i++) {
            body.append(i == 0 ? "" : " ").append(n(points.get(i).x())).append(',').append(n(points.get(i).y()));
        }
        body.append('"');
        stroke(stroke, strokeWidth, dash).append(" stroke-linejoin=\"round\"/>\n");
        return this;
    }

    Svg circle(double cx, double cy, double r, String fill) {
        body.append("  <circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"")
                .append(n(r)).append("\" fill=\"").append(fill).append("\"/>\n");
        return this;
    }

    /** A cross of 10 pixels centred at {@code (cx, cy)}: a point whose result is invalid. */
    Svg invalidMark(double cx, double cy, String stroke) {
        body.append("  <g class=\"invalid\">\n");
        line(cx - 5, cy - 5, cx + 5, cy + 5, stroke, 2, null);
        line(cx - 5, cy + 5, cx + 5, cy - 5, stroke, 2, null);
        body.append("  </g>\n");
        return this;
    }

    /** An open circle centred at {@code (cx, cy)}: a point that was not measured. */
    Svg missingMark(double cx, double cy, String stroke) {
        body.append("  <circle class=\"missing\" cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy))
                .append("\" r=\"4\" fill=\"white\"");
        stroke(stroke, 1.5, null).append("/>\n");
        return this;
    }

    Svg rect(double x, double y, double w, double h, String fill) {
        body.append("  <rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"")
                .append(n(w)).append("\" height=\"").append(n(h)).append("\" fill=\"").append(fill).append("\"/>\n");
        return this;
    }

    /** Text with its baseline at {@code y}. */
    Svg text(double x, double y, Anchor anchor, int fontSize, String text) {
        return styledText(x, y, anchor, fontSize, "", text);
    }

    /** Text in a colour of its own. */
    Svg text(double x, double y, Anchor anchor, int fontSize, String fill, String text) {
        return styledText(x, y, anchor, fontSize, " fill=\"" + fill + "\"", text);
    }

    /** Bold text, for titles. */
    Svg boldText(double x, double y, Anchor anchor, int fontSize, String text) {
        return styledText(x, y, anchor, fontSize, " font-weight=\"bold\"", text);
    }

    /** Text turned 90 degrees counter-clockwise about {@code (x, y)}, centred there, for a y-axis title. */
    Svg verticalText(double x, double y, int fontSize, String text) {
        return styledText(x, y, Anchor.MIDDLE, fontSize,
                " transform=\"rotate(-90 " + n(x) + " " + n(y) + ")\"", text);
    }

    private Svg styledText(double x, double y, Anchor anchor, int fontSize, String extra, String text) {
        body.append("  <text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"")
                .append(fontSize).append("\" text-anchor=\"").append(anchor.attribute()).append('"').append(extra)
                .append('>').append(escape(text)).append("</text>\n");
        return this;
    }

    /** The approximate width of {@code text} in pixels (sans-serif averages 0.6 em per character). */
    static double textWidth(String text, int fontSize) {
        return text.length() * fontSize * 0.6;
    }

    /** The whole document, {@code title} as its accessible name. */
    String document(String title) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + width + " " + height
                + "\" width=\"" + width + "\" height=\"" + height
                + "\" font-family=\"Helvetica, Arial, sans-serif\" fill=\"#222\">\n"
                + "  <title>" + escape(title) + "</title>\n"
                + "  <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
                + body + "</svg>\n";
    }

    /** {@code text} with XML's special characters escaped. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private StringBuilder stroke(String stroke, double strokeWidth, String dash) {
        body.append(" stroke=\"").append(stroke).append("\" stroke-width=\"").append(n(strokeWidth)).append('"');
        if (dash != null) {
            body.append(" stroke-dasharray=\"").append(dash).append('"');
        }
        return body;
    }

    private static String n(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
