package dev.gradus.schedule;

import dev.gradus.internal.ArgumentChecks;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;

/**
 * PyTorch's {@code MultiStepLR}: the rate is multiplied by {@code gamma} after each milestone.
 *
 * <pre>
 *   a(n) = gamma^d(n) * a0,   d(n) = the number of milestones m with m &lt; n     n = 1, 2, ...
 * </pre>
 *
 * A milestone {@code m} is a number of completed units: with milestones 30 and 80, units 1 to 30
 * run at {@code a0}, 31 to 80 at {@code gamma * a0}, the rest at {@code gamma^2 * a0}. The power
 * is {@link StrictMath#pow}; {@code d(n)} is found by binary search.
 *
 * <p>Immutable and thread-safe.
 *
 * @param a0         the initial rate, {@code >= 0} and finite as a float (at most {@link Float#MAX_VALUE})
 * @param gamma      the factor of each drop, in {@code (0, 1]}
 * @param milestones the units after which the rate drops: strictly increasing, each {@code >= 1}
 *                   (empty: a constant rate); copied
 */
public record MultiStepDecay(double a0, double gamma, List<Long> milestones) implements Schedule {

    /**
     * Validates the parameters and copies the milestones.
     *
     * @throws IllegalArgumentException naming the parameter and its value if one is out of range
     * @throws NullPointerException     if {@code milestones} is or holds {@code null}
     */
    public MultiStepDecay {
        a0 = ArgumentChecks.requireNonNegative("a0", a0);
        ArgumentChecks.requireFactor("gamma", gamma);
        milestones = List.copyOf(ArgumentChecks.requireNonNull("milestones", milestones));
        long previous = 0;
        for (long milestone : milestones) {
            if (milestone <= previous) {
                throw new IllegalArgumentException(
                        "milestones must be strictly increasing and >= 1, got " + milestones);
            }
            previous = milestone;
        }
    }

    /**
     * {@link MultiStepDecay#MultiStepDecay(double, double, List)} with the milestones as arguments.
     *
     * @param a0         the initial rate, finite and {@code >= 0}
     * @param gamma      the factor of each drop, in {@code (0, 1]}
     * @param milestones the units after which the rate drops: strictly increasing, each
     *                   {@code >= 1} (none: a constant rate); copied
     * @throws IllegalArgumentException naming the parameter and its value if one is out of range
     * @throws NullPointerException     if {@code milestones} is {@code null}
     */
    public MultiStepDecay(double a0, double gamma, long... milestones) {
        this(a0, gamma, LongStream.of(milestones).boxed().toList());
    }

    @Override
    public double learningRate(long step) {
        ArgumentChecks.requireStep(step);
        int found = Collections.binarySearch(milestones, step - 1);
        int drops = found >= 0 ? found + 1 : -(found + 1);
        return StrictMath.pow(gamma, drops) * a0;
    }
}
