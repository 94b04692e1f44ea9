package dev.gradus.kernels;

import dev.gradus.Kernels;
import dev.gradus.testing.Lanes;
import dev.gradus.testing.PreferredWidth;
import dev.gradus.testing.property.Buffers;
import dev.gradus.testing.property.Property;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * The built-in bitwise properties of Gradus' kernels, callable from any test framework or a
 * {@code main}: for each rule, the kernels the library selected in this JVM (vector at the
 * preferred or forced width, chunked, or scalar) against the scalar kernels, which define the
 * bits. Every method throws an {@link AssertionError} naming the seed to replay
 * ({@code -Dgradus.property.seed}), the shrunk case and the first differing element.
 *
 * <p>The width is the JVM's: {@code -Dgradus.vector.bits=64|128|256|512} forces one,
 * {@code -Dgradus.kernels=scalar} the scalar kernels, and a JVM without
 * {@code --add-modules jdk.incubator.vector} runs the chunked kernels. Set
 * {@code -Dgradus.warmup=off} so that the vector kernels serve every call from the first.
 *
 * <pre>{@code
 * for (String rule : KernelProperties.rules()) {
 *     KernelProperties.selectedEqualsScalar(rule, 100);
 *     KernelProperties.rangeSplits(rule, 100);
 *     if (KernelProperties.compiledSkipReason() == null) {
 *         KernelProperties.compiledEqualsScalar(rule, StepForm.IN_PLACE, KernelProperties.COMPILED_TRIES,
 *                 Buffers.Kind.NATIVE);
 *     }
 * }
 * }</pre>
 *
 * <p>Coverage minima (tails, special values, unaligned offsets, heap and native memory) scale
 * with the tries: each is the share of the cases that the properties ask of their default tries.
 */
public final class KernelProperties {

    /** Cases per rule of the compiled in-place step: each new option set and kind of memory costs a compilation. */
    public static final int COMPILED_TRIES = 12;
    /** Cases per rule of the compiled update form and clipped step, which share the arithmetic checked in place. */
    public static final int COMPILED_OTHER_FORM_TRIES = 4;

    private KernelProperties() {
    }

    /** {@return the names of the rules the properties cover, each with generators of all its options} */
    public static List<String> rules() {
        return Rules.all().stream().map(RuleFamily::name).toList();
    }

    /**
     * The selected kernels produce the scalar kernels' bits in the parameter and every state buffer
     * after each of at least five steps, on element counts shaped around the selected lanes (empty,
     * shorter than a vector, whole vectors, tails, large), unaligned offsets, heap and native
     * memory, and values with NaN, infinities, signed zeros, subnormals and extremes; they write
     * nothing outside the slices and never the gradient.
     *
     * @param rule  one of {@link #rules()}
     * @param tries the cases
     * @return what was checked
     * @throws AssertionError if a case fails, or too few cases were of a kind that matters
     * @throws NoSuchElementException if there is no such rule
     */
    public static Property.Report selectedEqualsScalar(String rule, int tries) {
        return SelectedKernelsProperty.check(family(rule), tries);
    }

    /**
     * Stepping {@code [0, n)} range by range through the selected kernels, for any cut into ranges
     * (empty, inside a vector, across vector boundaries), gives the bits of one call over the
     * whole.
     *
     * @param rule  one of {@link #rules()}
     * @param tries the cases
     * @return what was checked
     * @throws AssertionError if a case fails, or too few cases were of a kind that matters
     * @throws NoSuchElementException if there is no such rule
     */
    public static Property.Report rangeSplits(String rule, int tries) {
        return RangeSplitProperty.check(family(rule), tries);
    }

    /**
     * {@return why {@link #compiledEqualsScalar} cannot run in this JVM, or {@code null} if it can}
     * It needs the vector kernels, at a width no wider than the CPU's preferred species (C2 does
     * not intrinsify wider ones).
     */
    public static String compiledSkipReason() {
        String implementation = Kernels.implementation();
        if (!implementation.startsWith("vector-")) {
            return "runs on the vector kernels only, not " + implementation;
        }
        int preferred = PreferredWidth.bits();
        if (Lanes.ofSelectedKernels() * Float.SIZE > preferred) {
            return implementation + " is wider than this CPU's preferred float species (FloatVector.SPECIES_PREFERRED, "
                    + preferred + " bits): C2 does not intrinsify it, so compiled code is not checked at this width";
        }
        return null;
    }

    /**
     * The property of {@link #selectedEqualsScalar} on the code C2 compiled with the Vector API
     * intrinsics: before each case the step runs on buffers of the case's shape until a step
     * allocates nothing, and every compared step must allocate nothing too. The shape is fixed
     * (64 vectors and a tail, one float past an aligned start) and so is the kind of memory, as C2
     * compiles for the shapes it has seen; hyperparameters, values, learning rates and step numbers
     * vary. Run it in a JVM started with {@code -Xbatch}, which compiles in the calling thread.
     *
     * @param rule   one of {@link #rules()}
     * @param form   in place, the update form, or clipped in place
     * @param tries  the cases
     * @param memory the kind of memory of every case; use one kind per JVM
     * @return what was checked
     * @throws AssertionError if a case fails, a step allocates (the loop is not intrinsified), or
     *                        too few cases had special values
     * @throws IllegalStateException if {@link #compiledSkipReason()} is not null
     * @throws NoSuchElementException if there is no such rule
     */
    public static Property.Report compiledEqualsScalar(String rule, StepForm form, int tries, Buffers.Kind memory) {
        String skip = compiledSkipReason();
        if (skip != null) {
            throw new IllegalStateException(skip);
        }
        return CompiledProperty.check(family(rule), form, tries, memory);
    }

    /**
     * {@return whether {@code rule} has the step {@code form}} Every rule steps in place and clipped;
     * the schedule-free rules have no update form.
     *
     * @param rule one of {@link #rules()}
     * @param form the form
     * @throws NoSuchElementException if there is no such rule
     */
    public static boolean hasForm(String rule, StepForm form) {
        return form != StepForm.UPDATE || !ScheduleFreeCases.is(family(rule).rules().next(new SplittableRandom(0)));
    }

    private static RuleFamily family(String rule) {
        return Rules.all().stream().filter(family -> family.name().equals(rule)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no rule " + rule + "; the rules are " + rules()));
    }
}
