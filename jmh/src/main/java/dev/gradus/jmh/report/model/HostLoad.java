package dev.gradus.jmh.report.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How busy the machine was around a run: the load averages (1, 5 and 15 minutes, from
 * {@code /proc/loadavg}) before and after it, the share of the CPU capacity other processes used
 * in the seconds just before it, and over the run the shares that other processes used and that
 * the hypervisor stole (see {@code dev.gradus.jmh.harness.CpuTimes}). Figures that are unknown
 * are NaN. The warnings go by the shares: a load average remembers the last minute, which before
 * a run includes the report's own build.
 *
 * @param loadBefore   the load averages before the run
 * @param loadAfter    the load averages after it
 * @param othersBefore the share of all CPUs other processes used just before the run, in {@code [0, 1]}
 * @param others       the share of all CPUs other processes used during the run, in {@code [0, 1]}
 * @param steal        the share the hypervisor stole, in {@code [0, 1]}
 * @param cores        the CPUs the shares are of
 */
public record HostLoad(List<Double> loadBefore, List<Double> loadAfter, double othersBefore, double others,
                       double steal, int cores) {

    /** A share of the CPUs above this taken by other processes means competition. */
    public static final double BUSY_OTHERS = 0.10;
    /** A share of the CPUs above this stolen by the hypervisor means competition. */
    public static final double BUSY_STEAL = 0.02;

    /** Nothing known, for a report rendered from a file. */
    public static final HostLoad UNKNOWN = new HostLoad(List.of(), List.of(), Double.NaN, Double.NaN, Double.NaN,
            0);

    /** The lists, copied. */
    public HostLoad {
        loadBefore = List.copyOf(loadBefore);
        loadAfter = List.copyOf(loadAfter);
    }

    /**
     * Warnings that other processes competed for the CPU during the run.
     *
     * @return one sentence per sign of competition, empty when there was none or nothing is known
     */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (othersBefore > BUSY_OTHERS) {
            warnings.add(String.format(Locale.ROOT, "other processes used %.0f%% of the CPU capacity just before "
                    + "the run", 100 * othersBefore));
        }
        if (others > BUSY_OTHERS) {
            warnings.add(String.format(Locale.ROOT, "other processes used %.0f%% of the CPU capacity during the run",
                    100 * others));
        }
        if (steal > BUSY_STEAL) {
            warnings.add(String.format(Locale.ROOT, "the hypervisor stole %.0f%% of the CPU time during the run",
                    100 * steal));
        }
        return warnings;
    }

    /**
     * The load in words, for the header.
     *
     * @return for example {@code "load average 0.12 0.30 0.41 before, 2.01 1.20 0.70 after (1, 5, 15 min);
     *         other processes used 0% of the CPUs just before the run, 3% during it, steal 0%"}, or
     *         {@code "not recorded"}
     */
    public String describe() {
        if (loadBefore.isEmpty() && Double.isNaN(others)) {
            return "not recorded";
        }
        return "load average " + averages(loadBefore) + " before, " + averages(loadAfter) + " after (1, 5, 15 min); "
                + String.format(Locale.ROOT, "other processes used %s of the CPUs just before the run, %s during "
                + "it, steal %s", percent(othersBefore), percent(others), percent(steal));
    }

    private static String averages(List<Double> load) {
        return load.isEmpty() ? "?" : String.join(" ", load.stream()
                .map(v -> String.format(Locale.ROOT, "%.2f", v)).toList());
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "?" : String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }
}
