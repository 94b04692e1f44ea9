package dev.gradus.internal;

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

    /** Checks one state buffer: writable, as long as the parameter, sharing no byte with it or the gradient. */
    public static void requireState(String name, MemorySegment state, long n, MemorySegment param,
                                    MemorySegment gradient) {
        SegmentChecks.requireSameLength(name, SegmentChecks.requireWritableFloats(name, state), n);
        SegmentChecks.requireDisjoint(name, state, "param", param);
        SegmentChecks.requireDisjoint(name, state, "gradient", gradient);
    }
}
