package dev.gradus.jmh.report.json;

import java.util.Collection;
import java.util.Map;

/**
 * A small JSON writer for the report's {@code report.json}: {@code Map}s with string keys become
 * objects in their iteration order, {@code Collection}s arrays, {@code CharSequence}s strings,
 * {@code Number}s numbers and {@code Boolean}s literals. NaN and infinite numbers, which JSON
 * cannot hold, become {@code null}. The output is indented by two spaces; {@link JsonReader}
 * reads it back.
 */
public final class JsonWriter {

    private final StringBuilder out = new StringBuilder();

    private JsonWriter() {
    }

    /**
     * The JSON text of a value, ending with a newline.
     *
     * @param value a value of the types the class comment names
     * @return the text
     * @throws IllegalArgumentException for a value of another type
     */
    public static String write(Object value) {
        JsonWriter writer = new JsonWriter();
        writer.value(value, 0);
        return writer.out.append('\n').toString();
    }

    private void value(Object value, int depth) {
        switch (value) {
            case null -> out.append("null");
            case Map<?, ?> map -> object(map, depth);
            case Collection<?> list -> array(list, depth);
            case CharSequence text -> string(text);
            case Boolean bool -> out.append(bool);
            case Double d when !Double.isFinite(d) -> out.append("null");
            case Float f when !Float.isFinite(f) -> out.append("null");
            case Number number -> out.append(number);
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass());
        }
    }

    private void object(Map<?, ?> map, int depth) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        String separator = "";
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            out.append(separator);
            newline(depth + 1);
            string(String.valueOf(entry.getKey()));
            out.append(": ");
            value(entry.getValue(), depth + 1);
            separator = ",";
        }
        newline(depth);
        out.append('}');
    }

    private void array(Collection<?> list, int depth) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        String separator = "";
        for (Object element : list) {
            out.append(separator);
            newline(depth + 1);
            value(element, depth + 1);
            separator = ",";
        }
        newline(depth);
        out.append(']');
    }

    private void newline(int depth) {
        out.append('\n').append("  ".repeat(depth));
    }

    private void string(CharSequence text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
