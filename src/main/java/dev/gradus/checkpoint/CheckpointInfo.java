package dev.gradus.checkpoint;

import dev.gradus.Optimizer;
import dev.gradus.internal.ArgumentChecks;
import dev.gradus.internal.OptimizerAccess;
import dev.gradus.precision.StoragePlan;
import java.util.Collections;
import java.util.List;

/**
 * What a checkpoint records besides the state buffers: its format version, the optimizer's rule
 * and schedule, its counters, and every parameter with its size, rule and state buffers.
 * {@link Checkpoint#read} returns it after verifying the whole file; {@link Checkpoint#load}
 * compares it with the optimizer it loads into.
 *
 * <p>Rules and schedules are given in their text form: the record's simple name and every
 * component, {@code Adam[beta1=0.9, beta2=0.999, ...]}, doubles written by
 * {@link Double#toString(double)} so that equal text means equal bits; a
 * {@link dev.gradus.schedule.ManualSchedule} shows its current rate. See
 * {@code docs/checkpoints.md}.
 *
 * @param formatVersion   the version of the file format
 * @param createdBy       the writer and Java runtime, for humans
 * @param stepCount       the optimizer's {@link Optimizer#stepCount()} when it was saved
 * @param skippedSteps    the optimizer's count of steps skipped for non-finite gradients
 * @param rule            the optimizer's rule
 * @param schedule        the optimizer's learning-rate schedule
 * @param clipping        the optimizer's {@link dev.gradus.GradientClipping} in text form, or
 *                        {@value #NO_CLIPPING}
 * @param parameterValues whether the checkpoint holds the parameters' values too
 *                        ({@link Checkpoint.Contents#WITH_PARAMETERS}); always false in format 1
 * @param parameters      the registered parameters, in registration order
 */
public record CheckpointInfo(int formatVersion, String createdBy, long stepCount, long skippedSteps, String rule,
                             String schedule, String clipping, boolean parameterValues, List<Parameter> parameters) {

    /**
     * One registered parameter.
     *
     * @param name               its unique name
     * @param floats             its number of elements
     * @param rule               the rule it follows (its group's, with the group's weight decay)
     * @param learningRateFactor its group's factor on the scheduled rate
     * @param stepCount          the steps it has taken (its bias corrections continue at {@code stepCount + 1});
     *                           the optimizer's step count in a file of format 1
     * @param stateNames         the names of its state buffers ({@link dev.gradus.UpdateRule#stateName}), in order
     * @param stateFloats        the floats of each state buffer, in the same order: {@code floats}, except for
     *                           Adafactor's averages, sized by the parameter's shape (format 4; earlier formats
     *                           read as {@code floats} each)
     * @param storage            its group's {@link StoragePlan} in text form ({@link CheckpointInfo#FLOAT32_STORAGE} before
     *                           format 5); where the plan keeps a float32 master or a Kahan compensation, the
     *                           last state buffer is that, named {@code master} or {@code compensation}
     * @param elementBytes       the bytes of an element of its values, then of each state buffer: 4, or 2 for a
     *                           16-bit type (format 5; earlier formats read as 4 each)
     */
    public record Parameter(String name, long floats, String rule, double learningRateFactor, long stepCount,
                            List<String> stateNames, List<Long> stateFloats, String storage,
                            List<Integer> elementBytes) {

        /**
         * Copies the state names and sizes.
         *
         * @throws NullPointerException     if the name, the rule, the storage, the state names or sizes are null
         * @throws IllegalArgumentException if there are not as many sizes as names, or not one element size more
         */
        public Parameter {
            ArgumentChecks.requireNonNull("name", name);
            ArgumentChecks.requireNonNull("rule", rule);
            ArgumentChecks.requireNonNull("storage", storage);
            stateNames = List.copyOf(stateNames);
            stateFloats = List.copyOf(stateFloats);
            elementBytes = List.copyOf(elementBytes);
            if (stateFloats.size() != stateNames.size()) {
                throw new IllegalArgumentException(stateFloats.size() + " state sizes for " + stateNames.size()
                        + " state buffers");
            }
            if (elementBytes.size() != stateNames.size() + 1) {
                throw new IllegalArgumentException(elementBytes.size() + " element sizes for the values and "
                        + stateNames.size() + " state buffers");
            }
        }

        /**
         * A parameter stored in float32.
         *
         * @param name               its unique name
         * @param floats             its number of elements
         * @param rule               the rule it follows
         * @param learningRateFactor its group's factor on the scheduled rate
         * @param stepCount          the steps it has taken
         * @param stateNames         the names of its state buffers, in order
         * @param stateFloats        the floats of each state buffer
         * @throws NullPointerException if the name, the rule, the state names or sizes are null
         */
        public Parameter(String name, long floats, String rule, double learningRateFactor, long stepCount,
                         List<String> stateNames, List<Long> stateFloats) {
            this(name, floats, rule, learningRateFactor, stepCount, stateNames, stateFloats, FLOAT32_STORAGE,
                    Collections.nCopies(stateNames.size() + 1, Float.BYTES));
        }

        /**
         * A parameter whose every state buffer holds {@code floats} floats, as every rule's but
         * Adafactor's.
         *
         * @param name               its unique name
         * @param floats             its number of elements, the length of each state buffer
         * @param rule               the rule it follows
         * @param learningRateFactor its group's factor on the scheduled rate
         * @param stepCount          the steps it has taken
         * @param stateNames         the names of its state buffers, in order
         * @throws NullPointerException if the name, the rule or the state names are null
         */
        public Parameter(String name, long floats, String rule, double learningRateFactor, long stepCount,
                         List<String> stateNames) {
            this(name, floats, rule, learningRateFactor, stepCount, stateNames,
                    Collections.nCopies(stateNames.size(), floats));
        }

        /**
         * The number of state buffers.
         *
         * @return the size of {@link #stateNames()}
         */
        public int stateBuffers() {
            return stateNames.size();
        }
    }

    /**
     * Copies the parameter list.
     *
     * @throws NullPointerException if a text or the parameter list is null
     */
    public CheckpointInfo {
        ArgumentChecks.requireNonNull("createdBy", createdBy);
        ArgumentChecks.requireNonNull("rule", rule);
        ArgumentChecks.requireNonNull("schedule", schedule);
        ArgumentChecks.requireNonNull("clipping", clipping);
        parameters = List.copyOf(parameters);
    }

    /** The {@link Parameter#storage} of a parameter stored in float32: {@link StoragePlan#FLOAT32}'s text. */
    public static final String FLOAT32_STORAGE = RecordCodec.describe(StoragePlan.FLOAT32);

    /** The {@link #clipping} of an optimizer that does not clip. */
    public static final String NO_CLIPPING = "none";

    /**
     * The description of {@code optimizer} as it stands, in the current format version; call it
     * while holding the optimizer.
     *
     * @param parameterValues whether the checkpoint will hold the parameters' values
     */
    static CheckpointInfo of(Optimizer optimizer, boolean parameterValues) {
        OptimizerAccess access = OptimizerAccess.get();
        List<Parameter> parameters = access.registered(optimizer).stream()
                .map(p -> new Parameter(p.name(), p.length(), RecordCodec.describe(p.rule()), p.learningRateFactor(),
                        access.parameterStepCount(optimizer, p.name()), StoredBuffers.names(p),
                        StoredBuffers.elements(p), RecordCodec.describe(p.group().storage()),
                        StoredBuffers.elementBytes(p)))
                .toList();
        return new CheckpointInfo(CheckpointFormat.VERSION, CheckpointFormat.CREATED_BY, optimizer.stepCount(),
                optimizer.skippedSteps(), RecordCodec.describe(optimizer.rule()),
                RecordCodec.describe(optimizer.schedule()), clipping(optimizer), parameterValues, parameters);
    }

    /**
     * The text form of {@code optimizer}'s clipping: the record's, or {@value #NO_CLIPPING} (as
     * files of format 1 and 2, written before clipping existed, are read).
     */
    static String clipping(Optimizer optimizer) {
        return optimizer.clipping() == null ? NO_CLIPPING : RecordCodec.describe(optimizer.clipping());
    }
}
