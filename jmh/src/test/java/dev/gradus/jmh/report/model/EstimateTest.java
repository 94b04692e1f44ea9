package dev.gradus.jmh.report.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
