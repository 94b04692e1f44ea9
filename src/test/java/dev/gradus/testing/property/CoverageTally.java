package dev.gradus.testing.property;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Counts, over the tries of one check, the generated cases that satisfy each requirement. */
final class CoverageTally<T> {

    /** At least {@code minimum} generated cases must satisfy {@code predicate}. */
    record Requirement<T>(String label, Predicate<? super T> predicate, int minimum) {}

    private final List<Requirement<T>> requirements;
    private final int[] counts;

    CoverageTally(List<Requirement<T>> requirements) {
        this.requirements = List.copyOf(requirements);
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
            if (counts[i] < requirements.get(i).minimum()) {
                return false;
            }
        }
        return true;
    }

    /** One line per requirement: label, count, minimum, and a marker where it fell short. */
    String describe() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < counts.length; i++) {
            Requirement<T> requirement = requirements.get(i);
            text.append("\n  ").append(requirement.label()).append(": ").append(counts[i])
                    .append(" (minimum ").append(requirement.minimum()).append(')')
                    .append(counts[i] < requirement.minimum() ? "  <-- too few" : "");
        }
        return text.toString();
    }
}
