/**
 * What the report knows, independent of how it is read or shown: a JMH result
 * ({@link dev.gradus.jmh.report.model.JmhResult}), the rule a benchmark class measures
 * ({@link dev.gradus.jmh.report.model.Rule}, with its traffic per element), the four
 * {@link dev.gradus.jmh.report.model.Variant}s of a rule, the row of one rule at one size and
 * thread count ({@link dev.gradus.jmh.report.model.ResultRow}) with the figures it derives as
 * {@link dev.gradus.jmh.report.model.Estimate}s (value and error), and the
 * {@link dev.gradus.jmh.report.model.ReportHeader}.
 */
package dev.gradus.jmh.report.model;
