package dev.gradus.jmh.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gradus.jmh.report.model.CpuInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuProbeTest {

    private static final List<String> CPUINFO = List.of(
            "processor\t: 0",
            "vendor_id\t: AuthenticAMD",
            "cpu family\t: 26",
            "model\t\t: 2",
            "model name\t: AMD EPYC 9B45",
            "stepping\t: 1",
            "cpu MHz\t\t: 2096.011",
            "cache size\t: 1024 KB",
            "flags\t\t: fpu sse2 avx avx2 fma bmi2",
            "",
            "processor\t: 1",
            "model name\t: ignored, the first counts");

    @Test
    void readsModelVendorFamilyModelSteppingClockAndFmaOfTheFirstProcessor(@TempDir Path cpu0) {
        CpuInfo cpu = CpuProbe.probe(CPUINFO, cpu0);
        assertEquals("AMD EPYC 9B45 (AuthenticAMD, family 26, model 2, stepping 1)", cpu.model());
        assertEquals("2096 MHz (cpuinfo)", cpu.frequency());
        assertEquals("yes", cpu.fma());
    }

    @Test
    void readsEveryCacheLevelAndTheLargestClockFromSysfs(@TempDir Path cpu0) throws IOException {
        cache(cpu0, 0, "1", "Data", "48K", "0");
        cache(cpu0, 1, "1", "Instruction", "32K", "0");
        cache(cpu0, 2, "2", "Unified", "1024K", "0");
        cache(cpu0, 3, "3", "Unified", "32768K", "0-15");
        Files.createDirectories(cpu0.resolve("cpufreq"));
        Files.writeString(cpu0.resolve("cpufreq/cpuinfo_max_freq"), "3700000\n");
        CpuInfo cpu = CpuProbe.probe(CPUINFO, cpu0);
        assertEquals("L1d 48K, L1i 32K, L2 1024K, L3 32768K shared by 0-15", cpu.caches());
        assertEquals("2096 MHz (cpuinfo), max 3700 MHz (cpufreq)", cpu.frequency());
    }

    @Test
    void withoutSysfsCachesTheCpuinfoCacheSizeStandsIn(@TempDir Path cpu0) {
        assertEquals("1024 KB (cpuinfo 'cache size'; the system exposes no per-level caches)",
                CpuProbe.probe(CPUINFO, cpu0).caches());
    }

    @Test
    void whatIsMissingIsUnknown(@TempDir Path cpu0) {
        CpuInfo cpu = CpuProbe.probe(List.of("Features\t: neon"), cpu0);
        assertEquals(System.getProperty("os.arch"), cpu.model());
        assertEquals("unknown", cpu.frequency());
        assertEquals("unknown", cpu.caches());
        assertEquals("unknown", cpu.fma());
        assertEquals("no", CpuProbe.fma(List.of("flags\t: fpu fma4 avx")), "fma4 is not fma");
    }

    private static void cache(Path cpu0, int index, String level, String type, String size, String shared)
            throws IOException {
        Path dir = Files.createDirectories(cpu0.resolve("cache/index" + index));
        Files.writeString(dir.resolve("level"), level + "\n");
        Files.writeString(dir.resolve("type"), type + "\n");
        Files.writeString(dir.resolve("size"), size + "\n");
        Files.writeString(dir.resolve("shared_cpu_list"), shared + "\n");
    }
}
