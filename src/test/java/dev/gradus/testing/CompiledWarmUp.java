package dev.gradus.testing;

import java.time.Duration;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Runs a Vector API call until C2 has compiled it with the intrinsics, which shows as a call that
 * allocates nothing on the heap: until then every vector is a heap object. Measured with
 * {@link ThreadAllocation}, so the call must run on the calling thread.
 *
 * <pre>{@code
 * long calls = CompiledWarmUp.untilNothingAllocated(i -> rule.vectorStep(step, 0, n),
 *         Duration.ofSeconds(60), () -> "my rule's vector step");
 * long bytes = CompiledWarmUp.allocatedBy(() -> rule.vectorStep(step, 0, n));   // 0 once compiled
 * }</pre>
 *
 * <p>Make everything the call needs (slices, step objects) before the call: whatever the call
 * itself allocates counts.
 */
public final class CompiledWarmUp {

    private CompiledWarmUp() {
    }

    /**
     * {@return the bytes this thread allocated while running {@code call}}
     *
     * @param call the call to measure
     */
    public static long allocatedBy(Runnable call) {
        long before = ThreadAllocation.bytes();
        call.run();
        return ThreadAllocation.bytes() - before;
    }

    /**
     * Runs {@code call} with the call numbers 1, 2, 3, ... until one call allocates nothing.
     *
     * @param call  the call; its argument is the call number, for example to pick a step's inputs
     * @param limit how long it may take
     * @param what  names the call in the failure message
     * @return the number of calls made
     * @throws AssertionError if a call still allocates after {@code limit}: it is not compiled
     *                        with the Vector API intrinsics (not compiled at all, or at a width the
     *                        CPU does not have)
     */
    public static long untilNothingAllocated(LongConsumer call, Duration limit, Supplier<String> what) {
        long deadline = System.nanoTime() + limit.toNanos();
        for (long calls = 1; ; calls++) {
            long number = calls;
            long bytes = allocatedBy(() -> call.accept(number));
            if (bytes == 0) {
                return calls;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(what.get() + " still allocates " + bytes + " bytes per call after " + calls
                        + " calls (" + limit.toSeconds() + " s): it is not compiled with the Vector API intrinsics");
            }
        }
    }
}
