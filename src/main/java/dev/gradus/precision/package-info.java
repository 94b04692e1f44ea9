/**
 * Low-precision storage: the types a buffer may be stored in and how a float is rounded to them.
 *
 * <p>All arithmetic stays in float32, in the order of the float32 kernels. A value in a 16-bit
 * buffer is widened exactly to a float when it is read, and a result is narrowed back with a
 * {@link dev.gradus.precision.Rounding} when it is written. {@link dev.gradus.precision.StorageType}
 * lists the formats and their byte sizes.
 *
 * <p>The two roundings in brief:
 * <ul>
 *   <li>{@link dev.gradus.precision.Rounding#NEAREST_EVEN}: IEEE 754 round to nearest, ties to
 *       even, with overflow to infinity. For float16 this is {@link Float#floatToFloat16}.</li>
 *   <li>{@link dev.gradus.precision.Rounding#STOCHASTIC}: one of the two neighbouring values,
 *       rounding away from zero with a probability proportional to the distance. The random bits
 *       come from a counter-based hash of the seed, the step, the element's index and the buffer,
 *       not from a generator, so a run repeats bit for bit at every vector width, thread count
 *       and range split.</li>
 * </ul>
 *
 * <p>NaN stays NaN, quieted, with its sign and the leading bits of its payload. Infinities stay
 * infinities. Subnormals are kept as IEEE 754 keeps them: nothing is flushed to zero. See
 * {@code docs/precision.md} for the formulas and how they were proven.
 */
package dev.gradus.precision;
