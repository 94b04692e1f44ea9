package dev.gradus.kernels;

import dev.gradus.internal.ScalarKernels;
import dev.gradus.testing.Lanes;
import dev.gradus.testing.property.BitExact;
import dev.gradus.testing.property.Buffers;
import dev.gradus.testing.property.GuardedSegment;
import dev.gradus.testing.property.Lengths;
import dev.gradus.testing.property.Property;
import java.lang.foreign.Arena;

/**
 * The selected kernels (vector at the width the JVM forces, chunked, or scalar) produce the bits
 * of the scalar kernels for the parameter and every state buffer after each of at least five
 * consecutive steps, never write outside the target slices, and never write the gradient.
 */
final class SelectedKernelsProperty {

    private SelectedKernelsProperty() {
    }

    static Property.Report check(RuleFamily rule, int tries) {
        int lanes = Lanes.ofSelectedKernels();
        return Property.forAll(rule.name() + ": selected kernels == scalar kernels", StepCase.generator(rule, lanes))
                .tries(tries)
                .shrinkWith(StepCase.shrinker())
                .cover("empty", c -> c.n() == 0, 1, Property.DEFAULT_TRIES)
                .cover("shorter than one vector", c -> c.n() > 0 && c.n() < lanes, 5, Property.DEFAULT_TRIES)
                .cover("tail after whole vectors", c -> c.n() > lanes && Lengths.isTail(c.n(), lanes),
                        20, Property.DEFAULT_TRIES)
                .cover("exact multiple of the lanes", c -> c.n() > 0 && !Lengths.isTail(c.n(), lanes),
                        5, Property.DEFAULT_TRIES)
                .cover("large", c -> c.n() > 4 * lanes + 3, 2, Property.DEFAULT_TRIES)
                .cover("special values", StepCase::hasSpecialValue, 20, Property.DEFAULT_TRIES)
                .cover("unaligned offset", c -> c.offset() % lanes != 0, 20, Property.DEFAULT_TRIES)
                .cover("heap", c -> c.kind() == Buffers.Kind.HEAP, 20, Property.DEFAULT_TRIES)
                .cover("native", c -> c.kind() == Buffers.Kind.NATIVE, 20, Property.DEFAULT_TRIES)
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
