/**
 * A rule defined outside Gradus through {@link dev.gradus.CustomRule}: Lion with a scalar kernel
 * and a Vector API kernel, as {@code docs/custom-rules.md} walks through it.
 */
package dev.gradus.examples.custom;
