package dev.gradus.jmh.report;

import dev.gradus.jmh.harness.CpuTimes;
import dev.gradus.jmh.report.model.HostLoad;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    /** How long the machine is watched before a run for other processes' CPU use. */
    static final Duration WINDOW_BEFORE = Duration.ofSeconds(2);

    private final List<Double> loadBefore;
    private final double othersBefore;
    private final Optional<CpuTimes> timesBefore;

    private LoadProbe(List<Double> loadBefore, double othersBefore, Optional<CpuTimes> timesBefore) {
        this.loadBefore = loadBefore;
        this.othersBefore = othersBefore;
        this.timesBefore = timesBefore;
    }

    /**
     * Samples the machine before a run: the load averages, and the CPU time other processes use
     * over {@link #WINDOW_BEFORE}, which this call waits out.
     *
     * @throws InterruptedException if interrupted while it waits
     */
    static LoadProbe start() throws InterruptedException {
        List<Double> load = loadAverages();
        Optional<CpuTimes> first = CpuTimes.sample();
        Thread.sleep(WINDOW_BEFORE);
        Optional<CpuTimes> second = CpuTimes.sample();
        double others = first.isPresent() && second.isPresent() ? second.get().since(first.get()).others() : Double.NaN;
        return new LoadProbe(load, others, second);
    }

    /** The machine just before the run, for the warnings printed as it starts. */
    HostLoad before() {
        return new HostLoad(loadBefore, List.of(), othersBefore, Double.NaN, Double.NaN,
                Runtime.getRuntime().availableProcessors());
    }

    /** Samples the machine after the run and returns the load around it. */
    HostLoad finish() {
        Optional<CpuTimes> after = CpuTimes.sample();
        CpuTimes.Shares shares = timesBefore.isPresent() && after.isPresent()
                ? after.get().since(timesBefore.get()) : new CpuTimes.Shares(Double.NaN, Double.NaN);
        return new HostLoad(loadBefore, loadAverages(), othersBefore, shares.others(), shares.steal(),
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
