package dev.gradus.jmh.report.chart;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Axis ticks and their labels: round steps (1, 2, 2.5 or 5 times a power of ten) from zero for a
 * linear axis, powers of two for the element-count axis, and element counts in binary units
 * ({@code 4K}, {@code 16M}).
 */
final class Ticks {

    private static final double[] STEPS = {1, 2, 2.5, 5, 10};

    private Ticks() {
    }

    /**
     * Ticks {@code 0, step, 2 step, ...} up to the first at or above {@code max}, about
     * {@code count} of them, with a round step; {@code 0, 1} when {@code max} is not positive.
     */
    static List<Double> upTo(double max, int count) {
        if (!(max > 0) || !Double.isFinite(max)) {
            return List.of(0.0, 1.0);
        }
        double raw = max / count;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double candidate : STEPS) {
            step = candidate * magnitude;
            if (step >= raw) {
                break;
            }
        }
        List<Double> ticks = new ArrayList<>();
        for (int i = 0; ; i++) {
            ticks.add(i * step);
            if (i * step >= max * (1 - 1e-9)) {
                return ticks;
            }
        }
    }

    /** A tick value without float noise or trailing zeros: {@code 0}, {@code 2.5}, {@code 0.02}, {@code 100}. */
    static String number(double value) {
        return new BigDecimal(String.format(Locale.ROOT, "%.6g", value))
                .stripTrailingZeros().toPlainString();
    }

    /**
     * The exponents of the powers of two to tick between {@code log2Low} and {@code log2High},
     * at most {@code max} of them, every {@code k}-th counted from {@code first}.
     */
    static List<Integer> powersOfTwo(double log2Low, double log2High, int first, int max) {
        int low = (int) Math.ceil(log2Low);
        int high = (int) Math.floor(log2High);
        int stride = Math.max(1, (int) Math.ceil((high - low + 1) / (double) max));
        List<Integer> exponents = new ArrayList<>();
        for (int e = low; e <= high; e++) {
            if (Math.floorMod(e - first, stride) == 0) {
                exponents.add(e);
            }
        }
        return exponents;
    }

    /** {@code 4096} as {@code 4K}, {@code 16777216} as {@code 16M}; other counts in full. */
    static String size(long n) {
        if (n >= 1 << 20 && n % (1 << 20) == 0) {
            return n / (1 << 20) + "M";
        }
        if (n >= 1 << 10 && n % (1 << 10) == 0) {
            return n / (1 << 10) + "K";
        }
        return Long.toString(n);
    }
}
