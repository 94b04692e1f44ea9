/**
 * Runnable examples that draw the pictures of the Optimization algorithms week with Gradus's
 * public API, one SVG chart each ({@link dev.gradus.examples.Examples} runs them):
 * <ul>
 *   <li>{@link dev.gradus.examples.BowlTrajectories}: every rule's path on an elongated bowl;</li>
 *   <li>{@link dev.gradus.examples.EwmaSmoothing}: exponentially weighted averages of a noisy
 *       series, with and without bias correction;</li>
 *   <li>{@link dev.gradus.examples.DecaySchedules}: the course's learning-rate decays next to
 *       cosine annealing and warm-up;</li>
 *   <li>{@link dev.gradus.examples.BatchSizes}: batch, mini-batch and stochastic gradient descent
 *       cost curves;</li>
 *   <li>{@link dev.gradus.examples.MlpTraining}: a small network trained by hand-written
 *       backpropagation with each rule;</li>
 *   <li>{@link dev.gradus.examples.PrecisionStudy}: the bowl and the network trained by Adam
 *       with low-precision storage, against float32 ({@code docs/precision-convergence.md}).</li>
 * </ul>
 * Every example is deterministic (seeded data, the same start for every rule) except the wall
 * time of the network's training. The charts are drawn by {@code dev.gradus.examples.chart}.
 * See {@code docs/guide.md}.
 */
package dev.gradus.examples;
