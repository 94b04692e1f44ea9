package dev.gradus.customrule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gradus.customrule.FlawedMomentumSgd.Flaw;
import dev.gradus.testing.property.Property;
import dev.gradus.testkit.CustomRuleProperties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The test kit catches vector steps that differ from their scalar step: a fused multiply-add, a
 * dropped tail, writes before the range. Each failure names the seed that replays it, the shrunk
 * case and the first differing element, and the seed regenerates the failing case as try 0.
 */
class CatchesWrongKernelsTest {

    /** Made in each test, after the check for the vector module: the rule's class initializes its species. */
    private static MomentumSgd rule() {
        return new MomentumSgd(0.9f, 1e-4f);
    }

    @BeforeAll
    static void vectorModuleAndNoReplaySeed() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "the example's vector step needs --add-modules jdk.incubator.vector");
        assumeTrue(System.getProperty(Property.SEED_PROPERTY) == null,
                "a replay seed would make every property here replay one case");
    }

    @Test
    void catchesAFusedMultiplyAdd() {
        String message = failure(Flaw.FUSED_MULTIPLY_ADD);
        assertTrue(message.matches("(?s).*Shrunk failure: java.lang.AssertionError: vectorStep \\(expected: scalarStep\\)"
                + ", step \\d+: (parameter|state 0 \\(velocity\\)): \\d+ of \\d+ elements differ, first at index \\d+:"
                + " expected \\S+ \\(0x\\p{XDigit}{8}\\) but was \\S+ \\(0x\\p{XDigit}{8}\\).*"), message);
    }

    @Test
    void catchesADroppedTail() {
        String message = failure(Flaw.DROPPED_TAIL);
        assertTrue(message.contains("elements differ, first at index"), message);
        int n = Integer.parseInt(field(message, "Shrunk case .*?, n=(\\d+),"));
        assertTrue(n < MomentumSgd.SPECIES.length(), "shrunk to fewer elements than a vector: " + message);
    }

    @Test
    void catchesWritesBeforeTheRange() {
        String message = failure(Flaw.STARTS_AT_ZERO);
        // Stepped from 0, the range [from, to) writes before from, and each piece after the first
        // steps again the elements of the pieces before it.
        assertTrue(message.matches("(?s).*Shrunk failure: java.lang.AssertionError: (vectorStep, step \\d+: "
                + "(parameter|state 0 \\(velocity\\)): element \\d+, outside the range \\[\\d+, \\d+\\), was written"
                + "|vectorStep in pieces \\[[0-9, ]+\\] \\(expected: scalarStep on the whole range\\)).*"), message);
    }

    @Test
    void theReportedSeedReplaysTheFailureAsTryZero() {
        String message = failure(Flaw.DROPPED_TAIL);
        long seed = Long.parseLong(field(message, "replay with -Dgradus.property.seed=(-?\\d+)"));
        AssertionError replay = assertThrows(AssertionError.class,
                () -> CustomRuleProperties.of(new FlawedMomentumSgd(rule(), Flaw.DROPPED_TAIL)).seed(seed).check());
        assertEquals("0", field(replay.getMessage(), "failed on try (\\d+) of"), replay.getMessage());
        assertEquals(field(message, "Original case: (.*)"), field(replay.getMessage(), "Original case: (.*)"));
    }

    @Test
    void theCorrectRulePassesWithTheSameSeeds() {
        long seed = Long.parseLong(field(failure(Flaw.FUSED_MULTIPLY_ADD), "seed=(-?\\d+)"));
        CustomRuleProperties.of(rule()).seed(seed).check();
    }

    /** The message of the kit's failure on a rule with {@code flaw}, which must name the seed and the shrunk case. */
    private static String failure(Flaw flaw) {
        AssertionError error = assertThrows(AssertionError.class,
                () -> CustomRuleProperties.of(new FlawedMomentumSgd(rule(), flaw)).check());
        String message = error.getMessage();
        assertTrue(message.startsWith("Property 'FlawedMomentumSgd: vectorStep == scalarStep' failed on try "), message);
        assertTrue(message.contains("; replay with -Dgradus.property.seed="), message);
        assertTrue(message.contains("\nShrunk case ("), message);
        return message;
    }

    private static String field(String message, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(message);
        assertTrue(matcher.find(), regex + " in " + message);
        return matcher.group(1);
    }
}
