package dev.gradus.kernels;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gradus.Kernels;
import dev.gradus.internal.ScalarKernels;
import dev.gradus.testing.Lanes;
import dev.gradus.testing.PreferredWidth;
import dev.gradus.testing.ThreadAllocation;
import dev.gradus.testing.property.BitExact;
import dev.gradus.testing.property.Buffers;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.GuardedSegment;
import dev.gradus.testing.property.Property;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The property of {@link VectorEqualsScalarTest} on the code C2 compiled. Before each case its
 * kernel runs on throwaway buffers of the case's shape until a step allocates nothing
 * ({@link Warmup}); then every step of the case must allocate nothing too, so the bits compared
 * are those of the compiled loop with the Vector API intrinsics, not those of the Java fallback
 * the interpreter runs. A case whose steps allocated (its loop was sent back to the interpreter in
 * between) is warmed and run again, up to {@value #ATTEMPTS} times. This also checks that the
 * kernels are intrinsified at the width the run forces, up to the CPU's preferred width; wider
 * ones are skipped, C2 does not intrinsify them.
 *
 * <p>Options, values, learning rates and step numbers vary as in the uncompiled property; the
 * kind of memory is one per JVM ({@code gradus.test.compiledMemory}, native by default): a JVM that
 * runs a rule on both kinds can leave its heap loops boxed (docs/decisions/0010). The shape does
 * not vary either: every case spans {@value #VECTORS} whole vectors and a
 * tail, one float past an aligned start, as the JDK's own vector tests repeat one size. C2
 * compiles a loop's range checks for the trip counts it has seen, and a loop run on ever new
 * lengths and offsets kept being recompiled; lengths, offsets and splits are the uncompiled
 * properties' job, the arithmetic compared here is the same code. Tagged {@code compiled}: its
 * Surefire executions compile in the test's thread ({@code -Xbatch}), see docs/decisions/0010.
 */
@Tag("compiled")
class CompiledVectorEqualsScalarTest {

    /** Cases per rule: each new option set and kind of memory costs a compilation. */
    private static final int TRIES = 25;
    private static final int VECTORS = 64;
    private static final int ATTEMPTS = 3;
    private static final Duration WARMUP_LIMIT = Duration.ofSeconds(120);
    /** The kind of memory of every case in this JVM: {@code -Dgradus.test.compiledMemory=native|heap}. */
    private static final Buffers.Kind MEMORY =
            Buffers.Kind.valueOf(System.getProperty("gradus.test.compiledMemory", "native").toUpperCase(Locale.ROOT));

    /** Cases per rule of the update form, which shares the arithmetic checked in place. */
    private static final int UPDATE_TRIES = 10;

    static List<RuleFamily> rules() {
        return Rules.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void compiledKernelsMatchTheScalarKernelsBitForBit(RuleFamily rule) {
        check(rule, false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void compiledUpdateFormMatchesTheScalarUpdateFormBitForBit(RuleFamily rule) {
        check(rule, true);
    }

    /** The property in place, or for the update form ({@code update}): its update and state. */
    private static void check(RuleFamily rule, boolean update) {
        String implementation = Kernels.implementation();
        assumeTrue(implementation.startsWith("vector-"), "runs on the vector kernels only, not " + implementation);
        int lanes = Lanes.ofSelectedKernels();
        int preferred = PreferredWidth.bits();
        assumeTrue(lanes * Float.SIZE <= preferred, implementation + " is wider than this CPU's preferred float"
                + " species (FloatVector.SPECIES_PREFERRED, " + preferred + " bits): C2 does not intrinsify it,"
                + " so compiled code is not checked at this width");
        Gen<StepCase> shapes = StepCase.generator(rule, Gen.constant(VECTORS * lanes + 3), Gen.constant(1));
        Gen<StepCase> cases = random -> shapes.next(random).inMemory(MEMORY);
        Property.forAll(rule.name() + (update ? ", update form" : "") + ": compiled kernels == scalar kernels", cases)
                .tries(update ? UPDATE_TRIES : TRIES)
                .shrinkWith(StepCase.valueShrinker())
                .cover("special values", StepCase::hasSpecialValue, 3)
                .check(c -> {
                    for (int attempt = 1; ; attempt++) {
                        Warmup.untilCompiled(c, update, WARMUP_LIMIT);
                        long allocated = compareSteps(c, update);
                        if (allocated == 0) {
                            return;
                        }
                        if (attempt == ATTEMPTS) {
                            throw new AssertionError("in each of " + ATTEMPTS + " attempts a step allocated (last "
                                    + allocated + " bytes): the vector loop ran uncompiled or on boxed vectors");
                        }
                    }
                });
    }

    /**
     * Steps the case through the public API and through the scalar kernels, in place or in the
     * update form, asserting the same bits after every step.
     *
     * @return the bytes the first allocating step of the public API allocated, or 0 if none did
     */
    private static long compareSteps(StepCase c, boolean update) {
        long allocated = 0;
        try (Arena arena = Arena.ofConfined()) {
            Trial selected = Trial.of(c, arena);
            Trial scalar = Trial.of(c, arena);
            GuardedSegment selectedUpdate = Trial.gradient(c, arena, 0);
            GuardedSegment scalarUpdate = Trial.gradient(c, arena, 0);
            // Sliced once: a slice is a new object, allocated in the measured window otherwise.
            MemorySegment selectedUpdateSlice = selectedUpdate.slice();
            for (int s = 0; s < c.steps(); s++) {
                GuardedSegment gradient = Trial.gradient(c, arena, s);
                MemorySegment slice = gradient.slice();
                long before = ThreadAllocation.bytes();
                if (update) {
                    selected.publicUpdate(s, slice, selectedUpdateSlice);
                } else {
                    selected.publicStep(s, slice, 0, c.n());
                }
                long bytes = ThreadAllocation.bytes() - before;
                if (allocated == 0) {
                    allocated = bytes;
                }
                String when = "after step " + (s + 1);
                if (update) {
                    scalar.kernelUpdate(ScalarKernels.INSTANCE, s, slice, scalarUpdate.slice());
                    BitExact.assertSameBits("update " + when, scalarUpdate.toFloatArray(), selectedUpdateSlice);
                } else {
                    scalar.kernelStep(ScalarKernels.INSTANCE, s, slice);
                }
                selected.assertSameBits(scalar, when);
            }
            selectedUpdate.assertGuardsUntouched();
            selected.assertGuardsUntouched();
        }
        return allocated;
    }
}
