package dev.gradus.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.Adam;
import dev.gradus.GradientClipping;
import dev.gradus.Lamb;
import dev.gradus.Lars;
import dev.gradus.Momentum;
import dev.gradus.NonFiniteGradientException;
import dev.gradus.NonFinitePolicy;
import dev.gradus.Norms;
import dev.gradus.Optimizer;
import dev.gradus.RmsProp;
import dev.gradus.UpdateRule;
import dev.gradus.testing.property.BitExact;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.Property;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Clipping in {@link Optimizer#step()}: the steps have the bits of {@code Kernels.step} with the
 * factor that {@link GradientClipping#factor} gives for the norm {@link Norms} computes over each
 * scope, for any number of threads; {@link Optimizer#gradientNorm()} is that norm; and non-finite
 * gradients are found by the norm pass, or by the parallel check without clipping, at the same
 * first element as a search on one thread.
 */
class ClippingTest {

    record Case(int[] sizes, UpdateRule rule, GradientClipping clipping, int threads, long seed) {
        @Override
        public String toString() {
            return rule + " on " + Arrays.toString(sizes) + ", " + clipping + ", " + threads + " threads, seed " + seed;
        }
    }

    private static final Gen<Case> CASES = random -> new Case(
            IntStream.range(0, random.nextInt(1, 8))
                    .map(i -> random.nextInt(3) == 0 ? random.nextInt(4000, 20_000) : random.nextInt(0, 300)).toArray(),
            Gen.<UpdateRule>elementOf(Adam.DEFAULT, Adam.adamW(), Momentum.nesterov(0.9).withWeightDecay(1e-2),
                    RmsProp.DEFAULT.withCentered(true), Lars.DEFAULT.withWeightDecay(1e-4).withNesterov(true),
                    Lamb.DEFAULT.withWeightDecay(1e-2)).next(random),
            new GradientClipping(Gen.elementOf(1e-3, 0.5, 3.0, 1e6).next(random),
                    Gen.elementOf(GradientClipping.Norm.values()).next(random),
                    Gen.elementOf(GradientClipping.Scope.values()).next(random),
                    Gen.elementOf(GradientClipping.Convention.values()).next(random), false),
            random.nextInt(1, 5), random.nextLong());

    @Test
    void clippedStepsAreKernelStepsWithTheFactorOfTheScopesNorm() {
        Property.forAll("optimizer with clipping == Kernels.step with clipScale = factor(Norms over the scope)", CASES)
                .tries(60)
                .cover("global", c -> c.clipping().scope() == GradientClipping.Scope.GLOBAL, 5)
                .cover("per group", c -> c.clipping().scope() == GradientClipping.Scope.GROUP, 5)
                .cover("per parameter", c -> c.clipping().scope() == GradientClipping.Scope.PARAMETER, 5)
                .cover("infinity norm", c -> c.clipping().norm() == GradientClipping.Norm.INFINITY, 5)
                .cover("several threads", c -> c.threads() > 1, 10)
                .cover("a parameter over several blocks", c -> Arrays.stream(c.sizes()).anyMatch(n -> n > 4096), 10)
                .cover("layer-wise", c -> c.rule() instanceof Lars || c.rule() instanceof Lamb, 5)
                .check(c -> {
                    try (Arena arena = Arena.ofShared();
                         Optimizer optimizer = Optimizer.builder(c.rule(), 1e-2).threads(c.threads())
                                 .parallelThreshold(0).clipping(c.clipping()).build()) {
                        ModelFixture model = new ModelFixture(arena, c.sizes(), c.seed());
                        model.register(optimizer);
                        float[] factors = new float[c.sizes().length];
                        for (int p = 0; p < factors.length; p++) {
                            factors[p] = c.clipping().factor(norm(c.clipping(), model, scopeOf(c.clipping(), model, p)));
                        }
                        List<float[]> expected = model.expected(arena, c.rule(), 1e-2, 3, factors);
                        for (int t = 0; t < 3; t++) {
                            optimizer.step();
                        }
                        List<float[]> actual = model.current();
                        for (int p = 0; p < expected.size(); p++) {
                            BitExact.assertSameBits("parameter " + p, expected.get(p), actual.get(p));
                        }
                        double all = norm(c.clipping(), model, IntStream.range(0, c.sizes().length).boxed().toList());
                        assertEquals(Double.doubleToRawLongBits(all), Double.doubleToRawLongBits(optimizer.gradientNorm()),
                                "gradientNorm(): " + optimizer.gradientNorm() + " against " + all);
                        double first = norm(c.clipping(), model, List.of(0));
                        assertEquals(first, optimizer.gradientNorm(ModelFixture.name(0)), "gradientNorm of layer0");
                    }
                });
    }

    /** The parameters whose gradients share parameter {@code p}'s norm, in registration order. */
    private static List<Integer> scopeOf(GradientClipping clipping, ModelFixture model, int p) {
        return switch (clipping.scope()) {
            case PARAMETER -> List.of(p);
            case GLOBAL -> IntStream.range(0, model.sizes.length).boxed().toList();
            case GROUP -> IntStream.range(0, model.sizes.length)
                    .filter(q -> ModelFixture.inBiasGroup(q) == ModelFixture.inBiasGroup(p)).boxed().toList();
        };
    }

    /** The norm of the gradients of {@code parameters} by the public {@link Norms}. */
    private static double norm(GradientClipping clipping, ModelFixture model, List<Integer> parameters) {
        MemorySegment[] gradients = parameters.stream().map(model.gradients::get).toArray(MemorySegment[]::new);
        return clipping.norm() == GradientClipping.Norm.L2 ? Norms.l2Norm(gradients) : Norms.infinityNorm(gradients);
    }

    @Test
    void aNonFiniteGradientIsFoundByTheNormPassAndHandledByThePolicy() {
        int[] sizes = {300, 9000, 50};
        for (int threads = 1; threads <= 3; threads++) {
            for (NonFinitePolicy policy : NonFinitePolicy.values()) {
                for (boolean error : new boolean[] {false, true}) {
                    try (Arena arena = Arena.ofShared();
                         Optimizer optimizer = Optimizer.builder(Adam.DEFAULT, 1e-2).threads(threads).parallelThreshold(0)
                                 .nonFinite(policy).clipping(GradientClipping.globalNorm(1.0).withErrorIfNonFinite(error))
                                 .build()) {
                        ModelFixture model = new ModelFixture(arena, sizes, 11);
                        model.register(optimizer);
                        model.gradients.get(1).setAtIndex(ValueLayout.JAVA_FLOAT, 8191, Float.NaN);
                        model.gradients.get(1).setAtIndex(ValueLayout.JAVA_FLOAT, 8500, Float.POSITIVE_INFINITY);
                        List<float[]> before = model.current();
                        String what = policy + ", errorIfNonFinite " + error + ", " + threads + " threads";
                        if (policy == NonFinitePolicy.THROW || error) {
                            NonFiniteGradientException e = assertThrows(NonFiniteGradientException.class, optimizer::step,
                                    what);
                            assertEquals(ModelFixture.name(1), e.parameter(), what);
                            assertEquals(8191, e.index(), what);
                            assertUnchanged(before, model, what);
                        } else if (policy == NonFinitePolicy.SKIP) {
                            optimizer.step();
                            assertEquals(1, optimizer.skippedSteps(), what);
                            assertUnchanged(before, model, what);
                        } else {
                            optimizer.step();
                            assertTrue(Double.isNaN(optimizer.gradientNorm()), what);
                            assertTrue(Float.isNaN(model.current().get(0)[0]), what + ": the factor NaN reaches every parameter");
                        }
                    }
                }
            }
        }
    }

    @Test
    void withoutClippingTheParallelCheckFindsTheFirstNonFiniteElement() {
        int[] sizes = {5000, 70_000, 3000, 70_000};
        for (int threads = 1; threads <= 4; threads++) {
            try (Arena arena = Arena.ofShared();
                 Optimizer optimizer = Optimizer.builder(Adam.DEFAULT, 1e-2).threads(threads).parallelThreshold(0)
                         .nonFinite(NonFinitePolicy.THROW).build()) {
                ModelFixture model = new ModelFixture(arena, sizes, 5);
                model.register(optimizer);
                // Later parameters and later elements of the same one hold NaNs too: the first must win.
                model.gradients.get(1).setAtIndex(ValueLayout.JAVA_FLOAT, 69_000, Float.NaN);
                model.gradients.get(1).setAtIndex(ValueLayout.JAVA_FLOAT, 40_000, Float.NEGATIVE_INFINITY);
                model.gradients.get(3).setAtIndex(ValueLayout.JAVA_FLOAT, 3, Float.NaN);
                List<float[]> before = model.current();
                NonFiniteGradientException e = assertThrows(NonFiniteGradientException.class, optimizer::step);
                assertEquals(ModelFixture.name(1), e.parameter(), threads + " threads");
                assertEquals(40_000, e.index(), threads + " threads");
                assertUnchanged(before, model, threads + " threads");
            }
        }
    }

    private static void assertUnchanged(List<float[]> before, ModelFixture model, String what) {
        List<float[]> after = new ArrayList<>(model.current());
        for (int p = 0; p < before.size(); p++) {
            BitExact.assertSameBits(what + ", parameter " + p, before.get(p), after.get(p));
        }
    }
}
