package dev.gradus.jmh;

import dev.gradus.Kernels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;

/**
 * The header of {@code report.md}: the machine, the JVM, the vector species and kernels, the
 * date, the commit and the run's settings. The JVM, species and kernels are those of the report's
 * JVM; the benchmark forks run the same {@code java} with the same module flag.
 */
final class ReportHeader {

    private ReportHeader() {
    }

    /** The header as Markdown, ending with an empty line. */
    static String markdown(ReportOptions options, ZonedDateTime date) {
        return "# Gradus throughput report\n\n"
                + "- CPU: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores visible\n"
                + "- JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version")
                + " (" + System.getProperty("java.vendor") + "), runtime " + Runtime.version() + "\n"
                + "- Preferred species: " + FloatVector.SPECIES_PREFERRED + "\n"
                + "- Kernels.implementation(): " + Kernels.implementation() + "\n"
                + "- Date: " + date.truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "\n"
                + "- Commit: " + gitCommit() + "\n"
                + "- Plan: " + options.plan().name().toLowerCase() + " (" + options.plan().describe()
                + "), GC profiler " + (options.gcProfiler() ? "on" : "off") + ", 1 thread\n"
                + "- Bytes per element (for GB/s): " + bytesPerElement() + "\n\n";
    }

    private static String bytesPerElement() {
        StringBuilder out = new StringBuilder();
        for (Rule rule : Rule.values()) {
            out.append(out.isEmpty() ? "" : ", ").append(rule.id()).append(' ').append(rule.bytesPerElement());
        }
        return out.toString();
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: fall through.
        }
        return System.getProperty("os.arch");
    }

    static String gitCommit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 && !out.isEmpty()) {
                return out;
            }
        } catch (IOException e) {
            // No git: fall through.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown";
    }
}
