package dev.gradus.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gradus.Kernels;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Each Surefire execution states which kernels it must run on (system property
 * {@code gradus.test.expectKernels}): this test fails the execution when the provider picked
 * anything else, so a suite meant for the vector kernels can never pass on the scalar ones.
 */
@Tag("kernels")
@Tag("compiled")
class KernelSelectionTest {

    @Test
    void theExpectedKernelsAreSelected() {
        String expected = System.getProperty("gradus.test.expectKernels");
        assumeTrue(expected != null, "run outside the configured Surefire executions");
        String actual = Kernels.implementation();
        if (expected.equals("vector")) {
            assertTrue(actual.startsWith("vector-"), actual);
        } else {
            assertEquals(expected, actual);
        }
    }
}
