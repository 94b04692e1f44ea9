package dev.gradus.kernels;

import dev.gradus.testing.Lanes;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.GuardedSegment;
import dev.gradus.testing.property.Property;
import dev.gradus.testing.property.Ranges;
import dev.gradus.testing.property.Shrinker;
import java.lang.foreign.Arena;
import java.util.Arrays;

/**
 * Stepping {@code [0, n)} range by range, for any cut of it into ranges (empty ones, ones inside a
 * vector, ones crossing vector boundaries), gives the bits of one call over the whole buffer: the
 * guarantee threads and shards rely on.
 */
final class RangeSplitProperty {

    /** A case and the cut points as fractions of {@code n}, so that they follow a shrinking {@code n}. */
    record SplitCase(StepCase steps, double[] cuts) {

        long[] boundaries() {
            return Ranges.boundaries(0, steps.n(), cuts);
        }

        @Override
        public String toString() {
            return "ranges at " + Arrays.toString(boundaries()) + " of " + steps;
        }
    }

    private RangeSplitProperty() {
    }

    static Property.Report check(RuleFamily rule, int tries) {
        int lanes = Lanes.ofSelectedKernels();
        Gen<StepCase> cases = StepCase.generator(rule, lanes);
        Gen<SplitCase> splits = random -> new SplitCase(cases.next(random),
                random.doubles(random.nextInt(1, 6)).toArray());
        Shrinker<StepCase> shrinkSteps = StepCase.shrinker();
        return Property.forAll(rule.name() + ": any split of [0, n) gives the same bits", splits)
                .tries(tries)
                .shrinkWith(s -> shrinkSteps.candidates(s.steps()).map(c -> new SplitCase(c, s.cuts())))
                .cover("a range ends inside a vector", s -> Arrays.stream(s.boundaries()).anyMatch(b -> b % lanes != 0),
                        20, Property.DEFAULT_TRIES)
                .cover("three or more ranges", s -> s.boundaries().length > 3, 20, Property.DEFAULT_TRIES)
                .check(s -> {
                    StepCase c = s.steps();
                    long[] boundaries = s.boundaries();
                    try (Arena arena = Arena.ofConfined()) {
                        Trial whole = Trial.of(c, arena);
                        Trial split = Trial.of(c, arena);
                        for (int step = 0; step < c.steps(); step++) {
                            GuardedSegment gradient = Trial.gradient(c, arena, step);
                            whole.publicStep(step, gradient.slice(), 0, c.n());
                            for (int r = 0; r + 1 < boundaries.length; r++) {
                                split.rangeStep(step, gradient.slice(), boundaries[r], boundaries[r + 1]);
                            }
                            split.finishStep(step);
                            split.assertSameBits(whole, "after step " + (step + 1));
                        }
                        split.assertGuardsUntouched();
                    }
                });
    }
}
