package dev.gradus.testing.runs;

import dev.gradus.testing.PreferredWidth;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips the tests of a forced-width Surefire execution ({@code vector-64} to {@code vector-512})
 * whose width is the CPU's preferred one: there the forced species is the species the default
 * execution selects, so the default execution has already run the same kernels on more cases.
 * Registered by extension autodetection, which only those executions turn on (pom.xml); every
 * other width runs.
 */
public final class ForcedPreferredWidth implements ExecutionCondition {

    /** The forced width's system property, as the library reads it. */
    static final String FORCED_BITS_PROPERTY = "gradus.vector.bits";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Integer forced = Integer.getInteger(FORCED_BITS_PROPERTY);
        if (forced != null && forced == PreferredWidth.bits()) {
            return ConditionEvaluationResult.disabled("vector-" + forced
                    + " is this CPU's preferred width: the default execution runs these kernels");
        }
        return ConditionEvaluationResult.enabled("vector-" + forced + " is not this CPU's preferred width");
    }
}
