package dev.gradus.jmh.report.model;

import java.util.Locale;

/**
 * Numbers with a unit scaled to three significant figures: bytes in decimal units ({@code 9.14 MB})
 * and durations from nanoseconds to seconds ({@code 31.2 us}).
 */
public final class Units {

    private static final String[] BYTES = {"B", "kB", "MB", "GB", "TB"};
    private static final String[] TIMES = {"ns", "us", "ms", "s"};

    private Units() {
    }

    /**
     * A byte count.
     *
     * @param bytes the count
     * @return for example {@code "512 B"}, {@code "9.14 MB"}; {@code "-"} when not finite
     */
    public static String bytes(double bytes) {
        return scaled(bytes, BYTES);
    }

    /**
     * A duration.
     *
     * @param nanos the duration in nanoseconds
     * @return for example {@code "812 ns"}, {@code "31.2 us"}, {@code "1.25 s"}; {@code "-"} when
     *         not finite
     */
    public static String nanos(double nanos) {
        return scaled(nanos, TIMES);
    }

    private static String scaled(double value, String[] units) {
        if (!Double.isFinite(value)) {
            return "-";
        }
        int unit = 0;
        double scaled = value;
        while (Math.abs(scaled) >= 999.5 && unit < units.length - 1) {
            scaled /= 1000;
            unit++;
        }
        String pattern = unit == 0 && scaled == Math.rint(scaled) ? "%.0f %s"
                : Math.abs(scaled) >= 99.95 ? "%.0f %s" : Math.abs(scaled) >= 9.995 ? "%.1f %s" : "%.2f %s";
        return String.format(Locale.ROOT, pattern, scaled, units[unit]);
    }
}
