/**
 * Rules defined outside Gradus ({@link dev.gradus.CustomRule}): run by the optimizer and the
 * stateless kernels with the same bits as the equivalent built-in rule, checkpointed, validated.
 */
package dev.gradus.custom;
