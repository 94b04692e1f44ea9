package dev.gradus.internal.vector;

import static dev.gradus.internal.vector.Vectors.LANES;
import static dev.gradus.internal.vector.Vectors.ORDER;
import static dev.gradus.internal.vector.Vectors.SPECIES;
import static jdk.incubator.vector.FloatVector.fromMemorySegment;

import dev.gradus.internal.ScalarKernels;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.FloatVector;

/**
 * {@link ScalarKernels#scheduleFree} a vector at a time: the template of its
 * {@link Specializations}, one copy per set of options (Adam's normalization or not, coupled
 * decay, the scaled gradient, the kind of memory), each a loop of its own that C2 compiles once.
 * Its own template rather than a branch of {@link RuleLoop}: the step reads two buffers more
 * ({@code zSource}, {@code base}), chosen per call so that no lane is selected, and writes
 * {@code z} besides the parameter. The same operations in the same order as the scalar kernel; no
 * masks, no fused multiply-add; the last {@code (to - from) % lanes} elements on the scalar
 * kernel.
 *
 * <p>The option bits are this template's own: {@link LoopOptions#SCALED} and
 * {@link LoopOptions#COUPLED_DECAY} as {@link RuleLoop} reads them, {@link #NORMALIZED} for
 * AdamW's second moment, and the kind of memory of {@link LoopOptions#segments}.
 */
final class ScheduleFreeLoop implements Loops.ScheduleFree {

    /**
     * AdamW: the gradient is divided by {@code sqrt(v) + epsilon}; without it, SGD. A constant
     * expression, which callers read without initializing this template (only its copies run).
     */
    static final int NORMALIZED = 1 << 2;

    private static final int OPTIONS = Specializations.options(MethodHandles.lookup());
    private static final Class<? extends MemorySegment> SEGMENTS = LoopOptions.segmentClass(OPTIONS);
    private static final boolean SCALED = LoopOptions.has(OPTIONS, LoopOptions.SCALED);
    private static final boolean DECAY = LoopOptions.has(OPTIONS, LoopOptions.COUPLED_DECAY);
    private static final boolean ADAM = LoopOptions.has(OPTIONS, NORMALIZED);

    @Override
    public void run(MemorySegment param, MemorySegment gradient, MemorySegment z, MemorySegment zSource,
                    MemorySegment base, MemorySegment v, long from, long to, float beta2, float oneMinusBeta2,
                    float epsilon, float lerpWeight, float yStep, float zStep, float decay, float clipValue,
                    float factor) {
        // Cast to the class of this copy's kind of memory, a constant: see LoopOptions.
        param = SEGMENTS.cast(param);
        gradient = SEGMENTS.cast(gradient);
        z = SEGMENTS.cast(z);
        zSource = SEGMENTS.cast(zSource);
        base = SEGMENTS.cast(base);
        v = SEGMENTS.cast(v);
        long i = from;
        for (long bound = from + SPECIES.loopBound(to - from); i < bound; i += LANES) {
            long at = i * Float.BYTES;
            FloatVector y = fromMemorySegment(SPECIES, param, at, ORDER);
            FloatVector zr = fromMemorySegment(SPECIES, zSource, at, ORDER);
            FloatVector b = fromMemorySegment(SPECIES, base, at, ORDER);
            FloatVector d = fromMemorySegment(SPECIES, gradient, at, ORDER);
            if (SCALED) {
                d = d.max(-clipValue).min(clipValue).mul(factor);
            }
            if (ADAM) {
                FloatVector s = fromMemorySegment(SPECIES, v, at, ORDER).mul(beta2).add(d.mul(d).mul(oneMinusBeta2));
                s.intoMemorySegment(v, at, ORDER);
                d = d.div(s.sqrt().add(epsilon));
            }
            if (DECAY) {
                d = d.add(y.mul(decay));
            }
            b.add(zr.sub(y).mul(lerpWeight)).add(d.mul(yStep)).intoMemorySegment(param, at, ORDER);
            zr.sub(d.mul(zStep)).intoMemorySegment(z, at, ORDER);
        }
        ScalarKernels.INSTANCE.scheduleFree(param, gradient, z, zSource, base, ADAM ? v : null, i, to, beta2,
                oneMinusBeta2, epsilon, lerpWeight, yStep, zStep, decay, clipValue, factor, SCALED);
    }
}
