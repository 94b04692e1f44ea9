package dev.gradus.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;

/** Test data: seeded floats, and the same floats as DJL arrays and as Gradus segments. */
final class Reference {

    private Reference() {
    }

    /**
     * Seeded floats in {@code [-1, 1)}.
     *
     * @param seed  the seed
     * @param count how many
     * @return the floats
     */
    static float[] floats(long seed, int count) {
        Random random = new Random(seed);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextFloat() * 2 - 1;
        }
        return values;
    }

    /**
     * A native segment holding {@code values}.
     *
     * @param arena  allocates it
     * @param values the floats
     * @return the segment
     */
    static MemorySegment segment(Arena arena, float[] values) {
        return arena.allocateFrom(ValueLayout.JAVA_FLOAT, values);
    }

    /**
     * A {@code float32} array holding {@code values}.
     *
     * @param manager creates it
     * @param values  the floats
     * @param shape   its shape, of {@code values.length} elements
     * @return the array
     */
    static NDArray array(NDManager manager, float[] values, Shape shape) {
        return manager.create(values, shape);
    }

    /**
     * The raw bits of every float, to compare results exactly.
     *
     * @param values the floats
     * @return their bits
     */
    static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }

    /**
     * The raw bits of every float of a segment.
     *
     * @param segment the floats
     * @return their bits
     */
    static int[] bits(MemorySegment segment) {
        return bits(segment.toArray(ValueLayout.JAVA_FLOAT));
    }

    /**
     * The raw bits of every float of an array, in row-major order.
     *
     * @param array a {@code float32} array
     * @return their bits
     */
    static int[] bits(NDArray array) {
        return bits(array.toFloatArray());
    }
}
