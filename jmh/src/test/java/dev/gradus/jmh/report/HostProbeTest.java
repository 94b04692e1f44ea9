package dev.gradus.jmh.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostProbeTest {

    @Test
    void theDirtyFlagCountsChangedTrackedFilesButNotUntrackedOnes(@TempDir Path repo) throws Exception {
        assumeTrue(git(repo, "init", "-q") == 0, "git is not installed");
        Files.writeString(repo.resolve("tracked.txt"), "one\n");
        assertEquals(0, git(repo, "add", "tracked.txt"));
        assertEquals(0, git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "one"));
        String clean = HostProbe.gitCommit(repo);
        assertTrue(clean.matches("[0-9a-f]{7,}"), clean);

        Files.writeString(repo.resolve("report.md"), "untracked output\n");
        assertEquals(clean, HostProbe.gitCommit(repo), "an untracked file leaves the commit clean");

        Files.writeString(repo.resolve("tracked.txt"), "two\n");
        assertEquals(clean + "+dirty", HostProbe.gitCommit(repo));
    }

    @Test
    void outsideAGitCheckoutTheCommitIsUnknown(@TempDir Path directory) {
        assertEquals("unknown", HostProbe.gitCommit(directory));
    }

    private static int git(Path directory, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
