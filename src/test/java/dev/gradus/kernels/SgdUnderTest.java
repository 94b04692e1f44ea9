package dev.gradus.kernels;

import dev.gradus.Kernels;
import dev.gradus.Sgd;
import dev.gradus.internal.KernelSet;
import dev.gradus.internal.RuleSteps;
import dev.gradus.reference.TextbookOptimizers;
import dev.gradus.testing.property.Gen;
import java.lang.foreign.MemorySegment;
import java.util.List;

/** {@link Sgd} for the kernel properties. */
final class SgdUnderTest implements RuleUnderTest<Sgd> {

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public int stateBuffers() {
        return 0;
    }

    @Override
    public Gen<Sgd> rules() {
        return random -> new Sgd(
                Gen.elementOf(List.of(0.0, 0.0, 1e-2, 0.5, random.nextDouble())).next(random),
                random.nextBoolean());
    }

    @Override
    public Gen<Sgd> typicalRules() {
        return random -> new Sgd(Gen.elementOf(List.of(0.0, 1e-4, 1e-2)).next(random), random.nextBoolean());
    }

    @Override
    public Sgd withoutWeightDecay(Sgd rule) {
        return rule.withWeightDecay(0);
    }

    @Override
    public void publicStep(Sgd rule, double learningRate, long step, MemorySegment param, MemorySegment gradient,
                           List<MemorySegment> state, long from, long to) {
        Kernels.sgd(rule, learningRate, param, gradient, from, to);
    }

    @Override
    public void kernelStep(KernelSet kernels, Sgd rule, double learningRate, long step, MemorySegment param,
                           MemorySegment gradient, List<MemorySegment> state) {
        RuleSteps.sgd(kernels, rule, learningRate, param, gradient, 0, param.byteSize() / Float.BYTES);
    }

    @Override
    public void referenceStep(Sgd rule, double learningRate, long step, double[] param, double[] gradient,
                              double[][] state) {
        TextbookOptimizers.sgd(learningRate, rule.weightDecay(), rule.maximize(), param, gradient);
    }
}
