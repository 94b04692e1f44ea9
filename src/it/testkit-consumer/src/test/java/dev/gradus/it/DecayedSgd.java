package dev.gradus.it;

import dev.gradus.CustomRule;
import dev.gradus.CustomStep;
import dev.gradus.UpdateRule;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A framework author's rule: SGD with coupled weight decay,
 * {@code w <- w - a * (min(max(g, -clip), clip) * scale + lambda * w)}, in float, in that order.
 *
 * @param weightDecay {@code lambda}
 */
public record DecayedSgd(float weightDecay) implements CustomRule {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    @Override
    public void scalarStep(CustomStep step, long from, long to) {
        MemorySegment w = step.parameter();
        MemorySegment g = step.gradient();
        for (long i = from; i < to; i++) {
            float wi = w.getAtIndex(FLOAT, i);
            float gi = Math.min(Math.max(g.getAtIndex(FLOAT, i), -step.clipValue()), step.clipValue())
                    * step.gradientScale() + weightDecay * wi;
            w.setAtIndex(FLOAT, i, wi - step.learningRate() * gi);
        }
    }

    @Override
    public void vectorStep(CustomStep step, long from, long to) {
        MemorySegment w = step.parameter();
        MemorySegment g = step.gradient();
        long i = from;
        for (long bound = from + SPECIES.loopBound(to - from); i < bound; i += SPECIES.length()) {
            FloatVector wi = FloatVector.fromMemorySegment(SPECIES, w, i * Float.BYTES, ORDER);
            FloatVector gi = FloatVector.fromMemorySegment(SPECIES, g, i * Float.BYTES, ORDER)
                    .max(-step.clipValue()).min(step.clipValue()).mul(step.gradientScale()).add(wi.mul(weightDecay));
            wi.sub(gi.mul(step.learningRate())).intoMemorySegment(w, i * Float.BYTES, ORDER);
        }
        scalarStep(step, i, to);
    }

    @Override
    public int stateBuffers() {
        return 0;
    }

    @Override
    public String stateName(int index) {
        throw new IndexOutOfBoundsException(index);
    }

    @Override
    public UpdateRule withWeightDecay(double lambda) {
        return new DecayedSgd((float) lambda);
    }

    @Override
    public double defaultLearningRate() {
        return 0.01;
    }
}
