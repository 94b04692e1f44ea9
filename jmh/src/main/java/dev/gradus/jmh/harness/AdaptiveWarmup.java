package dev.gradus.jmh.harness;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Warms a benchmark up until its calls run compiled and steady ({@link SteadyState}), before
 * JMH's own warmup and measurement iterations: it calls the benchmark method of the running
 * benchmark in chunks of {@value #CHUNK_MILLIS} ms, measuring the time per call, the bytes the
 * thread allocates per call and whether JIT compilations finish, and stops when the chunks are
 * steady, after at least {@code gradus.warmup.min} ms, or at the latest after
 * {@code gradus.warmup.max} ms. A fixed warm-up time is not enough: on a loaded machine C2 may
 * take many seconds to compile a Vector API kernel, and until then the kernel runs boxed vectors
 * a thousand times slower.
 *
 * <p>System properties of the fork: {@value #MIN_PROPERTY} (ms, default {@value #DEFAULT_MIN_MILLIS}),
 * {@value #MAX_PROPERTY} (ms, default {@value #DEFAULT_MAX_MILLIS}; 0 turns the warm-up off).
 * Single-shot benchmarks (cold start) are never warmed. {@link WarmupProfiler} reports the
 * outcome in JMH's results; one line on standard output reports it too.
 */
public final class AdaptiveWarmup {

    /** The shortest warm-up in milliseconds. */
    public static final String MIN_PROPERTY = "gradus.warmup.min";
    /** The longest warm-up in milliseconds; 0 turns it off. */
    public static final String MAX_PROPERTY = "gradus.warmup.max";
    /** The default of {@value #MIN_PROPERTY}. */
    public static final long DEFAULT_MIN_MILLIS = 1000;
    /** The default of {@value #MAX_PROPERTY}. */
    public static final long DEFAULT_MAX_MILLIS = 30_000;
    /** Whether to print every chunk ({@code -Dgradus.warmup.trace=true}), to see why a warm-up took long. */
    public static final String TRACE_PROPERTY = "gradus.warmup.trace";
    /** The length of one chunk of calls. */
    public static final long CHUNK_MILLIS = 100;

    /**
     * How a warm-up ended.
     *
     * @param seconds      its wall time
     * @param steady       whether it became steady, rather than reaching its longest time
     * @param chunks       the number of chunks of calls
     * @param nanosPerCall the time per call in the last chunk
     * @param bytesPerCall the bytes allocated per call in the last chunk, NaN when unknown
     */
    public record Outcome(double seconds, boolean steady, int chunks, double nanosPerCall, double bytesPerCall) {

        /**
         * The outcome in words, for the benchmark's output.
         *
         * @return for example {@code "steady after 1.3 s (13 chunks): 31200 ns and 0 B per call"}
         */
        public String describe() {
            return String.format(Locale.ROOT, "%s after %.1f s (%d chunks): %.0f ns and %.0f B per call",
                    steady ? "steady" : "NOT steady", seconds, chunks, nanosPerCall, bytesPerCall);
        }
    }

    private static final boolean TRACE = Boolean.getBoolean(TRACE_PROPERTY);
    private static final MethodHandle THREAD_ALLOCATED = threadAllocated();
    private static final MethodHandle COMPILATION_TIME = compilationTime();

    private static double slowestSeconds = Double.NaN;
    private static boolean allSteady = true;

    private AdaptiveWarmup() {
    }

    /**
     * Warms up the running benchmark method of {@code benchmark}, unless the benchmark is
     * single-shot or the warm-up is off; call it from a trial-level {@code @Setup} after the
     * benchmark's inputs are ready.
     *
     * @param benchmark the benchmark instance, whose public no-argument method JMH is running
     * @param params    JMH's parameters of the running benchmark
     * @return the outcome, or {@code null} when nothing ran
     * @throws IllegalStateException when the method cannot be found or throws
     */
    public static Outcome warm(Object benchmark, BenchmarkParams params) {
        long maxMillis = Long.getLong(MAX_PROPERTY, DEFAULT_MAX_MILLIS);
        if (params.getMode() == Mode.SingleShotTime || maxMillis <= 0) {
            return null;
        }
        String name = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        Outcome outcome = run(call(benchmark, name),
                TimeUnit.MILLISECONDS.toNanos(Long.getLong(MIN_PROPERTY, DEFAULT_MIN_MILLIS)),
                TimeUnit.MILLISECONDS.toNanos(maxMillis));
        record(outcome);
        System.out.println("# Gradus warm-up of " + name + ": " + outcome.describe());
        return outcome;
    }

    /**
     * The warm-ups of this JVM, one per benchmark thread.
     *
     * @param slowestSeconds the longest one's wall time, NaN before the first
     * @param allSteady      whether every one became steady
     */
    record Summary(double slowestSeconds, boolean allSteady) {
    }

    /**
     * The warm-ups of this JVM so far.
     *
     * @return the slowest time and whether all became steady
     */
    static synchronized Summary summary() {
        return new Summary(slowestSeconds, allSteady);
    }

    private static synchronized void record(Outcome outcome) {
        slowestSeconds = Double.isNaN(slowestSeconds) ? outcome.seconds() : Math.max(slowestSeconds, outcome.seconds());
        allSteady &= outcome.steady();
    }

    private static Outcome run(MethodHandle call, long minNanos, long maxNanos) {
        SteadyState state = new SteadyState(minNanos);
        long chunkNanos = TimeUnit.MILLISECONDS.toNanos(CHUNK_MILLIS);
        long start = System.nanoTime();
        boolean steady;
        do {
            long compiledBefore = compilationMillis();
            double bytesBefore = allocatedBytes();
            long chunkStart = System.nanoTime();
            long calls = 0;
            long now;
            do {
                invoke(call);
                calls++;
                now = System.nanoTime();
            } while (now - chunkStart < chunkNanos);
            double bytes = allocatedBytes() - bytesBefore;
            SteadyState.Chunk chunk = new SteadyState.Chunk(calls, now - chunkStart, bytes,
                    compilationMillis() != compiledBefore);
            state.add(chunk);
            if (TRACE) {
                System.out.println("# Gradus warm-up chunk " + state.chunkCount() + ": " + chunk);
            }
            steady = state.steady();
        } while (!steady && System.nanoTime() - start < maxNanos);
        SteadyState.Chunk last = state.last();
        return new Outcome((System.nanoTime() - start) / 1e9, steady, state.chunkCount(), last.nanosPerCall(),
                last.bytesPerCall());
    }

    private static void invoke(MethodHandle call) {
        try {
            call.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("the warm-up call failed", t);
        }
    }

    private static MethodHandle call(Object benchmark, String name) {
        try {
            Method method = benchmark.getClass().getMethod(name);
            return MethodHandles.publicLookup().unreflect(method).bindTo(benchmark)
                    .asType(MethodType.methodType(void.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no public method " + name + "() in " + benchmark.getClass(), e);
        }
    }

    private static double allocatedBytes() {
        if (THREAD_ALLOCATED == null) {
            return Double.NaN;
        }
        try {
            return (long) THREAD_ALLOCATED.invokeExact();
        } catch (Throwable t) {
            return Double.NaN;
        }
    }

    private static long compilationMillis() {
        if (COMPILATION_TIME == null) {
            return 0;
        }
        try {
            return (long) COMPILATION_TIME.invokeExact();
        } catch (Throwable t) {
            return 0;
        }
    }

    // The management beans are reached reflectively: these sources compile inside the module
    // dev.gradus, which does not read java.management; benchmarks run on the class path.

    private static MethodHandle threadAllocated() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                    .invoke(null);
            Method getter = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
            return MethodHandles.publicLookup().unreflect(getter).bindTo(bean)
                    .asType(MethodType.methodType(long.class));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static MethodHandle compilationTime() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getCompilationMXBean")
                    .invoke(null);
            Class<?> type = Class.forName("java.lang.management.CompilationMXBean");
            if (bean == null || !(Boolean) type.getMethod("isCompilationTimeMonitoringSupported").invoke(bean)) {
                return null;
            }
            return MethodHandles.publicLookup().unreflect(type.getMethod("getTotalCompilationTime")).bindTo(bean)
                    .asType(MethodType.methodType(long.class));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }
}
