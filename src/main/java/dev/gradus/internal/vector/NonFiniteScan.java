package dev.gradus.internal.vector;

import static dev.gradus.internal.vector.Vectors.LANES;
import static dev.gradus.internal.vector.Vectors.ORDER;
import static dev.gradus.internal.vector.Vectors.SPECIES;

import dev.gradus.internal.ScalarKernels;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/** The search for the first NaN or infinity of a range, a vector at a time. */
final class NonFiniteScan {

    // The int species of the same width, for reading the raw bits of floats.
    private static final VectorSpecies<Integer> INT_SPECIES = SPECIES.withLanes(int.class);
    private static final int EXPONENT_BITS = 0x7f800000;
    /** Ranges of at least this many floats (1 MiB) are first checked in four streams. */
    private static final long FOUR_STREAMS_MIN_FLOATS = 1 << 18;

    private NonFiniteScan() {
    }

    /** The lanes of the vector at element {@code i} that are NaN or infinite: those with every exponent bit set. */
    private static VectorMask<Integer> nonFinite(MemorySegment values, long i) {
        return IntVector.fromMemorySegment(INT_SPECIES, values, i * Float.BYTES, ORDER)
                .and(EXPONENT_BITS).eq(EXPONENT_BITS);
    }

    /**
     * The index of the first element of {@code [from, to)} that is NaN or infinite, or {@code -1}.
     *
     * <p>Tests the raw int bits of the floats: a float is NaN or infinite exactly when all its
     * exponent bits are set, {@code (bits & 0x7f800000) == 0x7f800000}, which is
     * {@link Float#isFinite} negated, so the answer is exact. Per vector this is a load, an
     * {@code and}, a compare and a test of the mask, integer operations that run at about a vector
     * per cycle in cache; {@code test(IS_FINITE)} (a mask conversion more) and {@code x - x == 0}
     * (float ports only) measured slower.
     *
     * <p>Beyond the caches one stream of loads does not reach the memory bandwidth (on a 2-core
     * AVX2 EPYC, 16M floats took 3.1 ms in one stream and 2.0 ms in four), so a range of at least
     * {@link #FOUR_STREAMS_MIN_FLOATS} is first checked in four quarters read side by side. In
     * cache the single stream is faster, so shorter ranges use it alone. (The single-stream loop
     * has a method of its own: with the four-stream branch in the same method, C2 compiled it
     * 1.5 times slower in cache.)
     */
    static long firstNonFinite(MemorySegment values, long from, long to) {
        if (to - from >= FOUR_STREAMS_MIN_FLOATS) {
            return firstNonFiniteOfLongRange(values, from, to);
        }
        return firstNonFiniteInOneStream(values, from, to);
    }

    /**
     * Checks the four quarters of {@code [from, to)} (in whole vectors) side by side; if none holds
     * a non-finite element, only the elements after them remain to search, otherwise the single
     * stream searches from {@code from} and stops at the first one.
     */
    private static long firstNonFiniteOfLongRange(MemorySegment values, long from, long to) {
        long quarter = SPECIES.loopBound((to - from) / 4);
        boolean found = anyNonFiniteInFourStreams(values, from, quarter);
        return firstNonFiniteInOneStream(values, found ? from : from + 4 * quarter, to);
    }

    /** Whether {@code [from, from + 4 * quarter)} holds a NaN or an infinity, reading its quarters side by side. */
    private static boolean anyNonFiniteInFourStreams(MemorySegment values, long from, long quarter) {
        for (long i = from, end = from + quarter; i < end; i += LANES) {
            if (nonFinite(values, i).or(nonFinite(values, i + quarter))
                    .or(nonFinite(values, i + 2 * quarter).or(nonFinite(values, i + 3 * quarter))).anyTrue()) {
                return true;
            }
        }
        return false;
    }

    /** The first non-finite element of {@code [from, to)}, a vector at a time, the tail handed to the scalar kernel. */
    private static long firstNonFiniteInOneStream(MemorySegment values, long from, long to) {
        long i = from;
        for (long bound = from + SPECIES.loopBound(to - from); i < bound; i += LANES) {
            // nonFinite(values, i) spelled out: with the call, C2 compiled this loop 1.4 times slower in cache.
            VectorMask<Integer> nonFinite = IntVector.fromMemorySegment(INT_SPECIES, values, i * Float.BYTES, ORDER)
                    .and(EXPONENT_BITS).eq(EXPONENT_BITS);
            if (nonFinite.anyTrue()) {
                return i + nonFinite.firstTrue();
            }
        }
        return ScalarKernels.INSTANCE.firstNonFinite(values, i, to);
    }
}
