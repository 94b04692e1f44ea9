package dev.gradus.checkpoint;

import dev.gradus.internal.ArgumentChecks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The header of a checkpoint: a {@link CheckpointInfo} as UTF-8 text, one {@code key=value} line
 * each, every line ending in {@code \n}:
 *
 * <pre>
 * created-by=Gradus, Java 25.0.1+8-LTS
 * step-count=12
 * skipped-steps=0
 * rule=Adam[beta1=0.9, beta2=0.999, ...]
 * schedule=InverseTimeDecay[a0=0.5, decay=1.0]
 * parameters=2
 * parameter.0.name=conv1.weight
 * parameter.0.floats=9408
 * parameter.0.rule=Adam[beta1=0.9, beta2=0.999, ...]
 * parameter.0.learning-rate-factor=1.0
 * parameter.0.state=m,v
 * parameter.1.name=...
 * </pre>
 *
 * A key is everything before the first {@code =}. In a value, a backslash is written
 * {@code \\}, and a control character ({@code U+0000..U+001F}, {@code U+007F}) or a surrogate
 * {@code \}{@code uXXXX}, so that any name survives the round trip and no value spans two
 * lines. Every key appears exactly once; the writer writes them in the order above.
 */
final class HeaderText {

    private static final String STATE_SEPARATOR = ",";

    private HeaderText() {
    }

    /** The header text of {@code info}. */
    static String encode(CheckpointInfo info) {
        StringBuilder out = new StringBuilder();
        line(out, "created-by", info.createdBy());
        line(out, "step-count", Long.toString(info.stepCount()));
        line(out, "skipped-steps", Long.toString(info.skippedSteps()));
        line(out, "rule", info.rule());
        line(out, "schedule", info.schedule());
        line(out, "parameters", Integer.toString(info.parameters().size()));
        for (int p = 0; p < info.parameters().size(); p++) {
            CheckpointInfo.Parameter parameter = info.parameters().get(p);
            String prefix = "parameter." + p + ".";
            line(out, prefix + "name", parameter.name());
            line(out, prefix + "floats", Long.toString(parameter.floats()));
            line(out, prefix + "rule", parameter.rule());
            line(out, prefix + "learning-rate-factor", Double.toString(parameter.learningRateFactor()));
            line(out, prefix + "state", String.join(STATE_SEPARATOR, parameter.stateNames()));
        }
        return out.toString();
    }

    /**
     * The info a header text holds.
     *
     * @throws IllegalArgumentException naming the line or key if the text is not a well-formed
     *                                  header: a line without {@code =} or its {@code \n}, a
     *                                  missing, repeated or unknown key, a bad number or escape,
     *                                  a repeated parameter name
     */
    static CheckpointInfo decode(String text, int formatVersion) {
        Map<String, String> fields = fields(text);
        long stepCount = continuable(fields, "step-count");
        long skippedSteps = continuable(fields, "skipped-steps");
        String rule = take(fields, "rule");
        String schedule = take(fields, "schedule");
        long parameterCount = count(fields, "parameters");
        List<CheckpointInfo.Parameter> parameters = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (long p = 0; p < parameterCount; p++) {
            String prefix = "parameter." + p + ".";
            String name = take(fields, prefix + "name");
            if (!names.add(name)) {
                throw new IllegalArgumentException("parameter name " + name + " appears twice");
            }
            String state = take(fields, prefix + "state");
            parameters.add(new CheckpointInfo.Parameter(name, count(fields, prefix + "floats"),
                    take(fields, prefix + "rule"), factor(fields, prefix + "learning-rate-factor"),
                    state.isEmpty() ? List.of() : List.of(state.split(STATE_SEPARATOR, -1))));
        }
        String createdBy = take(fields, "created-by");
        if (!fields.isEmpty()) {
            throw new IllegalArgumentException("unexpected key " + fields.keySet().iterator().next());
        }
        return new CheckpointInfo(formatVersion, createdBy, stepCount, skippedSteps, rule, schedule, parameters);
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append(key).append('=');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('\n');
    }

    private static Map<String, String> fields(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        int lineNumber = 1;
        for (int start = 0; start < text.length(); lineNumber++) {
            int end = text.indexOf('\n', start);
            int equals = text.indexOf('=', start);
            if (end < 0 || equals < 0 || equals > end) {
                throw new IllegalArgumentException("line " + lineNumber + " is not a key=value line ending in \\n");
            }
            String key = text.substring(start, equals);
            if (fields.put(key, unescape(text.substring(equals + 1, end), key)) != null) {
                throw new IllegalArgumentException("key " + key + " appears twice");
            }
            start = end + 1;
        }
        return fields;
    }

    private static String unescape(String value, String key) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\') {
                out.append(c);
            } else if (value.startsWith("\\\\", i)) {
                out.append('\\');
                i++;
            } else if (value.startsWith("\\u", i) && i + 6 <= value.length()
                    && value.substring(i + 2, i + 6).chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
                out.append((char) Integer.parseInt(value, i + 2, i + 6, 16));
                i += 5;
            } else {
                throw new IllegalArgumentException("key " + key + ": bad escape at character " + i);
            }
        }
        return out.toString();
    }

    private static String take(Map<String, String> fields, String key) {
        String value = fields.remove(key);
        if (value == null) {
            throw new IllegalArgumentException("missing key " + key);
        }
        return value;
    }

    private static long count(Map<String, String> fields, String key) {
        String value = take(fields, key);
        if (!value.matches("0|[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException("key " + key + ": not a count: " + value);
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("key " + key + ": not a count: " + value, e);
        }
    }

    /** A count that one more step can still increase: at most {@link CheckpointFormat#LARGEST_COUNT}. */
    private static long continuable(Map<String, String> fields, String key) {
        long count = count(fields, key);
        if (count > CheckpointFormat.LARGEST_COUNT) {
            throw new IllegalArgumentException("key " + key + ": " + count + " cannot be continued: one more step "
                    + "overflows a long (at most " + CheckpointFormat.LARGEST_COUNT + ")");
        }
        return count;
    }

    /** A learning-rate factor as a group takes it: finite and {@code >= 0}, also as a float. */
    private static double factor(Map<String, String> fields, String key) {
        String value = take(fields, key);
        double factor;
        try {
            factor = Double.parseDouble(value);
            if (!Double.toString(factor).equals(value)) {
                throw new NumberFormatException("not in the form of Double.toString");
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("key " + key + ": not a double: " + value, e);
        }
        return ArgumentChecks.requireNonNegative("key " + key, factor);
    }
}
