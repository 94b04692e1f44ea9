package dev.gradus.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gradus.Kernels;
import dev.gradus.internal.KernelProvider;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Each Surefire execution states which kernels it must run on (system property
 * {@code gradus.test.expectKernels}): this test fails the execution when the provider picked
 * anything else, so a suite meant for the vector kernels can never pass on the scalar ones.
 * {@code vector} (the default run, with the warm-up) means that the calls switch to vector
 * kernels of the preferred width once warmed up; a name means that the calls run those kernels
 * from the first one ({@code vector-<bits>} with the warm-up off, {@code scalar} or
 * {@code chunked}).
 */
@Tag("kernels")
@Tag("compiled")
class KernelSelectionTest {

    @Test
    void theExpectedKernelsAreSelected() throws InterruptedException {
        String expected = System.getProperty("gradus.test.expectKernels");
        assumeTrue(expected != null, "run outside the configured Surefire executions");
        if (expected.equals("vector")) {
            String target = KernelProvider.vectorName(Duration.ofMinutes(1));
            assertNotNull(target, Kernels.implementation());
            assertTrue(target.startsWith("vector-"), target);
        } else {
            assertEquals(expected, Kernels.implementation());
        }
    }
}
