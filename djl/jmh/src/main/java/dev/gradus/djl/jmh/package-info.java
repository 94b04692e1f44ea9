/**
 * JMH benchmark of one optimizer step inside DJL: DJL's own Adam against Adam through
 * {@link dev.gradus.djl.GradusOptimizer}, on PyTorch-engine arrays:
 * {@link dev.gradus.djl.jmh.OptimizerStepBenchmark}. Compiled with the tests of {@code djl/};
 * run as {@code djl/README.md} says.
 */
package dev.gradus.djl.jmh;
