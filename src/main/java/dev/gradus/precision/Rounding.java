package dev.gradus.precision;

/**
 * How a float32 result is narrowed to a 16-bit {@link StorageType}.
 *
 * <p>Both roundings share these rules:
 * <ul>
 *   <li><b>Overflow.</b> A finite float at or above the type's overflow threshold {@code T} in
 *       magnitude, and an infinity, become the infinity of its sign. {@code T} is the largest
 *       finite value plus half its unit in the last place: {@code (2 - 2^-8) 2^127} for
 *       bfloat16, {@code 65520} for float16.</li>
 *   <li><b>NaN.</b> A NaN stays a NaN of the same sign, quiet, with the leading bits of its
 *       payload: the result's fraction is the float's leading fraction bits (7 for bfloat16, 10
 *       for float16) with the quiet bit (the leading one) set. In bits: bfloat16
 *       {@code (x >>> 16) | 0x0040}, float16 {@code sign | 0x7e00 | ((x >>> 13) & 0x3ff)}, where
 *       {@code x} is the float's raw bits. x86's {@code VCVTNEPS2BF16} and {@code VCVTPS2PH}
 *       treat NaNs so too.</li>
 *   <li><b>Subnormals</b> of the float and of the type are values like any other: nothing is
 *       flushed to zero (unlike {@code VCVTNEPS2BF16}, which flushes them). Zeros keep their
 *       sign.</li>
 * </ul>
 */
public enum Rounding {

    /**
     * IEEE 754 round to nearest, ties to even: the representable value nearest to the float,
     * of the two the one with an even last fraction bit on a tie; above the largest finite
     * value, the infinity counts as the next value, so that {@code T} itself rounds to infinity.
     * For {@link StorageType#FLOAT16} the result is {@link Float#floatToFloat16} for every float
     * that is not a NaN, and for every NaN as well where that method quiets NaNs (x86 with F16C,
     * where it is compiled to {@code VCVTPS2PH}).
     */
    NEAREST_EVEN,

    /**
     * Stochastic rounding: the float if the type represents it, otherwise one of its two
     * neighbours, {@code lo} towards zero and {@code hi} away from zero, with
     * {@code P(hi) = |x - lo| / |hi - lo|}, so that the expected result is {@code x}.
     *
     * <p><b>The draw.</b> Let {@code k} be the float's fraction bits the type drops (16 for
     * bfloat16; 13 for float16), {@code d} the distance {@code |x - lo|} in units of
     * {@code 2^-k |hi - lo|} (an integer {@code 0 <= d < 2^k}) and {@code r} the top {@code k}
     * bits of the 32 random bits of the element. The result is {@code hi} exactly when
     * {@code d + r >= 2^k}, which has probability {@code d / 2^k}: exact for bfloat16 and for
     * float16 results of at least {@code 2^-14}. For float16 results below {@code 2^-14}
     * (subnormal, where {@code |hi - lo| = 2^-24}) {@code d} is the distance rounded to the
     * nearest multiple of {@code 2^-37}, ties to even, so the probability is within
     * {@code 2^-14} of exact.
     *
     * <p><b>Overflow</b> is decided as {@link #NEAREST_EVEN} decides it: a float at or above
     * {@code T} in magnitude becomes infinite, and a finite float between the largest finite
     * value and {@code T} becomes that largest value. A finite float never becomes infinite by
     * chance, since an infinite state or weight does not recover. NaN, infinities and zeros are
     * as above.
     *
     * <p><b>The random bits</b> of the element at index {@code i} of a buffer are a
     * counter-based hash of the seed, the step, {@code i} and the buffer's number, not the
     * output of a generator, so they are the same at every vector width, thread count and range
     * split, and after resuming from a checkpoint. With {@code mix} the 32-bit finalizer of
     * MurmurHash3 ({@code h ^= h >>> 16; h *= 0x85ebca6b; h ^= h >>> 13; h *= 0xc2b2ae35;
     * h ^= h >>> 16}) and the 64-bit words split into their low and high 32 bits:
     * <pre>{@code
     * chain(c) = mix(mix(mix(mix(mix(c ^ seedLo) ^ seedHi) ^ stepLo) ^ stepHi) ^ buffer)
     * k0 = chain(0x9e3779b9), k1 = chain(0x7f4a7c15)
     * bits(i) = mix(mix(iLo ^ k0) ^ (iHi + k1))
     * }</pre>
     * The keys depend on the call only; per element, two rounds of {@code mix} with the keys
     * between them, cheap in 32-bit vector lanes.
     */
    STOCHASTIC
}
