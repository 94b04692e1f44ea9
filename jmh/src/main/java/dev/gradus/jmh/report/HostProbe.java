package dev.gradus.jmh.report;

import dev.gradus.Kernels;
import dev.gradus.jmh.report.model.JmhResult;
import dev.gradus.jmh.report.model.ReportHeader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;

/**
 * What the report's header says about the machine, the JVM and the sources: the CPU model and
 * its FMA flag from {@code /proc/cpuinfo} (Linux), the report JVM's options, and the git commit
 * of the working directory. Each answer falls back to {@code "unknown"} where the source is
 * missing.
 */
final class HostProbe {

    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    private HostProbe() {
    }

    /** The CPU's model name, or {@code os.arch} when it is unknown. */
    static String cpuModel() {
        return cpuinfo().flatMap(HostProbe::cpuModel).orElse(System.getProperty("os.arch"));
    }

    /** The {@code model name} of the first processor in {@code cpuinfo}'s lines. */
    static Optional<String> cpuModel(List<String> cpuinfo) {
        return field(cpuinfo, "model name");
    }

    /** {@code yes} or {@code no} from the CPU flags, {@code unknown} without them. */
    static String fma() {
        return cpuinfo().map(HostProbe::fma).orElse("unknown");
    }

    /** Whether the {@code flags} of the first processor in {@code cpuinfo}'s lines name {@code fma}. */
    static String fma(List<String> cpuinfo) {
        return field(cpuinfo, "flags")
                .map(flags -> Arrays.asList(flags.split("\\s+")).contains("fma") ? "yes" : "no")
                .orElse("unknown");
    }

    private static Optional<String> field(List<String> cpuinfo, String name) {
        return cpuinfo.stream()
                .filter(line -> line.startsWith(name) && line.indexOf(':') > 0
                        && line.substring(0, line.indexOf(':')).strip().equals(name))
                .map(line -> line.substring(line.indexOf(':') + 1).strip())
                .findFirst();
    }

    private static Optional<List<String>> cpuinfo() {
        try {
            return Optional.of(Files.readAllLines(CPUINFO));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
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
     * The short hash of {@code HEAD}, with {@code +dirty} when {@code git status --porcelain}
     * lists changes; {@code unknown} outside a git checkout.
     */
    static String gitCommit() {
        Optional<String> head = git("rev-parse", "--short", "HEAD").filter(out -> !out.isEmpty());
        if (head.isEmpty()) {
            return "unknown";
        }
        return head.get() + (git("status", "--porcelain").map(String::isEmpty).orElse(true) ? "" : "+dirty");
    }

    private static Optional<String> git(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
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

    /** The header of a report on {@code results}, run with the plan {@code planName} from {@code date}. */
    static ReportHeader header(String planName, List<JmhResult> results, ZonedDateTime date, String commit,
                              List<String> notes) {
        LinkedHashSet<String> forkFlags = new LinkedHashSet<>();
        LinkedHashSet<String> settings = new LinkedHashSet<>();
        for (JmhResult result : results) {
            forkFlags.add(String.join(" ", result.jvmArgs()));
            settings.add(result.settings());
        }
        return new ReportHeader(cpuModel(), Runtime.getRuntime().availableProcessors(), fma(),
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.name"),
                System.getProperty("java.vendor"), FloatVector.SPECIES_PREFERRED.toString(),
                Kernels.implementation(), List.copyOf(forkFlags),
                jvmFlags(),
                date.truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), commit,
                planName + ": " + String.join("; ", settings), notes);
    }
}
