package dev.gradus.kernels;

import dev.gradus.Adam;
import dev.gradus.Kernels;
import dev.gradus.internal.KernelSet;
import dev.gradus.internal.RuleSteps;
import dev.gradus.reference.TextbookOptimizers;
import dev.gradus.testing.property.Gen;
import java.lang.foreign.MemorySegment;
import java.util.List;

/** {@link Adam} for the kernel properties; state 0 is {@code m}, state 1 is {@code v}. */
final class AdamUnderTest implements RuleUnderTest<Adam> {

    @Override
    public String name() {
        return "adam";
    }

    @Override
    public int stateBuffers() {
        return 2;
    }

    @Override
    public Gen<Adam> rules() {
        return random -> new Adam(
                Gen.elementOf(List.of(0.9, 0.9, 0.0, 0.5, 0.99, random.nextDouble())).next(random),
                Gen.elementOf(List.of(0.999, 0.999, 0.0, 0.9, 0.9999, random.nextDouble())).next(random),
                Gen.elementOf(List.of(1e-8, 1e-8, 1e-3, 1e-30, 1.0)).next(random),
                Gen.elementOf(List.of(0.0, 0.0, 1e-2, 0.3)).next(random),
                random.nextInt(4) == 0);
    }

    @Override
    public Gen<Adam> typicalRules() {
        Gen<double[]> betas = Gen.elementOf(List.of(
                new double[] {0.9, 0.999}, new double[] {0.9, 0.99}, new double[] {0.5, 0.9}, new double[] {0.0, 0.999}));
        return random -> {
            double[] b = betas.next(random);
            return new Adam(b[0], b[1], Gen.elementOf(List.of(1e-8, 1e-6)).next(random),
                    Gen.elementOf(List.of(0.0, 1e-2)).next(random), random.nextBoolean());
        };
    }

    @Override
    public Adam withoutWeightDecay(Adam rule) {
        return rule.withWeightDecay(0);
    }

    @Override
    public void publicStep(Adam rule, double learningRate, long step, MemorySegment param, MemorySegment gradient,
                           List<MemorySegment> state, long from, long to) {
        Kernels.adam(rule, learningRate, step, param, gradient, state.get(0), state.get(1), from, to);
    }

    @Override
    public void kernelStep(KernelSet kernels, Adam rule, double learningRate, long step, MemorySegment param,
                           MemorySegment gradient, List<MemorySegment> state) {
        RuleSteps.adam(kernels, rule, learningRate, step, param, gradient, state.get(0), state.get(1),
                0, param.byteSize() / Float.BYTES);
    }

    @Override
    public void referenceStep(Adam rule, double learningRate, long step, double[] param, double[] gradient,
                              double[][] state) {
        TextbookOptimizers.adam(learningRate, rule.beta1(), rule.beta2(), rule.epsilon(), rule.weightDecay(),
                rule.maximize(), step, param, gradient, state[0], state[1]);
    }
}
