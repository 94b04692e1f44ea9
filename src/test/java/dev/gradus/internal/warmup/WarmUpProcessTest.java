package dev.gradus.internal.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gradus.testing.ChildExit;
import dev.gradus.testing.ChildJvm;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The warm-up in JVMs of its own: it never keeps the JVM alive (it still runs when {@code main}
 * ends, and the JVM exits anyway) and writes nothing to standard output; and on a JVM whose JIT has
 * seen nothing else, it switches the simple families to vector kernels that run compiled.
 */
class WarmUpProcessTest {

    @Test
    void theWarmUpThreadNeitherKeepsTheJvmAliveNorWritesToStandardOutput() throws IOException, InterruptedException {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "no vector kernels to warm");
        ChildExit child = ChildJvm.of(ShortLivedMain.class).withJvmOptions("--add-modules", "jdk.incubator.vector")
                .run(Duration.ofSeconds(120));
        assertEquals(0, child.exitCode(), child.report());
        assertEquals("done" + System.lineSeparator(), child.stdout());
        assertTrue(child.stderr().contains("warm-up alive at exit: true"), child.stderr());
    }

    @Test
    void simpleFamiliesSwitchToVectorKernelsThatRunCompiled() throws IOException, InterruptedException {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "no vector kernels to warm");
        ChildExit child = ChildJvm.of(WarmUpIntegrationMain.class)
                .withJvmOptions("--add-modules", "jdk.incubator.vector", "--add-modules", "jdk.management")
                .run(Duration.ofSeconds(330));
        assertEquals(0, child.exitCode(), child.report());
        assertEquals("switched" + System.lineSeparator(), child.stdout(), child.stderr());
    }
}
