/**
 * JSON for the report: a small reader ({@link dev.gradus.jmh.report.json.JsonReader}) and writer
 * ({@link dev.gradus.jmh.report.json.JsonWriter}), JMH's result files read into results
 * ({@link dev.gradus.jmh.report.json.JmhResultReader}), and {@code report.json}
 * ({@link dev.gradus.jmh.report.json.ReportJson}).
 */
package dev.gradus.jmh.report.json;
