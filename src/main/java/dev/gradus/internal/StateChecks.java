package dev.gradus.internal;

import dev.gradus.UpdateRule;
import java.lang.foreign.MemorySegment;

/** The buffer checks every rule shares: parameter, gradient and one state buffer at a time. */
public final class StateChecks {

    private StateChecks() {
    }

    /**
     * Checks the parameter and gradient buffers and the range.
     *
     * @return the number of elements of the parameter
     */
    public static long requireParamAndGradient(MemorySegment param, MemorySegment gradient, long from, long to) {
        long n = SegmentChecks.requireWritableFloats("param", param);
        SegmentChecks.requireSameLength("gradient", SegmentChecks.requireFloats("gradient", gradient), n);
        SegmentChecks.requireDisjoint("param", param, "gradient", gradient);
        SegmentChecks.requireRange(from, to, n);
        return n;
    }

    /**
     * Checks the state buffers of {@code rule}: the first {@link UpdateRule#stateBuffers()} of
     * {@code state0, state1, state2} must be given, writable, as long as the parameter and share
     * no byte with the parameter, the gradient or each other; the others must be null.
     */
    public static void requireStates(UpdateRule rule, long n, MemorySegment param, MemorySegment gradient,
                                     MemorySegment state0, MemorySegment state1, MemorySegment state2) {
        MemorySegment[] state = {state0, state1, state2};
        int kept = rule.stateBuffers();
        for (int i = 0; i < state.length; i++) {
            if (i >= kept) {
                if (state[i] != null) {
                    throw new IllegalArgumentException(describe(rule) + " keeps " + kept
                            + " state buffers, but a buffer was given in position " + (i + 1));
                }
                continue;
            }
            String name = rule.stateName(i);
            ArgumentChecks.requireNonNull(name, state[i]);
            SegmentChecks.requireSameLength(name, SegmentChecks.requireWritableFloats(name, state[i]), n);
            SegmentChecks.requireDisjoint(name, state[i], "param", param);
            SegmentChecks.requireDisjoint(name, state[i], "gradient", gradient);
            for (int j = 0; j < i; j++) {
                SegmentChecks.requireDisjoint(rule.stateName(j), state[j], name, state[i]);
            }
        }
    }

    private static String describe(UpdateRule rule) {
        return rule.getClass().getSimpleName();
    }
}
