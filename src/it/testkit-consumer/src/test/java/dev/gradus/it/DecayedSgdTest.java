package dev.gradus.it;

import dev.gradus.testkit.CustomRuleProperties;
import org.junit.jupiter.api.Test;

/** The README's example: a custom rule proven vector == scalar with the test kit. */
class DecayedSgdTest {

    @Test
    void vectorStepIsTheScalarStepBitForBit() {
        CustomRuleProperties.of(new DecayedSgd(1e-4f)).check();
    }

    @Test
    void compiledVectorStepIsTheScalarStepBitForBit() {
        CustomRuleProperties.of(new DecayedSgd(1e-4f)).checkCompiled();
    }
}
