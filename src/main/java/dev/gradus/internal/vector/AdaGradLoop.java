package dev.gradus.internal.vector;

import static dev.gradus.internal.vector.Vectors.LANES;
import static dev.gradus.internal.vector.Vectors.ORDER;
import static dev.gradus.internal.vector.Vectors.SPECIES;
import static jdk.incubator.vector.FloatVector.fromMemorySegment;

import dev.gradus.internal.ScalarKernels;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.FloatVector;

/** AdaGrad, {@link ScalarKernels#adagrad} a vector at a time: the template of its {@link Specializations}. */
final class AdaGradLoop implements Loops.AdaGrad {

    private static final int OPTIONS = Specializations.options(MethodHandles.lookup());
    private static final Class<? extends MemorySegment> SEGMENTS = LoopOptions.segmentClass(OPTIONS);
    private static final boolean MAXIMIZE = LoopOptions.has(OPTIONS, LoopOptions.MAXIMIZE);
    private static final boolean COUPLED_DECAY = LoopOptions.has(OPTIONS, LoopOptions.COUPLED_DECAY);
    private static final boolean EMITS_UPDATE = LoopOptions.has(OPTIONS, LoopOptions.EMITS_UPDATE);
    private static final boolean EPSILON_INSIDE = LoopOptions.has(OPTIONS, LoopOptions.EPSILON_INSIDE);

    @Override
    public void run(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment accumulator,
                    long from, long to,
                    float learningRate, float epsilon, float weightDecay) {
        // Cast to the class of this copy's kind of memory, a constant: see LoopOptions.
        param = SEGMENTS.cast(param);
        update = SEGMENTS.cast(update);
        gradient = SEGMENTS.cast(gradient);
        accumulator = SEGMENTS.cast(accumulator);
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
            FloatVector r = fromMemorySegment(SPECIES, accumulator, at, ORDER).add(g.mul(g));
            r.intoMemorySegment(accumulator, at, ORDER);
            FloatVector denominator = EPSILON_INSIDE ? r.add(epsilon).sqrt() : r.sqrt().add(epsilon);
            FloatVector step = g.div(denominator).mul(learningRate);
            (EMITS_UPDATE ? step : w.sub(step)).intoMemorySegment(EMITS_UPDATE ? update : param, at, ORDER);
        }
        ScalarKernels.INSTANCE.adagrad(param, update, gradient, accumulator, i, to, learningRate, epsilon,
                EPSILON_INSIDE,
                weightDecay, MAXIMIZE);
    }
}
