/**
 * The report's SVG charts ({@link dev.gradus.jmh.report.chart.ReportCharts}): line charts of
 * throughput against size ({@link dev.gradus.jmh.report.chart.LineChart}) and grouped bar charts
 * of ratios ({@link dev.gradus.jmh.report.chart.BarChart}), both framed by
 * {@link dev.gradus.jmh.report.chart.ChartFrame} (title, legend, axes, reference line) on a
 * hand-written {@link dev.gradus.jmh.report.chart.Svg} document with round
 * {@link dev.gradus.jmh.report.chart.Ticks}.
 */
package dev.gradus.jmh.report.chart;
