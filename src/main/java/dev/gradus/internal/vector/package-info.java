/**
 * The Vector API kernels: the only package that imports {@code jdk.incubator.vector}. Loaded
 * reflectively, so the rest of Gradus links and runs without the incubator module.
 *
 * <p>{@link dev.gradus.internal.vector.VectorKernels} dispatches each rule to the copy of its loop
 * made for the call's rule, options and kind of memory: every rule's loop is written once, in one
 * template class ({@code RuleLoop}), which {@code Specializations} defines again as a hidden
 * class per rule and option set, so that C2 compiles each option set once, with its options as constants,
 * and no option set makes another's compiled loop trap (docs/decisions/0010). A loop calls no
 * helper of ours with vector arguments or results, only the JDK's vector methods, which C2
 * inlines wherever they are called.
 */
package dev.gradus.internal.vector;
