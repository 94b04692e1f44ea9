package dev.gradus.jmh.report.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EstimateTest {

    @Test
    void aQuotientCombinesRelativeErrorsInQuadrature() {
        Estimate quotient = new Estimate(300, 9).dividedBy(new Estimate(100, 4));
        assertEquals(3, quotient.value(), 1e-12);
        assertEquals(3 * 0.05, quotient.error(), 1e-12);
    }

    @Test
    void exactFactorsKeepTheRelativeError() {
        assertEquals(new Estimate(-20, 2), new Estimate(10, 1).times(-2));
        Estimate reciprocal = new Estimate(4, 0.4).dividing(100);
        assertEquals(25, reciprocal.value(), 1e-12);
        assertEquals(2.5, reciprocal.error(), 1e-12);
    }

    @Test
    void formatsValueAndErrorOrMarksWhatIsUnknown() {
        assertEquals("1.25 ± 0.04", new Estimate(1.25, 0.0368).format("%.2f"));
        assertEquals("1.25 ± ?", new Estimate(1.25, Double.NaN).format("%.2f"));
        assertEquals("-", Estimate.MISSING.format("%.2f"));
        assertEquals("1.3", new Estimate(1.25, 0.5).formatValue("%.1f"));
        assertEquals("-", Estimate.formatNumber("%.1f", Double.POSITIVE_INFINITY));
    }

    @Test
    void anInvalidEstimateNeverPrintsItsNumber() {
        Estimate invalid = new Estimate(1283, 5).invalidBecause("gradus allocating");
        assertEquals("invalid", invalid.format("%.0f"));
        assertEquals("invalid", invalid.formatValue("%.0f"));
        assertFalse(invalid.isValid());
        assertFalse(invalid.isShown());
        assertEquals(1283, invalid.value(), "kept for diagnosis");
    }

    @Test
    void everyDerivedFigureInheritsTheReasonsOfBothSides() {
        Estimate a = new Estimate(10, 1).invalidBecause("a failed");
        Estimate b = new Estimate(5, 1).invalidBecause("b failed");
        Estimate valid = new Estimate(2, 0.1);
        assertEquals("a failed", a.times(3).invalid());
        assertEquals("a failed", a.dividing(3).invalid());
        assertEquals("a failed", valid.dividedBy(a).invalid());
        assertEquals("a failed; b failed", a.dividedBy(b).invalid());
        assertEquals("a failed", a.dividedBy(a).invalid(), "a reason once");
        assertTrue(valid.dividedBy(valid).isValid());
    }
}
