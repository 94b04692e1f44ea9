package dev.gradus.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a {@link ChildJvm} passes to the child, and what it reports of its end and output. */
class ChildJvmTest {

    private static final String LINE = System.lineSeparator();
    private static final ChildJvm ECHO = ChildJvm.of(Echo.class).withJvmOptions("-Dchild.property=set");

    @Test
    void optionsAndArgumentsReachTheChildAndTheStreamsStayApart() throws IOException, InterruptedException {
        ChildExit child = ECHO.withArguments("3", "a").withArguments("b").run(Duration.ofSeconds(60));
        assertEquals(new ChildExit(3, false, "set [3, a, b]" + LINE, "to stderr" + LINE), child, child.report());
    }

    @Test
    void mergedStderrFollowsStdout() throws IOException, InterruptedException {
        ChildExit child = ECHO.withMergedStderr().withArguments("0").run(Duration.ofSeconds(60));
        assertEquals(new ChildExit(0, false, "set [0]" + LINE + "to stderr" + LINE, ""), child, child.report());
    }

    @Test
    void aChildPastItsTimeLimitIsKilledAndWhatItWroteIsKept() throws IOException, InterruptedException {
        ChildExit child = ECHO.withArguments("0", "hang").run(Duration.ofSeconds(5));
        assertTrue(child.timedOut(), child.report());
        assertNotEquals(0, child.exitCode(), child.report());
        assertEquals("set [0, hang]" + LINE, child.stdout(), child.report());
        assertTrue(child.report().startsWith("exit " + child.exitCode() + " (killed at the time limit):\n"), child.report());
    }

    @Test
    void theBaseIsNotChangedByItsCopies() {
        ECHO.withArguments("1").withMergedStderr();
        assertEquals(ChildJvm.of(Echo.class).withJvmOptions("-Dchild.property=set"), ECHO);
        assertFalse(ECHO.mergeStderr());
    }

    /**
     * Prints {@code child.property} and its arguments on standard output, then a line on standard
     * error; waits forever if the second argument is {@code hang}, else exits with the first.
     */
    static final class Echo {

        private Echo() {
        }

        public static void main(String[] args) throws InterruptedException {
            System.out.println(System.getProperty("child.property") + " " + List.of(args));
            System.out.flush();
            if (args.length > 1 && args[1].equals("hang")) {
                Thread.sleep(Long.MAX_VALUE);
            }
            System.err.println("to stderr");
            System.err.flush();
            System.exit(Integer.parseInt(args[0]));
        }
    }
}
