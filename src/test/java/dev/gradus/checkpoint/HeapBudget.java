package dev.gradus.checkpoint;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.junit.jupiter.api.function.Executable;

/**
 * The heap a rejection costs: the bytes the calling thread allocates while a read or load runs
 * ({@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}), garbage included, so
 * an upper bound of the heap it ever held. The budget of a rejected input of {@code S} bytes is
 * {@code 2 S + 1 MiB}. The bean is reached reflectively: the tests are compiled into the module
 * {@code dev.gradus}, which does not read {@code java.management}; they run on the class path.
 */
final class HeapBudget {

    static final long SLACK = 1 << 20;

    private static final MethodHandle ALLOCATED = allocatedBytes();

    private HeapBudget() {
    }

    /** The bytes this thread has allocated so far. */
    static long allocated() {
        try {
            return (long) ALLOCATED.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read the thread's allocated bytes", e);
        }
    }

    private static MethodHandle allocatedBytes() {
        try {
            Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                    .invoke(null);
            Class<?> bean = Class.forName("com.sun.management.ThreadMXBean");
            return MethodHandles.publicLookup().findVirtual(bean, "getCurrentThreadAllocatedBytes",
                    MethodType.methodType(long.class)).bindTo(threads);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The budget of rejecting an input of {@code size} bytes: {@code 2 * size + 1 MiB}. */
    static long of(long size) {
        return 2 * size + SLACK;
    }

    /**
     * Asserts that {@code call} throws a {@link CorruptCheckpointException} or a
     * {@link CheckpointMismatchException} (never another exception or error) and allocates at most
     * {@code budget} bytes meanwhile.
     *
     * @return the exception
     */
    static IOException assertRejectedWithin(long budget, Executable call, String what) {
        IOException rejection = assertAcceptedOrRejectedWithin(budget, call, what);
        if (rejection == null) {
            fail(what + ": expected a CorruptCheckpointException or CheckpointMismatchException, got none");
        }
        return rejection;
    }

    /**
     * Asserts that {@code call} returns, or throws a {@link CorruptCheckpointException} or a
     * {@link CheckpointMismatchException} (never another exception or error) after allocating at
     * most {@code budget} bytes.
     *
     * @return the exception, or null if it returned
     */
    static IOException assertAcceptedOrRejectedWithin(long budget, Executable call, String what) {
        long before = allocated();
        Throwable thrown = null;
        try {
            call.execute();
        } catch (Throwable t) {
            thrown = t;
        }
        long allocated = allocated() - before;
        if (thrown == null) {
            return null;
        }
        if (!(thrown instanceof CorruptCheckpointException) && !(thrown instanceof CheckpointMismatchException)) {
            fail(what + ": expected a CorruptCheckpointException or CheckpointMismatchException, got " + thrown, thrown);
        }
        assertTrue(allocated <= budget, what + ": allocated " + allocated + " bytes, more than the budget of " + budget
                + " (" + thrown.getMessage() + ")");
        return (IOException) thrown;
    }
}
