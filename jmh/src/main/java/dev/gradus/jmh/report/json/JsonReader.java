package dev.gradus.jmh.report.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader (RFC 8259 without extensions), for JMH's result files and the report's own
 * {@code report.json}. Objects
 * become {@code Map<String, Object>} in document order, arrays {@code List<Object>}, strings
 * {@code String}, numbers {@code Double}, {@code true}/{@code false} {@code Boolean}, and
 * {@code null} {@code null}. JMH writes non-finite numbers as strings ({@code "NaN"}), the
 * report as {@code null}; see {@link #number(Object)}.
 */
public final class JsonReader {

    private final CharSequence text;
    private int at;

    private JsonReader(CharSequence text) {
        this.text = text;
    }

    /**
     * Parses one JSON value.
     *
     * @param text the JSON text
     * @return the value, as the class comment maps it
     * @throws IllegalArgumentException at malformed input, giving the offset
     */
    public static Object parse(CharSequence text) {
        JsonReader reader = new JsonReader(text);
        Object value = reader.value();
        reader.skipWhitespace();
        if (reader.at != text.length()) {
            throw reader.error("trailing characters");
        }
        return value;
    }

    /**
     * A JSON number, a string JMH writes for one ({@code "NaN"}, {@code "Infinity"}), or
     * {@code null} (NaN, as {@link JsonWriter} writes non-finite numbers).
     *
     * @param value a parsed value
     * @return the number
     * @throws IllegalArgumentException when it is none of these
     */
    public static double number(Object value) {
        if (value == null) {
            return Double.NaN;
        }
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof String s) {
            return Double.parseDouble(s);
        }
        throw new IllegalArgumentException("not a number: " + value);
    }

    /**
     * A parsed value as a JSON object.
     *
     * @param value a parsed value
     * @param what  what it is, for the message
     * @return the object
     * @throws IllegalArgumentException naming {@code what} when it is something else
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object value, String what) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException(what + " is not a JSON object: " + value);
    }

    /**
     * A parsed value as a JSON array.
     *
     * @param value a parsed value
     * @param what  what it is, for the message
     * @return the array
     * @throws IllegalArgumentException naming {@code what} when it is something else
     */
    @SuppressWarnings("unchecked")
    public static List<Object> array(Object value, String what) {
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw new IllegalArgumentException(what + " is not a JSON array: " + value);
    }

    private Object value() {
        skipWhitespace();
        if (at >= text.length()) {
            throw error("unexpected end");
        }
        char c = text.charAt(at);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield numberToken();
                }
                throw error("unexpected '" + c + "'");
            }
        };
    }

    private Map<String, Object> object() {
        Map<String, Object> map = new LinkedHashMap<>();
        at++;
        if (consume('}')) {
            return map;
        }
        do {
            skipWhitespace();
            if (at >= text.length() || text.charAt(at) != '"') {
                throw error("expected a string key");
            }
            String key = string();
            expect(':');
            map.put(key, value());
        } while (consume(','));
        expect('}');
        return map;
    }

    private List<Object> array() {
        List<Object> list = new ArrayList<>();
        at++;
        if (consume(']')) {
            return list;
        }
        do {
            list.add(value());
        } while (consume(','));
        expect(']');
        return list;
    }

    private String string() {
        StringBuilder out = new StringBuilder();
        at++;
        while (true) {
            if (at >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (at >= text.length()) {
                throw error("unterminated escape");
            }
            char e = text.charAt(at++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (at + 4 > text.length()) {
                        throw error("short \\u escape");
                    }
                    try {
                        out.append((char) Integer.parseInt(text, at, at + 4, 16));
                    } catch (NumberFormatException ex) {
                        throw error("bad \\u escape");
                    }
                    at += 4;
                }
                default -> throw error("bad escape '\\" + e + "'");
            }
        }
    }

    private Double numberToken() {
        int start = at;
        while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        try {
            return Double.valueOf(text.subSequence(start, at).toString());
        } catch (NumberFormatException e) {
            at = start;
            throw error("bad number");
        }
    }

    private Object literal(String word, Object value) {
        if (!text.subSequence(at, Math.min(text.length(), at + word.length())).toString().equals(word)) {
            throw error("expected " + word);
        }
        at += word.length();
        return value;
    }

    private void expect(char c) {
        if (!consume(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private boolean consume(char c) {
        skipWhitespace();
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void skipWhitespace() {
        while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("JSON: " + what + " at offset " + at);
    }
}
