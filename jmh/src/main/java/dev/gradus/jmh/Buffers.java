package dev.gradus.jmh;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

/**
 * The float buffers of one benchmark trial: {@code count} native segments of {@code n} floats
 * from one shared arena, and {@code count} heap arrays holding the same initial values.
 * Buffer {@link #PARAMETERS} holds parameters uniform in {@code [-1, 1)}, buffer
 * {@link #GRADIENTS} gradients of random sign and magnitude in {@code [1e-3, 1e-1)}, and the
 * others optimizer state, zero as before step 1. The gradients are never zero, so Adam's moments
 * settle near {@code g} and {@code g * g >= 1e-6} instead of decaying into subnormals.
 *
 * <p>Placement: segment {@code i} starts {@code i * STAGGER} bytes into a page-aligned block.
 * Buffers that all start at the same offset within a 4 KiB page alias in the load and store
 * queues (see the performance notes), which slowed the 16M-element cases down by up to 1.8x.
 * {@link #STAGGER} is an odd number of cache lines, so up to 64 buffers get distinct
 * cache-line-aligned offsets within the page.
 */
public final class Buffers implements AutoCloseable {

    /** Index of the parameter buffer {@code w}. */
    public static final int PARAMETERS = 0;
    /** Index of the gradient buffer {@code g}. */
    public static final int GRADIENTS = 1;

    static final long PAGE = 4096;
    static final long STAGGER = 17 * 64;

    private final Arena arena;
    private final MemorySegment[] segments;
    private final float[][] arrays;

    private Buffers(Arena arena, MemorySegment[] segments, float[][] arrays) {
        this.arena = arena;
        this.segments = segments;
        this.arrays = arrays;
    }

    /**
     * Allocates and fills {@code count >= 2} buffers of {@code n} floats, the same values for
     * the same {@code seed}.
     */
    public static Buffers allocate(int n, int count, long seed) {
        if (n < 1 || count < 2) {
            throw new IllegalArgumentException("n = " + n + ", count = " + count);
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[][] arrays = new float[count][n];
        for (int i = 0; i < n; i++) {
            arrays[PARAMETERS][i] = (float) random.nextDouble(-1.0, 1.0);
            float magnitude = (float) random.nextDouble(1e-3, 1e-1);
            arrays[GRADIENTS][i] = random.nextBoolean() ? magnitude : -magnitude;
        }
        Arena arena = Arena.ofShared();
        MemorySegment[] segments = new MemorySegment[count];
        long bytes = (long) n * Float.BYTES;
        for (int b = 0; b < count; b++) {
            long offset = b * STAGGER % PAGE;
            segments[b] = arena.allocate(offset + bytes, PAGE).asSlice(offset, bytes);
            MemorySegment.copy(arrays[b], 0, segments[b], ValueLayout.JAVA_FLOAT, 0, n);
        }
        return new Buffers(arena, segments, arrays);
    }

    /** Native segment {@code index}. */
    public MemorySegment segment(int index) {
        return segments[index];
    }

    /** Heap array {@code index}; separate memory from the segments. */
    public float[] array(int index) {
        return arrays[index];
    }

    /** Frees the native segments. */
    @Override
    public void close() {
        arena.close();
    }
}
