package dev.gradus.precision;

import dev.gradus.internal.precision.Bf16;
import dev.gradus.internal.precision.Fp16;
import dev.gradus.internal.vector.VectorConversions;
import java.lang.foreign.MemorySegment;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Nearest-even narrowing of all 2^32 float bit patterns, by the scalar conversions of one value
 * ({@link Fp16#nearest}, {@link Bf16#nearest}) and by the vector loops (at this run's width):
 * float16 against {@link Float#floatToFloat16}, bfloat16 against {@link Bf16Reference}. That
 * covers every NaN payload, both infinities and zeros, every subnormal, every tie and the whole
 * overflow band. (The scalar loops over segments around those functions are compared with the
 * vector ones by {@link VectorConversionsTest}.)
 *
 * <p>Where this JVM's {@link Float#floatToFloat16} does not quiet NaNs (it runs its Java code, not
 * x86's {@code VCVTPS2PH}), a NaN must be the documented quiet NaN, the JDK's result only a NaN.
 *
 * <p>The patterns are checked in chunks of {@value #CHUNK} on all cores. Tagged
 * {@code exhaustive}: it runs in the default Surefire execution only.
 */
@Tag("exhaustive")
class ExhaustiveNearestTest {

    static final int CHUNK = 1 << 16;
    private static final boolean JDK_QUIETS_NAN =
            Float.floatToFloat16(Float.intBitsToFloat(0x7f800001)) == (short) 0x7e00;

    @Test
    void everyFloatNarrowsToTheNearestValueTiesToEven() {
        IntStream.range(0, (int) ((1L << 32) / CHUNK)).parallel()
                .forEach(chunk -> Chunk.local().checkNearest(chunk * CHUNK));
    }

    /** A thread's buffers for one chunk of patterns. */
    static final class Chunk {

        private static final ThreadLocal<Chunk> LOCAL = ThreadLocal.withInitial(Chunk::new);

        final float[] values = new float[CHUNK];
        final short[] expected16 = new short[CHUNK];
        final short[] expectedBf = new short[CHUNK];
        final short[] vector = new short[CHUNK];
        final MemorySegment valueSegment = MemorySegment.ofArray(values);
        final MemorySegment vectorSegment = MemorySegment.ofArray(vector);

        static Chunk local() {
            return LOCAL.get();
        }

        /** Fills {@link #values} with the patterns {@code first} to {@code first + CHUNK - 1}. */
        void fill(int first) {
            for (int i = 0; i < CHUNK; i++) {
                values[i] = Float.intBitsToFloat(first + i);
            }
        }

        void checkNearest(int first) {
            fill(first);
            for (int i = 0; i < CHUNK; i++) {
                float f = values[i];
                short jdk = Float.floatToFloat16(f);
                if (Float.isNaN(f) && !JDK_QUIETS_NAN) {
                    if (!Float.isNaN(Float.float16ToFloat(jdk))) {
                        throw new AssertionError(String.format("Float.floatToFloat16(0x%08x) is not NaN", first + i));
                    }
                    jdk = (short) (((first + i) >>> 16 & 0x8000) | 0x7e00 | ((first + i) >>> 13 & 0x3ff));
                }
                short bf = Bf16Reference.nearest(f);
                short scalar16 = Fp16.nearest(f);
                short scalarBf = Bf16.nearest(f);
                if (scalar16 != jdk || scalarBf != bf) {
                    throw new AssertionError(String.format("scalar nearest-even of 0x%08x: float16 0x%04x (expected"
                            + " 0x%04x), bfloat16 0x%04x (expected 0x%04x)", first + i, scalar16, jdk, scalarBf, bf));
                }
                expected16[i] = jdk;
                expectedBf[i] = bf;
            }
            compare(StorageType.FLOAT16, expected16, first, "Float.floatToFloat16");
            compare(StorageType.BFLOAT16, expectedBf, first, "the bfloat16 reference");
        }

        private void compare(StorageType type, short[] expected, int first, String reference) {
            VectorConversions.INSTANCE.narrow(type, Rounding.NEAREST_EVEN, valueSegment, vectorSegment, 0, CHUNK, 0L,
                    0L);
            assertSame(expected, vector, first, VectorConversions.INSTANCE.name() + " " + type + " vs " + reference);
        }
    }

    static void assertSame(short[] expected, short[] actual, int first, String what) {
        int at = java.util.Arrays.mismatch(expected, actual);
        if (at >= 0) {
            throw new AssertionError(String.format("%s: float 0x%08x gave 0x%04x, expected 0x%04x", what, first + at,
                    actual[at], expected[at]));
        }
    }
}
