package dev.gradus.jmh.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides when a warm-up may stop, from chunks of calls of the benchmark method. The warm-up is
 * steady when, after at least a minimum time, the last {@value #WINDOW} chunks
 *
 * <ul>
 *   <li>allocated at most {@value #MAX_BYTES_PER_CALL} bytes per call (compiled Vector API code
 *       allocates nothing; until C2 has compiled it, every vector is a heap object, kilobytes
 *       per call),</li>
 *   <li>were not faster than every earlier chunk by more than {@code 1 - }{@value #IMPROVEMENT}
 *       (their best time per call {@code >= }{@value #IMPROVEMENT}{@code  x} the best earlier one:
 *       each compilation that lands makes the calls faster; load from other processes only makes
 *       them slower, so it cannot fake an improvement), and</li>
 *   <li>saw no JIT compilation finish (the JVM's total compilation time did not grow), where the
 *       JVM reports it.</li>
 * </ul>
 */
public final class SteadyState {

    /** The number of chunks that must agree. */
    public static final int WINDOW = 3;
    /** The ratio of the window's best time to the best earlier time under which the calls still improve. */
    public static final double IMPROVEMENT = 0.9;
    /** Bytes per call above which a chunk counts as allocating. */
    public static final double MAX_BYTES_PER_CALL = 16;

    /**
     * One chunk of calls.
     *
     * @param calls          the number of calls
     * @param nanos          their wall time
     * @param allocatedBytes bytes the calling thread allocated meanwhile, NaN when unknown
     * @param compiled       whether a JIT compilation finished meanwhile
     */
    public record Chunk(long calls, long nanos, double allocatedBytes, boolean compiled) {

        /**
         * The mean time of one call.
         *
         * @return nanoseconds per call
         */
        public double nanosPerCall() {
            return (double) nanos / calls;
        }

        /**
         * The mean allocation of one call.
         *
         * @return bytes per call, NaN when unknown
         */
        public double bytesPerCall() {
            return allocatedBytes / calls;
        }

        boolean allocating() {
            return bytesPerCall() > MAX_BYTES_PER_CALL;
        }
    }

    private final long minNanos;
    private final List<Chunk> chunks = new ArrayList<>();
    private long nanos;

    /**
     * A criterion that needs at least {@code minNanos} of chunks.
     *
     * @param minNanos the shortest warm-up, in nanoseconds
     */
    public SteadyState(long minNanos) {
        this.minNanos = minNanos;
    }

    /**
     * Records the next chunk.
     *
     * @param chunk the chunk, at least one call
     * @throws IllegalArgumentException when it has no calls
     */
    public void add(Chunk chunk) {
        if (chunk.calls() < 1) {
            throw new IllegalArgumentException("a chunk needs a call: " + chunk);
        }
        chunks.add(chunk);
        nanos += chunk.nanos();
    }

    /**
     * Whether the calls run compiled and steady, by the rules above.
     *
     * @return {@code true} when the warm-up may stop
     */
    public boolean steady() {
        int n = chunks.size();
        if (nanos < minNanos || n <= WINDOW) {
            return false;
        }
        List<Chunk> window = chunks.subList(n - WINDOW, n);
        if (window.stream().anyMatch(c -> c.allocating() || c.compiled())) {
            return false;
        }
        double windowBest = window.stream().mapToDouble(Chunk::nanosPerCall).min().orElseThrow();
        double earlierBest = chunks.subList(0, n - WINDOW).stream().mapToDouble(Chunk::nanosPerCall).min().orElseThrow();
        return windowBest >= IMPROVEMENT * earlierBest;
    }

    /**
     * The last chunk.
     *
     * @return the last chunk added
     * @throws java.util.NoSuchElementException before the first
     */
    public Chunk last() {
        return chunks.getLast();
    }

    /**
     * The number of chunks so far.
     *
     * @return the chunk count
     */
    public int chunkCount() {
        return chunks.size();
    }
}
