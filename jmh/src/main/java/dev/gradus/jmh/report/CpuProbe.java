package dev.gradus.jmh.report;

import dev.gradus.jmh.report.model.CpuInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the report's header says about the processor, as {@code lscpu} finds it on Linux: the
 * model, vendor, family, model number and stepping, the clock and the FMA flag of the first
 * processor in {@code /proc/cpuinfo}, the largest clock of
 * {@code /sys/devices/system/cpu/cpu0/cpufreq}, and the cache sizes of
 * {@code /sys/devices/system/cpu/cpu0/cache/index*} (level, type, size, the CPUs sharing it).
 * Where the system does not expose per-level caches (some virtual machines), the {@code cache size}
 * line of {@code cpuinfo} stands in. Every answer falls back to {@code "unknown"}.
 */
final class CpuProbe {

    private static final Path CPUINFO = Path.of("/proc/cpuinfo");
    private static final Path CPU0 = Path.of("/sys/devices/system/cpu/cpu0");

    private CpuProbe() {
    }

    /** The processor of this machine. */
    static CpuInfo probe() {
        return probe(read(CPUINFO).orElse(List.of()), CPU0);
    }

    /** The processor described by {@code cpuinfo}'s lines and the sysfs directory {@code cpu0}. */
    static CpuInfo probe(List<String> cpuinfo, Path cpu0) {
        return new CpuInfo(model(cpuinfo), frequency(cpuinfo, cpu0), caches(cpuinfo, cpu0.resolve("cache")),
                fma(cpuinfo));
    }

    /** The model name, then vendor, family, model and stepping where known; {@code os.arch} without any. */
    static String model(List<String> cpuinfo) {
        String name = field(cpuinfo, "model name").orElse(System.getProperty("os.arch"));
        List<String> details = new ArrayList<>();
        field(cpuinfo, "vendor_id").ifPresent(details::add);
        field(cpuinfo, "cpu family").ifPresent(v -> details.add("family " + v));
        field(cpuinfo, "model").ifPresent(v -> details.add("model " + v));
        field(cpuinfo, "stepping").ifPresent(v -> details.add("stepping " + v));
        return details.isEmpty() ? name : name + " (" + String.join(", ", details) + ")";
    }

    /** The current clock of {@code cpuinfo} and the largest of cpufreq, where given. */
    static String frequency(List<String> cpuinfo, Path cpu0) {
        List<String> parts = new ArrayList<>();
        field(cpuinfo, "cpu MHz").ifPresent(mhz -> parts.add(
                String.format(Locale.ROOT, "%.0f MHz (cpuinfo)", Double.parseDouble(mhz))));
        readLine(cpu0.resolve("cpufreq/cpuinfo_max_freq")).ifPresent(khz -> parts.add(
                String.format(Locale.ROOT, "max %.0f MHz (cpufreq)", Long.parseLong(khz) / 1000.0)));
        return parts.isEmpty() ? "unknown" : String.join(", ", parts);
    }

    /**
     * The caches of sysfs by level and type, for example
     * {@code L1d 48K, L1i 32K, L2 1024K, L3 32768K shared by 0-15}; else {@code cpuinfo}'s one size.
     */
    static String caches(List<String> cpuinfo, Path cacheDirectory) {
        List<String> caches = new ArrayList<>();
        try (Stream<Path> indexes = Files.list(cacheDirectory)) {
            for (Path index : indexes.filter(p -> p.getFileName().toString().startsWith("index")).sorted().toList()) {
                Optional<String> level = readLine(index.resolve("level"));
                Optional<String> size = readLine(index.resolve("size"));
                if (level.isPresent() && size.isPresent()) {
                    String type = readLine(index.resolve("type")).orElse("");
                    String suffix = type.equals("Data") ? "d" : type.equals("Instruction") ? "i" : "";
                    String shared = readLine(index.resolve("shared_cpu_list")).filter(list -> list.matches(".*[-,].*"))
                            .map(list -> " shared by " + list).orElse("");
                    caches.add("L" + level.get() + suffix + " " + size.get() + shared);
                }
            }
        } catch (IOException | RuntimeException e) {
            // No sysfs caches: fall back to cpuinfo.
        }
        if (!caches.isEmpty()) {
            return String.join(", ", caches);
        }
        return field(cpuinfo, "cache size").map(size -> size + " (cpuinfo 'cache size'; the system exposes no "
                + "per-level caches)").orElse("unknown");
    }

    /** {@code yes} or {@code no} from the {@code flags} of the first processor, {@code unknown} without them. */
    static String fma(List<String> cpuinfo) {
        return field(cpuinfo, "flags")
                .map(flags -> Arrays.asList(flags.split("\\s+")).contains("fma") ? "yes" : "no")
                .orElse("unknown");
    }

    /** The value of the first line {@code name : value}, before the first blank line (the first processor). */
    private static Optional<String> field(List<String> cpuinfo, String name) {
        for (String line : cpuinfo) {
            if (line.isBlank()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals(name)) {
                return Optional.of(line.substring(colon + 1).strip());
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> read(Path file) {
        try {
            return Optional.of(Files.readAllLines(file));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> readLine(Path file) {
        return read(file).filter(lines -> !lines.isEmpty()).map(lines -> lines.getFirst().strip())
                .filter(line -> !line.isEmpty());
    }
}
