/**
 * Adversarial tests of the optimizer's threads and executors: executors that reject, drop, throw,
 * block, run tasks late, twice or on the caller, steps called from the executor's own task,
 * interrupted or closed during a step, threads that cannot start, and leak checks over many failed
 * steps. Every failed step must leave parameters, state and counters bit for bit as they were, the
 * optimizer must step correctly afterwards, and {@code close()} must free everything. They run
 * once, in the build's run with the vector module: the kernels play no part in them.
 */
package dev.gradus.optimizer.executor;
