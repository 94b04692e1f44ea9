package dev.gradus.internal.precision;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One thread's float32 tiles for steps on low-precision buffers: the parameter, the gradient,
 * three state buffers and a temporary, {@value #TILE} floats each, 384 KiB in all, so that a
 * tile's widening, its step and its narrowing stay in the second-level cache. Native memory, made
 * once per thread and freed with it.
 *
 * <p>The size was measured (StoredStepBenchmark, Adam with bfloat16 state, Zen 5): at 1M elements
 * tiles of 1024, 8192 and 16384 floats took 1.5, 1.6 and 1.0 ms a step, at 16M 31, 21 and 20 ms.
 * Each phase of a tile streams one buffer; longer streams keep the hardware prefetchers going.
 */
final class TileScratch {

    /** The floats of one tile: a multiple of every vector width's lane count. */
    static final int TILE = 16384;

    final MemorySegment param;
    final MemorySegment gradient;
    final MemorySegment state0;
    final MemorySegment state1;
    final MemorySegment state2;
    final MemorySegment temporary;
    /**
     * A block of a reduction ({@link StoredReductions#BLOCK} floats), over the first tiles: a
     * thread reduces and steps one after the other, never both at once.
     */
    final MemorySegment block;

    private TileScratch() {
        long bytes = (long) TILE * Float.BYTES;
        MemorySegment all = Arena.ofAuto().allocate(6 * bytes, 64);
        param = all.asSlice(0, bytes);
        gradient = all.asSlice(bytes, bytes);
        state0 = all.asSlice(2 * bytes, bytes);
        state1 = all.asSlice(3 * bytes, bytes);
        state2 = all.asSlice(4 * bytes, bytes);
        temporary = all.asSlice(5 * bytes, bytes);
        block = all.asSlice(0, (long) StoredReductions.BLOCK * Float.BYTES);
    }

    /** The tile of state buffer {@code k}. */
    MemorySegment state(int k) {
        return k == 0 ? state0 : k == 1 ? state1 : state2;
    }

    /** The tiles of each thread, made on its first use; a named class, so that no lambda is linked on the first call. */
    static final class PerThread extends ThreadLocal<TileScratch> {
        @Override
        protected TileScratch initialValue() {
            return new TileScratch();
        }
    }
}
