package dev.gradus.customrule;

import dev.gradus.CustomRule;
import dev.gradus.CustomStep;
import dev.gradus.UpdateRule;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;

/**
 * {@link MomentumSgd} with a vector step that is wrong in one of the ways vector kernels go wrong,
 * for the tests that the test kit catches it. The scalar step is {@link MomentumSgd}'s.
 *
 * @param rule the rule whose scalar step defines the bits
 * @param flaw what the vector step does wrong
 */
record FlawedMomentumSgd(MomentumSgd rule, Flaw flaw) implements CustomRule {

    /** What the vector step does wrong. */
    enum Flaw {
        /** {@code v <- fma(mu, v, g)}: one rounding where the scalar step has two. */
        FUSED_MULTIPLY_ADD,
        /** Whole vectors only: the elements after the last whole vector are not stepped. */
        DROPPED_TAIL,
        /** Whole vectors from element 0 rather than from {@code from}: elements before the range are stepped too. */
        STARTS_AT_ZERO,
        /** A new array on every call, which C2 cannot remove: the step never runs allocation-free. */
        ALLOCATES
    }

    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    /** Where {@link Flaw#ALLOCATES} puts its arrays, so that they escape. */
    static volatile float[] escaped;

    @Override
    public void scalarStep(CustomStep step, long from, long to) {
        rule.scalarStep(step, from, to);
    }

    @Override
    public void vectorStep(CustomStep step, long from, long to) {
        if (flaw == Flaw.ALLOCATES) {
            escaped = new float[(int) (to - from) + 1];
        }
        long start = flaw == Flaw.STARTS_AT_ZERO ? 0 : from;
        int lanes = MomentumSgd.SPECIES.length();
        long i = start;
        for (; i + lanes <= to; i += lanes) {
            wholeVector(step, i * Float.BYTES);
        }
        if (flaw != Flaw.DROPPED_TAIL) {
            rule.scalarStep(step, i, to);
        }
    }

    private void wholeVector(CustomStep step, long offset) {
        MemorySegment v = step.state(0);
        FloatVector w = FloatVector.fromMemorySegment(MomentumSgd.SPECIES, step.parameter(), offset, ORDER);
        FloatVector g = FloatVector.fromMemorySegment(MomentumSgd.SPECIES, step.gradient(), offset, ORDER)
                .max(-step.clipValue()).min(step.clipValue()).mul(step.gradientScale()).add(w.mul(rule.weightDecay()));
        FloatVector old = FloatVector.fromMemorySegment(MomentumSgd.SPECIES, v, offset, ORDER);
        FloatVector velocity = flaw == Flaw.FUSED_MULTIPLY_ADD ? old.fma(old.broadcast(rule.momentum()), g) : old.mul(rule.momentum()).add(g);
        velocity.intoMemorySegment(v, offset, ORDER);
        w.sub(velocity.mul(step.learningRate())).intoMemorySegment(step.parameter(), offset, ORDER);
    }

    @Override
    public int stateBuffers() {
        return rule.stateBuffers();
    }

    @Override
    public String stateName(int index) {
        return rule.stateName(index);
    }

    @Override
    public UpdateRule withWeightDecay(double lambda) {
        return new FlawedMomentumSgd((MomentumSgd) rule.withWeightDecay(lambda), flaw);
    }

    @Override
    public double defaultLearningRate() {
        return rule.defaultLearningRate();
    }
}
