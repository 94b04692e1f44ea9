package dev.gradus.internal.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gradus.internal.ChunkedKernels;
import dev.gradus.internal.KernelProvider;
import dev.gradus.internal.KernelSet;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The real warm-up, on a staging of its own, with the vector kernels of this JVM: after one call
 * of each of the simple families on native memory, their vector kernels get compiled and the calls
 * switch, and once switched a call from this test's (interpreted) method allocates nothing, which
 * only compiled Vector API code does.
 */
class WarmUpIntegrationTest {

    private static final Set<KernelFamily> SIMPLE = EnumSet.of(KernelFamily.SGD, KernelFamily.EWMA,
            KernelFamily.NON_FINITE_SCAN);

    @Test
    void simpleFamiliesSwitchToVectorKernelsThatRunCompiled() throws InterruptedException {
        KernelSet vector;
        try {
            vector = KernelProvider.loadVectorKernels();
        } catch (UnsupportedOperationException e) {
            assumeTrue(false, "no vector kernels here: " + e.getMessage());
            return;
        }
        Staging staging = Staging.warming(ChunkedKernels.INSTANCE, KernelProvider::loadVectorKernels);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment param = arena.allocate(4096 * Float.BYTES, 64);
            MemorySegment gradient = arena.allocate(4096 * Float.BYTES, 64);
            staging.current().sgd(param, gradient, 0, 0, 1e-3f, 0f, false);
            staging.current().ewma(param, gradient, 0, 0, 0.9f, 0.1f);
            staging.current().firstNonFinite(gradient, 0, 0);
            assertTrue(staging.awaitSettled(Duration.ofMinutes(5)), staging.current().name());
            for (KernelFamily family : SIMPLE) {
                assertEquals(Signature.bit(0), staging.warmSignatures(family), family + ": " + staging.current().name());
            }
            assertEquals("chunked, " + vector.name() + " for sgd, ewma, firstNonFinite", staging.current().name());
            KernelSet kernels = staging.current();
            kernels.sgd(param, gradient, 0, 4096, 1e-3f, 0f, false);
            long before = threads.getCurrentThreadAllocatedBytes();
            kernels.sgd(param, gradient, 0, 4096, 1e-3f, 0f, false);
            kernels.ewma(param, gradient, 1, 4095, 0.9f, 0.1f);
            long found = kernels.firstNonFinite(gradient, 0, 4096);
            assertEquals(0, threads.getCurrentThreadAllocatedBytes() - before, "bytes allocated by compiled kernels");
            assertEquals(-1, found);
        }
    }
}
