package dev.gradus.jmh.report.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void scalesToThreeSignificantFigures() {
        assertEquals("0 B", Units.bytes(0));
        assertEquals("0.00 B", Units.bytes(0.002));
        assertEquals("512 B", Units.bytes(512));
        assertEquals("130 kB", Units.bytes(130_400));
        assertEquals("9.14 MB", Units.bytes(9_137_197));
        assertEquals("812 ns", Units.nanos(812));
        assertEquals("31.2 us", Units.nanos(31_200));
        assertEquals("1.25 s", Units.nanos(1.25e9));
        assertEquals("-", Units.nanos(Double.NaN));
    }
}
