/**
 * The throughput report ({@code mvn -Preport verify}): runs the rule benchmarks of
 * {@code dev.gradus.jmh} and writes what they measured, never a figure from code that was not
 * compiled and steady.
 *
 * <p>{@link dev.gradus.jmh.report.ReportMain} finds the rules and cold-start benchmarks in JMH's
 * benchmark list ({@link dev.gradus.jmh.report.BenchmarkCatalog}), parses its
 * {@link dev.gradus.jmh.report.ReportOptions} and {@link dev.gradus.jmh.report.Plan}, and runs JMH
 * once per benchmark ({@link dev.gradus.jmh.report.BenchmarkRun}), measuring a result that fails
 * its checks again ({@link dev.gradus.jmh.report.Attempts}) while the quick plan's time allows
 * ({@code TimeBudget}), or reads an earlier result file. It
 * samples the machine's load around the run ({@link dev.gradus.jmh.report.LoadProbe}), probes the
 * processor ({@link dev.gradus.jmh.report.CpuProbe}) and the sources
 * ({@link dev.gradus.jmh.report.HostProbe}) for the header, and writes the files
 * ({@link dev.gradus.jmh.report.ReportFiles}): {@code report.md}
 * ({@link dev.gradus.jmh.report.ReportMarkdown}), {@code report.json} and the charts.
 *
 * <p>Sub-packages: {@link dev.gradus.jmh.report.model} (results, checks, rows and their
 * estimates), {@link dev.gradus.jmh.report.json} (reading JMH's results, writing
 * {@code report.json}), {@link dev.gradus.jmh.report.text} (tables and console progress) and
 * {@link dev.gradus.jmh.report.chart} (SVG charts). What runs inside the benchmark forks (the
 * adaptive warm-up, the profilers) is in {@code dev.gradus.jmh.harness}. See {@code jmh/README.md}.
 */
package dev.gradus.jmh.report;
