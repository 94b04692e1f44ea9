package dev.gradus.customrule;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gradus.compiled.CompiledMemory;
import dev.gradus.customrule.FlawedMomentumSgd.Flaw;
import dev.gradus.testing.PreferredWidth;
import dev.gradus.testkit.CustomRuleProperties;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The test kit's compiled-code check: the example rule's vector step, compiled by C2 with the
 * intrinsics, has its scalar step's bits; a fused multiply-add is caught there too, and a vector
 * step that never stops allocating fails as not compiled. Tagged {@code compiled}: its executions
 * compile in the test's thread ({@code -Xbatch}) at the preferred and every forced width, which the
 * example's species follows; widths above the CPU's preferred one are skipped. The cases run in the
 * JVM's {@link CompiledMemory}, as the other compiled-code tests do.
 */
@Tag("compiled")
class CompiledCustomRuleTest {

    /** Made in each test, after the check for the vector module: the rule's class initializes its species. */
    private static MomentumSgd rule() {
        return new MomentumSgd(0.9f, 1e-4f);
    }

    @BeforeAll
    static void intrinsifiedWidth() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "the example's vector step needs --add-modules jdk.incubator.vector");
        assumeTrue(MomentumSgd.SPECIES.vectorBitSize() <= PreferredWidth.bits(),
                MomentumSgd.SPECIES + " is wider than this CPU's preferred species: C2 does not intrinsify it");
    }

    /** The flawed steps fail alike at every width: they are checked at the preferred width only. */
    private static void onceOnly() {
        assumeTrue(System.getProperty("gradus.vector.bits") == null, "checked at the preferred width");
    }

    @Test
    void compiledVectorStepIsTheScalarStepBitForBit() {
        CustomRuleProperties.of(rule()).memory(CompiledMemory.kind()).checkCompiled();
    }

    @Test
    void catchesAFusedMultiplyAddInCompiledCode() {
        onceOnly();
        AssertionError error = assertThrows(AssertionError.class,
                () -> CustomRuleProperties.of(new FlawedMomentumSgd(rule(), Flaw.FUSED_MULTIPLY_ADD)).tries(4)
                        .memory(CompiledMemory.kind())
                        .checkCompiled());
        assertTrue(error.getMessage().contains("compiled vectorStep (expected: scalarStep), step "), error::getMessage);
        assertTrue(error.getMessage().contains("elements differ, first at index"), error::getMessage);
    }

    @Test
    void aVectorStepThatKeepsAllocatingIsNotCompiled() {
        onceOnly();
        AssertionError error = assertThrows(AssertionError.class,
                () -> CustomRuleProperties.of(new FlawedMomentumSgd(rule(), Flaw.ALLOCATES)).tries(1)
                        .memory(CompiledMemory.kind())
                        .warmUpLimit(Duration.ofSeconds(2)).checkCompiled());
        assertTrue(error.getMessage().contains("still allocates"), error::getMessage);
        assertTrue(error.getMessage().contains("not compiled with the Vector API intrinsics"), error::getMessage);
    }
}
