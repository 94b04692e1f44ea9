package dev.gradus.internal.warmup;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The buffers the warm-up steps on, in both kinds a caller may pass (native and heap segments),
 * so that the compiled kernels have seen both: a parameter, a gradient, three state buffers and
 * a gradient holding one NaN, of {@link #CAPACITY} floats each, and one buffer of each kind of
 * {@link #LARGE} floats for the scan's path for long ranges (made on first use). {@link #reset()} restores every value
 * before each round, so that repeated steps never drift into subnormals or overflow.
 */
final class WarmUpBuffers implements AutoCloseable {

    /** Floats per buffer. */
    static final int CAPACITY = 4096;
    /**
     * Floats of the long scan buffer: the vector scan reads ranges of at least 2^18 floats in four
     * streams, a loop of its own that must be compiled too.
     */
    static final int LARGE = (1 << 18) + 3;
    /** Where the NaN sits in the poisoned gradient. */
    static final int NAN_AT = 45;

    /** Roles of the buffers, the index into {@link #of}. */
    static final int PARAM = 0;
    static final int GRADIENT = 1;
    static final int STATE = 2;
    static final int POISONED = 5;
    private static final int ROLES = 6;

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment[][] buffers = new MemorySegment[2][ROLES];
    private final MemorySegment[] templates = new MemorySegment[ROLES];
    private final MemorySegment[] large = new MemorySegment[2];

    WarmUpBuffers() {
        for (int role = 0; role < ROLES; role++) {
            templates[role] = arena.allocate((long) CAPACITY * Float.BYTES, 64);
            for (int i = 0; i < CAPACITY; i++) {
                templates[role].setAtIndex(ValueLayout.JAVA_FLOAT, i, initialValue(role, i));
            }
            buffers[0][role] = arena.allocate((long) CAPACITY * Float.BYTES, 64);
            buffers[1][role] = MemorySegment.ofArray(new float[CAPACITY]);
        }
        reset();
    }

    /** Parameters in [-0.8, 0.8], gradients of both signs, never zero; state small and positive. */
    private static float initialValue(int role, int i) {
        return switch (role) {
            case PARAM -> ((i % 17) - 8) * 0.1f;
            case GRADIENT -> ((i % 13) - 6) * 0.01f + 0.001f;
            case POISONED -> i == NAN_AT ? Float.NaN : ((i % 11) - 5) * 0.01f + 0.002f;
            default -> (i % 7 + 1) * 1e-3f;
        };
    }

    /** Restores the initial values of every buffer. */
    void reset() {
        for (MemorySegment[] kind : buffers) {
            for (int role = 0; role < ROLES; role++) {
                MemorySegment.copy(templates[role], 0, kind[role], 0, templates[role].byteSize());
            }
        }
    }

    /**
     * A buffer.
     *
     * @param heap whether the heap buffer, else the native one
     * @param role {@link #PARAM}, {@link #GRADIENT}, {@code STATE + k} or {@link #POISONED}
     */
    MemorySegment of(boolean heap, int role) {
        return buffers[heap ? 1 : 0][role];
    }

    /** A buffer of {@link #LARGE} finite floats (zeros), native or heap. */
    MemorySegment large(boolean heap) {
        int kind = heap ? 1 : 0;
        if (large[kind] == null) {
            large[kind] = heap ? MemorySegment.ofArray(new float[LARGE]) : arena.allocate((long) LARGE * Float.BYTES, 64);
        }
        return large[kind];
    }

    @Override
    public void close() {
        arena.close();
    }
}
