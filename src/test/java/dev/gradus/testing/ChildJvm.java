package dev.gradus.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A class's {@code main} to run in a fresh JVM with this JVM's {@code java} and class path: for
 * checks whose outcome depends on what the JIT has seen, which a test JVM shared with other tests
 * spoils, or on the state of a whole JVM (threads, native memory). Immutable: each {@code with}
 * method returns a copy, so a test can keep a base and add what varies per run.
 *
 * @param mainClass   the class whose {@code main} runs
 * @param jvmOptions  options before the class name, for example {@code --add-modules}
 * @param arguments   the arguments of {@code main}
 * @param mergeStderr whether standard error goes into {@link ChildExit#stdout()}, interleaved as written
 */
public record ChildJvm(Class<?> mainClass, List<String> jvmOptions, List<String> arguments, boolean mergeStderr) {

    /**
     * Copies the lists.
     *
     * @param mainClass   the class whose {@code main} runs
     * @param jvmOptions  options before the class name
     * @param arguments   the arguments of {@code main}
     * @param mergeStderr whether standard error goes into standard output
     */
    public ChildJvm {
        Objects.requireNonNull(mainClass, "mainClass");
        jvmOptions = List.copyOf(jvmOptions);
        arguments = List.copyOf(arguments);
    }

    /**
     * {@code main} of {@code mainClass} with no options or arguments, standard error kept apart.
     *
     * @param mainClass the class whose {@code main} runs
     * @return the child to run
     */
    public static ChildJvm of(Class<?> mainClass) {
        return new ChildJvm(mainClass, List.of(), List.of(), false);
    }

    /**
     * This child with {@code options} after its JVM options.
     *
     * @param options JVM options, for example {@code -Xmx256m}
     * @return the child to run
     */
    public ChildJvm withJvmOptions(String... options) {
        return new ChildJvm(mainClass, concat(jvmOptions, options), arguments, mergeStderr);
    }

    /**
     * This child with {@code more} after its arguments of {@code main}.
     *
     * @param more arguments of {@code main}
     * @return the child to run
     */
    public ChildJvm withArguments(String... more) {
        return new ChildJvm(mainClass, jvmOptions, concat(arguments, more), mergeStderr);
    }

    /**
     * This child with standard error merged into standard output.
     *
     * @return the child to run
     */
    public ChildJvm withMergedStderr() {
        return new ChildJvm(mainClass, jvmOptions, arguments, true);
    }

    /**
     * Starts the child, reads all it writes and waits for it to end; kills it if it has not ended
     * within {@code timeout}, or if this thread is interrupted while waiting.
     *
     * @param timeout how long the child may run
     * @return how the child ended and what it wrote, up to its end or its kill
     * @throws IOException          if the child cannot start or its output cannot be read
     * @throws InterruptedException if interrupted while waiting (the child is killed)
     */
    public ChildExit run(Duration timeout) throws IOException, InterruptedException {
        Process child = new ProcessBuilder(command()).redirectErrorStream(mergeStderr).start();
        child.getOutputStream().close(); // the child reads nothing: its standard input ends at once
        Future<String> stdout = drain(child.getInputStream());
        Future<String> stderr = mergeStderr ? null : drain(child.getErrorStream());
        boolean ended = false;
        try {
            ended = child.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } finally {
            if (!ended) {
                child.destroyForcibly().waitFor();
            }
        }
        try {
            return new ChildExit(child.exitValue(), !ended, stdout.get(), stderr == null ? "" : stderr.get());
        } catch (ExecutionException e) {
            throw new IOException("reading the output of " + mainClass.getName(), e.getCause());
        }
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(arguments);
        return command;
    }

    /** Reads {@code in} to its end on a thread of its own, so that a full pipe never stalls the child. */
    private static Future<String> drain(InputStream in) {
        FutureTask<String> text = new FutureTask<>(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        });
        Thread.ofPlatform().daemon().name("child-jvm-output").start(text);
        return text;
    }

    private static List<String> concat(List<String> first, String[] then) {
        return Stream.concat(first.stream(), Stream.of(then)).toList();
    }
}
