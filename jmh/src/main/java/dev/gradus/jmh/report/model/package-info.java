/**
 * What the report knows, independent of how it is read or shown.
 *
 * <p>A JMH result ({@link dev.gradus.jmh.report.model.JmhResult}) holds its
 * {@link dev.gradus.jmh.report.model.Metric}s with their raw values per iteration
 * ({@link dev.gradus.jmh.report.model.Samples}: median, minimum); its
 * {@link dev.gradus.jmh.report.model.Verdict} says whether it measured compiled, steady code, the
 * compilation from the {@link dev.gradus.jmh.report.model.JitEvidence} its forks recorded; a row
 * adds {@link dev.gradus.jmh.report.model.Plausibility}, a floor against its siblings. The
 * rule a benchmark class measures ({@link dev.gradus.jmh.report.model.Rule}, with its traffic per
 * element) and its four {@link dev.gradus.jmh.report.model.Variant}s make the row of one rule at
 * one size and thread count ({@link dev.gradus.jmh.report.model.ResultRow}), whose figures are
 * {@link dev.gradus.jmh.report.model.Estimate}s: value, error, and the reason when they come from
 * a result that failed its checks, which every derived figure inherits. Single-shot results make
 * {@link dev.gradus.jmh.report.model.ColdStartRow}s. The
 * {@link dev.gradus.jmh.report.model.ReportHeader} describes the machine
 * ({@link dev.gradus.jmh.report.model.CpuInfo}) and how busy it was
 * ({@link dev.gradus.jmh.report.model.HostLoad}); {@link dev.gradus.jmh.report.model.Units} words
 * bytes and durations.
 */
package dev.gradus.jmh.report.model;
