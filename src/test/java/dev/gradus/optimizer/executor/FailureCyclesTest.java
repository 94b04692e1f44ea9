package dev.gradus.optimizer.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.testing.ChildExit;
import dev.gradus.testing.ChildJvm;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * 10,000 optimizers built on a rejecting executor, each failing a step and closed, and 1,000
 * regions whose second thread cannot start leave no thread and no native memory behind: checked
 * in a child JVM under native memory tracking (see {@link FailureCycles}), with C1 only, which
 * halves its CPU time.
 */
@Timeout(180)
@DisabledIfSystemProperty(named = "gradus.test.expectKernels", matches = "chunked|scalar", disabledReason = ThreadTests.ONCE)
class FailureCyclesTest {

    private static final Pattern OTHER = Pattern.compile(
            "Other \\(reserved=\\d+KB(?: [+-]\\d+KB)?, committed=\\d+KB(?: ([+-]\\d+)KB)?\\)");
    private static final Pattern NATIVE_THREADS = Pattern.compile("\\(threads #\\d+(?: ([+-]\\d+))?\\)");
    private static final long OTHER_SLACK_KB = 1024;
    private static final int COMPILER_THREAD_SLACK = 2;

    @Test
    void failedStepsAndThreadStartsLeakNothing() throws IOException, InterruptedException {
        ChildExit child = ChildJvm.of(FailureCycles.class)
                .withJvmOptions("-XX:NativeMemoryTracking=summary", "-Xms128m", "-Xmx128m", "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1")
                .withArguments("10000", "1000").withMergedStderr().run(Duration.ofSeconds(120));
        String output = child.stdout();
        assertFalse(child.timedOut(), "the child JVM did not end\n" + output);
        assertEquals(0, child.exitCode(), output);
        long[] threads = counts(output, "threads");
        assertTrue(threads[1] <= threads[0], "live threads grew from " + threads[0] + " to " + threads[1] + "\n" + output);
        assertEquals(0, counts(output, "gradusThreads")[1], output);
        assertTrue(diff(OTHER, output) <= OTHER_SLACK_KB, "native memory (Other) grew\n" + output);
        assertTrue(diff(NATIVE_THREADS, output) <= COMPILER_THREAD_SLACK, "native threads grew\n" + output);
    }

    private static long[] counts(String output, String name) {
        Matcher line = Pattern.compile("(?m)^" + name + "=(\\d+) (\\d+)$").matcher(output);
        assertTrue(line.find(), "no " + name + " in\n" + output);
        return new long[] {Long.parseLong(line.group(1)), Long.parseLong(line.group(2))};
    }

    /** The difference a native memory tracking line shows, 0 if it shows none. */
    private static long diff(Pattern pattern, String output) {
        Matcher line = pattern.matcher(output);
        assertTrue(line.find(), "no " + pattern + " in\n" + output);
        return line.group(1) == null ? 0 : Long.parseLong(line.group(1));
    }
}
