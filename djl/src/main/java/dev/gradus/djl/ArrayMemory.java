package dev.gradus.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * How the adapter reaches an {@link NDArray}'s floats: through a segment over the array's own
 * memory where that is possible, by copies otherwise.
 */
final class ArrayMemory {

    private ArrayMemory() {
    }

    /**
     * A segment over the array's own memory: a dense, contiguous {@code float32} PyTorch tensor on
     * the CPU, through the direct buffer {@link PtNDArray#toByteBuffer(boolean) toByteBuffer(true)}
     * returns. For any other array, empty.
     *
     * <p>{@code toByteBuffer(true)} makes a contiguous copy of a non-contiguous tensor and wraps
     * that instead; two calls then return two different copies. The segment is returned only when
     * two calls wrap the same address, so that it is the tensor's own memory; the copies are
     * closed before this method returns.
     *
     * @param array a {@code float32} array
     * @return the segment, as long as the array's elements, valid while the array is open
     */
    static Optional<MemorySegment> ownMemory(NDArray array) {
        if (!(array instanceof PtNDArray tensor) || !Device.cpu().equals(array.getDevice()) || array.isSparse()) {
            return Optional.empty();
        }
        try (NDScope copies = new NDScope()) {
            ByteBuffer first = tensor.toByteBuffer(true);
            ByteBuffer second = tensor.toByteBuffer(true);
            if (!first.isDirect() || !second.isDirect()) {
                return Optional.empty();
            }
            MemorySegment segment = MemorySegment.ofBuffer(first);
            if (segment.address() != MemorySegment.ofBuffer(second).address()
                    || segment.byteSize() != array.size() * Float.BYTES || segment.isReadOnly()) {
                return Optional.empty();
            }
            return Optional.of(segment);
        }
    }

    /**
     * Copies the array's elements, in row-major order, into {@code target}. A contiguous copy or
     * a copy to the CPU that the engine makes on the way is closed before this method returns.
     *
     * @param array  a {@code float32} array of {@code target.byteSize() / 4} elements
     * @param target where the floats go
     */
    static void copyInto(NDArray array, MemorySegment target) {
        try (NDScope copies = new NDScope()) {
            ByteBuffer bytes = array.toByteBuffer(true);
            MemorySegment.copy(MemorySegment.ofBuffer(bytes), 0, target, 0, target.byteSize());
        }
    }

    /**
     * Sets the array's elements, in row-major order, from {@code source} through
     * {@link NDArray#set(java.nio.Buffer)}, which the array's engine implements for its own
     * devices and layouts.
     *
     * @param source the floats
     * @param array  a {@code float32} array of {@code source.byteSize() / 4} elements
     */
    static void copyFrom(MemorySegment source, NDArray array) {
        try (NDScope copies = new NDScope()) {
            array.set(source.asByteBuffer().order(ByteOrder.nativeOrder()).asFloatBuffer());
        }
    }

    /**
     * Requires a {@code float32} array.
     *
     * @param what  what the array is, for the message
     * @param name  the parameter's name, for the message
     * @param array the array
     * @throws IllegalArgumentException if its data type is another
     */
    static void requireFloat32(String what, String name, NDArray array) {
        if (array.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("the " + what + " of parameter " + name + " must be float32, got "
                    + array.getDataType());
        }
    }
}
