/**
 * The conversions between float32 and the 16-bit {@link dev.gradus.precision.StorageType}s, and
 * the random bits of stochastic rounding: the scalar specification every vector conversion
 * matches bit for bit.
 *
 * <p>{@link dev.gradus.internal.precision.Bf16} and {@link dev.gradus.internal.precision.Fp16}
 * convert one value with integer arithmetic (and, for float16 subnormals, one float addition),
 * written so that the vector loops can do the same lane by lane without masks or blends; the
 * steps they share are in {@link dev.gradus.internal.precision.Narrowing}.
 * {@link dev.gradus.internal.precision.RoundingBits} is the counter-based hash that gives each
 * element its random bits. {@link dev.gradus.internal.precision.Conversions} converts ranges of
 * buffers; {@link dev.gradus.internal.precision.ScalarConversions} is its scalar implementation
 * and {@code dev.gradus.internal.vector.VectorConversions} its vector one.
 *
 * <p>The package is internal, not part of the exported API, because the vector loops in
 * {@code dev.gradus.internal.vector} and the kernels in {@code dev.gradus.internal} call it: in
 * the exported {@code dev.gradus.precision} these classes would have to be public, and so API.
 * The formulas are documented on {@link dev.gradus.precision.Rounding} and in
 * {@code docs/precision.md}.
 */
package dev.gradus.internal.precision;
