/**
 * A small multilayer perceptron trained by DJL's {@code Trainer}, once with DJL's own Adam and once
 * with {@link dev.gradus.djl.GradusOptimizer}, on regression data the example generates:
 * {@link dev.gradus.djl.example.MlpTrainingExample}. Compiled with the tests of {@code djl/}, never
 * shipped in its jar; run as {@code djl/README.md} says.
 */
package dev.gradus.djl.example;
