package dev.gradus.kernels;

import dev.gradus.Kernels;
import dev.gradus.internal.ChunkedKernels;
import dev.gradus.internal.ScalarKernels;
import dev.gradus.testing.Lanes;
import dev.gradus.testing.property.BitExact;
import dev.gradus.testing.property.Buffers;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.Property;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Clipping inside the kernels: a step with {@code clipValue = v} and {@code clipScale = c} through
 * the facade (the selected kernels), the scalar kernels and the chunked kernels has the bits of a
 * scalar step without either on the gradient clamped to {@code [-v, v]} and multiplied by
 * {@code c} beforehand, for every rule and option, and leaves the gradient as it was.
 */
@Tag("kernels")
class ClipScaleTest {

    private static final Gen<Float> SCALES = Gen.elementOf(1f, 0.5f, 0.123456f, 0f, 1e-30f, 2.5f, 0.999999f);
    private static final Gen<Float> LIMITS = Gen.elementOf(Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, 1f,
            0.25f, 1e-3f, Float.MIN_VALUE, Float.MAX_VALUE);

    static List<RuleFamily> rules() {
        return Rules.all();
    }

    private record ScaledCase(StepCase step, float limit, float scale) {
        @Override
        public String toString() {
            return "clipValue " + limit + ", clipScale " + scale + ", " + step;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void aScaledStepIsTheStepOnTheScaledGradient(RuleFamily rule) {
        Gen<StepCase> steps = StepCase.generator(rule, Lanes.ofSelectedKernels());
        Gen<ScaledCase> cases = random -> new ScaledCase(steps.next(random), LIMITS.next(random),
                SCALES.next(random));
        Property.forAll(rule.name() + ": step with clipValue v, clipScale c == step on clamp(g, v) * c", cases)
                .tries(80)
                .cover("scale below 1", c -> c.scale() < 1f && c.scale() > 0f, 10)
                .cover("scale 1", c -> c.scale() == 1f, 3)
                .cover("scale 0", c -> c.scale() == 0f, 3)
                .cover("clamped", c -> c.limit() < Float.POSITIVE_INFINITY, 20)
                .check(c -> {
                    StepCase s = c.step();
                    try (Arena arena = Arena.ofConfined()) {
                        Trial selected = Trial.of(s, arena);
                        Trial scalar = Trial.of(s, arena);
                        Trial chunked = Trial.of(s, arena);
                        Trial prescaled = Trial.of(s, arena);
                        for (int k = 0; k < s.steps(); k++) {
                            MemorySegment gradient = Trial.gradient(s, arena, k).slice();
                            long t = s.firstStep() + k;
                            selected.scaledPublicStep(k, gradient, c.limit(), c.scale());
                            scalar.scaledKernelStep(ScalarKernels.INSTANCE, k, gradient, c.limit(), c.scale());
                            chunked.scaledKernelStep(ChunkedKernels.withChunk(37), k, gradient, c.limit(),
                                    c.scale());
                            float[] scaled = s.gradients().get(k).clone();
                            for (int i = 0; i < scaled.length; i++) {
                                scaled[i] = Math.min(Math.max(scaled[i], -c.limit()), c.limit()) * c.scale();
                            }
                            MemorySegment scaledGradient = Buffers.of(s.kind(), arena, scaled, s.offset(), 1).slice();
                            prescaled.kernelStep(ScalarKernels.INSTANCE, k, scaledGradient);
                            String when = "after step " + t;
                            scalar.assertSameBits(prescaled, when + " (scalar kernels against clamp(g, v) * c beforehand)");
                            chunked.assertSameBits(scalar, when + " (chunked kernels)");
                            selected.assertSameBits(scalar, when + " (" + Kernels.implementation() + ")");
                            BitExact.assertSameBits("gradient " + when, s.gradients().get(k), gradient);
                        }
                        selected.assertGuardsUntouched();
                    }
                });
    }
}
