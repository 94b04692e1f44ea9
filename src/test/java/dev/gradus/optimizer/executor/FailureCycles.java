package dev.gradus.optimizer.executor;

import dev.gradus.Optimizer;
import dev.gradus.StepAbortedException;
import dev.gradus.internal.ParallelRegion;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.ObjectName;

/**
 * The child JVM of {@link FailureCyclesTest}, run with {@code -XX:NativeMemoryTracking=summary}:
 * fails many optimizer steps on a rejecting executor and many thread starts, each time building
 * and closing the optimizer or region, then prints what is left: live threads, the optimizer's
 * threads, and the native memory tracking difference from a baseline taken after a warm-up (native
 * segments count as "Other").
 *
 * <p>Arguments: the number of optimizer cycles, the number of thread-start cycles.
 */
public final class FailureCycles {

    private FailureCycles() {
    }

    /**
     * Runs the cycles and prints the counts, one {@code name=before after} line each, then the
     * native memory tracking difference.
     *
     * @param args the number of optimizer cycles and of thread-start cycles
     * @throws Exception if a cycle does not fail as expected or a counter cannot be read
     */
    public static void main(String[] args) throws Exception {
        int steps = Integer.parseInt(args[0]);
        int starts = Integer.parseInt(args[1]);
        ThreadPoolExecutor rejecting = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new SynchronousQueue<>(),
                new ThreadPoolExecutor.AbortPolicy());
        try (Arena parameters = Arena.ofShared()) {
            Parameter parameter = new Parameter(parameters.allocate(4096), parameters.allocate(4096));
            cycles(steps / 10, starts / 10, rejecting, parameter);
            System.gc();
            long[] before = counts();
            nativeMemory("baseline");
            cycles(steps, starts, rejecting, parameter);
            System.gc();
            long[] after = counts();
            print(before, after);
        }
        System.out.println(nativeMemory("summary.diff"));
        rejecting.shutdownNow();
    }

    /** The values and gradient every cycle's optimizer steps. */
    private record Parameter(MemorySegment values, MemorySegment gradient) {
    }

    private static void print(long[] before, long[] after) {
        String[] names = {"threads", "gradusThreads"};
        for (int i = 0; i < names.length; i++) {
            System.out.println(names[i] + "=" + before[i] + " " + after[i]);
        }
    }

    private static void cycles(int steps, int starts, ThreadPoolExecutor rejecting, Parameter parameter) {
        for (int c = 0; c < steps; c++) {
            try (Optimizer optimizer = Model.builder().startTimeout(Duration.ofSeconds(10)).executor(rejecting, 3).build()) {
                optimizer.add("w", parameter.values(), parameter.gradient());
                try {
                    optimizer.step();
                    throw new AssertionError("a step on a rejecting executor succeeded");
                } catch (StepAbortedException expected) {
                    // what every cycle does
                }
            }
        }
        for (int c = 0; c < starts; c++) {
            AtomicInteger made = new AtomicInteger();
            ThreadFactory secondFails = work -> {
                if (made.incrementAndGet() == 2) {
                    throw new OutOfMemoryError("unable to create native thread (a test)");
                }
                return Thread.ofPlatform().daemon().name("gradus-step-cycle").unstarted(work);
            };
            try {
                ParallelRegion.withThreads(3, secondFails, Duration.ofSeconds(10));
                throw new AssertionError("a region whose second thread cannot start was made");
            } catch (OutOfMemoryError expected) {
                // what every cycle does
            }
        }
    }

    private static long[] counts() {
        long gradus = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("gradus-step") && t.isAlive()).count();
        return new long[] {ManagementFactory.getThreadMXBean().getThreadCount(), gradus};
    }

    private static String nativeMemory(String command) throws Exception {
        return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                new Object[] {new String[] {command}}, new String[] {String[].class.getName()});
    }
}
