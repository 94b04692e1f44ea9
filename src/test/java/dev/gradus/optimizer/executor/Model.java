package dev.gradus.optimizer.executor;

import dev.gradus.Adam;
import dev.gradus.Optimizer;
import dev.gradus.UpdateRule;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Three tensors with seeded values and gradients in a shared arena, for an optimizer that steps
 * them in parallel on every step (threshold 0) with AdamW and AMSGrad (three state buffers).
 */
final class Model implements AutoCloseable {

    static final UpdateRule RULE = Adam.adamW().withAmsgrad(true);
    static final double LEARNING_RATE = 1e-2;
    /**
     * The start timeout of the optimizers under test: short, so that the suite stays fast, yet four
     * times a start delay seen once in 20,000 runs of a region on a 2-core machine under a load
     * average of 20 (100 ms).
     */
    static final Duration TIMEOUT = Duration.ofMillis(400);

    private static final int[] SIZES = {1000, 37, 2049};

    private final Arena arena = Arena.ofShared();
    private final List<MemorySegment> values = new ArrayList<>();
    private final List<MemorySegment> gradients = new ArrayList<>();

    /** The tensors drawn from {@code seed}. */
    Model(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int size : SIZES) {
            values.add(filled(size, random, 1.0));
            gradients.add(filled(size, random, 0.1));
        }
    }

    private MemorySegment filled(int size, SplittableRandom random, double scale) {
        MemorySegment segment = arena.allocate(ValueLayout.JAVA_FLOAT, size);
        for (int i = 0; i < size; i++) {
            segment.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) (random.nextDouble(-1, 1) * scale));
        }
        return segment;
    }

    /** A builder of the optimizer under test: every step parallel, the short start timeout. */
    static Optimizer.Builder builder() {
        return Optimizer.builder(RULE, LEARNING_RATE).parallelThreshold(0).startTimeout(TIMEOUT);
    }

    static String name(int p) {
        return "tensor" + p;
    }

    /** Registers the tensors with {@code optimizer}. */
    Model register(Optimizer optimizer) {
        for (int p = 0; p < SIZES.length; p++) {
            optimizer.add(name(p), values.get(p), gradients.get(p));
        }
        return this;
    }

    /** The raw bits of every buffer a step reads or writes, and the counters. */
    Snapshot snapshot(Optimizer optimizer) {
        List<int[]> buffers = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int p = 0; p < SIZES.length; p++) {
            names.add(name(p) + " values");
            buffers.add(values.get(p).toArray(ValueLayout.JAVA_INT));
            names.add(name(p) + " gradient");
            buffers.add(gradients.get(p).toArray(ValueLayout.JAVA_INT));
            for (int i = 0; i < RULE.stateBuffers(); i++) {
                names.add(name(p) + " state " + i);
                buffers.add(optimizer.state(name(p), i).toArray(ValueLayout.JAVA_INT));
            }
        }
        return new Snapshot(names, buffers, optimizer.stepCount(), optimizer.skippedSteps());
    }

    /** What a one-thread optimizer holds after {@code steps} steps from the tensors of {@code seed}. */
    static Snapshot reference(long seed, int steps) {
        try (Model model = new Model(seed);
             Optimizer optimizer = Optimizer.builder(RULE, LEARNING_RATE).threads(1).build()) {
            model.register(optimizer);
            for (int t = 0; t < steps; t++) {
                optimizer.step();
            }
            return model.snapshot(optimizer);
        }
    }

    /** Frees the tensors. */
    @Override
    public void close() {
        arena.close();
    }
}
