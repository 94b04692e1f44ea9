package dev.gradus.checkpoint;

import java.nio.charset.StandardCharsets;

/**
 * The keys of a checkpoint's header, in the order the writer writes them, with the format
 * version that introduced each. A reader of version {@code v} requires exactly the keys of
 * version {@code v}.
 */
final class HeaderKeys {

    /** The prefix of every key of a parameter: {@code parameter.<i>.<field>}. */
    static final String PARAMETER_PREFIX = "parameter.";

    /** {@link Top#values()}, not copied on every use: not to be modified. */
    static final Top[] TOPS = Top.values();

    /** {@link Field#values()}, not copied on every use: not to be modified. */
    static final Field[] FIELDS = Field.values();

    /** The keys about the whole optimizer. */
    enum Top {
        CREATED_BY("created-by", 1),
        STEP_COUNT("step-count", 1),
        SKIPPED_STEPS("skipped-steps", 1),
        RULE("rule", 1),
        SCHEDULE("schedule", 1),
        CLIPPING("clipping", 3),
        PARAMETER_VALUES("parameter-values", 2),
        PARAMETERS("parameters", 1);

        final String key;
        final byte[] bytes;
        final int since;

        Top(String key, int since) {
            this.key = key;
            this.bytes = key.getBytes(StandardCharsets.US_ASCII);
            this.since = since;
        }

        /** Whether a header of format {@code version} has this key. */
        boolean in(int version) {
            return since <= version;
        }
    }

    /** The keys of each parameter, {@code parameter.<i>.<field>}. */
    enum Field {
        NAME("name", 1),
        FLOATS("floats", 1),
        RULE("rule", 1),
        LEARNING_RATE_FACTOR("learning-rate-factor", 1),
        STEP_COUNT("step-count", 2),
        STATE("state", 1),
        STATE_FLOATS("state-floats", 4),
        STORAGE("storage", 5),
        ELEMENT_BYTES("element-bytes", 5);

        final String key;
        final byte[] bytes;
        final int since;

        Field(String key, int since) {
            this.key = key;
            this.bytes = key.getBytes(StandardCharsets.US_ASCII);
            this.since = since;
        }

        /** Whether a header of format {@code version} has this field. */
        boolean in(int version) {
            return since <= version;
        }

        /** The key of this field of parameter {@code index}. */
        String of(long index) {
            return PARAMETER_PREFIX + index + "." + key;
        }
    }

    private HeaderKeys() {
    }
}
