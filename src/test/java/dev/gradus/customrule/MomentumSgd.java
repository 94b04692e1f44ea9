package dev.gradus.customrule;

import dev.gradus.CustomRule;
import dev.gradus.CustomStep;
import dev.gradus.UpdateRule;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SGD with heavy-ball momentum and coupled weight decay, written as a {@link CustomRule} the way
 * a framework author would: the example the test kit's own tests prove.
 *
 * <pre>
 *   g &lt;- min(max(g, -clip), clip) * scale      the step's clipping
 *   g &lt;- g + lambda * w
 *   v &lt;- mu * v + g                            v = 0 before step 1
 *   w &lt;- w - a * v
 * </pre>
 *
 * every operation rounded to float in this order, with no fused multiply-add. The vector step
 * runs whole vectors of {@link #SPECIES}, then the scalar step on the tail. The species is the
 * CPU's preferred one, or the width {@code -Dgradus.vector.bits} forces, so that the test kit can
 * check it at every width in fresh JVMs; a {@code static final} species is a constant to C2, which
 * then intrinsifies every operation on it.
 *
 * @param momentum    {@code mu}
 * @param weightDecay {@code lambda}
 */
public record MomentumSgd(float momentum, float weightDecay) implements CustomRule {

    /** The floats of each vector: the preferred species, or the forced width. */
    static final VectorSpecies<Float> SPECIES = species();
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private static VectorSpecies<Float> species() {
        Integer bits = Integer.getInteger("gradus.vector.bits");
        return bits == null ? FloatVector.SPECIES_PREFERRED : VectorSpecies.of(float.class, VectorShape.forBitSize(bits));
    }

    @Override
    public void scalarStep(CustomStep step, long from, long to) {
        MemorySegment w = step.parameter();
        MemorySegment g = step.gradient();
        MemorySegment v = step.state(0);
        float clip = step.clipValue();
        float scale = step.gradientScale();
        float rate = step.learningRate();
        for (long i = from; i < to; i++) {
            float wi = w.getAtIndex(FLOAT, i);
            float gi = Math.min(Math.max(g.getAtIndex(FLOAT, i), -clip), clip) * scale + weightDecay * wi;
            float vi = momentum * v.getAtIndex(FLOAT, i) + gi;
            v.setAtIndex(FLOAT, i, vi);
            w.setAtIndex(FLOAT, i, wi - rate * vi);
        }
    }

    @Override
    public void vectorStep(CustomStep step, long from, long to) {
        long i = from;
        for (long bound = from + SPECIES.loopBound(to - from); i < bound; i += SPECIES.length()) {
            long offset = i * Float.BYTES;
            FloatVector wi = FloatVector.fromMemorySegment(SPECIES, step.parameter(), offset, ORDER);
            FloatVector gi = FloatVector.fromMemorySegment(SPECIES, step.gradient(), offset, ORDER)
                    .max(-step.clipValue()).min(step.clipValue()).mul(step.gradientScale()).add(wi.mul(weightDecay));
            FloatVector vi = FloatVector.fromMemorySegment(SPECIES, step.state(0), offset, ORDER).mul(momentum).add(gi);
            vi.intoMemorySegment(step.state(0), offset, ORDER);
            wi.sub(vi.mul(step.learningRate())).intoMemorySegment(step.parameter(), offset, ORDER);
        }
        scalarStep(step, i, to);    // the tail
    }

    @Override
    public int stateBuffers() {
        return 1;
    }

    @Override
    public String stateName(int index) {
        return "velocity";
    }

    @Override
    public UpdateRule withWeightDecay(double lambda) {
        return new MomentumSgd(momentum, (float) lambda);
    }

    @Override
    public double defaultLearningRate() {
        return 0.01;
    }
}
