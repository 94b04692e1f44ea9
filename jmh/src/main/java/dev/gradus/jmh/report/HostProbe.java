package dev.gradus.jmh.report;

import dev.gradus.Kernels;
import dev.gradus.jmh.report.model.HostLoad;
import dev.gradus.jmh.report.model.JmhResult;
import dev.gradus.jmh.report.model.ReportHeader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;

/**
 * The report's header from the machine ({@link CpuProbe}), the JVM and the sources: the report
 * JVM's options, and the git commit of the working directory. Each answer falls back to
 * {@code "unknown"} where its source is missing.
 */
final class HostProbe {

    private HostProbe() {
    }

    /**
     * The header of a report on {@code results}, run with the plan {@code planName} from
     * {@code date} while the machine was as busy as {@code load}.
     */
    static ReportHeader header(String planName, List<JmhResult> results, ZonedDateTime date, String commit,
                               HostLoad load, List<String> notes) {
        LinkedHashSet<String> forkFlags = new LinkedHashSet<>();
        LinkedHashSet<String> settings = new LinkedHashSet<>();
        for (JmhResult result : results) {
            forkFlags.add(String.join(" ", result.jvmArgs()));
            settings.add(result.settings());
        }
        List<String> allNotes = new ArrayList<>(notes);
        load.warnings().forEach(warning -> allNotes.add("**Warning**: " + warning
                + ". Other work on the machine slows the benchmarks and widens their errors."));
        return new ReportHeader(CpuProbe.probe(), Runtime.getRuntime().availableProcessors(), load,
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.name"),
                System.getProperty("java.vendor"), FloatVector.SPECIES_PREFERRED.toString(),
                Kernels.implementation(), List.copyOf(forkFlags), jvmFlags(),
                date.truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), commit,
                planName + "; JMH recorded: " + String.join("; ", settings), allNotes);
    }

    /**
     * The options of this JVM ({@code RuntimeMXBean.getInputArguments()}), or {@code unknown}.
     * Called reflectively: the benchmark sources are compiled into the module {@code dev.gradus},
     * which does not read {@code java.management}; the report runs on the class path, where the
     * module is present.
     */
    static List<String> jvmFlags() {
        try {
            Object runtime = Class.forName("java.lang.management.ManagementFactory")
                    .getMethod("getRuntimeMXBean").invoke(null);
            Object flags = Class.forName("java.lang.management.RuntimeMXBean")
                    .getMethod("getInputArguments").invoke(runtime);
            return ((List<?>) flags).stream().map(String::valueOf).toList();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return List.of("unknown");
        }
    }

    /**
     * The short hash of {@code HEAD} in {@code directory}, with {@code +dirty} when tracked files
     * have uncommitted changes (untracked files, such as the report's own output, do not count);
     * {@code unknown} outside a git checkout.
     */
    static String gitCommit(Path directory) {
        Optional<String> head = git(directory, "rev-parse", "--short", "HEAD").filter(out -> !out.isEmpty());
        if (head.isEmpty()) {
            return "unknown";
        }
        boolean clean = git(directory, "status", "--porcelain", "--untracked-files=no").map(String::isEmpty)
                .orElse(true);
        return head.get() + (clean ? "" : "+dirty");
    }

    private static Optional<String> git(Path directory, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("GIT_OPTIONAL_LOCKS", "0");
            Process git = builder.start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0) {
                return Optional.of(out);
            }
        } catch (IOException e) {
            // No git: unknown.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }
}
