/**
 * Gradus: optimizer update rules as SIMD kernels over {@link java.lang.foreign.MemorySegment}s.
 *
 * <p>A short tour:
 * <ul>
 *   <li>Rules are immutable records of validated hyperparameters with their formula in Javadoc:
 *       {@link dev.gradus.Sgd}, {@link dev.gradus.Adam}.</li>
 *   <li>{@link dev.gradus.Kernels} is the stateless backend: one static method per rule over
 *       buffers the caller owns (parameter, gradient, state), the learning rate of the step and
 *       the step number.</li>
 *   <li>The vector kernels produce the same bits as the scalar formula, which is proven by
 *       property tests at every vector width. Without {@code --add-modules jdk.incubator.vector}
 *       the scalar kernels serve, after one warning.</li>
 * </ul>
 *
 * <pre>{@code
 * try (Arena arena = Arena.ofConfined()) {
 *     MemorySegment w = ..., g = ...;                       // n floats each, yours
 *     MemorySegment m = arena.allocate(w.byteSize(), 64);   // zeroed state
 *     MemorySegment v = arena.allocate(w.byteSize(), 64);
 *     for (long t = 1; t <= steps; t++) {
 *         computeGradient(w, g);
 *         Kernels.adam(Adam.DEFAULT, 1e-3, t, w, g, m, v);
 *     }
 * }
 * }</pre>
 */
package dev.gradus;
