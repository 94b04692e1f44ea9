package dev.gradus.jmh.report;

import dev.gradus.jmh.harness.CpuTimes;
import dev.gradus.jmh.report.model.HostLoad;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Samples how busy the machine is before and after a run: the load averages of
 * {@code /proc/loadavg} and the CPU times of {@link CpuTimes} (this process counts its finished
 * benchmark forks as its own), giving a {@link HostLoad}.
 */
final class LoadProbe {

    private static final Path LOADAVG = Path.of("/proc/loadavg");

    private final List<Double> loadBefore;
    private final Optional<CpuTimes> timesBefore;

    private LoadProbe(List<Double> loadBefore, Optional<CpuTimes> timesBefore) {
        this.loadBefore = loadBefore;
        this.timesBefore = timesBefore;
    }

    /** Samples the machine before a run. */
    static LoadProbe start() {
        return new LoadProbe(loadAverages(), CpuTimes.sample());
    }

    /** Samples the machine after the run and returns the load around it. */
    HostLoad finish() {
        Optional<CpuTimes> after = CpuTimes.sample();
        CpuTimes.Shares shares = timesBefore.isPresent() && after.isPresent()
                ? after.get().since(timesBefore.get()) : new CpuTimes.Shares(Double.NaN, Double.NaN);
        return new HostLoad(loadBefore, loadAverages(), shares.others(), shares.steal(),
                Runtime.getRuntime().availableProcessors());
    }

    /** The 1, 5 and 15 minute load averages, empty where unknown. */
    static List<Double> loadAverages() {
        try {
            return parseLoadAverages(Files.readString(LOADAVG));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** The first three numbers of the text of {@code /proc/loadavg}. */
    static List<Double> parseLoadAverages(String loadavg) {
        return Arrays.stream(loadavg.strip().split("\\s+")).limit(3).map(Double::valueOf).toList();
    }
}
