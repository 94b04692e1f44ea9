package dev.gradus.ewma;

import dev.gradus.testing.Lanes;
import dev.gradus.Ewma;
import dev.gradus.internal.ScalarKernels;
import dev.gradus.testing.property.BitExact;
import dev.gradus.testing.property.Buffers;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.GuardedSegment;
import dev.gradus.testing.property.Lengths;
import dev.gradus.testing.property.Property;
import dev.gradus.testing.property.Ranges;
import java.lang.foreign.Arena;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link Ewma#update} (the selected kernels: vector at the width this run forces, or scalar)
 * produces the bits of the scalar kernel after each of several consecutive updates, for any split
 * of the elements into ranges, never writes outside the average's slice, and never writes the
 * values.
 */
@Tag("kernels")
class EwmaKernelsTest {

    @Test
    void selectedKernelsMatchTheScalarKernelBitForBit() {
        int lanes = Lanes.ofSelectedKernels();
        Property.forAll("ewma: selected kernels == scalar kernel", EwmaCase.generator(lanes))
                .shrinkWith(EwmaCase.shrinker())
                .cover("empty", c -> c.n() == 0, 1)
                .cover("shorter than one vector", c -> c.n() > 0 && c.n() < lanes, 5)
                .cover("tail after whole vectors", c -> c.n() > lanes && Lengths.isTail(c.n(), lanes), 20)
                .cover("exact multiple of the lanes", c -> c.n() > 0 && !Lengths.isTail(c.n(), lanes), 5)
                .cover("large", c -> c.n() > 4 * lanes + 3, 2)
                .cover("special values", EwmaCase::hasSpecialValue, 20)
                .cover("unaligned offset", c -> c.offset() % lanes != 0, 20)
                .cover("heap", c -> c.kind() == Buffers.Kind.HEAP, 20)
                .cover("native", c -> c.kind() == Buffers.Kind.NATIVE, 20)
                .check(c -> {
                    try (Arena arena = Arena.ofConfined()) {
                        GuardedSegment selected = c.guarded(arena, c.average());
                        GuardedSegment scalar = c.guarded(arena, c.average());
                        for (int s = 0; s < c.values().size(); s++) {
                            GuardedSegment value = c.guarded(arena, c.values().get(s));
                            Ewma.update(c.decay(), selected.slice(), value.slice());
                            ScalarKernels.INSTANCE.ewma(scalar.slice(), value.slice(), 0, c.n(),
                                    (float) c.decay(), (float) (1.0 - c.decay()));
                            BitExact.assertSameBits("average after update " + (s + 1), scalar.toFloatArray(),
                                    selected.slice());
                            BitExact.assertSameBits("value after update " + (s + 1), c.values().get(s), value.slice());
                            value.assertGuardsUntouched();
                        }
                        selected.assertGuardsUntouched();
                    }
                });
    }

    /** A case and cut points as fractions of {@code n}, so that they follow a shrinking {@code n}. */
    record SplitCase(EwmaCase ewma, double[] cuts) {

        long[] boundaries() {
            return Ranges.boundaries(0, ewma.n(), cuts);
        }

        @Override
        public String toString() {
            return "ranges at " + Arrays.toString(boundaries()) + " of " + ewma;
        }
    }

    @Test
    void anySplitIntoRangesGivesTheSameBits() {
        int lanes = Lanes.ofSelectedKernels();
        Gen<EwmaCase> cases = EwmaCase.generator(lanes);
        Property.forAll("ewma: any split of [0, n) gives the same bits",
                        random -> new SplitCase(cases.next(random), random.doubles(random.nextInt(1, 6)).toArray()))
                .shrinkWith(s -> EwmaCase.shrinker().candidates(s.ewma()).map(c -> new SplitCase(c, s.cuts())))
                .cover("a range ends inside a vector",
                        s -> Arrays.stream(s.boundaries()).anyMatch(b -> b % lanes != 0), 20)
                .check(s -> {
                    EwmaCase c = s.ewma();
                    long[] boundaries = s.boundaries();
                    try (Arena arena = Arena.ofConfined()) {
                        GuardedSegment whole = c.guarded(arena, c.average());
                        GuardedSegment split = c.guarded(arena, c.average());
                        for (float[] values : c.values()) {
                            GuardedSegment value = c.guarded(arena, values);
                            Ewma.update(c.decay(), whole.slice(), value.slice());
                            for (int r = 0; r + 1 < boundaries.length; r++) {
                                Ewma.update(c.decay(), split.slice(), value.slice(), boundaries[r], boundaries[r + 1]);
                            }
                        }
                        BitExact.assertSameBits("average", whole.toFloatArray(), split.slice());
                        split.assertGuardsUntouched();
                    }
                });
    }
}
