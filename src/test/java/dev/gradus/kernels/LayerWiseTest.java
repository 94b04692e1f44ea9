package dev.gradus.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.Adam;
import dev.gradus.Kernels;
import dev.gradus.Lamb;
import dev.gradus.Lars;
import dev.gradus.Momentum;
import dev.gradus.Norms;
import dev.gradus.Sgd;
import dev.gradus.UpdateRule;
import dev.gradus.internal.ChunkedKernels;
import dev.gradus.internal.KernelProvider;
import dev.gradus.internal.KernelSet;
import dev.gradus.internal.RuleSteps;
import dev.gradus.internal.ScalarKernels;
import dev.gradus.reference.TextbookOptimizers;
import dev.gradus.testing.property.BitExact;
import dev.gradus.testing.property.Floats;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.Property;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The layer-wise rules, {@link Lars} and {@link Lamb}, through {@link Kernels#step} over a range
 * (the layer): the selected kernels (vector at the width this run forces), the scalar and the
 * chunked kernels give the same bits; a LARS step is the {@link Momentum} step on the gradient
 * scaled by the trust ratio {@link Norms} gives; a LAMB step is Adam's update form, the weight
 * decay added to it, and an SGD step by the ratio; and both follow the double-precision textbook
 * formulas.
 */
@Tag("kernels")
class LayerWiseTest {

    record Case(UpdateRule rule, double learningRate, float[] param, List<float[]> gradients, int from, int to) {
        @Override
        public String toString() {
            return rule + ", a=" + learningRate + ", n=" + param.length + ", [" + from + ", " + to + ")";
        }
    }

    private static final Gen<UpdateRule> RULES = random -> random.nextBoolean()
            ? new Lars(Gen.elementOf(0.0, 0.9).next(random), Gen.elementOf(1e-3, 0.02).next(random),
                    Gen.elementOf(0.0, 1e-4, 5e-2).next(random), Gen.elementOf(0.0, 1e-8).next(random),
                    random.nextBoolean(), random.nextInt(4) == 0)
            : new Lamb(Gen.elementOf(0.9, 0.5).next(random), Gen.elementOf(0.999, 0.99).next(random),
                    Gen.elementOf(1e-6, 1e-3).next(random), Gen.elementOf(0.0, 1e-2).next(random),
                    random.nextInt(4) == 0);

    private static final Gen<Case> CASES = random -> {
        int n = Gen.elementOf(1, 17, 300, 4096, 4097, 9000).next(random);
        Gen<float[]> values = Floats.arrayOf(n, random.nextInt(5) == 0 ? Floats.any() : Floats.wellScaled(-3, 1));
        List<float[]> gradients = new ArrayList<>();
        for (int s = 0; s < 5; s++) {
            gradients.add(values.next(random));
        }
        int a = random.nextInt(n + 1);
        int b = random.nextInt(n + 1);
        return new Case(RULES.next(random), Gen.elementOf(1e-3, 0.1, 1.0).next(random),
                Floats.arrayOf(n, Floats.wellScaled(-2, 1)).next(random), gradients, Math.min(a, b), Math.max(a, b));
    };

    @Test
    void everyKernelGivesTheSameBits() {
        Property.forAll("layer-wise rules: selected == scalar == chunked kernels", CASES)
                .tries(80)
                .cover("LARS", c -> c.rule() instanceof Lars, 20)
                .cover("LAMB", c -> c.rule() instanceof Lamb, 20)
                .cover("a range over several blocks", c -> c.to() - c.from() > 4096, 5)
                .check(c -> {
                    try (Arena arena = Arena.ofConfined()) {
                        Buffers selected = new Buffers(arena, c);
                        Buffers scalar = new Buffers(arena, c);
                        Buffers chunked = new Buffers(arena, c);
                        for (int s = 0; s < c.gradients().size(); s++) {
                            MemorySegment g = MemorySegment.ofArray(c.gradients().get(s));
                            Kernels.step(c.rule(), c.learningRate(), s + 1, selected.w, g, selected.state, c.from(), c.to());
                            scalar.step(ScalarKernels.INSTANCE, c, s + 1, g);
                            chunked.step(ChunkedKernels.withChunk(100), c, s + 1, g);
                            scalar.assertSameBits(chunked, "chunked after step " + (s + 1));
                            scalar.assertSameBits(selected, Kernels.implementation() + " after step " + (s + 1));
                        }
                    }
                });
    }

    @Test
    void larsIsMomentumOnTheGradientScaledByTheTrustRatio() {
        Property.forAll("LARS == Momentum with clipScale r and weight decay r * lambda", CASES)
                .tries(40)
                .check(c -> {
                    if (!(c.rule() instanceof Lars lars)) {
                        return;
                    }
                    try (Arena arena = Arena.ofConfined()) {
                        Buffers stepped = new Buffers(arena, c);
                        Buffers composed = new Buffers(arena, c);
                        for (int s = 0; s < c.gradients().size(); s++) {
                            MemorySegment g = MemorySegment.ofArray(c.gradients().get(s));
                            Kernels.step(lars, c.learningRate(), s + 1, stepped.w, g, stepped.state, c.from(), c.to());
                            double w = Math.sqrt(Norms.sumOfSquares(0.0, composed.w, c.from(), c.to()));
                            double x = Math.sqrt(Norms.sumOfSquares(0.0, g, c.from(), c.to()));
                            double r = w > 0 && x > 0 ? lars.trustCoefficient() * w
                                    / (x + lars.weightDecay() * w + lars.epsilon()) : 1;
                            Momentum momentum = (lars.nesterov() ? Momentum.nesterov(lars.momentum())
                                    : Momentum.heavyBall(lars.momentum())).withWeightDecay(lars.weightDecay() == 0 ? 0 : r * lars.weightDecay())
                                    .withMaximize(lars.maximize());
                            // Through RuleSteps: the ratio may overflow a float, a scale Kernels.step refuses.
                            RuleSteps.step(KernelProvider.kernels(), momentum, c.learningRate(), s + 1, composed.w,
                                    null, g, composed.state.get(0), null, null, c.from(), c.to(), (float) r);
                            composed.assertSameBits(stepped, "after step " + (s + 1));
                        }
                    }
                });
    }

    @Test
    void lambIsAdamsUpdatePlusDecaySteppedByTheTrustRatio() {
        Property.forAll("LAMB == Adam's update form, + lambda w, then SGD by a * ||w|| / ||u||", CASES)
                .tries(40)
                .check(c -> {
                    if (!(c.rule() instanceof Lamb lamb)) {
                        return;
                    }
                    try (Arena arena = Arena.ofConfined()) {
                        Buffers stepped = new Buffers(arena, c);
                        Buffers composed = new Buffers(arena, c);
                        Adam adam = Adam.DEFAULT.withBeta1(lamb.beta1()).withBeta2(lamb.beta2()).withEpsilon(lamb.epsilon())
                                .withMaximize(lamb.maximize());
                        MemorySegment u = composed.state.get(2);
                        for (int s = 0; s < c.gradients().size(); s++) {
                            MemorySegment g = MemorySegment.ofArray(c.gradients().get(s));
                            Kernels.step(lamb, c.learningRate(), s + 1, stepped.w, g, stepped.state, c.from(), c.to());
                            Kernels.update(adam, 1.0, s + 1, composed.w, g, u, composed.state.subList(0, 2), c.from(), c.to());
                            if (lamb.weightDecay() != 0) {
                                Kernels.update(new Sgd(lamb.weightDecay(), false), 1.0, 1, composed.w, u, u, List.of(),
                                        c.from(), c.to());
                            }
                            double w = Math.sqrt(Norms.sumOfSquares(0.0, composed.w, c.from(), c.to()));
                            double x = Math.sqrt(Norms.sumOfSquares(0.0, u, c.from(), c.to()));
                            double r = w > 0 && x > 0 ? w / x : 1;
                            Kernels.sgd(Sgd.DEFAULT, c.learningRate() * r, composed.w, u, c.from(), c.to());
                            composed.assertSameBits(stepped, "after step " + (s + 1));
                        }
                    }
                });
    }

    @Test
    void bothFollowTheTextbookFormulasInDouble() {
        SplittableRandom random = new SplittableRandom(0x1a5_1a4bL);
        for (int trial = 0; trial < 40; trial++) {
            UpdateRule rule = RULES.next(random);
            int n = Gen.elementOf(8, 300, 5000).next(random);
            float[] w0 = Floats.arrayOf(n, Floats.wellScaled(-2, 1)).next(random);
            try (Arena arena = Arena.ofConfined()) {
                Buffers kernel = new Buffers(arena, new Case(rule, 0.01, w0, List.of(), 0, n));
                for (int t = 1; t <= 10; t++) {
                    float[] g = Floats.arrayOf(n, Floats.wellScaled(-3, 0)).next(random);
                    double[] w = widen(kernel.w);
                    double[][] state = kernel.state.stream().map(LayerWiseTest::widen).toArray(double[][]::new);
                    TextbookOptimizers.step(rule, 0.01, t, w, widen(MemorySegment.ofArray(g)), state);
                    float[] before = kernel.w.toArray(ValueLayout.JAVA_FLOAT);
                    Kernels.step(rule, 0.01, t, kernel.w, MemorySegment.ofArray(g), kernel.state, 0, n);
                    for (int i = 0; i < n; i++) {
                        double actual = kernel.w.getAtIndex(ValueLayout.JAVA_FLOAT, i);
                        double bound = 1e-5 * (Math.abs(before[i]) + Math.abs(w[i] - before[i]) + 0.01);
                        assertTrue(Math.abs(actual - w[i]) <= bound, rule + " step " + t + " w[" + i + "]: " + actual
                                + " against the textbook's " + w[i]);
                    }
                }
            }
        }
    }

    private static double[] widen(MemorySegment floats) {
        float[] values = floats.toArray(ValueLayout.JAVA_FLOAT);
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /** A parameter and zeroed state of a case, native. */
    private static final class Buffers {
        final MemorySegment w;
        final List<MemorySegment> state = new ArrayList<>();

        Buffers(Arena arena, Case c) {
            w = arena.allocate(4L * Math.max(1, c.param().length), 64).asSlice(0, 4L * c.param().length);
            MemorySegment.copy(c.param(), 0, w, ValueLayout.JAVA_FLOAT, 0, c.param().length);
            for (int s = 0; s < c.rule().stateBuffers(); s++) {
                state.add(arena.allocate(4L * Math.max(1, c.param().length), 64).asSlice(0, 4L * c.param().length));
            }
        }

        void step(KernelSet kernels, Case c, long t, MemorySegment g) {
            RuleSteps.step(kernels, c.rule(), c.learningRate(), t, w, null, g, state.get(0),
                    state.size() > 1 ? state.get(1) : null, state.size() > 2 ? state.get(2) : null, c.from(), c.to(), 1f);
        }

        void assertSameBits(Buffers other, String when) {
            BitExact.assertSameBits("parameter " + when, w.toArray(ValueLayout.JAVA_FLOAT), other.w);
            for (int s = 0; s < state.size(); s++) {
                BitExact.assertSameBits("state " + s + " " + when, state.get(s).toArray(ValueLayout.JAVA_FLOAT),
                        other.state.get(s));
            }
        }
    }
}
