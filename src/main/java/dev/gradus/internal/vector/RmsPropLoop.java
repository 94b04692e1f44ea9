package dev.gradus.internal.vector;

import static dev.gradus.internal.vector.Vectors.LANES;
import static dev.gradus.internal.vector.Vectors.ORDER;
import static dev.gradus.internal.vector.Vectors.SPECIES;
import static jdk.incubator.vector.FloatVector.fromMemorySegment;

import dev.gradus.internal.ScalarKernels;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.FloatVector;

/** RMSProp, {@link ScalarKernels#rmsProp} a vector at a time: the template of its {@link Specializations}. */
final class RmsPropLoop implements Loops.RmsProp {

    private static final int OPTIONS = Specializations.options(MethodHandles.lookup());
    private static final Class<? extends MemorySegment> SEGMENTS = LoopOptions.segmentClass(OPTIONS);
    private static final boolean MAXIMIZE = LoopOptions.has(OPTIONS, LoopOptions.MAXIMIZE);
    private static final boolean COUPLED_DECAY = LoopOptions.has(OPTIONS, LoopOptions.COUPLED_DECAY);
    private static final boolean EMITS_UPDATE = LoopOptions.has(OPTIONS, LoopOptions.EMITS_UPDATE);
    private static final boolean EPSILON_INSIDE = LoopOptions.has(OPTIONS, LoopOptions.EPSILON_INSIDE);
    private static final boolean CENTERED = LoopOptions.has(OPTIONS, LoopOptions.CENTERED);
    private static final boolean MOMENTUM = LoopOptions.has(OPTIONS, LoopOptions.MOMENTUM);

    @Override
    public void run(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment squareAverage,
                    MemorySegment gradientAverage, MemorySegment momentumBuffer, long from, long to,
                    float decay, float oneMinusDecay, float learningRate, float epsilon, float momentum,
                    float weightDecay) {
        // Cast to the class of this copy's kind of memory, a constant: see LoopOptions.
        param = SEGMENTS.cast(param);
        update = SEGMENTS.cast(update);
        gradient = SEGMENTS.cast(gradient);
        squareAverage = SEGMENTS.cast(squareAverage);
        gradientAverage = SEGMENTS.cast(gradientAverage);
        momentumBuffer = SEGMENTS.cast(momentumBuffer);
        long i = from;
        for (long bound = from + SPECIES.loopBound(to - from); i < bound; i += LANES) {
            long at = i * Float.BYTES;
            FloatVector w = fromMemorySegment(SPECIES, param, at, ORDER);
            FloatVector g = fromMemorySegment(SPECIES, gradient, at, ORDER);
            if (MAXIMIZE) {
                g = g.neg();
            }
            if (COUPLED_DECAY) {
                g = g.add(w.mul(weightDecay));
            }
            FloatVector s = fromMemorySegment(SPECIES, squareAverage, at, ORDER).mul(decay)
                    .add(g.mul(g).mul(oneMinusDecay));
            s.intoMemorySegment(squareAverage, at, ORDER);
            FloatVector q = s;
            if (CENTERED) {
                FloatVector mean = fromMemorySegment(SPECIES, gradientAverage, at, ORDER).mul(decay)
                        .add(g.mul(oneMinusDecay));
                mean.intoMemorySegment(gradientAverage, at, ORDER);
                q = s.sub(mean.mul(mean)).max(0f);
            }
            FloatVector scaled = g.div(EPSILON_INSIDE ? q.add(epsilon).sqrt() : q.sqrt().add(epsilon));
            if (MOMENTUM) {
                scaled = fromMemorySegment(SPECIES, momentumBuffer, at, ORDER).mul(momentum).add(scaled);
                scaled.intoMemorySegment(momentumBuffer, at, ORDER);
            }
            FloatVector step = scaled.mul(learningRate);
            (EMITS_UPDATE ? step : w.sub(step)).intoMemorySegment(EMITS_UPDATE ? update : param, at, ORDER);
        }
        ScalarKernels.INSTANCE.rmsProp(param, update, gradient, squareAverage, gradientAverage, momentumBuffer, i, to,
                decay,
                oneMinusDecay, learningRate, epsilon, EPSILON_INSIDE, CENTERED, MOMENTUM, momentum, weightDecay,
                MAXIMIZE);
    }
}
