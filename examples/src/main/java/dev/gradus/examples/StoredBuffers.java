package dev.gradus.examples;

import dev.gradus.precision.StorageType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Buffers in a {@link StorageType} as {@link dev.gradus.Kernels#step} reads them, and their
 * conversion from and to floats: a float32 buffer is a heap segment over a {@code float[]}, a
 * 16-bit one over a {@code short[]} (native byte order).
 *
 * <pre>
 *   widen:   bfloat16 h  -&gt;  the float with the bits h &lt;&lt; 16
 *            float16 h   -&gt;  Float.float16ToFloat(h)
 *   nearest: bfloat16    x = the float's bits:  (x + 0x7fff + ((x &gt;&gt;&gt; 16) &amp; 1)) &gt;&gt;&gt; 16
 *            float16     Float.floatToFloat16(f)
 * </pre>
 *
 * Both narrowings round to nearest, ties to even, as {@link dev.gradus.precision.Rounding#NEAREST_EVEN}
 * does; the bfloat16 one is written for finite floats (a carry out of the fraction raises the
 * exponent, up to infinity), which is all the study narrows.
 */
final class StoredBuffers {

    private StoredBuffers() {
    }

    /** {@return a zeroed buffer of {@code n} elements of {@code type}} */
    static MemorySegment allocate(StorageType type, int n) {
        return type == StorageType.FLOAT32 ? MemorySegment.ofArray(new float[n]) : MemorySegment.ofArray(new short[n]);
    }

    /** Writes {@code values}, rounded to nearest even, into {@code buffer}. */
    static void write(StorageType type, float[] values, MemorySegment buffer) {
        for (int i = 0; i < values.length; i++) {
            if (type == StorageType.FLOAT32) {
                buffer.setAtIndex(ValueLayout.JAVA_FLOAT, i, values[i]);
            } else {
                buffer.setAtIndex(ValueLayout.JAVA_SHORT, i, nearest(type, values[i]));
            }
        }
    }

    /** Reads {@code buffer} into {@code values}, widened exactly. */
    static void read(StorageType type, MemorySegment buffer, float[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = type == StorageType.FLOAT32 ? buffer.getAtIndex(ValueLayout.JAVA_FLOAT, i)
                    : widen(type, buffer.getAtIndex(ValueLayout.JAVA_SHORT, i));
        }
    }

    /** {@return {@code f} rounded to nearest even in {@code type}, widened back: what storing it keeps} */
    static float stored(StorageType type, float f) {
        return type == StorageType.FLOAT32 ? f : widen(type, nearest(type, f));
    }

    /** {@return the float of the 16-bit pattern {@code h}} */
    static float widen(StorageType type, short h) {
        return switch (type) {
            case BFLOAT16 -> Float.intBitsToFloat(h << 16);
            case FLOAT16 -> Float.float16ToFloat(h);
            case FLOAT32 -> throw new IllegalArgumentException("float32 is not a 16-bit type");
        };
    }

    /** {@return the 16-bit pattern nearest to the finite float {@code f}, ties to even} */
    static short nearest(StorageType type, float f) {
        return switch (type) {
            case BFLOAT16 -> {
                int x = Float.floatToRawIntBits(f);
                yield (short) ((x + 0x7fff + ((x >>> 16) & 1)) >>> 16);
            }
            case FLOAT16 -> Float.floatToFloat16(f);
            case FLOAT32 -> throw new IllegalArgumentException("float32 is not a 16-bit type");
        };
    }
}
