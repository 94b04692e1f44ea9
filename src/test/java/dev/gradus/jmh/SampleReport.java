package dev.gradus.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The fixed input of the report tests: {@code jmh-result-sample.json}, a JMH result file of
 * {@code SgdBenchmark} and {@code AdamBenchmark} at n = 4096 and 65536 on one thread and Adam at
 * 4096 on two, all four variants each, with the GC profiler's metrics and one {@code "NaN"}
 * error (Adam's {@code textbookArray} at 65536); and a fixed header.
 *
 * <p>The scores are chosen so that the figures are round: Sgd at 4096 runs {@code gradus} in
 * 512 ns (0.125 ns per element, 96 GB/s), {@code roofline} in 409.6 ns (80% of the roofline),
 * {@code scalarSegments} in 2048 ns (4x) and {@code textbookArray} in 640 ns (1.25x); Adam's
 * errors are all 1% of the score.
 */
final class SampleReport {

    static final ReportHeader HEADER = new ReportHeader("Test CPU 9000", 2, "yes", "25.0.3+9-LTS",
            "OpenJDK 64-Bit Server VM", "Eclipse Adoptium", "Species[float, 8, S_256_BIT]", "vector-256",
            List.of("--add-modules=jdk.incubator.vector --add-modules jdk.incubator.vector -Xmx2g"),
            List.of("--add-modules=jdk.incubator.vector"), "2025-01-02T03:04:05Z", "abc1234+dirty",
            "quick: 1 fork, warmup 3 x 1000 ms, measurement 5 x 1000 ms", List.of("A note & <remark>."));

    private SampleReport() {
    }

    /** The text of the sample result file. */
    static String json() {
        try (InputStream in = SampleReport.class.getResourceAsStream("jmh-result-sample.json")) {
            if (in == null) {
                throw new IllegalStateException("jmh-result-sample.json is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JmhResult> results() {
        return JmhResult.listFromJson(json());
    }

    static List<ResultRow> rows() {
        return ResultRow.group(results());
    }
}
