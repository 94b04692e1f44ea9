package dev.gradus.jmh;

import dev.gradus.internal.StaggeredAllocator;
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
 * <p>Placement: the segments come from {@link StaggeredAllocator}, as the optimizer's state does,
 * so large buffers start at distinct offsets within a 4 KiB page (buffers that all start at the
 * same page offset alias in the load and store queues).
 */
public final class TrialBuffers implements AutoCloseable {

    /** Index of the parameter buffer {@code w}. */
    public static final int PARAMETERS = 0;
    /** Index of the gradient buffer {@code g}. */
    public static final int GRADIENTS = 1;

    private final Arena arena;
    private final MemorySegment[] segments;
    private final float[][] arrays;

    private TrialBuffers(Arena arena, MemorySegment[] segments, float[][] arrays) {
        this.arena = arena;
        this.segments = segments;
        this.arrays = arrays;
    }

    /**
     * Allocates and fills buffers, the same values for the same {@code seed}.
     *
     * @param n     floats per buffer, at least 1
     * @param count the number of buffers, at least 2 (parameters and gradients)
     * @param seed  the seed of the initial values
     * @return the buffers, to be closed after the trial
     * @throws IllegalArgumentException when {@code n < 1} or {@code count < 2}
     */
    public static TrialBuffers allocate(int n, int count, long seed) {
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
        StaggeredAllocator allocator = new StaggeredAllocator(arena);
        MemorySegment[] segments = new MemorySegment[count];
        for (int b = 0; b < count; b++) {
            segments[b] = allocator.allocate(n, 0f);
            MemorySegment.copy(arrays[b], 0, segments[b], ValueLayout.JAVA_FLOAT, 0, n);
        }
        return new TrialBuffers(arena, segments, arrays);
    }

    /**
     * A native segment.
     *
     * @param index the buffer's index, {@link #PARAMETERS}, {@link #GRADIENTS} or a state buffer
     * @return native segment {@code index}
     */
    public MemorySegment segment(int index) {
        return segments[index];
    }

    /**
     * A heap array, separate memory from the segments.
     *
     * @param index the buffer's index, as for {@link #segment}
     * @return heap array {@code index}
     */
    public float[] array(int index) {
        return arrays[index];
    }

    /** Frees the native segments. */
    @Override
    public void close() {
        arena.close();
    }
}
