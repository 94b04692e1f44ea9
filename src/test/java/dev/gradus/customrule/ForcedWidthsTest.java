package dev.gradus.customrule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gradus.testing.PreferredWidth;
import dev.gradus.testkit.ForcedWidths;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The test kit checks a custom rule at forced widths in child JVMs ({@code -Dgradus.vector.bits},
 * {@code -Xbatch}), generated and compiled, and reports a width whose vector step differs with the
 * child's failure. One width each and few cases: what is checked in each child is the other tests'
 * job, at every width.
 */
class ForcedWidthsTest {

    @BeforeAll
    static void vectorModule() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "the example's vector step needs --add-modules jdk.incubator.vector");
    }

    @Test
    void theExampleHasTheScalarBitsAtAForcedWidthInCompiledCode() {
        List<String> passed = ForcedWidths.of(MomentumSgdRules.class).widths(64).tries(40).compiledTries(2).check();
        assertEquals(1, passed.size(), passed::toString);
        assertTrue(passed.getFirst().matches("64-bit: generated \\d+ cases, compiled \\d+ cases"), passed::toString);
    }

    @Test
    void aWidthWhoseVectorStepDiffersFailsWithTheChildsReport() {
        int bits = Math.min(256, PreferredWidth.bits());
        AssertionError error = assertThrows(AssertionError.class,
                () -> ForcedWidths.of(MomentumSgdRules.Fused.class).widths(bits).tries(40).compiledTries(0).check());
        String message = error.getMessage();
        assertTrue(message.startsWith("dev.gradus.customrule.MomentumSgdRules$Fused: vectorStep != scalarStep at"
                + " forced widths\n\nAt " + bits + " bits (-Dgradus.vector.bits=" + bits + ", -Xbatch), exit 1:"), message);
        assertTrue(message.contains("Property 'MomentumSgdRules$Fused: vectorStep == scalarStep' failed on try "), message);
        assertTrue(message.contains("replay with -Dgradus.property.seed="), message);
        assertTrue(message.contains("elements differ, first at index"), message);
    }
}
