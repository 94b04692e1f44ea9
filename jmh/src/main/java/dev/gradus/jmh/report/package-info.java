/**
 * The throughput report ({@code mvn -Preport verify}): runs the rule benchmarks of
 * {@code dev.gradus.jmh} and writes what they measured.
 *
 * <p>{@link dev.gradus.jmh.report.ReportMain} finds the rules in JMH's benchmark list
 * ({@link dev.gradus.jmh.report.BenchmarkCatalog}), parses its
 * {@link dev.gradus.jmh.report.ReportOptions} and {@link dev.gradus.jmh.report.Plan}, runs JMH
 * once per thread count ({@link dev.gradus.jmh.report.BenchmarkRun}) or reads an earlier result
 * file, probes the machine ({@link dev.gradus.jmh.report.HostProbe}) and writes the files
 * ({@link dev.gradus.jmh.report.ReportFiles}): {@code report.md}
 * ({@link dev.gradus.jmh.report.ReportMarkdown}), {@code report.json} and the charts.
 *
 * <p>Sub-packages: {@link dev.gradus.jmh.report.model} (results, rows and their estimates),
 * {@link dev.gradus.jmh.report.json} (reading JMH's results, writing {@code report.json}),
 * {@link dev.gradus.jmh.report.text} (tables and console progress) and
 * {@link dev.gradus.jmh.report.chart} (SVG charts). See {@code jmh/README.md}.
 */
package dev.gradus.jmh.report;
