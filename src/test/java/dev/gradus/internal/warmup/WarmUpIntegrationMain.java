package dev.gradus.internal.warmup;

import dev.gradus.internal.ChunkedKernels;
import dev.gradus.internal.KernelProvider;
import dev.gradus.internal.KernelSet;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * The child JVM of {@link WarmUpProcessTest}: the real warm-up, on a staging of its own, with the
 * vector kernels of this JVM. After one call of each of the simple families on native memory, their
 * vector kernels get compiled and the calls switch, and once switched a call from this (interpreted)
 * method allocates nothing, which only compiled Vector API code does. Prints {@code switched}, or
 * exits with status 1 and says why on standard error.
 */
final class WarmUpIntegrationMain {

    private static final Set<KernelFamily> SIMPLE = EnumSet.of(KernelFamily.SGD, KernelFamily.EWMA,
            KernelFamily.NON_FINITE_SCAN);

    private WarmUpIntegrationMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        KernelSet vector = KernelProvider.loadVectorKernels();
        Staging staging = Staging.warming(ChunkedKernels.INSTANCE, KernelProvider::loadVectorKernels);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment param = arena.allocate(4096 * Float.BYTES, 64);
            MemorySegment gradient = arena.allocate(4096 * Float.BYTES, 64);
            staging.current().sgd(param, null, gradient, 0, 0, 1e-3f, Float.POSITIVE_INFINITY, 1f, 0f, false);
            staging.current().ewma(param, gradient, 0, 0, 0.9f, 0.1f);
            staging.current().firstNonFinite(gradient, 0, 0);
            check(staging.awaitSettled(Duration.ofMinutes(5)), "not settled: " + staging.current().name());
            for (KernelFamily family : SIMPLE) {
                check(staging.warmSignatures(family) == Signature.bit(0), family + ": " + staging.current().name());
            }
            String expected = "chunked, " + vector.name() + " for sgd, ewma, firstNonFinite";
            check(expected.equals(staging.current().name()), staging.current().name());
            KernelSet kernels = staging.current();
            kernels.sgd(param, null, gradient, 0, 4096, 1e-3f, Float.POSITIVE_INFINITY, 1f, 0f, false);
            long before = threads.getCurrentThreadAllocatedBytes();
            kernels.sgd(param, null, gradient, 0, 4096, 1e-3f, Float.POSITIVE_INFINITY, 1f, 0f, false);
            kernels.ewma(param, gradient, 1, 4095, 0.9f, 0.1f);
            long found = kernels.firstNonFinite(gradient, 0, 4096);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            check(allocated == 0, allocated + " bytes allocated by compiled kernels");
            check(found == -1, "found " + found);
        }
        System.out.println("switched");
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            System.err.println(failure);
            System.exit(1);
        }
    }
}
