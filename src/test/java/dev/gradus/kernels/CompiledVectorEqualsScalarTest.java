package dev.gradus.kernels;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gradus.compiled.CompiledMemory;
import dev.gradus.testing.property.Buffers;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kernel properties on the code C2 compiled ({@link KernelProperties#compiledEqualsScalar}), in
 * place, in the update form and clipped. This also checks that the kernels are intrinsified at the
 * width the run forces, up to the CPU's preferred width; wider ones are skipped, C2 does not
 * intrinsify them. The kind of memory is one per JVM ({@code gradus.test.compiledMemory}, native by
 * default): a JVM that runs a rule on both kinds can leave its heap loops boxed
 * (docs/decisions/0010). Tagged {@code compiled}: its Surefire executions compile in the test's
 * thread ({@code -Xbatch}), see docs/decisions/0010.
 */
@Tag("compiled")
class CompiledVectorEqualsScalarTest {

    private static final Buffers.Kind MEMORY = CompiledMemory.kind();

    static List<String> rules() {
        return KernelProperties.rules();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void compiledKernelsMatchTheScalarKernelsBitForBit(String rule) {
        check(rule, StepForm.IN_PLACE, KernelProperties.COMPILED_TRIES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void compiledUpdateFormMatchesTheScalarUpdateFormBitForBit(String rule) {
        check(rule, StepForm.UPDATE, KernelProperties.COMPILED_OTHER_FORM_TRIES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void compiledClippedStepMatchesTheScalarClippedStepBitForBit(String rule) {
        check(rule, StepForm.CLIPPED, KernelProperties.COMPILED_OTHER_FORM_TRIES);
    }

    private static void check(String rule, StepForm form, int tries) {
        String skip = KernelProperties.compiledSkipReason();
        assumeTrue(skip == null, skip);
        assumeTrue(KernelProperties.hasForm(rule, form), rule + " has no " + form + " form");
        KernelProperties.compiledEqualsScalar(rule, form, tries, MEMORY);
    }
}
