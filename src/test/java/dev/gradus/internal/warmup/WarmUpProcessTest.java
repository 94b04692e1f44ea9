package dev.gradus.internal.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * In a JVM of its own, the warm-up thread never keeps the JVM alive (it still runs when
 * {@code main} ends, and the JVM exits anyway) and writes nothing to standard output.
 */
class WarmUpProcessTest {

    @Test
    void theWarmUpThreadNeitherKeepsTheJvmAliveNorWritesToStandardOutput() throws IOException, InterruptedException {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "no vector kernels to warm");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(List.of(java, "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), ShortLivedMain.class.getName())).start();
        assertTrue(child.waitFor(2, TimeUnit.MINUTES), "the JVM did not exit");
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), err);
        assertEquals("done" + System.lineSeparator(), out);
        assertTrue(err.contains("warm-up alive at exit: true"), err);
    }
}
