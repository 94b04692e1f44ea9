package dev.gradus.jmh;

import dev.gradus.Adam;
import dev.gradus.Optimizer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

/**
 * An Adam optimizer over tensors of given sizes, with the caller's values and gradients in one
 * shared arena (large buffers at staggered page offsets, as the optimizer places its state), and
 * non-zero gradients so that the moments stay normal.
 */
final class OptimizerState implements AutoCloseable {

    private final Arena arena = Arena.ofShared();
    private long placed;
    final Optimizer optimizer;

    OptimizerState(int[] sizes, int threads, long parallelThreshold) {
        optimizer = Optimizer.builder(Adam.DEFAULT, Adam.DEFAULT_LEARNING_RATE)
                .threads(threads).parallelThreshold(parallelThreshold).build();
        SplittableRandom random = new SplittableRandom(StreamState.SEED);
        for (int p = 0; p < sizes.length; p++) {
            optimizer.add("tensor" + p, filled(sizes[p], random, 1.0), filled(sizes[p], random, 0.01));
        }
        CompiledKernels.await();
    }

    private MemorySegment filled(int floats, SplittableRandom random, double scale) {
        long bytes = floats * (long) Float.BYTES;
        long offset = bytes >= 1 << 16 ? placed++ * Buffers.STAGGER % Buffers.PAGE : 0;
        MemorySegment segment = arena.allocate(bytes + offset + 1, Buffers.PAGE).asSlice(offset, bytes);
        for (int i = 0; i < floats; i++) {
            double magnitude = random.nextDouble(0.1, 1.0) * scale;
            segment.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) (random.nextBoolean() ? magnitude : -magnitude));
        }
        return segment;
    }

    @Override
    public void close() {
        optimizer.close();
        arena.close();
    }
}
