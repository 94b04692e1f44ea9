package dev.gradus.jmh.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TicksTest {

    @Test
    void linearTicksHaveRoundStepsFromZeroPastTheMaximum() {
        assertEquals(List.of(0.0, 20.0, 40.0, 60.0), Ticks.upTo(56, 5));
        assertEquals(List.of(0.0, 0.25, 0.5, 0.75, 1.0, 1.25), Ticks.upTo(1.1, 5));
        assertEquals(List.of(0.0, 1.0), Ticks.upTo(0, 5));
        assertEquals(List.of(0.0, 1.0), Ticks.upTo(Double.NaN, 5));
    }

    @Test
    void tickLabelsCarryNoFloatNoise() {
        assertEquals("0", Ticks.number(0));
        assertEquals("0.3", Ticks.number(0.1 + 0.2));
        assertEquals("2.5", Ticks.number(2.5));
        assertEquals("1000000", Ticks.number(1e6));
    }

    @Test
    void powerOfTwoTicksThinOutToAtMostTheGivenCountFromTheFirst() {
        assertEquals(List.of(12, 14, 16, 18, 20, 22, 24), Ticks.powersOfTwo(11.6, 24.4, 12, 8));
        assertEquals(List.of(12), Ticks.powersOfTwo(11.6, 12.4, 12, 8));
        assertEquals(List.of(12, 13, 14), Ticks.powersOfTwo(11.6, 14.4, 12, 8));
    }

    @Test
    void sizesInBinaryUnits() {
        assertEquals("4K", Ticks.size(4096));
        assertEquals("16M", Ticks.size(16_777_216));
        assertEquals("1536K", Ticks.size(1_572_864));
        assertEquals("1000", Ticks.size(1000));
    }
}
