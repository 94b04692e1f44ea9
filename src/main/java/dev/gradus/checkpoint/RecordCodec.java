package dev.gradus.checkpoint;

import dev.gradus.CustomRule;
import dev.gradus.schedule.ManualSchedule;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text form of a rule or a schedule that a checkpoint records, compared on load and shown to
 * humans by {@link CheckpointInfo}.
 *
 * <p>A record is its simple class name and every component in declaration order,
 * {@code Name[component=value, ...]}; a value is written as follows: a {@code double} by
 * {@link Double#toString(double)} (the shortest decimal that parses back to the same bits, so
 * equal text means equal bits), an integer or a {@code boolean} in decimal or as
 * {@code true}/{@code false}, an enum constant by {@link Enum#name()}, a list as
 * {@code [a, b]}, a nested record (the schedules inside {@code PerEpoch}, {@code SequentialSchedule}
 * and {@code ProductSchedule}) recursively. A {@link ManualSchedule}, the one mutable schedule,
 * is {@code ManualSchedule[current=rate]} with the rate it holds now; {@link #mask} takes those
 * rates out so that two descriptions can be compared for their shape and the rates restored.
 * For example:
 *
 * <pre>
 * Adam[beta1=0.9, beta2=0.999, epsilon=1.0E-8, form=ALGORITHM_1, epsilonPlacement=OUTSIDE_SQRT,
 *      amsgrad=false, weightDecay=0.0, decoupledWeightDecay=false, maximize=false]
 * SequentialSchedule[first=LinearWarmup[a0=0.1, startFactor=0.01, length=500], firstLength=500,
 *      then=MultiStepDecay[a0=0.1, gamma=0.5, milestones=[30, 80]]]
 * </pre>
 */
final class RecordCodec {

    /** The placeholder of a manual rate in a {@linkplain #mask masked} description. */
    static final String MASKED_RATE = "?";

    private static final String MANUAL_PREFIX = "ManualSchedule[current=";
    /** How a {@link CustomRule}'s {@linkplain CustomRule#description() description} is framed. */
    private static final String CUSTOM_PREFIX = "CustomRule[";
    private static final Pattern MANUAL_RATE = Pattern.compile(Pattern.quote(MANUAL_PREFIX) + "([^\\],]*)\\]");
    /** Each record class's components, looked up once: a fresh lookup makes every accessor call slow. */
    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            return type.getRecordComponents();
        }
    };
    private static final int LONGEST_RATE = 32;
    private static final byte[] MANUAL_PREFIX_BYTES = MANUAL_PREFIX.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MASKED_BYTES = (MANUAL_PREFIX + MASKED_RATE + "]").getBytes(StandardCharsets.US_ASCII);

    /**
     * A description with every manual rate replaced by {@value #MASKED_RATE}.
     *
     * @param shape       the description without the rates
     * @param manualRates the rates taken out, in order of appearance (depth first)
     */
    record Masked(String shape, List<String> manualRates) {
    }

    private RecordCodec() {
    }

    /** The text form of {@code value}, a rule or a schedule. */
    static String describe(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    /** Every {@link ManualSchedule} inside {@code value}, in the order {@link #describe} writes their rates. */
    static List<ManualSchedule> manualSchedules(Object value) {
        List<ManualSchedule> found = new ArrayList<>();
        collectManual(value, found);
        return found;
    }

    /** {@code description} with its manual rates taken out. */
    static Masked mask(String description) {
        List<String> rates = new ArrayList<>();
        Matcher matcher = MANUAL_RATE.matcher(description);
        StringBuilder shape = new StringBuilder();
        while (matcher.find()) {
            rates.add(matcher.group(1));
            matcher.appendReplacement(shape, Matcher.quoteReplacement(MANUAL_PREFIX + MASKED_RATE + "]"));
        }
        matcher.appendTail(shape);
        return new Masked(shape.toString(), List.copyOf(rates));
    }

    /**
     * The manual rates in the description {@code text[from, to)}, as {@link #mask} finds them: the
     * offsets {@code start, end} of each rate's text, one pair after another.
     */
    static int[] manualRates(byte[] text, int from, int to) {
        int found = 0;
        for (int at = from; at < to; at++) {
            int end = rateEnd(text, at, to);
            if (end >= 0) {
                found++;
                at = end;
            }
        }
        int[] rates = new int[2 * found];
        for (int at = from, k = 0; at < to; at++) {
            int end = rateEnd(text, at, to);
            if (end >= 0) {
                rates[k++] = at + MANUAL_PREFIX_BYTES.length;
                rates[k++] = end;
                at = end;
            }
        }
        return rates;
    }

    /**
     * Whether the description {@code text[from, to)} with its manual rates {@linkplain #mask masked}
     * is {@code shape}, a masked description, compared byte by byte without making either string.
     */
    static boolean hasShape(byte[] text, int from, int to, String shape) {
        byte[] expected = shape.getBytes(StandardCharsets.UTF_8);
        int at = from;
        for (int k = 0; k < expected.length; ) {
            if (Arrays.equals(expected, k, Math.min(expected.length, k + MASKED_BYTES.length), MASKED_BYTES, 0,
                    MASKED_BYTES.length)) {
                int end = rateEnd(text, at, to);
                if (end < 0) {
                    return false;
                }
                at = end + 1;
                k += MASKED_BYTES.length;
            } else if (at < to && text[at] == expected[k]) {
                at++;
                k++;
            } else {
                return false;
            }
        }
        return at == to;
    }

    /**
     * If {@code ManualSchedule[current=<rate>]} starts at {@code text[at]} (the rate holding no
     * {@code ]} or {@code ,}, and at most {@value #LONGEST_RATE} bytes, as any {@link Double#toString}
     * is), the offset of its {@code ]}; else {@code -1}.
     */
    private static int rateEnd(byte[] text, int at, int to) {
        if (to - at < MANUAL_PREFIX_BYTES.length
                || !Arrays.equals(text, at, at + MANUAL_PREFIX_BYTES.length, MANUAL_PREFIX_BYTES, 0, MANUAL_PREFIX_BYTES.length)) {
            return -1;
        }
        int limit = (int) Math.min(to, (long) at + MANUAL_PREFIX_BYTES.length + LONGEST_RATE + 1);
        for (int i = at + MANUAL_PREFIX_BYTES.length; i < limit; i++) {
            if (text[i] == ']') {
                return i;
            }
            if (text[i] == ',') {
                return -1;
            }
        }
        return -1;
    }

    private static void append(StringBuilder out, Object value) {
        switch (value) {
            case Double d -> out.append(Double.toString(d));
            case Long l -> out.append(l.longValue());
            case Integer i -> out.append(i.intValue());
            case Boolean b -> out.append(b.booleanValue());
            case Enum<?> e -> out.append(e.name());
            case CustomRule custom -> out.append(CUSTOM_PREFIX).append(custom.description()).append(']');
            case ManualSchedule manual -> out.append(MANUAL_PREFIX).append(Double.toString(manual.current()))
                    .append(']');
            case List<?> list -> appendList(out, list);
            case Record record -> appendRecord(out, record);
            default -> throw new IllegalArgumentException("cannot describe a " + value.getClass().getName());
        }
    }

    private static void appendList(StringBuilder out, List<?> list) {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            out.append(i == 0 ? "" : ", ");
            append(out, list.get(i));
        }
        out.append(']');
    }

    private static void appendRecord(StringBuilder out, Record record) {
        out.append(record.getClass().getSimpleName()).append('[');
        RecordComponent[] components = COMPONENTS.get(record.getClass());
        for (int i = 0; i < components.length; i++) {
            out.append(i == 0 ? "" : ", ").append(components[i].getName()).append('=');
            append(out, component(record, components[i]));
        }
        out.append(']');
    }

    private static void collectManual(Object value, List<ManualSchedule> found) {
        if (value instanceof ManualSchedule manual) {
            found.add(manual);
        } else if (value instanceof List<?> list) {
            list.forEach(element -> collectManual(element, found));
        } else if (value instanceof Record record) {
            for (RecordComponent component : COMPONENTS.get(record.getClass())) {
                collectManual(component(record, component), found);
            }
        }
    }

    private static Object component(Record record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass(), e);
        }
    }
}
