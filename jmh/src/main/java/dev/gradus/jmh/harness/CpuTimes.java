package dev.gradus.jmh.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A snapshot of CPU time from Linux's {@code /proc}: the whole machine's time by state (the first,
 * aggregate {@code cpu} line of {@code /proc/stat}) and this process's own time
 * ({@code utime + stime + cutime + cstime} of {@code /proc/self/stat}, so children that were
 * waited for, such as JMH's benchmark forks, count as the process). All in clock ticks.
 *
 * <p>Between two snapshots, over {@code T} ticks of machine capacity (all CPUs together):
 * {@code steal share = steal / T} (time a hypervisor gave this machine's CPUs to another guest),
 * and {@code others' share = max(0, busy - own) / T}, where {@code busy} is the time spent neither
 * idle, waiting for I/O nor stolen: the CPU that processes other than this one used.
 *
 * @param total   ticks of all CPUs in every state
 * @param idle    ticks idle or waiting for I/O
 * @param steal   ticks stolen by the hypervisor
 * @param process ticks of this process and its waited-for children
 */
public record CpuTimes(long total, long idle, long steal, long process) {

    private static final Path STAT = Path.of("/proc/stat");
    private static final Path SELF = Path.of("/proc/self/stat");

    /**
     * The shares of machine capacity between two snapshots, each in {@code [0, 1]}, NaN when no
     * time passed.
     *
     * @param others what other processes used
     * @param steal  what the hypervisor took
     */
    public record Shares(double others, double steal) {
    }

    /**
     * Reads the snapshot now.
     *
     * @return the snapshot, empty where {@code /proc} is missing or unreadable
     */
    public static Optional<CpuTimes> sample() {
        try {
            return Optional.of(parse(Files.readString(STAT), Files.readString(SELF)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Parses the text of {@code /proc/stat} and {@code /proc/self/stat}.
     *
     * @param procStat the text of {@code /proc/stat}
     * @param selfStat the text of {@code /proc/self/stat}
     * @return the snapshot
     * @throws IllegalArgumentException when either text lacks its fields
     */
    public static CpuTimes parse(String procStat, String selfStat) {
        String cpu = procStat.lines().filter(line -> line.startsWith("cpu ")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no aggregate cpu line in /proc/stat"));
        String[] f = cpu.trim().split("\\s+");
        if (f.length < 5) {
            throw new IllegalArgumentException("short cpu line: " + cpu);
        }
        long total = 0;
        // user nice system idle iowait irq softirq steal; guest time is already counted in user.
        for (int i = 1; i < Math.min(f.length, 9); i++) {
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
        long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
        // The command name (field 2) is in parentheses and may hold spaces: count from after it.
        String[] s = selfStat.substring(selfStat.lastIndexOf(')') + 2).trim().split("\\s+");
        if (s.length < 15) {
            throw new IllegalArgumentException("short /proc/self/stat");
        }
        // Fields 14 to 17 (utime, stime, cutime, cstime) are 12 to 15 after the command name.
        long process = Long.parseLong(s[11]) + Long.parseLong(s[12]) + Long.parseLong(s[13]) + Long.parseLong(s[14]);
        return new CpuTimes(total, idle, steal, process);
    }

    /**
     * What other processes and the hypervisor took since an earlier snapshot.
     *
     * @param before the earlier snapshot
     * @return the shares of the machine's capacity in between
     */
    public Shares since(CpuTimes before) {
        double capacity = total - before.total;
        if (capacity <= 0) {
            return new Shares(Double.NaN, Double.NaN);
        }
        double stolen = steal - before.steal;
        double busy = capacity - (idle - before.idle) - stolen;
        double others = Math.max(0, busy - (process - before.process));
        return new Shares(Math.min(1, others / capacity), Math.min(1, stolen / capacity));
    }
}
