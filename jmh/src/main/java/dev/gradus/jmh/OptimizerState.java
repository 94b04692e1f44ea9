package dev.gradus.jmh;

import dev.gradus.Adam;
import dev.gradus.Optimizer;
import dev.gradus.UpdateRule;
import dev.gradus.internal.StaggeredAllocator;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * An optimizer (Adam unless a rule is given) over tensors of given sizes, with the caller's values and gradients in one
 * shared arena, placed by {@link StaggeredAllocator} as the optimizer places its state, and
 * non-zero gradients so that the moments stay normal.
 */
final class OptimizerState implements AutoCloseable {

    private final Arena arena = Arena.ofShared();
    private final StaggeredAllocator allocator = new StaggeredAllocator(arena);
    final Optimizer optimizer;

    OptimizerState(int[] sizes, int threads, long parallelThreshold) {
        this(sizes, builder -> builder.threads(threads).parallelThreshold(parallelThreshold));
    }

    /** An optimizer whose builder {@code options} configures (threads, executor, threshold). */
    OptimizerState(int[] sizes, UnaryOperator<Optimizer.Builder> options) {
        this(sizes, Adam.DEFAULT, options);
    }

    /** An optimizer following {@code rule} at its default learning rate, configured by {@code options}. */
    OptimizerState(int[] sizes, UpdateRule rule, UnaryOperator<Optimizer.Builder> options) {
        optimizer = options.apply(Optimizer.builder(rule, rule.defaultLearningRate())).build();
        SplittableRandom random = new SplittableRandom(StreamState.SEED);
        for (int p = 0; p < sizes.length; p++) {
            optimizer.add("tensor" + p, filled(sizes[p], random, 1.0), filled(sizes[p], random, 0.01));
        }
        CompiledKernels.await();
    }

    private MemorySegment filled(int floats, SplittableRandom random, double scale) {
        MemorySegment segment = allocator.allocate(floats, 0f);
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
