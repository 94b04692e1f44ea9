/**
 * A small SVG chart writer for the examples, with no dependency: a {@link
 * dev.gradus.examples.chart.Figure} is a title over a grid of {@link
 * dev.gradus.examples.chart.Panel}s, each a plot with two {@link dev.gradus.examples.chart.Axis}
 * (linear or logarithmic, round ticks, grid lines, titles), {@link dev.gradus.examples.chart.Series}
 * drawn as lines or dots, optional grey guide curves (contour lines, for example) and a legend.
 *
 * <p>Every series is an SVG group {@code <g class="series">} whose {@code <title>} is its label, so
 * a test (or a reader of the file) can count and name them. The output is plain, well-formed XML
 * and the same data gives the same bytes.
 */
package dev.gradus.examples.chart;
