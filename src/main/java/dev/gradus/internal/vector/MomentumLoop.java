package dev.gradus.internal.vector;

import static dev.gradus.internal.vector.Vectors.LANES;
import static dev.gradus.internal.vector.Vectors.ORDER;
import static dev.gradus.internal.vector.Vectors.SPECIES;
import static jdk.incubator.vector.FloatVector.fromMemorySegment;

import dev.gradus.internal.ScalarKernels;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.FloatVector;

/** Momentum, {@link ScalarKernels#momentum} a vector at a time: the template of its {@link Specializations}. */
final class MomentumLoop implements Loops.Momentum {

    private static final int OPTIONS = Specializations.options(MethodHandles.lookup());
    private static final Class<? extends MemorySegment> SEGMENTS = LoopOptions.segmentClass(OPTIONS);
    private static final boolean MAXIMIZE = LoopOptions.has(OPTIONS, LoopOptions.MAXIMIZE);
    private static final boolean COUPLED_DECAY = LoopOptions.has(OPTIONS, LoopOptions.COUPLED_DECAY);
    private static final boolean EMITS_UPDATE = LoopOptions.has(OPTIONS, LoopOptions.EMITS_UPDATE);
    private static final boolean NESTEROV = LoopOptions.has(OPTIONS, LoopOptions.NESTEROV);

    @Override
    public void run(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment velocity,
                    long from, long to,
                    float momentum, float gradientScale, float stepSize, float weightDecay) {
        // Cast to the class of this copy's kind of memory, a constant: see LoopOptions.
        param = SEGMENTS.cast(param);
        update = SEGMENTS.cast(update);
        gradient = SEGMENTS.cast(gradient);
        velocity = SEGMENTS.cast(velocity);
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
            FloatVector v = fromMemorySegment(SPECIES, velocity, at, ORDER).mul(momentum).add(g.mul(gradientScale));
            v.intoMemorySegment(velocity, at, ORDER);
            FloatVector step = (NESTEROV ? g.add(v.mul(momentum)) : v).mul(stepSize);
            (EMITS_UPDATE ? step : w.sub(step)).intoMemorySegment(EMITS_UPDATE ? update : param, at, ORDER);
        }
        ScalarKernels.INSTANCE.momentum(param, update, gradient, velocity, i, to, momentum, gradientScale, stepSize,
                NESTEROV,
                weightDecay, MAXIMIZE);
    }
}
