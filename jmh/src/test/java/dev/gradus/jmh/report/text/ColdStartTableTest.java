package dev.gradus.jmh.report.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gradus.jmh.report.fixture.SampleReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColdStartTableTest {

    @Test
    void oneLinePerMethodWithEachPathsMedianRangeAndRatio() {
        List<String> lines = ColdStartTable.of(SampleReport.coldStartRows()).markdown().lines().toList();
        assertEquals(List.of(
                "| n | rule | measures | forks | textbook median | textbook min - max | kernels median "
                        + "| kernels min - max | kernels x textbook | optimizer median | optimizer min - max "
                        + "| optimizer x textbook |",
                "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
                "| 65536 | adam | step1 | 5 | 1.00 ms | 900 us - 1.50 ms | 32.0 ms | 30.0 ms - 40.0 ms | 0.0313 "
                        + "| 48.0 ms | 45.0 ms - 60.0 ms | 0.0208 |",
                "| 65536 | adam | first100 | 5 | 5.20 ms | 5.00 ms - 6.00 ms | 62.0 ms | 60.0 ms - 70.0 ms | 0.0839 "
                        + "| 82.0 ms | 80.0 ms - 95.0 ms | 0.0634 |"), lines);
    }
}
