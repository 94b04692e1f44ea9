package dev.gradus.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.Adam;
import dev.gradus.GradientClipping;
import dev.gradus.Kernels;
import dev.gradus.Lamb;
import dev.gradus.Lars;
import dev.gradus.Momentum;
import dev.gradus.NonFiniteGradientException;
import dev.gradus.NonFinitePolicy;
import dev.gradus.Optimizer;
import dev.gradus.ParameterGroup;
import dev.gradus.RmsProp;
import dev.gradus.Sgd;
import dev.gradus.UpdateRule;
import dev.gradus.testing.property.BitExact;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.Property;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Clipping by value in {@link Optimizer#step()}: the steps have the bits of {@code Kernels.step}
 * with the clamp inside the kernels, and of a plain step on gradients clamped beforehand, for any
 * number of threads; the gradients are not written; {@link Lars}, whose trust ratio measures the
 * unclamped gradient, is refused; {@code errorIfNonFinite} throws whatever the policy.
 */
class ValueClippingTest {

    record Case(int[] sizes, UpdateRule rule, double maxValue, int threads, long seed) {
        @Override
        public String toString() {
            return rule + " on " + Arrays.toString(sizes) + ", maxValue " + maxValue + ", " + threads + " threads, seed "
                    + seed;
        }
    }

    private static final Gen<Case> CASES = random -> new Case(
            IntStream.range(0, random.nextInt(1, 6))
                    .map(i -> random.nextInt(3) == 0 ? random.nextInt(4000, 20_000) : random.nextInt(0, 300)).toArray(),
            Gen.<UpdateRule>elementOf(Adam.DEFAULT, Adam.adamW().withAmsgrad(true), Momentum.nesterov(0.9),
                    RmsProp.DEFAULT.withCentered(true), new Sgd(1e-2, true), Lamb.DEFAULT.withWeightDecay(1e-2))
                    .next(random),
            Gen.elementOf(1e-3, 0.05, 0.5).next(random),
            random.nextInt(1, 5), random.nextLong());

    @Test
    void clippedStepsAreStepsOnTheClampedGradients() {
        Property.forAll("optimizer clipping by value == Kernels.step on clamp(g)", CASES)
                .tries(40)
                .cover("several threads", c -> c.threads() > 1, 10)
                .cover("a parameter over several blocks", c -> Arrays.stream(c.sizes()).anyMatch(n -> n > 4096), 5)
                .check(c -> {
                    try (Arena arena = Arena.ofShared();
                         Optimizer optimizer = Optimizer.builder(c.rule(), 1e-2).threads(c.threads())
                                 .parallelThreshold(0).clipping(GradientClipping.byValue(c.maxValue())).build()) {
                        ModelFixture model = new ModelFixture(arena, c.sizes(), c.seed());
                        model.register(optimizer);
                        List<float[]> gradientsBefore = model.gradients.stream()
                                .map(g -> g.toArray(ValueLayout.JAVA_FLOAT)).toList();
                        float[] ones = new float[c.sizes().length];
                        Arrays.fill(ones, 1f);
                        List<float[]> expected = model.expected(arena, c.rule(), 1e-2, 3, (float) c.maxValue(), ones);
                        List<float[]> onClamped = onClampedGradients(arena, c, ones);
                        for (int t = 0; t < 3; t++) {
                            optimizer.step();
                        }
                        List<float[]> actual = model.current();
                        for (int p = 0; p < expected.size(); p++) {
                            BitExact.assertSameBits("parameter " + p, expected.get(p), actual.get(p));
                            BitExact.assertSameBits("parameter " + p + " against clamped gradients", onClamped.get(p),
                                    actual.get(p));
                            BitExact.assertSameBits("gradient " + p, gradientsBefore.get(p), model.gradients.get(p));
                        }
                    }
                });
    }

    /** The parameters after three unclipped steps on gradients clamped beforehand. */
    private static List<float[]> onClampedGradients(Arena arena, Case c, float[] ones) {
        ModelFixture clamped = new ModelFixture(arena, c.sizes(), c.seed());
        float limit = (float) c.maxValue();
        for (MemorySegment g : clamped.gradients) {
            for (long i = 0; i < g.byteSize() / Float.BYTES; i++) {
                float x = g.getAtIndex(ValueLayout.JAVA_FLOAT, i);
                g.setAtIndex(ValueLayout.JAVA_FLOAT, i, Math.min(Math.max(x, -limit), limit));
            }
        }
        return clamped.expected(arena, c.rule(), 1e-2, 3, ones);
    }

    @Test
    void larsIsRefusedWithTheReason() {
        try (Arena arena = Arena.ofShared();
             Optimizer optimizer = Optimizer.builder(Adam.DEFAULT, 1e-2).clipping(GradientClipping.byValue(0.1))
                     .build()) {
            MemorySegment w = arena.allocate(64);
            MemorySegment g = arena.allocate(64);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> optimizer.add("w", w, g, ParameterGroup.named("lars").withRule(Lars.DEFAULT)));
            assertTrue(e.getMessage().contains("Lars cannot clip by value") && e.getMessage().contains("parameter w"),
                    e.getMessage());
            IllegalStateException none = assertThrows(IllegalStateException.class, optimizer::gradientNorm);
            assertTrue(none.getMessage().contains("clips by value"), none.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kernels.step(Lars.DEFAULT,
                0.1, 1, MemorySegment.ofArray(new float[4]), MemorySegment.ofArray(new float[4]),
                List.of(MemorySegment.ofArray(new float[4])), 0, 4, 0.5f, 1f));
        assertTrue(e.getMessage().startsWith("clipValue must be +inf for Lars"), e.getMessage());
    }

    @Test
    void errorIfNonFiniteThrowsWhateverThePolicyWithNothingModified() {
        for (int threads = 1; threads <= 3; threads++) {
            try (Arena arena = Arena.ofShared();
                 Optimizer optimizer = Optimizer.builder(Adam.DEFAULT, 1e-2).threads(threads).parallelThreshold(0)
                         .nonFinite(NonFinitePolicy.PROPAGATE)
                         .clipping(GradientClipping.byValue(0.05).withErrorIfNonFinite(true)).build()) {
                ModelFixture model = new ModelFixture(arena, new int[] {300, 9000, 50}, 3);
                model.register(optimizer);
                model.gradients.get(1).setAtIndex(ValueLayout.JAVA_FLOAT, 5000, Float.NEGATIVE_INFINITY);
                List<float[]> before = model.current();
                NonFiniteGradientException e = assertThrows(NonFiniteGradientException.class, optimizer::step);
                assertEquals(ModelFixture.name(1), e.parameter());
                assertEquals(5000, e.index());
                List<float[]> after = model.current();
                for (int p = 0; p < before.size(); p++) {
                    BitExact.assertSameBits(threads + " threads, parameter " + p, before.get(p), after.get(p));
                }
            }
        }
    }

    @Test
    void settingsNameTheBadLimit() {
        assertMessage("maxValue must be finite and > 0, got 0.0", () -> GradientClipping.byValue(0));
        assertMessage("maxValue must be finite and > 0, got NaN", () -> GradientClipping.byValue(Double.NaN));
        assertMessage("maxValue must be > 0 as the float the kernels use", () -> GradientClipping.byValue(1e-50));
        assertMessage("exactly one of maxNorm and maxValue must be finite", () -> new GradientClipping(1.0,
                GradientClipping.Norm.L2, GradientClipping.Scope.GLOBAL, GradientClipping.Convention.PYTORCH, false,
                0.5));
        assertMessage("exactly one of maxNorm and maxValue must be finite", () -> new GradientClipping(
                Double.POSITIVE_INFINITY, GradientClipping.Norm.L2, GradientClipping.Scope.GLOBAL,
                GradientClipping.Convention.PYTORCH, false, Double.POSITIVE_INFINITY));
        assertMessage("maxNorm must be finite and > 0, got Infinity", () -> new GradientClipping(
                Double.POSITIVE_INFINITY, GradientClipping.Norm.L2, GradientClipping.Scope.GLOBAL,
                GradientClipping.Convention.PYTORCH, false));
        assertMessage("clipValue must be > 0 or +inf, got NaN", () -> Kernels.step(Adam.DEFAULT, 0.1, 1,
                MemorySegment.ofArray(new float[4]), MemorySegment.ofArray(new float[4]),
                List.of(MemorySegment.ofArray(new float[4]), MemorySegment.ofArray(new float[4])), 0, 4, Float.NaN,
                1f));
    }

    private static void assertMessage(String start, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
