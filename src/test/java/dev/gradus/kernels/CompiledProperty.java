package dev.gradus.kernels;

import dev.gradus.internal.ScalarKernels;
import dev.gradus.testing.CompiledWarmUp;
import dev.gradus.testing.Lanes;
import dev.gradus.testing.property.BitExact;
import dev.gradus.testing.property.Buffers;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.GuardedSegment;
import dev.gradus.testing.property.Property;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The property of {@link SelectedKernelsProperty} on the code C2 compiled. Before each case its
 * kernel runs on throwaway buffers of the case's shape until a step allocates nothing
 * ({@link Warmup}); then every step of the case must allocate nothing too, so the bits compared
 * are those of the compiled loop with the Vector API intrinsics, not those of the Java fallback
 * the interpreter runs. A case whose steps allocated (its loop was sent back to the interpreter in
 * between) is warmed and run again, up to {@value #ATTEMPTS} times. A case that stays on boxed
 * vectors is reported as generated, not shrunk.
 *
 * <p>Options, values, learning rates and step numbers vary as in the uncompiled property; the
 * kind of memory is one per JVM: a JVM that runs a rule on both kinds can leave its heap loops
 * boxed (docs/decisions/0010). The shape does not vary either: every case spans {@value #VECTORS}
 * whole vectors and a tail, one float past an aligned start, as the JDK's own vector tests repeat
 * one size. C2 compiles a loop's range checks for the trip counts it has seen, and a loop run on
 * ever new lengths and offsets kept being recompiled; lengths, offsets and splits are the
 * uncompiled properties' job, the arithmetic compared here is the same code.
 */
final class CompiledProperty {

    private static final int VECTORS = 64;
    private static final int ATTEMPTS = 3;
    private static final Duration WARMUP_LIMIT = Duration.ofSeconds(120);
    /** Cases with a special value among {@link KernelProperties#COMPILED_TRIES}. */
    private static final int SPECIAL_CASES = 3;

    private CompiledProperty() {
    }

    static Property.Report check(RuleFamily rule, StepForm form, int tries, Buffers.Kind memory) {
        int lanes = Lanes.ofSelectedKernels();
        Gen<StepCase> shapes = StepCase.generator(rule, Gen.constant(VECTORS * lanes + 3), Gen.constant(1));
        Gen<StepCase> cases = random -> shapes.next(random).inMemory(memory);
        // A loop left on boxed vectors fails whatever the values, and each shrink candidate would
        // wait out the warm-up limit again: once that happened, the failing case is reported unshrunk.
        AtomicBoolean boxed = new AtomicBoolean();
        return Property.forAll(rule.name() + ", " + form + ": compiled kernels == scalar kernels", cases)
                .tries(tries)
                .shrinkWith(StepCase.valueShrinker())
                .cover("special values", StepCase::hasSpecialValue,
                        SPECIAL_CASES, KernelProperties.COMPILED_TRIES)
                .check(c -> {
                    if (boxed.get()) {
                        return;
                    }
                    for (int attempt = 1; ; attempt++) {
                        try {
                            Warmup.untilCompiled(c, form, WARMUP_LIMIT);
                        } catch (AssertionError e) {
                            boxed.set(true);
                            throw e;
                        }
                        long allocated = compareSteps(c, form);
                        if (allocated == 0) {
                            return;
                        }
                        if (attempt == ATTEMPTS) {
                            boxed.set(true);
                            throw new AssertionError("in each of " + ATTEMPTS + " attempts a step allocated (last "
                                    + allocated + " bytes): the vector loop ran uncompiled or on boxed vectors");
                        }
                    }
                });
    }

    /**
     * Steps the case through the public API and through the scalar kernels in {@code form},
     * asserting the same bits after every step.
     *
     * @return the bytes the first allocating step of the public API allocated, or 0 if none did
     */
    private static long compareSteps(StepCase c, StepForm form) {
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
                int step = s;
                long bytes = CompiledWarmUp.allocatedBy(() -> form.publicStep(selected, step, slice, selectedUpdateSlice));
                if (allocated == 0) {
                    allocated = bytes;
                }
                String when = "after step " + (s + 1);
                switch (form) {
                    case UPDATE -> {
                        scalar.kernelUpdate(ScalarKernels.INSTANCE, s, slice, scalarUpdate.slice());
                        BitExact.assertSameBits("update " + when, scalarUpdate.toFloatArray(), selectedUpdateSlice);
                    }
                    case CLIPPED -> scalar.scaledKernelStep(ScalarKernels.INSTANCE, s, slice, StepForm.CLIP_VALUE,
                            StepForm.CLIP_SCALE);
                    case IN_PLACE -> scalar.kernelStep(ScalarKernels.INSTANCE, s, slice);
                }
                selected.assertSameBits(scalar, when);
            }
            selectedUpdate.assertGuardsUntouched();
            selected.assertGuardsUntouched();
        }
        return allocated;
    }
}
