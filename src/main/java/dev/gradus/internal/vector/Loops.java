package dev.gradus.internal.vector;

import java.lang.foreign.MemorySegment;

/**
 * The loop of each rule over {@code [from, to)}, as its specialized copies implement it: the
 * arguments are those of the rule's {@code KernelSet} method except the options, which each copy
 * holds as constants ({@link Specializations}).
 */
final class Loops {

    private Loops() {
    }

    /** Gradient descent; see {@code KernelSet.sgd}. */
    interface Sgd {
        void run(MemorySegment param, MemorySegment update, MemorySegment gradient, long from, long to,
                 float learningRate,
                 float weightDecay);
    }

    /** Momentum; see {@code KernelSet.momentum}. */
    interface Momentum {
        void run(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment velocity, long from,
                 long to,
                 float momentum, float gradientScale, float stepSize, float weightDecay);
    }

    /** AdaGrad; see {@code KernelSet.adagrad}. */
    interface AdaGrad {
        void run(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment accumulator,
                 long from, long to,
                 float learningRate, float epsilon, float weightDecay);
    }

    /** RMSProp; see {@code KernelSet.rmsProp}. */
    interface RmsProp {
        void run(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment squareAverage,
                 MemorySegment gradientAverage, MemorySegment momentumBuffer, long from, long to,
                 float decay, float oneMinusDecay, float learningRate, float epsilon, float momentum,
                 float weightDecay);
    }

    /** Adam; see {@code KernelSet.adam}. */
    interface Adam {
        void run(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m, MemorySegment v,
                 MemorySegment vmax,
                 long from, long to, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
                 float stepSize, float secondMomentScale, float epsilon, float decayFactor, float weightDecay);
    }
}
