package dev.gradus.internal.precision;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One thread's float32 tiles for steps on low-precision buffers: the parameter, the gradient,
 * three state buffers and a temporary, {@value #TILE} floats each, 24 KiB in all, so that a tile's
 * widening, its step and its narrowing stay in the first-level cache. Native memory, made once per
 * thread and freed with it.
 */
final class TileScratch {

    /** The floats of one tile: a multiple of every vector width's lane count. */
    static final int TILE = 1024;

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
