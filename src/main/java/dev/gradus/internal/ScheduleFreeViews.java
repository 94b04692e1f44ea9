package dev.gradus.internal;

import dev.gradus.UpdateRule;
import java.lang.foreign.MemorySegment;

/** The argument checks of the schedule-free rules' whole-parameter steps and of their views. */
public final class ScheduleFreeViews {

    private ScheduleFreeViews() {
    }

    /**
     * Requires a schedule-free step on the whole parameter: {@code from == 0} and {@code to == n}.
     *
     * @param rule  a schedule-free rule
     * @param param the parameter
     * @param from  the range's first element
     * @param to    its end
     */
    public static void requireWhole(UpdateRule rule, MemorySegment param, long from, long to) {
        requireWhole(rule, SegmentChecks.requireFloats("param", param), from, to);
    }

    /** {@link #requireWhole(UpdateRule, MemorySegment, long, long)} for a parameter of {@code n} elements. */
    public static void requireWhole(UpdateRule rule, long n, long from, long to) {
        if (from != 0 || to != n) {
            throw new IllegalArgumentException(rule.getClass().getSimpleName() + " steps a whole parameter per call"
                    + " (it writes the step's averaging at the end), so the range must be [0, " + n + "), got ["
                    + from + ", " + to + ")");
        }
    }

    /**
     * Checks the buffers of a view: a schedule-free rule; {@code from} and {@code z} of the same
     * length; {@code out} writable, as long, {@code from} itself or apart from it, and apart from
     * {@code z}.
     *
     * @param rule     the rule
     * @param fromName the name of the view read ({@code "y"} or {@code "x"})
     * @param from     the view read
     * @param z        the rule's {@code z}
     * @param out      the buffer written
     * @return the number of floats
     */
    public static long requireView(UpdateRule rule, String fromName, MemorySegment from, MemorySegment z,
                                   MemorySegment out) {
        ArgumentChecks.requireNonNull("rule", rule);
        if (!ScheduleFreeAveraging.is(rule)) {
            throw new IllegalArgumentException("rule " + rule + " keeps no schedule-free views");
        }
        long n = SegmentChecks.requireFloats(fromName, from);
        requireLength("z", SegmentChecks.requireFloats("z", z), fromName, n);
        requireLength("out", SegmentChecks.requireWritableFloats("out", out), fromName, n);
        if (!out.equals(from)) {
            SegmentChecks.requireDisjoint("out", out, fromName, from);
        }
        SegmentChecks.requireDisjoint("out", out, "z", z);
        return n;
    }

    private static void requireLength(String name, long floats, String fromName, long n) {
        if (floats != n) {
            throw new IllegalArgumentException(name + " holds " + floats + " floats but " + fromName + " holds " + n);
        }
    }

    /**
     * Checks the buffer {@code Optimizer.evaluationWeights} writes: the parameter's rule is
     * schedule-free; {@code out} is writable, as long as the parameter, and shares no byte with
     * the values, gradient or state of any registered parameter.
     *
     * @param parameter  the parameter whose view is written
     * @param out        the buffer
     * @param parameters every registered parameter
     */
    public static void requireEvaluationTarget(RegisteredParameter parameter, MemorySegment out,
                                               Iterable<RegisteredParameter> parameters) {
        if (!ScheduleFreeAveraging.is(parameter.rule())) {
            throw new IllegalArgumentException("parameter " + parameter.name() + " is stepped by "
                    + parameter.rule() + ", which keeps no schedule-free views");
        }
        long floats = SegmentChecks.requireWritableFloats("out", out);
        if (floats != parameter.length()) {
            throw new IllegalArgumentException("out holds " + floats + " floats but parameter " + parameter.name()
                    + " holds " + parameter.length());
        }
        for (RegisteredParameter other : parameters) {
            requireApart(out, other, "values", other.values());
            requireApart(out, other, "gradient", other.gradient());
            for (int i = 0; i < other.rule().stateBuffers(); i++) {
                requireApart(out, other, other.rule().stateName(i), other.state(i));
            }
        }
    }

    private static void requireApart(MemorySegment out, RegisteredParameter other, String what,
                                     MemorySegment buffer) {
        if (out.asOverlappingSlice(buffer).isPresent()) {
            throw new IllegalArgumentException("out overlaps the " + what + " of parameter " + other.name()
                    + ", a buffer of the optimizer");
        }
    }
}
