package dev.gradus.internal.warmup;

import dev.gradus.internal.precision.Bf16;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The buffers the warm-up steps on: a parameter, a gradient, three state buffers, a gradient
 * holding one NaN and an update, of {@link #CAPACITY} floats each, and as many bfloat16 elements
 * of two state buffers, a parameter, its compensation and a gradient ({@link #half}), in three
 * places: heap arrays, native memory of a shared arena and native memory of an arena confined to
 * the warm-up thread; and a buffer of
 * {@link #LARGE} floats for the scan's path for long ranges (made on first use). Native calls
 * alternate between the shared and the confined arena: the JDK checks a segment's session on
 * every access, and compiled code that had only seen confined sessions kept being recompiled
 * when it met a shared one (and the other way round), for minutes. {@link #reset()} restores
 * every value before each round, so that repeated steps never drift into subnormals or overflow.
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
    static final int UPDATE = 6;
    private static final int ROLES = 7;
    /**
     * The 16-bit buffers of Adam's one pass on bfloat16 state, the index into {@link #half}:
     * {@code m} and {@code v}, and for Kahan-compensated weights the parameter, its compensation
     * and the gradient.
     */
    static final int HALF_M = 0;
    static final int HALF_V = 1;
    static final int HALF_PARAM = 2;
    static final int HALF_COMPENSATION = 3;
    static final int HALF_GRADIENT = 4;
    private static final int HALVES = 5;

    private static final int SHARED = 0;
    private static final int CONFINED = 1;
    private static final int HEAP = 2;

    private final Arena arena = Arena.ofShared();
    private final Arena confinedArena = Arena.ofConfined();
    private final MemorySegment[][] buffers = new MemorySegment[3][ROLES];
    private final MemorySegment[] templates = new MemorySegment[ROLES];
    private final MemorySegment[][] halves = new MemorySegment[3][HALVES];
    private final MemorySegment[] halfTemplates = new MemorySegment[HALVES];
    private final MemorySegment[] large = new MemorySegment[3];

    /** Buffers on this thread, which alone may use the confined ones. */
    WarmUpBuffers() {
        long bytes = (long) CAPACITY * Float.BYTES;
        for (int role = 0; role < ROLES; role++) {
            templates[role] = arena.allocate(bytes, 64);
            for (int i = 0; i < CAPACITY; i++) {
                templates[role].setAtIndex(ValueLayout.JAVA_FLOAT, i, initialValue(role, i));
            }
            buffers[SHARED][role] = arena.allocate(bytes, 64);
            buffers[CONFINED][role] = confinedArena.allocate(bytes, 64);
            buffers[HEAP][role] = MemorySegment.ofArray(new float[CAPACITY]);
        }
        long halfBytes = (long) CAPACITY * Short.BYTES;
        for (int k = 0; k < HALVES; k++) {
            halfTemplates[k] = arena.allocate(halfBytes, 64);
            for (int i = 0; i < CAPACITY; i++) {
                halfTemplates[k].setAtIndex(ValueLayout.JAVA_SHORT, i, Bf16.nearest(halfValue(k, i)));
            }
            halves[SHARED][k] = arena.allocate(halfBytes, 64);
            halves[CONFINED][k] = confinedArena.allocate(halfBytes, 64);
            halves[HEAP][k] = MemorySegment.ofArray(new short[CAPACITY]);
        }
        reset();
    }

    private static int place(boolean heap, boolean confined) {
        return heap ? HEAP : confined ? CONFINED : SHARED;
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

    /** The value a 16-bit buffer holds rounded: the float buffer's of its role; the compensation's far smaller. */
    private static float halfValue(int k, int i) {
        return switch (k) {
            case HALF_PARAM -> initialValue(PARAM, i);
            case HALF_COMPENSATION -> initialValue(STATE, i) * 1e-3f;
            case HALF_GRADIENT -> initialValue(GRADIENT, i);
            default -> initialValue(STATE, i);
        };
    }

    /** Restores the initial values of every buffer. */
    void reset() {
        for (MemorySegment[] kind : buffers) {
            for (int role = 0; role < ROLES; role++) {
                MemorySegment.copy(templates[role], 0, kind[role], 0, templates[role].byteSize());
            }
        }
        for (MemorySegment[] kind : halves) {
            for (int k = 0; k < HALVES; k++) {
                MemorySegment.copy(halfTemplates[k], 0, kind[k], 0, halfTemplates[k].byteSize());
            }
        }
    }

    /**
     * A buffer.
     *
     * @param heap     whether on the heap
     * @param confined for native memory, whether the confined arena's, else the shared one's
     * @param role     {@link #PARAM}, {@link #GRADIENT}, {@code STATE + k}, {@link #POISONED} or {@link #UPDATE}
     */
    MemorySegment of(boolean heap, boolean confined, int role) {
        return buffers[place(heap, confined)][role];
    }

    /**
     * A bfloat16 buffer holding its role's initial values rounded to nearest, placed as
     * {@link #of} says: on the heap over a {@code short[]}.
     *
     * @param k {@link #HALF_M}, {@link #HALF_V}, {@link #HALF_PARAM}, {@link #HALF_COMPENSATION} or {@link #HALF_GRADIENT}
     */
    MemorySegment half(boolean heap, boolean confined, int k) {
        return halves[place(heap, confined)][k];
    }

    /** A buffer of {@link #LARGE} finite floats (zeros), placed as {@link #of} says. */
    MemorySegment large(boolean heap, boolean confined) {
        int place = place(heap, confined);
        if (large[place] == null) {
            long bytes = (long) LARGE * Float.BYTES;
            large[place] = switch (place) {
                case HEAP -> MemorySegment.ofArray(new float[LARGE]);
                case CONFINED -> confinedArena.allocate(bytes, 64);
                default -> arena.allocate(bytes, 64);
            };
        }
        return large[place];
    }

    @Override
    public void close() {
        confinedArena.close();
        arena.close();
    }
}
