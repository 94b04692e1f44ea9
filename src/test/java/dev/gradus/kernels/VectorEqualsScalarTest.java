package dev.gradus.kernels;

import dev.gradus.testing.Lanes;
import dev.gradus.internal.ScalarKernels;
import dev.gradus.testing.property.BitExact;
import dev.gradus.testing.property.Buffers;
import dev.gradus.testing.property.GuardedSegment;
import dev.gradus.testing.property.Lengths;
import dev.gradus.testing.property.Property;
import java.lang.foreign.Arena;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The selected kernels (vector at the width this run forces, or scalar) produce the bits of the
 * scalar kernels for the parameter and every state buffer after each of at least five consecutive
 * steps, never write outside the target slices, and never write the gradient.
 */
@Tag("kernels")
class VectorEqualsScalarTest {

    static List<RuleFamily> rules() {
        return Rules.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void selectedKernelsMatchTheScalarKernelsBitForBit(RuleFamily rule) {
        check(rule);
    }

    private static void check(RuleFamily rule) {
        int lanes = Lanes.ofSelectedKernels();
        Property.forAll(rule.name() + ": selected kernels == scalar kernels", StepCase.generator(rule, lanes))
                .shrinkWith(StepCase.shrinker())
                .cover("empty", c -> c.n() == 0, 1)
                .cover("shorter than one vector", c -> c.n() > 0 && c.n() < lanes, 5)
                .cover("tail after whole vectors", c -> c.n() > lanes && Lengths.isTail(c.n(), lanes), 20)
                .cover("exact multiple of the lanes", c -> c.n() > 0 && !Lengths.isTail(c.n(), lanes), 5)
                .cover("large", c -> c.n() > 4 * lanes + 3, 2)
                .cover("special values", StepCase::hasSpecialValue, 20)
                .cover("unaligned offset", c -> c.offset() % lanes != 0, 20)
                .cover("heap", c -> c.kind() == Buffers.Kind.HEAP, 20)
                .cover("native", c -> c.kind() == Buffers.Kind.NATIVE, 20)
                .check(c -> {
                    try (Arena arena = Arena.ofConfined()) {
                        Trial selected = Trial.of(c, arena);
                        Trial scalar = Trial.of(c, arena);
                        for (int s = 0; s < c.steps(); s++) {
                            GuardedSegment gradient = Trial.gradient(c, arena, s);
                            selected.publicStep(s, gradient.slice(), 0, c.n());
                            scalar.kernelStep(ScalarKernels.INSTANCE, s, gradient.slice());
                            BitExact.assertSameBits("gradient after step " + (s + 1), c.gradients().get(s),
                                    gradient.slice());
                            gradient.assertGuardsUntouched();
                            selected.assertSameBits(scalar, "after step " + (s + 1));
                        }
                        selected.assertGuardsUntouched();
                        scalar.assertGuardsUntouched();
                    }
                });
    }
}
