package dev.gradus.jmh.harness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Which code the benchmark threads ran during the measurement iterations, counted from a flight
 * recording ({@link JitEvent}s): each execution sample taken inside a measurement window counts for
 * the code its top physical frame ran, the first frame from the top that is not inlined: C2 (tier
 * 4), C1 (tiers 1 to 3) or the interpreter, the tier from the compilations and deoptimizations
 * before the sample ({@link CodeTiers}). Samples in native code, or in code compiled before the
 * recording began, count as unknown. Also counted: the compilations that finished inside the
 * windows of methods of the running code (a sample's frames down to its top physical frame), and
 * the deoptimizations of the benchmark threads inside the windows.
 *
 * @param c2              samples in C2 code
 * @param c1              samples in C1 code
 * @param interpreted     samples in the interpreter
 * @param unknown         samples whose tier is unknown
 * @param compilations    compilations of the running code's methods during the measurement
 * @param deoptimizations deoptimizations of the benchmark threads during the measurement
 * @param topTrap         the most frequent of those deoptimizations, {@code Class.method: reason
 *                        xcount}, {@code null} without any
 */
public record JitTally(int c2, int c1, int interpreted, int unknown, int compilations, int deoptimizations,
                       String topTrap) {

    private static final Comparator<JitEvent> BY_TIME = new Comparator<>() {
        @Override
        public int compare(JitEvent a, JitEvent b) {
            return a.time().compareTo(b.time());
        }
    };

    /**
     * Counts a recording.
     *
     * @param events  the events of the recording, in any order
     * @param windows the measurement iterations
     * @return the tally
     */
    public static JitTally of(List<JitEvent> events, List<JitEvent.Window> windows) {
        // Plain loops and instanceof: this runs once in a fresh fork, where each lambda, stream and
        // pattern switch costs its bootstrap.
        List<JitEvent> ordered = new ArrayList<>(events);
        ordered.sort(BY_TIME);
        CodeTiers tiers = new CodeTiers();
        int[] counts = new int[4];
        Set<String> runningMethods = new HashSet<>();
        List<String> compiledInWindows = new ArrayList<>();
        Map<String, Integer> traps = new HashMap<>();
        for (JitEvent event : ordered) {
            boolean measuring = JitEvent.Window.anyContains(windows, event.time());
            if (event instanceof JitEvent.Compiled c) {
                tiers.install(c);
                if (measuring) {
                    compiledInWindows.add(c.method());
                }
            } else if (event instanceof JitEvent.Deoptimized d) {
                tiers.deoptimize(d);
                if (measuring && d.benchmarkThread()) {
                    String trap = shortName(d.method()) + ": " + d.reason();
                    traps.put(trap, traps.getOrDefault(trap, 0) + 1);
                }
            } else if (event instanceof JitEvent.Sampled s && measuring) {
                counts[tier(s, tiers)]++;
                for (JitEvent.Frame frame : s.frames()) {
                    runningMethods.add(frame.method());
                }
            }
        }
        int compilations = 0;
        for (String method : compiledInWindows) {
            compilations += runningMethods.contains(method) ? 1 : 0;
        }
        int deoptimizations = 0;
        String top = null;
        for (Map.Entry<String, Integer> trap : traps.entrySet()) {
            deoptimizations += trap.getValue();
            if (top == null || trap.getValue() > traps.get(top)) {
                top = trap.getKey();
            }
        }
        return new JitTally(counts[0], counts[1], counts[2], counts[3], compilations, deoptimizations,
                top == null ? null : top + " x" + traps.get(top));
    }

    /** {@code ScalarKernels.adam} for {@code dev.gradus.internal.ScalarKernels.adam(...)V}. */
    static String shortName(String method) {
        int parameters = method.indexOf('(');
        String name = parameters < 0 ? method : method.substring(0, parameters);
        int dot = name.lastIndexOf('.');
        return name.substring(name.lastIndexOf('.', dot - 1) + 1);
    }

    /** 0 C2, 1 C1, 2 interpreted, 3 unknown. */
    private static int tier(JitEvent.Sampled sample, CodeTiers tiers) {
        for (JitEvent.Frame frame : sample.frames()) {
            switch (frame.kind()) {
                case INLINED -> {
                    continue;
                }
                case INTERPRETED -> {
                    return 2;
                }
                case NATIVE -> {
                    return 3;
                }
                case COMPILED -> {
                    OptionalInt level = tiers.level(frame.method());
                    return level.isEmpty() ? 3 : level.getAsInt() == 4 ? 0 : 1;
                }
            }
        }
        return 3;
    }

    /**
     * The samples whose tier is known.
     *
     * @return C2, C1 and interpreted samples together
     */
    public int known() {
        return c2 + c1 + interpreted;
    }

    /**
     * The share of the known samples in C2 code.
     *
     * @return percent, NaN without known samples
     */
    public double c2Percent() {
        return percent(c2);
    }

    /**
     * The share of the known samples in the interpreter.
     *
     * @return percent, NaN without known samples
     */
    public double interpretedPercent() {
        return percent(interpreted);
    }

    /**
     * The tally in words, for the fork's output.
     *
     * @return for example {@code "C2 98%, C1 2%, interpreted 0% of 172 samples (3 unknown); 1 compilation,
     *         0 deoptimizations during the measurement"}
     */
    public String describe() {
        return String.format(Locale.ROOT, "C2 %.0f%%, C1 %.0f%%, interpreted %.0f%% of %d samples (%d unknown); "
                        + "%d compilations, %d deoptimizations during the measurement%s", c2Percent(), percent(c1),
                interpretedPercent(), known(), unknown, compilations, deoptimizations,
                topTrap == null ? "" : ", most often " + topTrap);
    }

    private double percent(int count) {
        return known() == 0 ? Double.NaN : 100.0 * count / known();
    }
}
