/**
 * JMH benchmarks of the Gradus update rules, the optimizer and the non-finite scan.
 *
 * <p>Rule benchmarks: one class per rule ({@code SgdBenchmark}, {@code AdamBenchmark}, ...), most
 * on {@link dev.gradus.jmh.RuleBenchmark}, all on the buffers of {@link dev.gradus.jmh.StreamState}
 * ({@link dev.gradus.jmh.TrialBuffers}, placed by the core's staggered allocator), each with four
 * methods the report pairs by name: {@code gradus} (the public API), {@code scalarSegments} (the
 * scalar kernel over the same segments), {@code textbookArray} (the formula over {@code float[]})
 * and {@code roofline} (a same-traffic streaming kernel of {@link dev.gradus.jmh.StreamKernels}, the
 * memory-bandwidth ceiling). {@link dev.gradus.jmh.StreamState#bytesPerElement()} gives each
 * rule's traffic from its buffer count.
 *
 * <p>Others, run by hand: {@code OptimizerBenchmark} ({@code Optimizer.step()} on a ResNet-50-shaped
 * parameter set of {@link dev.gradus.jmh.ModelShapes}, through {@link dev.gradus.jmh.OptimizerState})
 * and {@code NonFiniteScanBenchmark}.
 *
 * <p>The throughput report that runs them lives in {@link dev.gradus.jmh.report}. See
 * {@code jmh/README.md}.
 */
package dev.gradus.jmh;

