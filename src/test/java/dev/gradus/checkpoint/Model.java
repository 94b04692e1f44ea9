package dev.gradus.checkpoint;

import dev.gradus.Optimizer;
import dev.gradus.ParameterGroup;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Named tensors for checkpoint tests: seeded values and gradients in the caller's arena, each
 * registered in its own {@link ParameterGroup}, and copies of them to resume from.
 */
final class Model {

    /** One parameter: its name, buffers and group. */
    record Tensor(String name, MemorySegment values, MemorySegment gradient, ParameterGroup group) {
    }

    final List<Tensor> tensors;

    private Model(List<Tensor> tensors) {
        this.tensors = List.copyOf(tensors);
    }

    /** Tensors {@code layer0, layer1, ...} of {@code sizes} floats in {@code groups}, values in (-1, 1), gradients in (-0.1, 0.1). */
    static Model random(Arena arena, long seed, int[] sizes, List<ParameterGroup> groups) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Tensor> tensors = new ArrayList<>();
        for (int p = 0; p < sizes.length; p++) {
            tensors.add(new Tensor("layer" + p, filled(arena, sizes[p], random, 1.0), filled(arena, sizes[p], random, 0.1),
                    groups.get(p)));
        }
        return new Model(tensors);
    }

    /** Tensors in the default group. */
    static Model random(Arena arena, long seed, int... sizes) {
        return random(arena, seed, sizes, Collections.nCopies(sizes.length, ParameterGroup.named("default")));
    }

    private static MemorySegment filled(Arena arena, int size, SplittableRandom random, double scale) {
        MemorySegment segment = arena.allocate((long) size * Float.BYTES, 64);
        for (int i = 0; i < size; i++) {
            segment.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) (random.nextDouble(-1, 1) * scale));
        }
        return segment;
    }

    /** A copy of the current values and gradients in {@code arena}, in the same groups. */
    Model copy(Arena arena) {
        return new Model(tensors.stream().map(t -> new Tensor(t.name(), copyOf(arena, t.values()),
                copyOf(arena, t.gradient()), t.group())).toList());
    }

    private static MemorySegment copyOf(Arena arena, MemorySegment segment) {
        return arena.allocate(segment.byteSize(), 64).copyFrom(segment);
    }

    /** Registers every tensor, in order or in reverse. */
    Model register(Optimizer optimizer, boolean reversed) {
        List<Tensor> order = reversed ? tensors.reversed() : tensors;
        order.forEach(t -> optimizer.add(t.name(), t.values(), t.gradient(), t.group()));
        return this;
    }

    /** Registers every tensor in order. */
    Model register(Optimizer optimizer) {
        return register(optimizer, false);
    }

    /** The current parameter values, tensor by tensor. */
    List<float[]> values() {
        return tensors.stream().map(t -> t.values().toArray(ValueLayout.JAVA_FLOAT)).toList();
    }
}
