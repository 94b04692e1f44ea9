package dev.gradus.precision;

/**
 * Each conversion the loops make: a widening, a narrowing with its rounding, or the random bits
 * alone.
 */
enum Conversion {
    WIDEN_BFLOAT16(StorageType.BFLOAT16, null),
    WIDEN_FLOAT16(StorageType.FLOAT16, null),
    NEAREST_BFLOAT16(StorageType.BFLOAT16, Rounding.NEAREST_EVEN),
    NEAREST_FLOAT16(StorageType.FLOAT16, Rounding.NEAREST_EVEN),
    STOCHASTIC_BFLOAT16(StorageType.BFLOAT16, Rounding.STOCHASTIC),
    STOCHASTIC_FLOAT16(StorageType.FLOAT16, Rounding.STOCHASTIC),
    RANDOM_BITS(null, null);

    final StorageType type;
    final Rounding rounding;

    Conversion(StorageType type, Rounding rounding) {
        this.type = type;
        this.rounding = rounding;
    }

    boolean widens() {
        return type != null && rounding == null;
    }

    boolean narrows() {
        return rounding != null;
    }
}
