package dev.gradus.djl;

import ai.djl.ndarray.NDArray;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One DJL parameter registered with the Gradus optimizer: the values segment Gradus updates and
 * the gradient segment it reads.
 *
 * <p><b>Zero copy</b> ({@link #zeroCopy()}): the values segment is the weight array's own memory,
 * updated in place by the step. <b>Copy</b>: the values segment is the adapter's, filled from the
 * array on each {@link #stage} and written back to it by {@link #writeBack()} after the step. The
 * gradient segment is always the adapter's: DJL hands {@code update} a fresh gradient array on
 * each step (its parameter server's reduced copy, closed when {@code update} returns), so the
 * gradient is copied into it by {@link #stage}.
 */
final class Binding {

    private final String name;
    private final MemorySegment values;
    private final MemorySegment gradient;
    private final boolean zeroCopy;
    private NDArray weight;

    private Binding(String name, NDArray weight, MemorySegment values, MemorySegment gradient, boolean zeroCopy) {
        this.name = name;
        this.weight = weight;
        this.values = values;
        this.gradient = gradient;
        this.zeroCopy = zeroCopy;
    }

    /**
     * Binds {@code weight}: over its own memory if {@code allowZeroCopy} and
     * {@link ArrayMemory#ownMemory} finds it, else over a copy in {@code arena}.
     *
     * @param name          the parameter's name in the Gradus optimizer
     * @param weight        the parameter's array, {@code float32}
     * @param arena         allocates the gradient segment, and the values segment of a copy
     * @param allowZeroCopy false to copy even where zero copy is possible
     * @return the binding, its values holding the weight's
     */
    static Binding of(String name, NDArray weight, Arena arena, boolean allowZeroCopy) {
        ArrayMemory.requireFloat32("weight", name, weight);
        long bytes = weight.size() * Float.BYTES;
        MemorySegment gradient = arena.allocate(bytes, 64);
        MemorySegment own = allowZeroCopy ? ArrayMemory.ownMemory(weight).orElse(null) : null;
        if (own != null) {
            return new Binding(name, weight, own, gradient, true);
        }
        MemorySegment values = arena.allocate(bytes, 64);
        ArrayMemory.copyInto(weight, values);
        return new Binding(name, weight, values, gradient, false);
    }

    /**
     * Takes this step's weight array and gradient: copies the gradient in, and, when copying,
     * the weight's values too.
     *
     * @param array the weight array DJL passed, {@code float32}
     * @param grad  its gradient, {@code float32}, of the same shape
     * @throws IllegalArgumentException if an array is not {@code float32} or of another size
     * @throws IllegalStateException    if zero copy is in use and {@code array} is not the array
     *                                  bound, nor an array over the same memory
     */
    void stage(NDArray array, NDArray grad) {
        ArrayMemory.requireFloat32("weight", name, array);
        ArrayMemory.requireFloat32("gradient", name, grad);
        long elements = values.byteSize() / Float.BYTES;
        if (array.size() != elements || grad.size() != elements) {
            throw new IllegalArgumentException("parameter " + name + " was registered with " + elements
                    + " elements, got a weight of " + array.size() + " and a gradient of " + grad.size());
        }
        if (array != weight) {
            rebind(array);
        }
        if (!zeroCopy) {
            ArrayMemory.copyInto(array, values);
        }
        ArrayMemory.copyInto(grad, gradient);
    }

    private void rebind(NDArray array) {
        if (zeroCopy && ArrayMemory.ownMemory(array).map(MemorySegment::address).orElse(-1L) != values.address()) {
            throw new IllegalStateException("the weight array of parameter " + name + " is not the one whose memory "
                    + "the optimizer updates in place (was the parameter's array replaced?); build a new "
                    + "GradusOptimizer, or one without zero copy");
        }
        weight = array;
    }

    /**
     * Requires the weight array to be open: a zero-copy step writes its memory.
     *
     * @throws IllegalStateException if it was closed
     */
    void requireOpen() {
        if (weight.isReleased()) {
            throw new IllegalStateException("the weight array of parameter " + name + " was closed");
        }
    }

    /** After a step: writes the values back into the weight array when copying; nothing otherwise. */
    void writeBack() {
        if (!zeroCopy) {
            ArrayMemory.copyFrom(values, weight);
        }
    }

    /**
     * The parameter's name in the Gradus optimizer.
     *
     * @return the name
     */
    String name() {
        return name;
    }

    /**
     * The segment the Gradus optimizer updates.
     *
     * @return the values
     */
    MemorySegment values() {
        return values;
    }

    /**
     * The segment the Gradus optimizer reads the gradient from.
     *
     * @return the gradient
     */
    MemorySegment gradient() {
        return gradient;
    }

    /**
     * Whether the values segment is the weight array's own memory.
     *
     * @return true for zero copy
     */
    boolean zeroCopy() {
        return zeroCopy;
    }
}
