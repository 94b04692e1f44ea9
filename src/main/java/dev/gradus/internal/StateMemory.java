package dev.gradus.internal;

import dev.gradus.precision.StoragePlan;
import dev.gradus.precision.StorageType;
import dev.gradus.Adafactor;
import dev.gradus.UpdateRule;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The memory of an optimizer's state buffers, which can be freed parameter by parameter.
 *
 * <p>Closing a shared arena costs a handshake with every thread (about 30 us here), too much to
 * spend on each of 100,000 small parameters. So a parameter whose state takes
 * {@value #OWN_ARENA_BYTES} bytes or more gets an arena of its own, closed when it is removed;
 * smaller state is drawn from a pooled arena shared by the parameters registered after it, until
 * that arena holds {@value #POOL_BYTES} bytes, and the pooled arena is closed when the last of
 * its parameters is removed (or the optimizer closes). Buffers are allocated by a
 * {@link StaggeredAllocator}: zeroed or filled with the rule's initial value, 64-byte aligned.
 * Not thread-safe: the optimizer calls it while it holds itself.
 */
public final class StateMemory implements AutoCloseable {

    /** State of at least this many bytes in all gets an arena of its own. */
    public static final long OWN_ARENA_BYTES = 1 << 16;
    /** A pooled arena takes new state until it holds this many bytes. */
    public static final long POOL_BYTES = 1 << 20;

    /** An arena and the number of parameters whose state it holds. */
    public static final class Lease {
        private final Arena arena = Arena.ofShared();
        private final StaggeredAllocator allocator = new StaggeredAllocator(arena);
        private long bytes;
        private int holders;
        private boolean retired;

        private Lease() {
        }
    }

    private Lease pool;

    /** Memory holding no state yet. */
    public StateMemory() {
    }

    /**
     * Allocates the state of a parameter of {@code floats} elements and {@code shape} following
     * {@code rule}: each buffer holds {@link #stateFloats} floats.
     *
     * @param rule   the rule whose {@link UpdateRule#stateBuffers()} buffers to allocate
     * @param floats the parameter's number of elements
     * @param shape  its shape, which sizes Adafactor's averages
     * @param state  receives the buffers, in the rule's order
     * @return the lease to give back to {@link #free} when the parameter is removed
     */
    public Lease allocate(UpdateRule rule, long floats, Factoring shape, MemorySegment[] state) {
        return allocate(rule, floats, shape, StoragePlan.FLOAT32, state);
    }

    /**
     * {@link #allocate(UpdateRule, long, Factoring, MemorySegment[])} with each per-element state
     * buffer in the plan's state type (a schedule-free {@code averaging} stays float32), and, where
     * the plan keeps one, the weights' buffer of the optimizer in {@code state[3]}: the float32
     * master (to be filled from the values) or the Kahan compensation (zero, in the parameter type).
     *
     * @param state receives the buffers, in the rule's order, and the weights' buffer in position 3
     */
    public Lease allocate(UpdateRule rule, long floats, Factoring shape, StoragePlan plan, MemorySegment[] state) {
        long bytes = 0;
        for (int i = 0; i < rule.stateBuffers(); i++) {
            bytes = Math.addExact(bytes, Math.multiplyExact(stateFloats(rule, i, floats, shape),
                    (long) stateType(rule, i, plan).bytes()));
        }
        StorageType weights = weightsType(plan);
        if (weights != null) {
            bytes = Math.addExact(bytes, Math.multiplyExact(floats, (long) weights.bytes()));
        }
        Lease lease;
        if (bytes >= OWN_ARENA_BYTES) {
            lease = new Lease();
            lease.retired = true;
        } else {
            if (pool == null || pool.bytes >= POOL_BYTES) {
                retire(pool);
                pool = new Lease();
            }
            lease = pool;
        }
        for (int i = 0; i < rule.stateBuffers(); i++) {
            state[i] = lease.allocator.allocate(stateFloats(rule, i, floats, shape), stateType(rule, i, plan),
                    rule.initialStateValue(i));
        }
        if (weights != null) {
            state[WEIGHTS] = lease.allocator.allocate(floats, weights, 0f);
        }
        lease.bytes += bytes;
        lease.holders++;
        return lease;
    }

    /**
     * The floats of state buffer {@code index} of a parameter of {@code floats} elements and
     * {@code shape}: the parameter's count, except for {@link Adafactor}'s row and column averages and the
     * schedule-free rules' {@code averaging} ({@link ScheduleFreeAveraging#FLOATS}).
     */
    public static long stateFloats(UpdateRule rule, int index, long floats, Factoring shape) {
        if (rule instanceof Adafactor && index < 2) {
            return index == 0 ? shape.rowFloats() : shape.columnFloats();
        }
        if (ScheduleFreeAveraging.isAveraging(rule, index)) {
            return ScheduleFreeAveraging.FLOATS;
        }
        return floats;
    }

    /** The position of the optimizer's weights' buffer in the array {@link #allocate} fills. */
    public static final int WEIGHTS = 3;

    /**
     * The type of state buffer {@code index}: the plan's, except float32 for a schedule-free
     * {@code averaging} (scalars), for LAMB's update {@code u} ({@link LayerWise#isUpdate}) and
     * for all of Adafactor's state (sublinear averages, and a direction rewritten by every step).
     */
    public static StorageType stateType(UpdateRule rule, int index, StoragePlan plan) {
        return ScheduleFreeAveraging.isAveraging(rule, index) || LayerWise.isUpdate(rule, index)
                || rule instanceof Adafactor ? StorageType.FLOAT32 : plan.state();
    }

    /** The type of the optimizer's weights' buffer: float32 for a master, the parameter's for Kahan, else null. */
    public static StorageType weightsType(StoragePlan plan) {
        return switch (plan.weights()) {
            case ROUNDED -> null;
            case KAHAN -> plan.parameter();
            case FLOAT32_MASTER -> StorageType.FLOAT32;
        };
    }

    /**
     * Gives back a parameter's state: its arena is closed once no parameter's state is in it.
     * Views of freed state then throw {@link IllegalStateException} when read.
     *
     * @param lease what {@link #allocate} returned for the parameter
     */
    public void free(Lease lease) {
        lease.holders--;
        if (lease.holders == 0 && lease.retired) {
            lease.arena.close();
        }
    }

    private static void retire(Lease lease) {
        if (lease != null) {
            lease.retired = true;
            if (lease.holders == 0) {
                lease.arena.close();
            }
        }
    }

    /**
     * Closes the pooled arena; the caller frees every parameter's lease first.
     */
    @Override
    public void close() {
        retire(pool);
        pool = null;
    }
}
