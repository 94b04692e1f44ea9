package dev.gradus.internal.precision;

import dev.gradus.precision.Rounding;
import dev.gradus.precision.StorageType;
import java.lang.foreign.MemorySegment;

/**
 * Conversions of the elements {@code [from, to)} between a float buffer (4 bytes an element) and
 * a 16-bit storage buffer (2 bytes an element), both in native byte order and at any byte
 * alignment; element {@code i} of each is at byte {@code i} times its element size. Every
 * implementation gives the bits of {@link ScalarConversions}, whatever the range and its split.
 */
public interface Conversions {

    /**
     * Widens {@code storage}'s elements into {@code floats}, exactly ({@link Bf16#widen},
     * {@link Fp16#widen}).
     *
     * @param type {@link StorageType#BFLOAT16} or {@link StorageType#FLOAT16}
     * @throws IllegalArgumentException for {@link StorageType#FLOAT32}, which needs no conversion
     */
    default void widen(StorageType type, MemorySegment storage, MemorySegment floats, long from, long to) {
        widen(type, storage, 0, floats, from, to);
    }

    /**
     * {@link #widen(StorageType, MemorySegment, MemorySegment, long, long) widen} with the storage
     * element {@code shift + i} widened into the float element {@code i}, for {@code i} in
     * {@code [from, to)}: a tile of floats at index 0 filled from anywhere in a buffer.
     *
     * @param shift the storage index of float element 0, {@code >= 0}
     */
    void widen(StorageType type, MemorySegment storage, long shift, MemorySegment floats, long from, long to);

    /**
     * Narrows {@code floats}' elements into {@code storage}. Stochastic rounding takes the random
     * bits of element {@code i} from {@link RoundingBits#bits}{@code (key, origin + i)}; nearest
     * even ignores {@code key} and {@code origin}.
     *
     * @param type     {@link StorageType#BFLOAT16} or {@link StorageType#FLOAT16}
     * @param rounding how to round
     * @param key      {@link RoundingBits#key} of the seed, step and buffer
     * @param origin   the global index of element 0 of the buffers, which the random bits follow
     * @throws IllegalArgumentException for {@link StorageType#FLOAT32}, which needs no conversion
     */
    default void narrow(StorageType type, Rounding rounding, MemorySegment floats, MemorySegment storage, long from,
                        long to, long key, long origin) {
        narrow(type, rounding, floats, storage, 0, from, to, key, origin);
    }

    /**
     * {@link #narrow(StorageType, Rounding, MemorySegment, MemorySegment, long, long, long, long) narrow}
     * with the float element {@code i} narrowed into the storage element {@code shift + i}; its
     * random bits are still those of index {@code origin + i}.
     *
     * @param shift the storage index of float element 0, {@code >= 0}
     */
    void narrow(StorageType type, Rounding rounding, MemorySegment floats, MemorySegment storage, long shift,
                long from, long to, long key, long origin);

    /**
     * Writes {@link RoundingBits#bits}{@code (key, origin + i)} into the int at byte {@code 4 i} of
     * {@code ints}, for each {@code i} of the range: the random bits the stochastic rounding of the
     * same arguments uses, to check them.
     */
    void randomBits(MemorySegment ints, long from, long to, long key, long origin);

    /**
     * Whether {@code type} is float16 rather than bfloat16.
     *
     * @throws IllegalArgumentException for {@link StorageType#FLOAT32}
     */
    static boolean isFloat16(StorageType type) {
        return switch (type) {
            case BFLOAT16 -> false;
            case FLOAT16 -> true;
            case FLOAT32 -> throw new IllegalArgumentException("float32 storage needs no conversion");
        };
    }
}
