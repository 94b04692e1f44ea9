package dev.gradus.precision;

/**
 * The format a buffer is stored in. Arithmetic is always float32: a stored value is widened to a
 * float exactly, and a float is narrowed to the type with a {@link Rounding}.
 *
 * <p>The three formats are IEEE 754 binary formats with a sign bit, {@code e} exponent bits of
 * bias {@code 2^(e-1) - 1} and {@code m} fraction bits. A pattern with exponent field {@code E}
 * and fraction {@code F} has the value {@code (-1)^s * 2^(E - bias) * (1 + F / 2^m)} for
 * {@code 0 < E < 2^e - 1}, the subnormal {@code (-1)^s * 2^(1 - bias) * F / 2^m} for
 * {@code E = 0}, and is an infinity ({@code F = 0}) or a NaN ({@code F != 0}) for
 * {@code E = 2^e - 1}.
 *
 * <table class="striped">
 *   <caption>The formats</caption>
 *   <thead>
 *     <tr><th>type</th><th>bytes</th><th>exponent bits</th><th>fraction bits</th>
 *         <th>largest finite</th><th>smallest normal</th><th>smallest subnormal</th></tr>
 *   </thead>
 *   <tbody>
 *     <tr><td>{@link #FLOAT32}</td><td>4</td><td>8</td><td>23</td><td>{@code (2 - 2^-23) 2^127}</td>
 *         <td>{@code 2^-126}</td><td>{@code 2^-149}</td></tr>
 *     <tr><td>{@link #BFLOAT16}</td><td>2</td><td>8</td><td>7</td><td>{@code (2 - 2^-7) 2^127}</td>
 *         <td>{@code 2^-126}</td><td>{@code 2^-133}</td></tr>
 *     <tr><td>{@link #FLOAT16}</td><td>2</td><td>5</td><td>10</td><td>{@code 65504}</td>
 *         <td>{@code 2^-14}</td><td>{@code 2^-24}</td></tr>
 *   </tbody>
 * </table>
 *
 * <p>Widening is exact: every bit of a 16-bit pattern lands in the float. A bfloat16 pattern
 * {@code h} is the float whose bits are {@code h << 16}. A float16 pattern is the float of the
 * same sign, value, or infinity, and a NaN keeps its fraction as the float's 10 leading fraction
 * bits (a signalling NaN stays signalling); this is {@link Float#float16ToFloat} for every
 * pattern but the signalling NaNs, which that method may quiet. Narrowing is described by
 * {@link Rounding}.
 */
public enum StorageType {

    /** IEEE 754 binary32, the type of the arithmetic: stored as it is, 4 bytes. */
    FLOAT32(4),

    /**
     * bfloat16: the upper half of a float32 (8 exponent bits, 7 fraction bits), 2 bytes. It has
     * float32's range and about 2.4 significant decimal digits.
     */
    BFLOAT16(2),

    /**
     * IEEE 754 binary16 (5 exponent bits, 10 fraction bits), 2 bytes: about 3.3 significant
     * decimal digits, finite values up to 65504, normal values down to {@code 2^-14} and
     * subnormal ones down to {@code 2^-24}.
     */
    FLOAT16(2);

    private final int bytes;

    StorageType(int bytes) {
        this.bytes = bytes;
    }

    /** {@return the bytes one element takes in a buffer of this type: 4, 2 or 2} */
    public int bytes() {
        return bytes;
    }
}
