package dev.gradus.testing.property;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Counts, over the tries of one check, the generated cases that satisfy each requirement. */
final class CoverageTally<T> {

    /**
     * At least {@code count} of every {@code per} generated cases must satisfy {@code predicate};
     * {@code per} 0 asks for {@code count} cases however many are tried.
     */
    record Requirement<T>(String label, Predicate<? super T> predicate, int count, int per) {

        /** The cases that must satisfy the predicate when {@code tries} are planned: at least 1, rounded up. */
        int minimum(int tries) {
            return per == 0 ? count : Math.max(1, (int) Math.ceil((double) count * tries / per));
        }
    }

    private final List<Requirement<T>> requirements;
    private final int[] minimums;
    private final int[] counts;

    /** A tally for a check that plans {@code tries} cases. */
    CoverageTally(List<Requirement<T>> requirements, int tries) {
        this.requirements = List.copyOf(requirements);
        this.minimums = this.requirements.stream().mapToInt(requirement -> requirement.minimum(tries)).toArray();
        this.counts = new int[requirements.size()];
    }

    void record(T value) {
        for (int i = 0; i < counts.length; i++) {
            if (requirements.get(i).predicate().test(value)) {
                counts[i]++;
            }
        }
    }

    /** Count per label, in the order the requirements were declared. */
    Map<String, Integer> counts() {
        Map<String, Integer> byLabel = new LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) {
            byLabel.put(requirements.get(i).label(), counts[i]);
        }
        return Collections.unmodifiableMap(byLabel);
    }

    boolean satisfied() {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < minimums[i]) {
                return false;
            }
        }
        return true;
    }

    /** One line per requirement: label, count, minimum, and a marker where it fell short. */
    String describe() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < counts.length; i++) {
            text.append("\n  ").append(requirements.get(i).label()).append(": ").append(counts[i])
                    .append(" (minimum ").append(minimums[i]).append(')')
                    .append(counts[i] < minimums[i] ? "  <-- too few" : "");
        }
        return text.toString();
    }
}
