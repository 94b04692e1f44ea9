package dev.gradus.internal.warmup;

import dev.gradus.CustomRule;
import dev.gradus.CustomStep;
import dev.gradus.internal.KernelSet;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Kernels that do nothing but record which of their methods ran, for routing tests. */
final class RecordingKernels implements KernelSet {

    private final String name;
    private final List<String> calls = new CopyOnWriteArrayList<>();

    RecordingKernels(String name) {
        this.name = name;
    }

    /** The methods called so far, in order. */
    List<String> calls() {
        return List.copyOf(calls);
    }

    /** Calls the method of {@code family} on {@code kernels} with empty native buffers and no option on. */
    static void call(KernelSet kernels, KernelFamily family) {
        MemorySegment none = MemorySegment.NULL;
        MemorySegment update = family.emitsUpdate() ? none : null;
        switch (family.inPlace()) {
            case SGD -> kernels.sgd(none, update, none, 0, 0, 0f, Float.POSITIVE_INFINITY, 1f, 0f, false);
            case MOMENTUM -> kernels.momentum(none, update, none, none, 0, 0, 0f, 0f, 0f, false, Float.POSITIVE_INFINITY, 1f, 0f, false);
            case ADAGRAD -> kernels.adagrad(none, update, none, none, 0, 0, 0f, 0f, false, Float.POSITIVE_INFINITY, 1f, 0f, false);
            case RMS_PROP -> kernels.rmsProp(none, update, none, none, null, null, 0, 0, 0f, 0f, 0f, 0f, false, false,
                    false, 0f, Float.POSITIVE_INFINITY, 1f, 0f, false);
            case ADAM -> kernels.adam(none, update, none, none, none, null, 0, 0, 0f, 0f, 0f, 0f, 0f, 0f, 0f, false,
                    false, 1f, Float.POSITIVE_INFINITY, 1f, 0f, false);
            case ADAM_BF16_STATE, ADAM_BF16_KAHAN -> kernels.adamBf16State(none,
                    family == KernelFamily.ADAM_BF16_KAHAN ? none : null, none, false, none, none, 0, 0, 0f, 0f, 0f, 0f, 0f, 0f, 0f,
                    false, 1f, Float.POSITIVE_INFINITY, 1f, 0f, false);
            case RPROP -> kernels.rprop(none, update, none, none, none, 0, 0, 0f, 0f, 0f, 0f, 1f,
                    Float.POSITIVE_INFINITY, 1f, 0f, false);
            case ADADELTA -> kernels.adadelta(none, update, none, none, none, 0, 0, 0f, 0f, 0f, 0f,
                    Float.POSITIVE_INFINITY, 1f, 0f, false);
            case ADAMAX -> kernels.adamax(none, update, none, none, none, 0, 0, 0f, 0f, 0f, 0f, 0f,
                    Float.POSITIVE_INFINITY, 1f, 0f, false);
            case NADAM -> kernels.nadam(none, update, none, none, none, 0, 0, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 1f,
                    Float.POSITIVE_INFINITY, 1f, 0f, false);
            case ADABELIEF -> kernels.adabelief(none, update, none, none, none, 0, 0, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f,
                    Float.POSITIVE_INFINITY, 1f, 0f, false);
            case YOGI -> kernels.yogi(none, update, none, none, none, 0, 0, 0f, 0f, 0f, 0f, 0f, 0f,
                    Float.POSITIVE_INFINITY, 1f, 0f, false);
            case LION -> kernels.lion(none, update, none, none, 0, 0, 0f, 0f, 0f, 0f, 0f, 0f, Float.POSITIVE_INFINITY,
                    1f, 0f, false);
            case EWMA -> kernels.ewma(none, none, 0, 0, 0f, 0f);
            case SQUARE_ACCUMULATION -> kernels.accumulateSquares(none, none, 0, 0, 0, 1f, 1f);
            case FACTORED_DIRECTION -> kernels.factoredDirection(none, none, none, 0, 0, 0, 1f, 0f, 1f, false);
            case NON_FINITE_SCAN -> kernels.firstNonFinite(none, 0, 0);
            case SQUARE_SUM -> kernels.sumOfSquares(none, 0, 0, 0.0);
            case MAX_ABS -> kernels.maxAbs(none, 0, 0);
            case SCHEDULE_FREE -> kernels.scheduleFree(none, none, none, none, none, null, 0, 0, 0f, 0f, 0f, 0f, 0f, 0f,
                    0f, Float.POSITIVE_INFINITY, 1f, false);
            case LERP -> kernels.lerp(none, none, none, none, 0, 0, 0f);
            default -> throw new AssertionError(family);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void sgd(MemorySegment param, MemorySegment update, MemorySegment gradient, long from, long to,
                    float learningRate,
                    float clipValue, float factor, float weightDecay, boolean scaled) {
        calls.add((update == null ? KernelFamily.SGD : KernelFamily.SGD_UPDATE).method());
    }

    @Override
    public void momentum(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment velocity,
                         long from, long to,
                         float momentum, float gradientScale, float stepSize, boolean nesterov,
                         float clipValue, float factor, float weightDecay,
                         boolean scaled) {
        calls.add((update == null ? KernelFamily.MOMENTUM : KernelFamily.MOMENTUM_UPDATE).method());
    }

    @Override
    public void adagrad(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment accumulator,
                        long from, long to,
                        float learningRate, float epsilon, boolean epsilonInside,
                         float clipValue, float factor, float weightDecay,
                        boolean scaled) {
        calls.add((update == null ? KernelFamily.ADAGRAD : KernelFamily.ADAGRAD_UPDATE).method());
    }

    @Override
    public void rmsProp(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment squareAverage,
                        MemorySegment gradientAverage, MemorySegment momentumBuffer, long from, long to, float decay,
                        float oneMinusDecay, float learningRate, float epsilon, boolean epsilonInside,
                        boolean centered, boolean withMomentum, float momentum,
                         float clipValue, float factor, float weightDecay,
                        boolean scaled) {
        calls.add((update == null ? KernelFamily.RMS_PROP : KernelFamily.RMS_PROP_UPDATE).method());
    }

    @Override
    public void adam(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m,
                     MemorySegment v,
                     MemorySegment vmax, long from, long to, float beta1, float oneMinusBeta1, float beta2,
                     float oneMinusBeta2, float stepSize, float secondMomentScale, float epsilon,
                     boolean epsilonInside, boolean amsgrad, float decayFactor,
                         float clipValue, float factor, float weightDecay,
                     boolean scaled) {
        calls.add((update == null ? KernelFamily.ADAM : KernelFamily.ADAM_UPDATE).method());
    }

    @Override
    public long adamBf16State(MemorySegment param, MemorySegment compensation, MemorySegment gradient,
                              boolean bf16Gradient, MemorySegment m, MemorySegment v,
                              long from, long to, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
                              float stepSize, float secondMomentScale, float epsilon, boolean epsilonInside,
                              float decayFactor, float clipValue, float factor, float weightDecay, boolean scaled) {
        calls.add((compensation == null ? KernelFamily.ADAM_BF16_STATE : KernelFamily.ADAM_BF16_KAHAN).method());
        return from;
    }

    @Override
    public void lion(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment momentum,
                     long from, long to, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
                     float learningRate, float decoupledDecay, float clipValue, float factor, float weightDecay,
                     boolean scaled) {
        calls.add((update == null ? KernelFamily.LION : KernelFamily.LION_UPDATE).method());
    }

    @Override
    public void adadelta(MemorySegment param, MemorySegment update, MemorySegment gradient,
                         MemorySegment squareAverage, MemorySegment updateAverage, long from, long to, float rho,
                         float oneMinusRho, float epsilon, float learningRate, float clipValue, float factor,
                         float weightDecay, boolean scaled) {
        calls.add((update == null ? KernelFamily.ADADELTA : KernelFamily.ADADELTA_UPDATE).method());
    }

    @Override
    public void rprop(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment previous,
                      MemorySegment stepSize, long from, long to, float etaMinus, float etaPlus, float stepSizeMin,
                      float stepSizeMax, float rate, float clipValue, float factor, float weightDecay,
                      boolean scaled) {
        calls.add((update == null ? KernelFamily.RPROP : KernelFamily.RPROP_UPDATE).method());
    }

    @Override
    public void adamax(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m,
                       MemorySegment u, long from, long to, float beta1, float oneMinusBeta1, float beta2,
                       float epsilon, float stepSize, float clipValue, float factor, float weightDecay,
                       boolean scaled) {
        calls.add((update == null ? KernelFamily.ADAMAX : KernelFamily.ADAMAX_UPDATE).method());
    }

    @Override
    public void nadam(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m,
                      MemorySegment v, long from, long to, float beta1, float oneMinusBeta1, float beta2,
                      float oneMinusBeta2, float gradientStep, float momentumStep, float secondMomentScale,
                      float epsilon, float decayFactor, float clipValue, float factor, float weightDecay,
                      boolean scaled) {
        record(update, KernelFamily.NADAM, KernelFamily.NADAM_UPDATE);
    }

    @Override
    public void adabelief(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m,
                          MemorySegment s, long from, long to, float beta1, float oneMinusBeta1, float beta2,
                          float oneMinusBeta2, float stepSize, float epsilonRoot, float secondMomentScale,
                          float epsilon, float clipValue, float factor, float weightDecay, boolean scaled) {
        record(update, KernelFamily.ADABELIEF, KernelFamily.ADABELIEF_UPDATE);
    }

    @Override
    public void yogi(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m,
                     MemorySegment v, long from, long to, float beta1, float oneMinusBeta1, float oneMinusBeta2,
                     float stepSize, float secondMomentScale, float epsilon, float clipValue, float factor,
                     float weightDecay, boolean scaled) {
        record(update, KernelFamily.YOGI, KernelFamily.YOGI_UPDATE);
    }

    /** Records a rule's call: its in-place family, or the update form's if {@code update} is given. */
    private void record(MemorySegment update, KernelFamily inPlace, KernelFamily emitting) {
        calls.add((update == null ? inPlace : emitting).method());
    }

    @Override
    public void accumulateSquares(MemorySegment sums, MemorySegment values, long sumsFrom, long valuesFrom, long count,
                                  float keep, float weight) {
        calls.add(KernelFamily.SQUARE_ACCUMULATION.method());
    }

    @Override
    public void factoredDirection(MemorySegment update, MemorySegment gradient, MemorySegment variance, long from,
                                  long varianceFrom, long count, float rowScale, float floor, float factor,
                                  boolean scaled) {
        calls.add(KernelFamily.FACTORED_DIRECTION.method());
    }

    @Override
    public void ewma(MemorySegment average, MemorySegment value, long from, long to, float decay,
                     float oneMinusDecay) {
        calls.add(KernelFamily.EWMA.method());
    }

    @Override
    public long firstNonFinite(MemorySegment values, long from, long to) {
        calls.add(KernelFamily.NON_FINITE_SCAN.method());
        return -1;
    }

    @Override
    public double sumOfSquares(MemorySegment values, long from, long to, double start) {
        calls.add(KernelFamily.SQUARE_SUM.method());
        return start;
    }

    @Override
    public float maxAbs(MemorySegment values, long from, long to) {
        calls.add(KernelFamily.MAX_ABS.method());
        return 0f;
    }

    @Override
    public void custom(CustomRule rule, CustomStep step, long from, long to) {
        calls.add("custom");
    }

    @Override
    public void scheduleFree(MemorySegment param, MemorySegment gradient, MemorySegment z, MemorySegment zSource,
                             MemorySegment base, MemorySegment v, long from, long to, float beta2,
                             float oneMinusBeta2, float epsilon, float lerpWeight, float yStep, float zStep,
                             float decay, float clipValue, float factor, boolean scaled) {
        calls.add(KernelFamily.SCHEDULE_FREE.method());
    }

    @Override
    public void lerp(MemorySegment out, MemorySegment start, MemorySegment end, MemorySegment base, long from,
                     long to, float k) {
        calls.add(KernelFamily.LERP.method());
    }
}
