package dev.gradus.testing;

/**
 * How a {@link ChildJvm} ended and what it wrote.
 *
 * @param exitCode the child's exit code; after a kill, whatever the kill left (137 on Linux)
 * @param timedOut whether the child was killed at its time limit
 * @param stdout   what it wrote on standard output (and on standard error, if merged)
 * @param stderr   what it wrote on standard error; empty if merged into {@code stdout}
 */
public record ChildExit(int exitCode, boolean timedOut, String stdout, String stderr) {

    /**
     * For failure messages: the exit code, whether the child was killed at its time limit, and all
     * it wrote.
     *
     * @return {@code exit <code>:} or {@code exit <code> (killed at the time limit):}, then the output
     */
    public String report() {
        return "exit " + exitCode + (timedOut ? " (killed at the time limit)" : "") + ":\n" + stdout + stderr;
    }
}
