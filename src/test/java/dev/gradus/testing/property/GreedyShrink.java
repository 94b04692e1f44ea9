package dev.gradus.testing.property;

import java.util.Iterator;

/**
 * Greedy shrinking: adopt the first candidate that still fails, ask the shrinker again, stop when
 * no candidate fails or the attempt budget is spent.
 */
final class GreedyShrink {

    /** The simplest failing value found, its failure, the candidates adopted and those tried. */
    record Result<T>(T value, Throwable failure, int steps, int attempts) {}

    private GreedyShrink() {}

    static <T> Result<T> shrink(T failing, Throwable failure, Shrinker<T> shrinker,
            Property.Check<? super T> body, int maxAttempts) {
        T value = failing;
        int steps = 0;
        int attempts = 0;
        boolean adopted = true;
        while (adopted && attempts < maxAttempts) {
            adopted = false;
            Iterator<T> candidates = shrinker.candidates(value).iterator();
            while (candidates.hasNext() && attempts < maxAttempts) {
                T candidate = candidates.next();
                attempts++;
                Throwable candidateFailure = failureOf(body, candidate);
                if (candidateFailure != null) {
                    value = candidate;
                    failure = candidateFailure;
                    steps++;
                    adopted = true;
                    break;
                }
            }
        }
        return new Result<>(value, failure, steps, attempts);
    }

    /**
     * Runs {@code body} on {@code value}: null if it passes, else what it threw. Errors of the
     * virtual machine itself (out of memory, stack overflow) are not failures of the case.
     */
    static <T> Throwable failureOf(Property.Check<? super T> body, T value) {
        try {
            body.accept(value);
            return null;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            return t;
        }
    }
}
