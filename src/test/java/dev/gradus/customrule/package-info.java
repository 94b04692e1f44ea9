/**
 * The test kit's own tests on an example {@link dev.gradus.CustomRule}, SGD with momentum
 * ({@link dev.gradus.customrule.MomentumSgd}), and on vector steps with the flaws vector kernels
 * have (a fused multiply-add, a dropped tail, writes before the range, allocation): the kit passes
 * the example and catches each flaw. Not part of the test artifact.
 */
package dev.gradus.customrule;
