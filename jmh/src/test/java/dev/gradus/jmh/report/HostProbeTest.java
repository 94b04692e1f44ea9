package dev.gradus.jmh.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostProbeTest {

    private static final List<String> CPUINFO = List.of(
            "processor\t: 0",
            "model name\t: AMD EPYC 7B13",
            "flags\t\t: fpu sse2 avx avx2 fma bmi2",
            "processor\t: 1",
            "model name\t: ignored, the first counts");

    @Test
    void readsTheFirstModelName() {
        assertEquals(Optional.of("AMD EPYC 7B13"), HostProbe.cpuModel(CPUINFO));
        assertEquals(Optional.empty(), HostProbe.cpuModel(List.of("processor\t: 0")));
    }

    @Test
    void findsFmaAsAWholeFlag() {
        assertEquals("yes", HostProbe.fma(CPUINFO));
        assertEquals("no", HostProbe.fma(List.of("flags\t: fpu fma4 avx")));
        assertEquals("unknown", HostProbe.fma(List.of("Features\t: neon")));
    }
}
