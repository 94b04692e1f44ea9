package dev.gradus.ewma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gradus.Ewma;
import dev.gradus.testing.property.BitExact;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The series API against the London temperature example of the Optimization algorithms week (the
 * course named in the README) and the closed form of the average.
 */
class EwmaSeriesTest {

    /**
     * Tolerance of results that are exact in real arithmetic but computed in {@code double}:
     * {@code 1 - 0.98} is {@code 0.020000000000000018} in double (0.98 is not representable), so
     * the London temperature example's {@code 0.02 * 40 = 0.8} comes out as
     * {@code 0.8000000000000007}. A few ulps of values below 100 are far below 1e-12.
     */
    private static final double DOUBLE_ROUNDING = 1e-12;

    @Test
    void theLondonTemperatureExampleGivesPointEightUncorrectedAndFortyCorrected() {
        Ewma temperature = new Ewma(0.98);
        temperature.add(40.0);
        assertEquals(0.8, temperature.value(), DOUBLE_ROUNDING);
        assertEquals(40.0, temperature.corrected(), DOUBLE_ROUNDING);
        assertEquals(40.0, temperature.corrected()); // exact: (1 - b) * 40 / (1 - b^1) with the same 1 - b
        assertEquals(1, temperature.count());
        assertEquals(0.98, temperature.decay());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.5, 0.9, 0.98, 0.999})
    void followsTheClosedFormOfTheAverage(double b) {
        // v_t = (1 - b) * sum_{i=1..t} b^(t-i) * theta_i, summed independently of the recurrence.
        double[] theta = new SplittableRandom(7).doubles(300, -50, 100).toArray();
        Ewma series = new Ewma(b);
        for (int t = 1; t <= theta.length; t++) {
            series.add(theta[t - 1]);
            double sum = 0;
            for (int i = 1; i <= t; i++) {
                sum += Math.pow(b, t - i) * theta[i - 1];
            }
            double expected = (1 - b) * sum;
            assertEquals(expected, series.value(), DOUBLE_ROUNDING * 100, "t = " + t);
            assertEquals(expected / (1 - Math.pow(b, t)), series.corrected(), 1e-9, "corrected, t = " + t);
        }
    }

    @Test
    void theCorrectedAverageOfAConstantIsTheConstant() {
        Ewma series = new Ewma(0.9);
        for (int t = 1; t <= 100; t++) {
            series.add(25.0);
            assertEquals(25.0, series.corrected(), DOUBLE_ROUNDING, "t = " + t);
        }
    }

    @Test
    void correctionIsOneMinusBToTheT() {
        assertEquals(1 - 0.98, Ewma.correction(0.98, 1));
        assertEquals(1 - Math.pow(0.9, 10), Ewma.correction(0.9, 10));
        assertEquals(1.0, Ewma.correction(0.9, 1_000_000));
        assertEquals(1.0, Ewma.correction(0.0, 1));
    }

    @Test
    void aBufferAveragesLikeTheSeriesUpToFloatRounding() {
        SplittableRandom random = new SplittableRandom(11);
        int n = 37;
        float[] average = new float[n];
        Ewma[] series = new Ewma[n];
        for (int i = 0; i < n; i++) {
            series[i] = new Ewma(0.98);
        }
        for (long t = 1; t <= 200; t++) {
            float[] value = new float[n];
            for (int i = 0; i < n; i++) {
                value[i] = (float) random.nextDouble(-10, 10);
                series[i].add(value[i]);
            }
            Ewma.update(0.98, average, value);
            for (int i = 0; i < n; i++) {
                // Float rounding (2^-24 relative per operation) of values below 10, over 200 updates.
                assertEquals(series[i].value(), average[i], 1e-4, "element " + i + ", t = " + t);
                assertEquals(series[i].corrected(), average[i] / Ewma.correction(0.98, t), 1e-3,
                        "corrected element " + i + ", t = " + t);
            }
        }
    }

    @Test
    void arraysSegmentsAndRangesAgreeWithTheFloatFormula() {
        float[] initial = {0.5f, -1, 8, 0, 2};
        float[] value = {1, 2, 3, 4, 5};
        float[] array = initial.clone();
        MemorySegment segment = MemorySegment.ofArray(initial.clone());
        MemorySegment ranged = MemorySegment.ofArray(initial.clone());
        Ewma.update(0.75, array, value);
        Ewma.update(0.75, segment, MemorySegment.ofArray(value));
        Ewma.update(0.75, ranged, MemorySegment.ofArray(value), 0, 2);
        Ewma.update(0.75, ranged, MemorySegment.ofArray(value), 2, 5);
        for (int i = 0; i < value.length; i++) {
            assertEquals(0.75f * initial[i] + 0.25f * value[i], array[i], "element " + i);
        }
        BitExact.assertSameBits("segment", array, segment);
        BitExact.assertSameBits("ranges", array, ranged);
    }

    @Test
    void correctedNeedsAValueAndDecayIsValidated() {
        assertEquals("corrected() needs at least one value, none was added",
                assertThrows(IllegalStateException.class, () -> new Ewma(0.9).corrected()).getMessage());
        assertEquals(0.0, new Ewma(0.9).value());
        assertEquals("decay must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> new Ewma(1.0)).getMessage());
        assertEquals("decay must be in [0, 1), got NaN",
                assertThrows(IllegalArgumentException.class, () -> new Ewma(Double.NaN)).getMessage());
        assertEquals("decay must be in [0, 1), got -0.1",
                assertThrows(IllegalArgumentException.class, () -> Ewma.correction(-0.1, 3)).getMessage());
        assertEquals("step must be >= 1 (steps count from 1), got 0",
                assertThrows(IllegalArgumentException.class, () -> Ewma.correction(0.9, 0)).getMessage());
    }
}
