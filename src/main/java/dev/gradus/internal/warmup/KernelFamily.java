package dev.gradus.internal.warmup;

/**
 * The methods of {@link dev.gradus.internal.KernelSet} that do the work, one per family, and for
 * each update rule a second family for its calls that emit the update, whose vector loops are
 * copies of their own (see {@code dev.gradus.internal.vector.LoopOptions}). A family
 * is warmed with every {@link Signature} of its calls seen so far, so that one compiled method
 * serves them all.
 */
public enum KernelFamily {
    /** {@code sgd}: {@link dev.gradus.Sgd}. */
    SGD("sgd"),
    /** {@code momentum}: {@link dev.gradus.Momentum} in every form. */
    MOMENTUM("momentum"),
    /** {@code adagrad}: {@link dev.gradus.AdaGrad}. */
    ADAGRAD("adagrad"),
    /** {@code rmsProp}: {@link dev.gradus.RmsProp}, centered or not, with or without momentum. */
    RMS_PROP("rmsProp"),
    /** {@code adam}: {@link dev.gradus.Adam} in every form. */
    ADAM("adam"),
    /** {@code lion}: {@link dev.gradus.Lion}, with or without its decay. */
    LION("lion"),
    /** {@code adamax}: {@link dev.gradus.Adamax}. */
    ADAMAX("adamax"),
    /** {@code adadelta}: {@link dev.gradus.Adadelta}. */
    ADADELTA("adadelta"),
    /** {@code rprop}: {@link dev.gradus.Rprop}. */
    RPROP("rprop"),
    /** {@code nadam}: {@link dev.gradus.NAdam}, with or without decoupled decay. */
    NADAM("nadam"),
    /** {@code adabelief}: {@link dev.gradus.AdaBelief}. */
    ADABELIEF("adabelief"),
    /** {@code yogi}: {@link dev.gradus.Yogi}. */
    YOGI("yogi"),
    /** {@code sgd} emitting the update. */
    SGD_UPDATE("sgd update"),
    /** {@code momentum} emitting the update. */
    MOMENTUM_UPDATE("momentum update"),
    /** {@code adagrad} emitting the update. */
    ADAGRAD_UPDATE("adagrad update"),
    /** {@code rmsProp} emitting the update. */
    RMS_PROP_UPDATE("rmsProp update"),
    /** {@code adam} emitting the update. */
    ADAM_UPDATE("adam update"),
    /** {@code lion} emitting the update. */
    LION_UPDATE("lion update"),
    /** {@code adamax} emitting the update. */
    ADAMAX_UPDATE("adamax update"),
    /** {@code adadelta} emitting the update. */
    ADADELTA_UPDATE("adadelta update"),
    /** {@code rprop} emitting the update. */
    RPROP_UPDATE("rprop update"),
    /** {@code nadam} emitting the update. */
    NADAM_UPDATE("nadam update"),
    /** {@code adabelief} emitting the update. */
    ADABELIEF_UPDATE("adabelief update"),
    /** {@code yogi} emitting the update. */
    YOGI_UPDATE("yogi update"),
    /** {@code adamBf16State}: {@link dev.gradus.Adam} without AMSGrad on bfloat16 {@code m}, {@code v} rounded to nearest, in one pass. */
    ADAM_BF16_STATE("adamBf16State"),
    /**
     * {@code adamBf16State} with a compensation: {@link dev.gradus.Adam} without AMSGrad on
     * bfloat16 Kahan-compensated weights and bfloat16 {@code m}, {@code v}, in one pass.
     */
    ADAM_BF16_KAHAN("adamBf16State with Kahan weights"),
    /** {@code ewma}: the elementwise {@link dev.gradus.Ewma} update. */
    EWMA("ewma"),
    /** {@code firstNonFinite}: the scan for NaN and infinities. */
    NON_FINITE_SCAN("firstNonFinite"),
    /** {@code sumOfSquares}: the deterministic sum of squares, for norms and clipping. */
    SQUARE_SUM("sumOfSquares"),
    /** {@code maxAbs}: the largest absolute value, for the infinity norm. */
    MAX_ABS("maxAbs"),
    /** {@code accumulateSquares}: {@link dev.gradus.Adafactor}'s second moments. */
    SQUARE_ACCUMULATION("accumulateSquares"),
    /** {@code factoredDirection}: {@link dev.gradus.Adafactor}'s direction. */
    FACTORED_DIRECTION("factoredDirection"),
    /** {@code scheduleFree}: {@link dev.gradus.ScheduleFreeAdamW} and {@link dev.gradus.ScheduleFreeSgd}, in place only. */
    SCHEDULE_FREE("scheduleFree"),
    /** {@code lerp}: the schedule-free rules' evaluation and training views. */
    LERP("lerp");

    private final String method;

    KernelFamily(String method) {
        this.method = method;
    }

    /** The family's bit in a set of families: there are at most 64 families. */
    public long bit() {
        return 1L << ordinal();
    }

    /** The name of the family's {@code KernelSet} method, followed by "update" for the update form. */
    public String method() {
        return method;
    }

    /** Whether the family reads one buffer and writes none: the scan and the reductions. */
    boolean readsOnly() {
        return this == NON_FINITE_SCAN || this == SQUARE_SUM || this == MAX_ABS;
    }

    /** Whether the family's kernel is one of {@link dev.gradus.Adafactor}'s, called without a rule. */
    boolean adafactor() {
        return this == SQUARE_ACCUMULATION || this == FACTORED_DIRECTION;
    }

    /** Whether the family's calls emit the update rather than step in place. */
    boolean emitsUpdate() {
        return inPlace() != this;
    }

    /** The in-place family of an update form; the family itself otherwise. */
    KernelFamily inPlace() {
        return switch (this) {
            case SGD_UPDATE -> SGD;
            case MOMENTUM_UPDATE -> MOMENTUM;
            case ADAGRAD_UPDATE -> ADAGRAD;
            case RMS_PROP_UPDATE -> RMS_PROP;
            case ADAM_UPDATE -> ADAM;
            case LION_UPDATE -> LION;
            case ADAMAX_UPDATE -> ADAMAX;
            case ADADELTA_UPDATE -> ADADELTA;
            case RPROP_UPDATE -> RPROP;
            case NADAM_UPDATE -> NADAM;
            case ADABELIEF_UPDATE -> ADABELIEF;
            case YOGI_UPDATE -> YOGI;
            default -> this;
        };
    }

    /** The names of the families in {@code set}, comma-separated, in declaration order. */
    static String names(long set) {
        StringBuilder text = new StringBuilder();
        for (KernelFamily family : values()) {
            if ((set & family.bit()) != 0) {
                text.append(text.isEmpty() ? "" : ", ").append(family.method);
            }
        }
        return text.toString();
    }
}
