package dev.gradus.jmh.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoadProbeTest {

    @Test
    void readsTheThreeLoadAverages() {
        assertEquals(List.of(3.63, 2.91, 1.45), LoadProbe.parseLoadAverages("3.63 2.91 1.45 4/122 11385\n"));
    }
}
