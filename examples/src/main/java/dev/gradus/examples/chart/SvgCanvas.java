package dev.gradus.examples.chart;

import java.util.Locale;

/**
 * The SVG elements the charts use, appended in drawing order to one document. Attribute values
 * and text are XML-escaped; coordinates are written with one decimal.
 */
final class SvgCanvas {

    private final int width;
    private final int height;
    private final StringBuilder elements = new StringBuilder();

    SvgCanvas(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** A line segment from {@code (x1, y1)} to {@code (x2, y2)}. */
    void line(double x1, double y1, double x2, double y2, String color, double strokeWidth) {
        elements.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"/>%n",
                x1, y1, x2, y2, escape(color), strokeWidth));
    }

    /**
     * An open path through the points {@code (xs[i], ys[i])}; {@code dash} is a
     * {@code stroke-dasharray} or {@code null}.
     */
    void path(double[] xs, double[] ys, String color, double strokeWidth, String dash, String clipId) {
        StringBuilder d = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            d.append(i == 0 ? "M" : " L").append(coordinate(xs[i])).append(',').append(coordinate(ys[i]));
        }
        elements.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(escape(color))
                .append("\" stroke-width=\"").append(coordinate(strokeWidth)).append("\" stroke-linejoin=\"round\"");
        if (dash != null) {
            elements.append(" stroke-dasharray=\"").append(escape(dash)).append('"');
        }
        clip(clipId).append("/>\n");
    }

    /** A filled circle. */
    void dot(double x, double y, double radius, String color, String clipId) {
        elements.append("<circle cx=\"").append(coordinate(x)).append("\" cy=\"").append(coordinate(y))
                .append("\" r=\"").append(coordinate(radius)).append("\" fill=\"").append(escape(color)).append('"');
        clip(clipId).append("/>\n");
    }

    /** A rectangle, filled or (with {@code fill = "none"}) outlined in {@code stroke}. */
    void rect(double x, double y, double w, double h, String fill, String stroke) {
        elements.append(String.format(Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" stroke=\"%s\"/>%n",
                x, y, w, h, escape(fill), escape(stroke)));
    }

    /**
     * Text with its baseline at {@code y}; {@code anchor} is {@code start}, {@code middle} or
     * {@code end}; {@code rotate} turns it counter-clockwise by 90 degrees about {@code (x, y)}.
     */
    void text(double x, double y, String anchor, int size, boolean bold, boolean rotate, String text) {
        elements.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\"",
                x, y, size, anchor));
        if (bold) {
            elements.append(" font-weight=\"bold\"");
        }
        if (rotate) {
            elements.append(String.format(Locale.ROOT, " transform=\"rotate(-90 %.1f %.1f)\"", x, y));
        }
        elements.append('>').append(escape(text)).append("</text>\n");
    }

    /** A clipping rectangle that {@link #path} and {@link #dot} may name by {@code id}. */
    void clipRect(String id, double x, double y, double w, double h) {
        elements.append(String.format(Locale.ROOT,
                "<clipPath id=\"%s\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/></clipPath>%n",
                escape(id), x, y, w, h));
    }

    /** Opens a group with a CSS class and an accessible title; close it with {@link #closeGroup}. */
    void openGroup(String cssClass, String title) {
        elements.append("<g class=\"").append(escape(cssClass)).append("\">");
        if (title != null) {
            elements.append("<title>").append(escape(title)).append("</title>");
        }
        elements.append('\n');
    }

    void closeGroup() {
        elements.append("</g>\n");
    }

    /** The whole document, white background, {@code title} as its accessible name. */
    String document(String title) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + ' ' + height + "\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n"
                + "<title>" + escape(title) + "</title>\n"
                + "<rect x=\"0\" y=\"0\" width=\"" + width + "\" height=\"" + height + "\" fill=\"#ffffff\"/>\n"
                + elements + "</svg>\n";
    }

    /** {@code text} safe inside an XML attribute or element. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private StringBuilder clip(String clipId) {
        if (clipId != null) {
            elements.append(" clip-path=\"url(#").append(escape(clipId)).append(")\"");
        }
        return elements;
    }

    private static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
