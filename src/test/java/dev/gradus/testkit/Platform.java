package dev.gradus.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A description of the machine for the self-test's header: the JVM, the operating system, the
 * CPU's model and its vector instruction sets as Linux lists them in {@code /proc/cpuinfo}.
 */
final class Platform {

    /** The vector instruction sets worth naming, as {@code /proc/cpuinfo} spells them (x86, Arm). */
    private static final List<String> VECTOR_FLAGS = List.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512vl",
            "avx512bw", "avx512dq", "avx10", "asimd", "sve", "sve2");

    private Platform() {
    }

    /** {@code Java <version> (<vendor> <VM>), <OS> <version> <arch>, <n> cores}. */
    static String jvmAndOs() {
        return "Java " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.vendor") + " "
                + System.getProperty("java.vm.name") + "), " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + " " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores";
    }

    /** The CPU's model and vector instruction sets, or what of them Linux does not tell. */
    static String cpu() {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
        } catch (IOException | RuntimeException e) {
            return "CPU: not described by this system (no /proc/cpuinfo)";
        }
        String model = value(lines, "model name");
        if (model == null) {
            model = "implementer " + value(lines, "CPU implementer") + ", part " + value(lines, "CPU part");
        }
        Set<String> flags = new TreeSet<>();
        String listed = value(lines, "flags") != null ? value(lines, "flags") : value(lines, "Features");
        if (listed != null) {
            for (String flag : listed.split("\\s+")) {
                if (VECTOR_FLAGS.contains(flag.toLowerCase(Locale.ROOT))) {
                    flags.add(flag);
                }
            }
        }
        return "CPU: " + model + "; vector instruction sets: " + (flags.isEmpty() ? "none listed" : String.join(" ", flags));
    }

    private static String value(List<String> lines, String key) {
        return lines.stream().filter(line -> line.startsWith(key) && line.contains(":"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElse(null);
    }
}
