/**
 * The Vector API kernels: the only package that imports {@code jdk.incubator.vector}. Loaded
 * reflectively, so the rest of Gradus links and runs without the incubator module.
 */
package dev.gradus.internal.vector;
