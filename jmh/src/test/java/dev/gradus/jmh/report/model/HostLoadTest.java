package dev.gradus.jmh.report.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostLoadTest {

    @Test
    void aQuietMachineGivesNoWarning() {
        HostLoad quiet = new HostLoad(List.of(1.9, 0.4, 0.3), List.of(1.9, 1.0, 0.5), 0.01, 0.05, 0.0, 2);
        assertEquals(List.of(), quiet.warnings(), "a load average left by the report's own build is no warning");
        assertEquals("load average 1.90 0.40 0.30 before, 1.90 1.00 0.50 after (1, 5, 15 min); other processes "
                + "used 1% of the CPUs just before the run, 5% during it, steal 0%", quiet.describe());
    }

    @Test
    void warnsOfLoadBeforeOtherProcessesAndSteal() {
        HostLoad busy = new HostLoad(List.of(3.63, 2.91, 1.45), List.of(4.0, 3.0, 2.0), 0.95, 0.87, 0.05, 2);
        assertEquals(List.of("other processes used 95% of the CPU capacity just before the run",
                "other processes used 87% of the CPU capacity during the run",
                "the hypervisor stole 5% of the CPU time during the run"), busy.warnings());
    }

    @Test
    void nothingKnownSaysSo() {
        assertEquals(List.of(), HostLoad.UNKNOWN.warnings());
        assertEquals("not recorded", HostLoad.UNKNOWN.describe());
    }
}
