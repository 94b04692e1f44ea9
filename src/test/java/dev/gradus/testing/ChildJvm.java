package dev.gradus.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs a class's {@code main} in a fresh JVM with this JVM's {@code java} and class path: for checks
 * whose outcome depends on what the JIT has seen, which a test JVM shared with other tests spoils.
 *
 * @param exitCode the child's exit code, or -1 if it was killed after the time limit
 * @param stdout   what it wrote on standard output
 * @param stderr   what it wrote on standard error
 */
public record ChildJvm(int exitCode, String stdout, String stderr) {

    /**
     * Runs {@code main} of {@code mainClass} in a new JVM and waits for it.
     *
     * @param mainClass   the class whose {@code main} runs
     * @param timeoutSecs how long to wait before killing the child
     * @param jvmOptions  options before the class name, for example {@code --add-modules}
     * @return the child's exit code and output
     * @throws IOException          if the child cannot start
     * @throws InterruptedException if interrupted while waiting
     */
    public static ChildJvm run(Class<?> mainClass, long timeoutSecs, String... jvmOptions)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        Process child = new ProcessBuilder(command).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(child.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(child.getErrorStream()));
        boolean exited = child.waitFor(timeoutSecs, TimeUnit.SECONDS);
        if (!exited) {
            child.destroyForcibly().waitFor();
        }
        try {
            return new ChildJvm(exited ? child.exitValue() : -1, out.get(), err.get());
        } catch (ExecutionException e) {
            throw new IOException("reading the child's output", e.getCause());
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
