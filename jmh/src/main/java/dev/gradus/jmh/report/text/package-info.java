/**
 * The report as text: a table of strings rendered fixed-width or as Markdown
 * ({@link dev.gradus.jmh.report.text.TextTable}), the report's tables over its rows
 * ({@link dev.gradus.jmh.report.text.ReportTable}, {@link dev.gradus.jmh.report.text.ColdStartTable}),
 * and the console's progress of a run ({@link dev.gradus.jmh.report.text.Progress}).
 */
package dev.gradus.jmh.report.text;
