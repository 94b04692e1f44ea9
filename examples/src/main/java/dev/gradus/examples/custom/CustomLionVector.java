package dev.gradus.examples.custom;

import dev.gradus.CustomStep;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link CustomLion}'s Vector API kernel, in a class of its own so that {@link CustomLion} loads
 * without the {@code jdk.incubator.vector} module. Each lane performs the scalar kernel's
 * operations in the same order, without fused multiply-adds, so the bits are the same.
 */
final class CustomLionVector {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private CustomLionVector() {
    }

    /**
     * Steps whole vectors from {@code from}.
     *
     * @return the first element not stepped, for the scalar kernel to finish
     */
    static long step(CustomLion rule, CustomStep step, long from, long to) {
        MemorySegment param = step.parameter();
        MemorySegment gradient = step.gradient();
        MemorySegment momentum = step.state(0);
        float b1 = (float) rule.beta1();
        float oneMinusB1 = (float) (1.0 - rule.beta1());
        float b2 = (float) rule.beta2();
        float oneMinusB2 = (float) (1.0 - rule.beta2());
        float decay = (float) rule.weightDecay();
        float a = step.learningRate();
        boolean clipped = step.clipped();
        float clipValue = step.clipValue();
        float scale = step.gradientScale();
        long i = from;
        for (long bound = from + SPECIES.loopBound(to - from); i < bound; i += SPECIES.length()) {
            long at = i * Float.BYTES;
            FloatVector w = FloatVector.fromMemorySegment(SPECIES, param, at, ORDER);
            FloatVector g = FloatVector.fromMemorySegment(SPECIES, gradient, at, ORDER);
            if (clipped) {
                g = g.max(-clipValue).min(clipValue).mul(scale);
            }
            FloatVector m = FloatVector.fromMemorySegment(SPECIES, momentum, at, ORDER);
            FloatVector c = m.mul(b1).add(g.mul(oneMinusB1));
            FloatVector u = c.mul(0x1p127f).mul(0x1p127f).max(-1f).min(1f);
            if (decay != 0f) {
                u = u.add(w.mul(decay));
            }
            m.mul(b2).add(g.mul(oneMinusB2)).intoMemorySegment(momentum, at, ORDER);
            w.sub(u.mul(a)).intoMemorySegment(param, at, ORDER);
        }
        return i;
    }
}
