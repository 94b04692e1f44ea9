package dev.gradus.checkpoint;

import dev.gradus.internal.ArgumentChecks;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A checkpoint's header, verified and indexed where it lies: the text stays as bytes and every
 * value is located by its offset, so that a header of {@code H} bytes costs about {@code 1.5 H} of
 * memory whatever it declares, and nothing is allocated in proportion to a count the header
 * states before that count is checked against the lines that are really there. Strings are made
 * only when asked for ({@link #info()}, {@link #name(int)}, ...); an optimizer is compared with the
 * header by the bytes of its own values ({@link HeaderText#value}).
 *
 * <p>{@link #parse} checks, in this order: UTF-8; every line a {@code key=value} line ending in
 * {@code \n}; every key of the format version once and no other; the counts (decimal, no sign or
 * leading zero, at most {@link CheckpointFormat#LARGEST_COUNT} for the step and skip counters, a
 * parameter's step count at most the optimizer's); every value canonical ({@link
 * HeaderText#nonCanonicalAt}); the learning-rate factors and the manual rates of the schedule
 * ({@link ArgumentChecks#requireNonNegative}); at most {@link CheckpointFormat#LARGEST_STATE_BUFFERS}
 * non-empty state names a parameter; unique parameter names.
 */
final class ParsedHeader {

    private static final int FIELDS = HeaderKeys.FIELDS.length;
    private static final int SHOWN = 200;

    private final byte[] text;
    private final int version;
    private final int[] top;
    private final int[] starts;
    private final int parameters;
    private final long stepCount;
    private final long skippedSteps;
    private final boolean parameterValues;
    private final double[] manualRates;
    private final long[] floats;
    private final double[] factors;
    private final long[] stepCounts;
    private final byte[] stateCounts;
    /** Per parameter, the floats of each state section (format 4), or null where each holds the parameter's. */
    private final long[][] stateFloats;
    /** Per parameter, the bytes of an element of its values and of each state section (format 5), or null for 4. */
    private final byte[][] elementBytes;
    private final int[] nameIndex;

    private ParsedHeader(byte[] text, int version, int[] top, int[] starts, int parameters) {
        this.text = text;
        this.version = version;
        this.top = top;
        this.starts = starts;
        this.parameters = parameters;
        this.stepCount = continuable(HeaderKeys.Top.STEP_COUNT);
        this.skippedSteps = continuable(HeaderKeys.Top.SKIPPED_STEPS);
        requireCanonical(HeaderKeys.Top.CREATED_BY);
        requireCanonical(HeaderKeys.Top.RULE);
        requireCanonical(HeaderKeys.Top.SCHEDULE);
        if (HeaderKeys.Top.CLIPPING.in(version)) {
            requireCanonical(HeaderKeys.Top.CLIPPING);
        }
        this.parameterValues = HeaderKeys.Top.PARAMETER_VALUES.in(version) && flag(HeaderKeys.Top.PARAMETER_VALUES);
        this.manualRates = parseManualRates();
        this.floats = new long[parameters];
        this.factors = new double[parameters];
        this.stepCounts = new long[parameters];
        this.stateCounts = new byte[parameters];
        this.stateFloats = new long[parameters][];
        this.elementBytes = new byte[parameters][];
        for (int p = 0; p < parameters; p++) {
            readParameter(p);
        }
        this.nameIndex = indexNames();
    }

    /**
     * Verifies and indexes the header text of a file of format {@code version}.
     *
     * @throws IllegalArgumentException saying what is wrong, naming the line or key
     */
    static ParsedHeader parse(byte[] text, int version) {
        requireUtf8(text);
        int[] top = new int[HeaderKeys.TOPS.length];
        Arrays.fill(top, -1);
        long parameterLines = 0;
        int lineNumber = 1;
        for (int start = 0; start < text.length; lineNumber++) {
            int end = indexOf(text, '\n', start, text.length);
            int equals = end < 0 ? -1 : indexOf(text, '=', start, end);
            if (equals < 0) {
                throw new IllegalArgumentException("line " + lineNumber + " is not a key=value line ending in \\n");
            }
            if (isParameterKey(text, start, equals)) {
                parameterLines++;
            } else {
                HeaderKeys.Top key = topKey(text, start, equals, version);
                if (top[key.ordinal()] >= 0) {
                    throw new IllegalArgumentException("key " + key.key + " appears twice");
                }
                top[key.ordinal()] = equals + 1;
            }
            start = end + 1;
        }
        for (HeaderKeys.Top key : HeaderKeys.TOPS) {
            if (key.in(version) && top[key.ordinal()] < 0) {
                throw new IllegalArgumentException("missing key " + key.key);
            }
        }
        long declared = count(text, top[HeaderKeys.Top.PARAMETERS.ordinal()]);
        if (declared < 0) {
            throw notACount(text, top[HeaderKeys.Top.PARAMETERS.ordinal()], HeaderKeys.Top.PARAMETERS.key);
        }
        long fields = Arrays.stream(HeaderKeys.FIELDS).filter(f -> f.in(version)).count();
        int indexed = (int) Math.min(declared, parameterLines / fields + 1);
        int[] starts = new int[Math.multiplyExact(indexed, FIELDS)];
        Arrays.fill(starts, -1);
        for (int start = 0; start < text.length; ) {
            int end = indexOf(text, '\n', start, text.length);
            int equals = indexOf(text, '=', start, end);
            if (isParameterKey(text, start, equals)) {
                indexParameterKey(text, start, equals, version, declared, starts);
            }
            start = end + 1;
        }
        for (int p = 0; p < indexed; p++) {
            for (HeaderKeys.Field field : HeaderKeys.FIELDS) {
                if (field.in(version) && starts[p * FIELDS + field.ordinal()] < 0) {
                    throw new IllegalArgumentException("missing key " + field.of(p));
                }
            }
        }
        // Every parameter below indexed has all its lines, so indexed * fields <= parameterLines: indexed == declared.
        return new ParsedHeader(text, version, top, starts, indexed);
    }

    /** The format version. */
    int version() {
        return version;
    }

    /** The header's length in bytes. */
    int length() {
        return text.length;
    }

    /** The header's bytes, not copied: not to be modified. */
    byte[] text() {
        return text;
    }

    long stepCount() {
        return stepCount;
    }

    long skippedSteps() {
        return skippedSteps;
    }

    /** Whether every parameter's values precede its state in the file (format 2). */
    boolean parameterValues() {
        return parameterValues;
    }

    /** The current rates of the schedule's manual schedules, in the order they appear. */
    double[] manualRates() {
        return manualRates.clone();
    }

    int parameters() {
        return parameters;
    }

    long floats(int p) {
        return floats[p];
    }

    int stateBuffers(int p) {
        return stateCounts[p];
    }

    /** The floats of section {@code s} of parameter {@code p}: its values, then its state buffers. */
    long sectionFloats(int p, int s) {
        int state = s - (parameterValues ? 1 : 0);
        return state < 0 || stateFloats[p] == null ? floats[p] : stateFloats[p][state];
    }

    /** The bytes of an element of section {@code s} of parameter {@code p}: 4, or 2 for a 16-bit buffer (format 5). */
    int sectionElementBytes(int p, int s) {
        return elementBytes[p] == null ? Float.BYTES : elementBytes[p][s + (parameterValues ? 0 : 1)];
    }

    /** The bytes of an element of parameter {@code p}'s values (entry 0) and of each state buffer. */
    List<Integer> elementBytes(int p) {
        List<Integer> sizes = new ArrayList<>(stateCounts[p] + 1);
        for (int i = 0; i <= stateCounts[p]; i++) {
            sizes.add(elementBytes[p] == null ? Float.BYTES : (int) elementBytes[p][i]);
        }
        return sizes;
    }

    /** The storage parameter {@code p}'s group had: {@link CheckpointInfo#FLOAT32_STORAGE} before format 5. */
    String storage(int p) {
        return HeaderKeys.Field.STORAGE.in(version) ? value(p, HeaderKeys.Field.STORAGE)
                : CheckpointInfo.FLOAT32_STORAGE;
    }

    /** Parameter {@code p}'s storage, for a message: at most {@value #SHOWN} bytes of it. */
    String shownStorage(int p) {
        return HeaderKeys.Field.STORAGE.in(version) ? shown(p, HeaderKeys.Field.STORAGE) : CheckpointInfo.FLOAT32_STORAGE;
    }

    /** Whether parameter {@code p}'s storage is the text {@code storage}, compared without decoding the file's. */
    boolean hasStorage(int p, String storage) {
        return HeaderKeys.Field.STORAGE.in(version) ? equals(p, HeaderKeys.Field.STORAGE, HeaderText.value(storage))
                : CheckpointInfo.FLOAT32_STORAGE.equals(storage);
    }

    /** The floats of each of parameter {@code p}'s state buffers. */
    List<Long> stateFloats(int p) {
        List<Long> counts = new ArrayList<>(stateCounts[p]);
        for (int i = 0; i < stateCounts[p]; i++) {
            counts.add(stateFloats[p] == null ? floats[p] : stateFloats[p][i]);
        }
        return counts;
    }

    /** Parameter {@code p}'s own step count: the optimizer's in a file of format 1. */
    long stepCount(int p) {
        return version >= 2 ? stepCounts[p] : stepCount;
    }

    double learningRateFactor(int p) {
        return factors[p];
    }

    String name(int p) {
        return value(p, HeaderKeys.Field.NAME);
    }

    String rule(int p) {
        return value(p, HeaderKeys.Field.RULE);
    }

    /** The names of parameter {@code p}'s state buffers. */
    List<String> stateNames(int p) {
        String state = value(p, HeaderKeys.Field.STATE);
        return state.isEmpty() ? List.of() : List.of(state.split(String.valueOf(HeaderText.STATE_SEPARATOR), -1));
    }

    /** The value of a top-level key. */
    String value(HeaderKeys.Top key) {
        int start = top[key.ordinal()];
        return HeaderText.decode(text, start, end(start));
    }

    /** The clipping the file records: {@link CheckpointInfo#NO_CLIPPING} in formats 1 and 2. */
    String clipping() {
        return HeaderKeys.Top.CLIPPING.in(version) ? value(HeaderKeys.Top.CLIPPING) : CheckpointInfo.NO_CLIPPING;
    }

    /** Whether the file records {@code clipping} (text form), compared without decoding the file's value. */
    boolean hasClipping(String clipping) {
        return HeaderKeys.Top.CLIPPING.in(version) ? equals(HeaderKeys.Top.CLIPPING, HeaderText.value(clipping))
                : CheckpointInfo.NO_CLIPPING.equals(clipping);
    }

    /** The clipping the file records, for a message: at most {@value #SHOWN} bytes of it. */
    String shownClipping() {
        return HeaderKeys.Top.CLIPPING.in(version) ? shown(HeaderKeys.Top.CLIPPING) : CheckpointInfo.NO_CLIPPING;
    }

    /** The value of a top-level key for a message: at most {@value #SHOWN} bytes of it. */
    String shown(HeaderKeys.Top key) {
        return shownValue(top[key.ordinal()]);
    }

    /** The value of a field of parameter {@code p} for a message: at most {@value #SHOWN} bytes of it. */
    String shown(int p, HeaderKeys.Field field) {
        return shownValue(starts[p * FIELDS + field.ordinal()]);
    }

    /** The schedule with its manual rates masked, for a message: at most {@value #SHOWN} bytes of it. */
    String shownScheduleShape() {
        int start = top[HeaderKeys.Top.SCHEDULE.ordinal()];
        int end = end(start);
        return end - start <= SHOWN ? RecordCodec.mask(HeaderText.decode(text, start, end)).shape()
                : shownBytes(text, start, end);
    }

    /** Whether the value of {@code key} has the bytes {@code value}. */
    boolean equals(HeaderKeys.Top key, byte[] value) {
        int start = top[key.ordinal()];
        return Arrays.equals(text, start, end(start), value, 0, value.length);
    }

    /** Whether the value of field {@code field} of parameter {@code p} has the bytes {@code value}. */
    boolean equals(int p, HeaderKeys.Field field, byte[] value) {
        int start = starts[p * FIELDS + field.ordinal()];
        return Arrays.equals(text, start, end(start), value, 0, value.length);
    }

    /** Whether the schedule, its manual rates aside, has the masked description {@code shape}. */
    boolean scheduleHasShape(String shape) {
        int start = top[HeaderKeys.Top.SCHEDULE.ordinal()];
        return RecordCodec.hasShape(text, start, end(start), shape);
    }

    /** The parameter named by the bytes {@code name} ({@link HeaderText#value}), or {@code -1}. */
    int indexOf(byte[] name) {
        int mask = nameIndex.length - 1;
        for (int slot = hash(name, 0, name.length) & mask; nameIndex[slot] != 0; slot = slot + 1 & mask) {
            int p = nameIndex[slot] - 1;
            int start = starts[p * FIELDS + HeaderKeys.Field.NAME.ordinal()];
            if (Arrays.equals(text, start, end(start), name, 0, name.length)) {
                return p;
            }
        }
        return -1;
    }

    /** Everything the header says, as strings. */
    CheckpointInfo info() {
        List<CheckpointInfo.Parameter> described = new ArrayList<>(parameters);
        String rule = null;
        int ruleStart = -1;
        for (int p = 0; p < parameters; p++) {
            int start = starts[p * FIELDS + HeaderKeys.Field.RULE.ordinal()];
            if (ruleStart < 0 || !Arrays.equals(text, start, end(start), text, ruleStart, end(ruleStart))) {
                rule = rule(p);
                ruleStart = start;
            }
            described.add(new CheckpointInfo.Parameter(name(p), floats[p], rule, factors[p], stepCount(p), stateNames(p),
                    stateFloats(p), storage(p), elementBytes(p)));
        }
        return new CheckpointInfo(version, value(HeaderKeys.Top.CREATED_BY), stepCount, skippedSteps,
                value(HeaderKeys.Top.RULE), value(HeaderKeys.Top.SCHEDULE), clipping(), parameterValues, described);
    }

    private String value(int p, HeaderKeys.Field field) {
        int start = starts[p * FIELDS + field.ordinal()];
        return HeaderText.decode(text, start, end(start));
    }

    private void readParameter(int p) {
        requireCanonical(p, HeaderKeys.Field.NAME);
        floats[p] = count(p, HeaderKeys.Field.FLOATS);
        requireCanonical(p, HeaderKeys.Field.RULE);
        factors[p] = factor(p);
        if (HeaderKeys.Field.STEP_COUNT.in(version)) {
            stepCounts[p] = count(p, HeaderKeys.Field.STEP_COUNT);
            if (stepCounts[p] > stepCount) {
                throw new IllegalArgumentException("key " + HeaderKeys.Field.STEP_COUNT.of(p) + ": " + stepCounts[p]
                        + " is more than the optimizer's step count " + stepCount);
            }
        }
        stateCounts[p] = (byte) stateCount(p);
        if (HeaderKeys.Field.STATE_FLOATS.in(version)) {
            stateFloats[p] = stateFloatCounts(p);
        }
        if (HeaderKeys.Field.STORAGE.in(version)) {
            requireCanonical(p, HeaderKeys.Field.STORAGE);
            elementBytes[p] = elementSizes(p);
        }
    }

    /**
     * The comma-separated element sizes of {@code element-bytes}: one for the values and one per
     * state buffer, each {@code 4} or {@code 2}, read in place.
     */
    private byte[] elementSizes(int p) {
        String key = HeaderKeys.Field.ELEMENT_BYTES.of(p);
        int start = starts[p * FIELDS + HeaderKeys.Field.ELEMENT_BYTES.ordinal()];
        int end = end(start);
        int sizes = stateCounts[p] + 1;
        if (end - start != 2 * sizes - 1) {
            throw new IllegalArgumentException("key " + key + ": not " + sizes + " sizes of 4 or 2 bytes: "
                    + shownBytes(text, start, end));
        }
        byte[] bytes = new byte[sizes];
        for (int i = 0; i < sizes; i++) {
            byte digit = text[start + 2 * i];
            if (digit != '4' && digit != '2' || i + 1 < sizes && text[start + 2 * i + 1] != ',') {
                throw new IllegalArgumentException("key " + key + ": not " + sizes + " sizes of 4 or 2 bytes: "
                        + shownBytes(text, start, end));
            }
            bytes[i] = (byte) (digit - '0');
        }
        return bytes;
    }

    /**
     * The comma-separated counts of {@code state-floats}, one per state buffer, read in place: the
     * separators are counted before anything is allocated, so a hostile value costs no memory.
     */
    private long[] stateFloatCounts(int p) {
        requireCanonical(p, HeaderKeys.Field.STATE_FLOATS);
        String key = HeaderKeys.Field.STATE_FLOATS.of(p);
        int start = starts[p * FIELDS + HeaderKeys.Field.STATE_FLOATS.ordinal()];
        int end = end(start);
        int counts = start == end ? 0 : 1;
        for (int i = start; i < end; i++) {
            if (text[i] == ',') {
                counts++;
            }
        }
        if (counts != stateCounts[p]) {
            throw new IllegalArgumentException("key " + key + ": " + counts + " counts for " + stateCounts[p]
                    + " state buffers");
        }
        long[] floats = new long[counts];
        int from = start;
        for (int c = 0; c < counts; c++) {
            int comma = indexOf(text, ',', from, end);
            int to = comma < 0 ? end : comma;
            floats[c] = decimal(text, from, to);
            if (floats[c] < 0 || floats[c] > this.floats[p] + 1) {
                throw new IllegalArgumentException("key " + key + ": not a count of at most the parameter's floats"
                        + " plus one: " + shownBytes(text, from, to));
            }
            from = to + 1;
        }
        return floats;
    }

    /** The decimal count in {@code text[from, to)}: 1 to 19 digits, no leading zero, at most {@code Long.MAX_VALUE}; or -1. */
    private static long decimal(byte[] text, int from, int to) {
        int digits = to - from;
        boolean form = digits >= 1 && digits <= 19 && (text[from] != '0' || digits == 1);
        long count = 0;
        for (int i = from; form && i < to; i++) {
            form = text[i] >= '0' && text[i] <= '9';
            count = count * 10 + text[i] - '0';
        }
        return form && count >= 0 ? count : -1;
    }

    /** The number of state names of parameter {@code p}, each non-empty, at most the limit. */
    private int stateCount(int p) {
        requireCanonical(p, HeaderKeys.Field.STATE);
        int start = starts[p * FIELDS + HeaderKeys.Field.STATE.ordinal()];
        int end = end(start);
        if (start == end) {
            return 0;
        }
        int names = 1;
        for (int i = start; i <= end; i++) {
            if (i == end || text[i] == HeaderText.STATE_SEPARATOR) {
                if (i == start || text[i - 1] == HeaderText.STATE_SEPARATOR) {
                    throw new IllegalArgumentException("key " + HeaderKeys.Field.STATE.of(p) + ": an empty state name");
                }
                if (i < end && ++names > CheckpointFormat.LARGEST_STATE_BUFFERS) {
                    throw new IllegalArgumentException("key " + HeaderKeys.Field.STATE.of(p) + ": more than "
                            + CheckpointFormat.LARGEST_STATE_BUFFERS + " state buffers");
                }
            }
        }
        return names;
    }

    /**
     * A learning-rate factor as a group takes it: finite and {@code >= 0}, also as a float, in
     * {@link Double#toString} form. The text of the factor before is not parsed again.
     */
    private double factor(int p) {
        int field = HeaderKeys.Field.LEARNING_RATE_FACTOR.ordinal();
        int start = starts[p * FIELDS + field];
        int end = end(start);
        if (p > 0) {
            int before = starts[(p - 1) * FIELDS + field];
            if (Arrays.equals(text, start, end, text, before, end(before))) {
                return factors[p - 1];
            }
        }
        String key = "key " + HeaderKeys.Field.LEARNING_RATE_FACTOR.of(p);
        return ArgumentChecks.requireNonNegative(key, parseDouble(text, start, end, key));
    }

    /** A counter that one more step can still increase: at most {@link CheckpointFormat#LARGEST_COUNT}. */
    private long continuable(HeaderKeys.Top key) {
        long count = count(text, top[key.ordinal()]);
        if (count < 0) {
            throw notACount(text, top[key.ordinal()], key.key);
        }
        if (count > CheckpointFormat.LARGEST_COUNT) {
            throw new IllegalArgumentException("key " + key.key + ": " + count + " cannot be continued: one more step "
                    + "overflows a long (at most " + CheckpointFormat.LARGEST_COUNT + ")");
        }
        return count;
    }

    private long count(int p, HeaderKeys.Field field) {
        int start = starts[p * FIELDS + field.ordinal()];
        long count = count(text, start);
        if (count < 0) {
            throw notACount(text, start, field.of(p));
        }
        return count;
    }

    private boolean flag(HeaderKeys.Top key) {
        int start = top[key.ordinal()];
        if (Arrays.equals(text, start, end(start), Bytes.TRUE, 0, Bytes.TRUE.length)) {
            return true;
        }
        if (Arrays.equals(text, start, end(start), Bytes.FALSE, 0, Bytes.FALSE.length)) {
            return false;
        }
        throw new IllegalArgumentException("key " + key.key + ": not true or false: " + shown(key));
    }

    /** The manual rates in the schedule, each a rate a {@link dev.gradus.schedule.ManualSchedule} takes. */
    private double[] parseManualRates() {
        int start = top[HeaderKeys.Top.SCHEDULE.ordinal()];
        int[] rates = RecordCodec.manualRates(text, start, end(start));
        double[] values = new double[rates.length / 2];
        for (int i = 0; i < values.length; i++) {
            String what = "the schedule's manual rate " + shownBytes(text, rates[2 * i], rates[2 * i + 1]);
            values[i] = parseDouble(text, rates[2 * i], rates[2 * i + 1], what);
            try {
                ArgumentChecks.requireNonNegative("rate", values[i]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + " is not a learning rate: " + e.getMessage(), e);
            }
        }
        return values;
    }

    private void requireCanonical(HeaderKeys.Top key) {
        int start = top[key.ordinal()];
        int at = HeaderText.nonCanonicalAt(text, start, end(start));
        if (at >= 0) {
            throw new IllegalArgumentException("key " + key.key + ": " + HeaderText.nonCanonicalProblem(text, start, at));
        }
    }

    private void requireCanonical(int p, HeaderKeys.Field field) {
        int start = starts[p * FIELDS + field.ordinal()];
        int at = HeaderText.nonCanonicalAt(text, start, end(start));
        if (at >= 0) {
            throw new IllegalArgumentException("key " + field.of(p) + ": " + HeaderText.nonCanonicalProblem(text, start, at));
        }
    }

    /** An open-addressing index of the names, failing on a name that appears twice. */
    private int[] indexNames() {
        int[] index = new int[Math.max(2, Integer.highestOneBit(Math.max(1, parameters)) * 4)];
        int mask = index.length - 1;
        for (int p = 0; p < parameters; p++) {
            int start = starts[p * FIELDS + HeaderKeys.Field.NAME.ordinal()];
            int end = end(start);
            int slot = hash(text, start, end) & mask;
            for (; index[slot] != 0; slot = slot + 1 & mask) {
                int other = starts[(index[slot] - 1) * FIELDS + HeaderKeys.Field.NAME.ordinal()];
                if (Arrays.equals(text, start, end, text, other, end(other))) {
                    throw new IllegalArgumentException("parameter name " + shown(p, HeaderKeys.Field.NAME) + " appears twice");
                }
            }
            index[slot] = p + 1;
        }
        return index;
    }

    private static int hash(byte[] bytes, int from, int to) {
        int h = 1;
        for (int i = from; i < to; i++) {
            h = 31 * h + bytes[i];
        }
        return h ^ h >>> 16;
    }

    private int end(int start) {
        return indexOf(text, '\n', start, text.length);
    }

    private static boolean isParameterKey(byte[] text, int start, int equals) {
        byte[] prefix = Bytes.PARAMETER_PREFIX;
        return equals - start > prefix.length && Arrays.equals(text, start, start + prefix.length, prefix, 0, prefix.length);
    }

    private static HeaderKeys.Top topKey(byte[] text, int start, int equals, int version) {
        for (HeaderKeys.Top key : HeaderKeys.TOPS) {
            if (key.in(version) && Arrays.equals(text, start, equals, key.bytes, 0, key.bytes.length)) {
                return key;
            }
        }
        throw new IllegalArgumentException("unexpected key " + shownBytes(text, start, equals));
    }

    /** Records the value offset of a key {@code parameter.<i>.<field>} in {@code starts}, if {@code i} is indexed. */
    private static void indexParameterKey(byte[] text, int start, int equals, int version, long declared, int[] starts) {
        int digits = start + Bytes.PARAMETER_PREFIX.length;
        int dot = indexOf(text, '.', digits, equals);
        long index = dot < 0 ? -1 : index(text, digits, dot);
        HeaderKeys.Field field = dot < 0 ? null : field(text, dot + 1, equals, version);
        if (index < 0 || index >= declared || field == null) {
            throw new IllegalArgumentException("unexpected key " + shownBytes(text, start, equals));
        }
        if (index < starts.length / FIELDS) {
            int slot = (int) index * FIELDS + field.ordinal();
            if (starts[slot] >= 0) {
                throw new IllegalArgumentException("key " + field.of(index) + " appears twice");
            }
            starts[slot] = equals + 1;
        }
    }

    /** A parameter index: {@code 0} or digits without a leading zero, below 2^31; {@code -1} if it is none. */
    private static long index(byte[] text, int from, int to) {
        if (to - from < 1 || to - from > 10 || text[from] == '0' && to - from > 1) {
            return -1;
        }
        long index = 0;
        for (int i = from; i < to; i++) {
            if (text[i] < '0' || text[i] > '9') {
                return -1;
            }
            index = index * 10 + text[i] - '0';
        }
        return index <= Integer.MAX_VALUE ? index : -1;
    }

    private static HeaderKeys.Field field(byte[] text, int from, int to, int version) {
        for (HeaderKeys.Field field : HeaderKeys.FIELDS) {
            if (field.in(version) && Arrays.equals(text, from, to, field.bytes, 0, field.bytes.length)) {
                return field;
            }
        }
        return null;
    }

    /** The count at {@code text[start]}: {@code 0} or up to 19 digits without a leading zero, at most {@link Long#MAX_VALUE}; {@code -1} if it is none. */
    private static long count(byte[] text, int start) {
        return decimal(text, start, indexOf(text, '\n', start, text.length));
    }

    private static IllegalArgumentException notACount(byte[] text, int start, String key) {
        return new IllegalArgumentException("key " + key + ": not a count: "
                + shownBytes(text, start, indexOf(text, '\n', start, text.length)));
    }

    /**
     * A double in the form {@link Double#toString} writes, of at most 32 characters.
     *
     * @param what the value's name for the message, {@code key <key>} or a description
     */
    private static double parseDouble(byte[] text, int from, int to, String what) {
        String value = shownBytes(text, from, to);
        if (to - from > 32) {
            throw new IllegalArgumentException(what + ": not a double: " + value);
        }
        try {
            double parsed = Double.parseDouble(value);
            if (Double.toString(parsed).equals(value)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(what + ": not a double in the form of Double.toString: " + value);
    }

    private static void requireUtf8(byte[] text) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        ByteBuffer in = ByteBuffer.wrap(text);
        CharBuffer out = CharBuffer.allocate(Math.min(4096, text.length + 1));
        CoderResult result;
        do {
            result = decoder.decode(in, out.clear(), true);
        } while (result.isOverflow());
        if (result.isError() || decoder.flush(out.clear()).isError()) {
            throw new IllegalArgumentException("not UTF-8 text: malformed at byte " + in.position());
        }
    }

    private static int indexOf(byte[] text, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** The value at {@code start} if it is at most {@value #SHOWN} bytes long, else its first bytes as written. */
    private String shownValue(int start) {
        int end = end(start);
        return end - start <= SHOWN ? HeaderText.decode(text, start, end) : shownBytes(text, start, end);
    }

    /** At most {@value #SHOWN} bytes of {@code text[from, to)} as text, for a message. */
    static String shownBytes(byte[] text, int from, int to) {
        String shown = new String(text, from, Math.min(to - from, SHOWN), StandardCharsets.UTF_8);
        return to - from <= SHOWN ? shown : shown + "... (" + (to - from) + " bytes)";
    }

    /** ASCII constants. */
    private static final class Bytes {
        static final byte[] PARAMETER_PREFIX = HeaderKeys.PARAMETER_PREFIX.getBytes(StandardCharsets.US_ASCII);
        static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
        static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    }
}
