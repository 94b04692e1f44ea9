/**
 * JMH benchmarks of the Gradus update rules and the throughput report that runs them.
 *
 * <p>Benchmarks: one class per rule ({@link dev.gradus.jmh.SgdBenchmark},
 * {@link dev.gradus.jmh.AdamBenchmark}) on the shared buffers of {@link dev.gradus.jmh.StreamState},
 * each with the four variants of {@link dev.gradus.jmh.Variant}: the public API, the scalar
 * kernel over the same segments, a textbook {@code float[]} loop, and a same-traffic streaming
 * kernel ({@link dev.gradus.jmh.StreamKernels}) as the memory-bandwidth roofline.
 *
 * <p>Report: {@link dev.gradus.jmh.ReportMain} parses {@link dev.gradus.jmh.ReportOptions}, runs
 * JMH, reads its JSON output with {@link dev.gradus.jmh.JmhJson} into
 * {@link dev.gradus.jmh.JmhResult}s, groups them into {@link dev.gradus.jmh.ResultRow}s and prints
 * them with {@link dev.gradus.jmh.ReportTable}. See {@code jmh/README.md}.
 */
package dev.gradus.jmh;
