package dev.gradus.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gradus.internal.ChunkedKernels;
import dev.gradus.internal.KernelProvider;
import dev.gradus.internal.KernelSet;
import dev.gradus.internal.ScalarKernels;
import dev.gradus.testing.Lanes;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.GuardedSegment;
import dev.gradus.testing.property.Property;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever step the warm-up switches at, the bits are those of the scalar kernels: a trajectory
 * whose every step runs on kernels drawn at random among the scalar, the chunked and (where they
 * can be loaded) the vector kernels ends with the bits of one that ran the scalar kernels alone.
 */
@Tag("kernels")
class SwitchingPointTest {

    /** A case and the index of the kernels of each of its steps. */
    record SwitchCase(StepCase steps, int[] kernels) {
        @Override
        public String toString() {
            return "kernels per step " + IntStream.of(kernels).mapToObj(k -> KERNELS.get(k).name())
                    .collect(Collectors.joining(", ")) + ", " + steps;
        }
    }

    private static final List<KernelSet> KERNELS = kernels();

    private static List<KernelSet> kernels() {
        List<KernelSet> kernels = new ArrayList<>(List.of(ScalarKernels.INSTANCE, ChunkedKernels.INSTANCE,
                ChunkedKernels.withChunk(5)));
        try {
            kernels.add(KernelProvider.loadVectorKernels());
        } catch (UnsupportedOperationException e) {
            // Without the vector module the switch is between the scalar formulas only.
        }
        return List.copyOf(kernels);
    }

    static List<RuleFamily> rules() {
        return Rules.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void anyMixOfKernelsAlongATrajectoryGivesTheScalarBits(RuleFamily rule) {
        Gen<StepCase> cases = StepCase.generator(rule, Lanes.ofSelectedKernels());
        Property.forAll(rule.name() + ": kernels switched at any step == scalar kernels",
                        random -> {
                            StepCase steps = cases.next(random);
                            return new SwitchCase(steps, random.ints(steps.steps(), 0, KERNELS.size()).toArray());
                        })
                .shrinkWith(c -> StepCase.shrinker().candidates(c.steps()).map(s -> new SwitchCase(s, c.kernels())))
                .cover("three or more kernels along one trajectory",
                        c -> IntStream.of(c.kernels()).limit(c.steps().steps()).distinct().count() >= 3, 20)
                .check(c -> {
                    StepCase s = c.steps();
                    try (Arena arena = Arena.ofConfined()) {
                        Trial mixed = Trial.of(s, arena);
                        Trial scalar = Trial.of(s, arena);
                        for (int step = 0; step < s.steps(); step++) {
                            GuardedSegment gradient = Trial.gradient(s, arena, step);
                            mixed.kernelStep(KERNELS.get(c.kernels()[step]), step, gradient.slice());
                            scalar.kernelStep(ScalarKernels.INSTANCE, step, gradient.slice());
                        }
                        mixed.assertSameBits(scalar, "after " + s.steps() + " steps");
                        mixed.assertGuardsUntouched();
                    }
                });
    }

    @Test
    void theVectorKernelsAreAmongTheMixWhenTheModuleIsPresent() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertEquals(module, KERNELS.stream().anyMatch(k -> k.name().startsWith("vector-")), KERNELS.toString());
    }
}
