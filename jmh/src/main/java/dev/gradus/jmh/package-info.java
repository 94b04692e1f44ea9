/**
 * JMH benchmarks of the Gradus update rules and the throughput report that runs them.
 *
 * <p>Benchmarks: one class per rule ({@code SgdBenchmark}, {@code AdamBenchmark}, ...), most on
 * {@link dev.gradus.jmh.RuleBenchmark}, all on the buffers of {@link dev.gradus.jmh.StreamState},
 * each with the four methods of {@link dev.gradus.jmh.Variant}: the public API, the scalar kernel
 * over the same segments, a textbook {@code float[]} loop, and a same-traffic streaming kernel
 * ({@link dev.gradus.jmh.StreamKernels}) as the memory-bandwidth roofline.
 *
 * <p>Report: {@link dev.gradus.jmh.ReportMain} finds the rules in JMH's benchmark list
 * ({@link dev.gradus.jmh.BenchmarkCatalog}, {@link dev.gradus.jmh.Rule}), parses
 * {@link dev.gradus.jmh.ReportOptions} and its {@link dev.gradus.jmh.Plan}, runs JMH once per
 * thread count ({@link dev.gradus.jmh.BenchmarkRun}, progress by
 * {@link dev.gradus.jmh.ProgressFormat}), reads the JSON results ({@link dev.gradus.jmh.JsonReader})
 * into {@link dev.gradus.jmh.JmhResult}s and groups them into {@link dev.gradus.jmh.ResultRow}s of
 * {@link dev.gradus.jmh.Estimate}s. {@link dev.gradus.jmh.ReportFiles} writes
 * {@link dev.gradus.jmh.ReportMarkdown} (with {@link dev.gradus.jmh.ReportHeader} from
 * {@link dev.gradus.jmh.HostProbe}, and the tables of {@link dev.gradus.jmh.ReportTable} on
 * {@link dev.gradus.jmh.TextTable}), {@link dev.gradus.jmh.ReportJson} (with
 * {@link dev.gradus.jmh.JsonWriter}) and the SVG charts of {@link dev.gradus.jmh.ReportCharts}
 * ({@link dev.gradus.jmh.LineChart}, {@link dev.gradus.jmh.BarChart}, both framed by
 * {@link dev.gradus.jmh.ChartFrame} on an {@link dev.gradus.jmh.Svg} with
 * {@link dev.gradus.jmh.Ticks}). See {@code jmh/README.md}.
 */
package dev.gradus.jmh;
