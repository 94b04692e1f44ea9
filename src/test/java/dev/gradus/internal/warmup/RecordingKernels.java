package dev.gradus.internal.warmup;

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
            case SGD -> kernels.sgd(none, update, none, 0, 0, 0f, 0f, false);
            case MOMENTUM -> kernels.momentum(none, update, none, none, 0, 0, 0f, 0f, 0f, false, 0f, false);
            case ADAGRAD -> kernels.adagrad(none, update, none, none, 0, 0, 0f, 0f, false, 0f, false);
            case RMS_PROP -> kernels.rmsProp(none, update, none, none, null, null, 0, 0, 0f, 0f, 0f, 0f, false, false,
                    false,
                    0f, 0f, false);
            case ADAM -> kernels.adam(none, update, none, none, none, null, 0, 0, 0f, 0f, 0f, 0f, 0f, 0f, 0f, false,
                    false, 1f,
                    0f, false);
            case EWMA -> kernels.ewma(none, none, 0, 0, 0f, 0f);
            case NON_FINITE_SCAN -> kernels.firstNonFinite(none, 0, 0);
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
                    float weightDecay, boolean maximize) {
        calls.add((update == null ? KernelFamily.SGD : KernelFamily.SGD_UPDATE).method());
    }

    @Override
    public void momentum(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment velocity,
                         long from, long to,
                         float momentum, float gradientScale, float stepSize, boolean nesterov, float weightDecay,
                         boolean maximize) {
        calls.add((update == null ? KernelFamily.MOMENTUM : KernelFamily.MOMENTUM_UPDATE).method());
    }

    @Override
    public void adagrad(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment accumulator,
                        long from, long to,
                        float learningRate, float epsilon, boolean epsilonInside, float weightDecay,
                        boolean maximize) {
        calls.add((update == null ? KernelFamily.ADAGRAD : KernelFamily.ADAGRAD_UPDATE).method());
    }

    @Override
    public void rmsProp(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment squareAverage,
                        MemorySegment gradientAverage, MemorySegment momentumBuffer, long from, long to, float decay,
                        float oneMinusDecay, float learningRate, float epsilon, boolean epsilonInside,
                        boolean centered, boolean withMomentum, float momentum, float weightDecay,
                        boolean maximize) {
        calls.add((update == null ? KernelFamily.RMS_PROP : KernelFamily.RMS_PROP_UPDATE).method());
    }

    @Override
    public void adam(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m,
                     MemorySegment v,
                     MemorySegment vmax, long from, long to, float beta1, float oneMinusBeta1, float beta2,
                     float oneMinusBeta2, float stepSize, float secondMomentScale, float epsilon,
                     boolean epsilonInside, boolean amsgrad, float decayFactor, float weightDecay,
                     boolean maximize) {
        calls.add((update == null ? KernelFamily.ADAM : KernelFamily.ADAM_UPDATE).method());
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
}
