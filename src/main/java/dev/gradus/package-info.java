/**
 * Gradus: optimizer update rules as SIMD kernels over {@link java.lang.foreign.MemorySegment}s.
 *
 * <p>A short tour:
 * <ul>
 *   <li>Rules are immutable records of validated hyperparameters with their formula in Javadoc,
 *       all {@link dev.gradus.UpdateRule}s: {@link dev.gradus.Sgd}, {@link dev.gradus.Momentum}
 *       (heavy ball, EWMA, Nesterov, PyTorch's dampening), {@link dev.gradus.AdaGrad},
 *       {@link dev.gradus.RmsProp} (centered, momentum) and {@link dev.gradus.Adam} (AMSGrad,
 *       AdamW, the eps-hat form); {@link dev.gradus.EpsilonPlacement} says where epsilon sits.</li>
 *   <li>{@link dev.gradus.Kernels} is the stateless backend: one static method per rule over
 *       buffers the caller owns (parameter, gradient, state), the learning rate of the step and
 *       the step number.</li>
 *   <li>{@link dev.gradus.Optimizer} is the stateful layer: registered parameters in
 *       {@link dev.gradus.ParameterGroup}s, state it allocates and frees, a step counter, a
 *       learning-rate {@link dev.gradus.schedule.Schedule}, all cores, and a
 *       {@link dev.gradus.NonFinitePolicy} for NaN or infinite gradients. Its state is saved and
 *       restored bit for bit by {@link dev.gradus.checkpoint.Checkpoint} in the package
 *       {@code dev.gradus.checkpoint}.</li>
 *   <li>Around the rules: {@link dev.gradus.Ewma} (exponentially weighted averages with bias
 *       correction) and {@link dev.gradus.MiniBatches} (seeded per-epoch shuffles, row gather).</li>
 *   <li>The vector kernels produce the same bits as the scalar formula, which is proven by
 *       property tests at every vector width. Without {@code --add-modules jdk.incubator.vector}
 *       the scalar kernels serve, after one warning.</li>
 * </ul>
 *
 * <pre>{@code
 * try (Arena arena = Arena.ofShared();
 *      Optimizer optimizer = Optimizer.builder(Adam.adamW(), new CosineAnnealing(1e-3, 1e-5, steps)).build()) {
 *     optimizer.add("w", w, g);                  // your buffers; the optimizer allocates m and v
 *     for (long t = 1; t <= steps; t++) {
 *         computeGradient(w, g);
 *         optimizer.step();
 *     }
 * }
 * }</pre>
 *
 * <p><b>Background.</b> Much of this library follows week 2, "Optimization algorithms", of Andrew
 * Ng's course <i>Improving Deep Neural Networks: Hyperparameter Tuning, Regularization and
 * Optimization</i> (DeepLearning.AI, course 2 of the Deep Learning Specialization): mini-batch
 * gradient descent, exponentially weighted averages with bias correction (and its London
 * temperature example), momentum, RMSProp, Adam and learning-rate decay, with several of their
 * defaults and worked examples. The Javadoc cites it as the Optimization algorithms week.
 */
package dev.gradus;
