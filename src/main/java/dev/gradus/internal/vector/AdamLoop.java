package dev.gradus.internal.vector;

import static dev.gradus.internal.vector.Vectors.LANES;
import static dev.gradus.internal.vector.Vectors.ORDER;
import static dev.gradus.internal.vector.Vectors.SPECIES;
import static jdk.incubator.vector.FloatVector.fromMemorySegment;

import dev.gradus.internal.ScalarKernels;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.FloatVector;

/** Adam, {@link ScalarKernels#adam} a vector at a time: the template of its {@link Specializations}. */
final class AdamLoop implements Loops.Adam {

    private static final int OPTIONS = Specializations.options(MethodHandles.lookup());
    private static final Class<? extends MemorySegment> SEGMENTS = LoopOptions.segmentClass(OPTIONS);
    private static final boolean MAXIMIZE = LoopOptions.has(OPTIONS, LoopOptions.MAXIMIZE);
    private static final boolean COUPLED_DECAY = LoopOptions.has(OPTIONS, LoopOptions.COUPLED_DECAY);
    private static final boolean EMITS_UPDATE = LoopOptions.has(OPTIONS, LoopOptions.EMITS_UPDATE);
    private static final boolean EPSILON_INSIDE = LoopOptions.has(OPTIONS, LoopOptions.EPSILON_INSIDE);
    private static final boolean AMSGRAD = LoopOptions.has(OPTIONS, LoopOptions.AMSGRAD);
    private static final boolean DECOUPLED_DECAY = LoopOptions.has(OPTIONS, LoopOptions.DECOUPLED_DECAY);

    @Override
    public void run(MemorySegment param, MemorySegment update, MemorySegment gradient, MemorySegment m,
                    MemorySegment v, MemorySegment vmax,
                    long from, long to, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
                    float stepSize, float secondMomentScale, float epsilon, float decayFactor, float weightDecay) {
        // Cast to the class of this copy's kind of memory, a constant: see LoopOptions.
        param = SEGMENTS.cast(param);
        update = SEGMENTS.cast(update);
        gradient = SEGMENTS.cast(gradient);
        m = SEGMENTS.cast(m);
        v = SEGMENTS.cast(v);
        vmax = SEGMENTS.cast(vmax);
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
            FloatVector base = DECOUPLED_DECAY ? w.mul(decayFactor) : w;
            FloatVector m1 = fromMemorySegment(SPECIES, m, at, ORDER).mul(beta1).add(g.mul(oneMinusBeta1));
            FloatVector v1 = fromMemorySegment(SPECIES, v, at, ORDER).mul(beta2).add(g.mul(g).mul(oneMinusBeta2));
            m1.intoMemorySegment(m, at, ORDER);
            v1.intoMemorySegment(v, at, ORDER);
            FloatVector q = v1;
            if (AMSGRAD) {
                q = fromMemorySegment(SPECIES, vmax, at, ORDER).max(v1);
                q.intoMemorySegment(vmax, at, ORDER);
            }
            FloatVector denominator = EPSILON_INSIDE
                    ? q.mul(secondMomentScale).add(epsilon).sqrt()
                    : q.sqrt().mul(secondMomentScale).add(epsilon);
            FloatVector step = m1.div(denominator).mul(stepSize);
            FloatVector result = base.sub(step);
            FloatVector emitted = DECOUPLED_DECAY ? w.sub(result) : step;
            (EMITS_UPDATE ? emitted : result).intoMemorySegment(EMITS_UPDATE ? update : param, at, ORDER);
        }
        ScalarKernels.INSTANCE.adam(param, update, gradient, m, v, vmax, i, to, beta1, oneMinusBeta1, beta2,
                oneMinusBeta2,
                stepSize, secondMomentScale, epsilon, EPSILON_INSIDE, AMSGRAD, decayFactor, weightDecay, MAXIMIZE);
    }
}
