package dev.gradus.customrule;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gradus.testkit.CustomRuleProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The test kit proves the example custom rule's vector step equal to its scalar step, with fixed
 * and generated hyperparameters. Tagged {@code kernels}: the forced-width executions run it at
 * every width, which the example's species follows.
 */
@Tag("kernels")
class CustomRulePropertiesTest {

    @BeforeAll
    static void vectorModule() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "the example's vector step needs --add-modules jdk.incubator.vector");
        assumeTrue(!"scalar".equals(System.getProperty("gradus.kernels")),
                "the example's vector step does not depend on Gradus' kernels: the run that forces them adds nothing");
    }

    @Test
    void vectorStepIsTheScalarStepBitForBit() {
        CustomRuleProperties.of(new MomentumSgd(0.9f, 1e-4f)).check();
    }

    @Test
    void vectorStepIsTheScalarStepForEveryHyperparameter() {
        CustomRuleProperties.of("MomentumSgd", new MomentumSgdRules()).check();
    }
}
