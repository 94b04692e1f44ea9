package dev.gradus.internal;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelProviderTest {

    @Test
    void theVectorKernelsServeOnAServerVmWithTheModule() {
        assertNull(KernelProvider.vectorUnavailableReason(true, "mixed mode, sharing"));
    }

    @Test
    void aMissingModuleIsExplainedWithTheFlagThatAddsIt() {
        String reason = KernelProvider.vectorUnavailableReason(false, "mixed mode, sharing");
        assertTrue(reason.contains("--add-modules jdk.incubator.vector"), reason);
    }

    @Test
    void anInterpreterOnlyVmFallsBackToScalar() {
        String reason = KernelProvider.vectorUnavailableReason(true, "interpreted mode, sharing");
        assertTrue(reason.contains("JIT compiler is off"), reason);
    }

    @Test
    void aVmWithoutC2FallsBackToScalar() {
        String reason = KernelProvider.vectorUnavailableReason(true, "mixed mode, emulated-client, sharing");
        assertTrue(reason.contains("TieredStopAtLevel"), reason);
    }
}
