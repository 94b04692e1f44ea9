package dev.gradus.jmh.report.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SamplesTest {

    @Test
    void medianMinimumAndMaximum() {
        Samples odd = new Samples(List.of(5.0, 1.0, 3.0));
        assertEquals(3, odd.median());
        assertEquals(1, odd.min());
        assertEquals(5, odd.max());
        assertEquals(2.5, new Samples(List.of(4.0, 1.0, 2.0, 3.0)).median());
        assertEquals(List.of(5.0, 1.0, 3.0), odd.values(), "in the order measured");
    }

    @Test
    void noValuesGiveNaN() {
        assertTrue(Double.isNaN(Samples.NONE.median()));
        assertTrue(Double.isNaN(Samples.NONE.min()));
        assertEquals(0, Samples.NONE.count());
    }
}
