package dev.gradus.testkit;

import dev.gradus.CustomRule;
import dev.gradus.CustomStep;
import dev.gradus.testing.property.BitExact;
import dev.gradus.testing.property.Buffers;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.GuardedSegment;
import dev.gradus.testing.property.Property;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The generated property of {@link CustomRuleProperties#check()}: for every case, after each step,
 * the vector step over {@code [from, to)} and the vector step over the pieces of the range in turn
 * hold the scalar step's bits in the parameter and every state buffer; no step writes an element
 * outside the range, a guard float around a buffer, or the gradient.
 */
final class GeneratedCustomProperty {

    private GeneratedCustomProperty() {
    }

    static Property<CustomCase> of(String name, Gen<? extends CustomRule> rules) {
        Property<CustomCase> property = Property.forAll(name + ": vectorStep == scalarStep",
                        CustomCase.generator(rules))
                .shrinkWith(CustomCase.shrinker())
                .cover("empty range", c -> c.to() == c.from(), 1, Property.DEFAULT_TRIES)
                .cover("range shorter than a 512-bit vector", c -> c.to() > c.from() && c.to() - c.from() < 16, 20,
                        Property.DEFAULT_TRIES);
        for (int lanes : CustomCase.LANES) {
            property.cover("whole " + lanes * Float.SIZE + "-bit vectors and a tail",
                    c -> c.to() - c.from() > lanes && (c.to() - c.from()) % lanes != 0, 10, Property.DEFAULT_TRIES);
        }
        return property
                .cover("range starting inside a 512-bit vector", c -> (c.offset() + c.from()) % 16 != 0, 20,
                        Property.DEFAULT_TRIES)
                .cover("elements outside the range", c -> c.from() > 0 || c.to() < c.n(), 20, Property.DEFAULT_TRIES)
                .cover("three or more pieces", c -> c.pieces().length > 3, 20, Property.DEFAULT_TRIES)
                .cover("special values", CustomCase::hasSpecialValue, 20, Property.DEFAULT_TRIES)
                .cover("heap", c -> c.kind() == Buffers.Kind.HEAP, 20, Property.DEFAULT_TRIES)
                .cover("native", c -> c.kind() == Buffers.Kind.NATIVE, 20, Property.DEFAULT_TRIES)
                .cover("clipped or scaled gradient",
                        c -> c.clipValue() != Float.POSITIVE_INFINITY || c.gradientScale() != 1f, 10,
                        Property.DEFAULT_TRIES)
                .cover("first step after step 1", c -> c.firstStep() > 1, 10, Property.DEFAULT_TRIES);
    }

    /** Checks one case. */
    static void check(CustomCase c) {
        CustomRule rule = c.rule();
        long[] pieces = c.pieces();
        try (Arena arena = Arena.ofConfined()) {
            CustomTrial scalar = CustomTrial.of(c, arena);
            CustomTrial vector = CustomTrial.of(c, arena);
            CustomTrial split = CustomTrial.of(c, arena);
            for (int s = 0; s < c.steps(); s++) {
                GuardedSegment gradient = CustomTrial.gradient(c, arena, s);
                MemorySegment g = gradient.slice();
                String when = ", step " + (c.firstStep() + s);
                rule.scalarStep(scalar.step(s, g), c.from(), c.to());
                scalar.assertOutsideRangeUnchanged("scalarStep" + when);
                rule.vectorStep(vector.step(s, g), c.from(), c.to());
                vector.assertOutsideRangeUnchanged("vectorStep" + when);
                vector.assertSameBits(scalar, "vectorStep (expected: scalarStep)" + when);
                CustomStep piecewise = split.step(s, g);
                for (int r = 0; r + 1 < pieces.length; r++) {
                    rule.vectorStep(piecewise, pieces[r], pieces[r + 1]);
                }
                String inPieces = "vectorStep in pieces " + Arrays.toString(pieces);
                split.assertOutsideRangeUnchanged(inPieces + when);
                split.assertSameBits(scalar, inPieces + " (expected: scalarStep on the whole range)" + when);
                BitExact.assertSameBits("gradient after" + when, c.gradients().get(s), g);
                gradient.assertGuardsUntouched();
            }
            scalar.assertGuardsUntouched();
            vector.assertGuardsUntouched();
            split.assertGuardsUntouched();
        }
    }
}
