package dev.gradus.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * The header of a checkpoint as UTF-8 text, one {@code key=value} line each, every line ending in
 * {@code \n}, the keys in the order of {@link HeaderKeys}:
 *
 * <pre>
 * created-by=Gradus, Java 25.0.1+8-LTS
 * step-count=12
 * skipped-steps=0
 * rule=Adam[beta1=0.9, beta2=0.999, ...]
 * schedule=InverseTimeDecay[a0=0.5, decay=1.0]
 * clipping=GradientClipping[maxNorm=1.0, norm=L2, scope=GLOBAL, convention=PYTORCH, errorIfNonFinite=false]
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
 * {@code \}{@code uXXXX} with four lowercase hex digits, so that any name survives the round trip
 * and no value spans two lines. That form is the only one a reader accepts ({@link #nonCanonicalAt}):
 * two values are then equal exactly when their bytes are.
 */
final class HeaderText {

    static final char STATE_SEPARATOR = ',';

    private HeaderText() {
    }

    /** The header text of {@code info}, in format version {@code info.formatVersion()}. */
    static String encode(CheckpointInfo info) {
        int version = info.formatVersion();
        StringBuilder out = new StringBuilder();
        for (HeaderKeys.Top key : HeaderKeys.TOPS) {
            if (key.in(version)) {
                line(out, key.key, switch (key) {
                    case CREATED_BY -> info.createdBy();
                    case STEP_COUNT -> Long.toString(info.stepCount());
                    case SKIPPED_STEPS -> Long.toString(info.skippedSteps());
                    case RULE -> info.rule();
                    case SCHEDULE -> info.schedule();
                    case CLIPPING -> info.clipping();
                    case PARAMETER_VALUES -> Boolean.toString(info.parameterValues());
                    case PARAMETERS -> Integer.toString(info.parameters().size());
                });
            }
        }
        for (int p = 0; p < info.parameters().size(); p++) {
            CheckpointInfo.Parameter parameter = info.parameters().get(p);
            for (HeaderKeys.Field field : HeaderKeys.FIELDS) {
                if (field.in(version)) {
                    line(out, field.of(p), switch (field) {
                        case NAME -> parameter.name();
                        case FLOATS -> Long.toString(parameter.floats());
                        case RULE -> parameter.rule();
                        case LEARNING_RATE_FACTOR -> Double.toString(parameter.learningRateFactor());
                        case STEP_COUNT -> Long.toString(parameter.stepCount());
                        case STATE -> String.join(String.valueOf(STATE_SEPARATOR), parameter.stateNames());
                        case STATE_FLOATS -> parameter.stateFloats().stream().map(String::valueOf)
                                .collect(Collectors.joining(","));
                        case STORAGE -> parameter.storage();
                        case ELEMENT_BYTES -> parameter.elementBytes().stream().map(String::valueOf)
                                .collect(Collectors.joining(","));
                    });
                }
            }
        }
        return out.toString();
    }

    /** The bytes {@code value} is written as in a header line. */
    static byte[] value(String value) {
        return escape(new StringBuilder(), value).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder out, String key, String value) {
        escape(out.append(key).append('='), value).append('\n');
    }

    private static StringBuilder escape(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (mustEscape(c)) {
                out.append("\\u").append(Character.forDigit(c >> 12, 16)).append(Character.forDigit(c >> 8 & 0xf, 16))
                        .append(Character.forDigit(c >> 4 & 0xf, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                out.append(c);
            }
        }
        return out;
    }

    private static boolean mustEscape(int c) {
        return c < 0x20 || c == 0x7f || Character.isSurrogate((char) c);
    }

    /**
     * Where {@code text[from, to)} first differs from a value as the writer writes it, or
     * {@code -1} if it does not: a raw control character, or a backslash that does not start
     * {@code \\} or {@code \}{@code uXXXX} (four lowercase hex digits) of a character that must be
     * escaped. The text must be valid UTF-8 already. Allocates nothing.
     *
     * @return the offset in {@code text} of the first offending byte, or {@code -1}
     */
    static int nonCanonicalAt(byte[] text, int from, int to) {
        for (int i = from; i < to; i++) {
            int b = text[i] & 0xff;
            if (b == '\\') {
                int escaped = to - i >= 2 && text[i + 1] == '\\' ? '\\' : unicodeEscape(text, i, to);
                if (escaped < 0 || escaped != '\\' && !mustEscape(escaped)) {
                    return i;
                }
                i += escaped == '\\' ? 1 : 5;
            } else if (mustEscape(b)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * What is wrong at {@code text[at]}, found by {@link #nonCanonicalAt} in a value starting at
     * {@code from}, for a message.
     */
    static String nonCanonicalProblem(byte[] text, int from, int at) {
        return text[at] == '\\'
                ? "bad escape at byte " + (at - from) + " of the value (only \\\\ and \\u followed by four lowercase hex "
                        + "digits of a control character or a surrogate)"
                : "control character " + text[at] + " at byte " + (at - from) + " of the value is not escaped";
    }

    /** The character of {@code \}{@code uXXXX} at {@code text[i]}, or {@code -1} if there is none. */
    private static int unicodeEscape(byte[] text, int i, int to) {
        if (to - i < 6 || text[i + 1] != 'u') {
            return -1;
        }
        int c = 0;
        for (int k = i + 2; k < i + 6; k++) {
            int digit = text[k] >= '0' && text[k] <= '9' ? text[k] - '0' : text[k] >= 'a' && text[k] <= 'f' ? text[k] - 'a' + 10 : -1;
            if (digit < 0) {
                return -1;
            }
            c = c << 4 | digit;
        }
        return c;
    }

    /**
     * The string {@code text[from, to)} holds: UTF-8 with the escapes undone. A backslash that does
     * not start an escape (in a value not yet {@linkplain #nonCanonicalAt checked}) stays as it is.
     */
    static String decode(byte[] text, int from, int to) {
        String raw = new String(text, from, to - from, StandardCharsets.UTF_8);
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && raw.startsWith("\\\\", i)) {
                out.append('\\');
                i++;
            } else if (c == '\\' && raw.startsWith("\\u", i) && i + 6 <= raw.length()
                    && raw.substring(i + 2, i + 6).chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
                out.append((char) Integer.parseInt(raw, i + 2, i + 6, 16));
                i += 5;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
