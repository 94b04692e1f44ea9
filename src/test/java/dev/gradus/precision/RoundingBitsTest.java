package dev.gradus.precision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gradus.internal.precision.RoundingBits;
import java.util.function.LongToIntFunction;
import org.junit.jupiter.api.Test;

/**
 * The hash of stochastic rounding: its formula pinned by known answers (a checkpoint's seed must
 * give the same bits in every later version), and its bits balanced along each of its inputs.
 * Each balance check fails falsely with probability at most {@value Tolerance#FALSE_FAILURE}
 * ({@link Tolerance}; 32 bits in each of 6 streams, so at most {@code 2e-7} in all); the streams
 * are fixed, so the verdict is the same on every run. That the vector loops give these bits at
 * every width and split is {@link VectorConversionsTest}'s job.
 */
class RoundingBitsTest {

    private static final int N = 1 << 22;

    @Test
    void mixIsMurmurHash3sFinalizer() {
        assertEquals(0, RoundingBits.mix(0));
        assertEquals(0x514e28b7, RoundingBits.mix(1));
    }

    @Test
    void knownAnswersPinTheFormula() {
        assertBits(0xc0f25afa, 0, 0, 0, 0);
        assertBits(0xcea9f8ed, 1, 1, 0, 0);
        assertBits(0xcc9e450a, 20260512L, 7, 12345, 3);
        assertBits(0x04631dec, -1L, Long.MAX_VALUE, (1L << 32) + 5, -1);
        assertBits(0x366349ff, 0x9e3779b97f4a7c15L, 1_000_000, 1L << 40, 17);
        assertEquals(0xc04b425b5fe58a94L, RoundingBits.key(0, 0, 0));
    }

    private static void assertBits(int expected, long seed, long step, long index, int buffer) {
        assertEquals(expected, RoundingBits.bits(RoundingBits.key(seed, step, buffer), index),
                () -> "bits(" + seed + ", " + step + ", " + index + ", " + buffer + ")");
    }

    @Test
    void everyBitIsBalancedOverIndicesAcrossTheHighHalf() {
        long key = RoundingBits.key(20260512L, 1, 0);
        long first = (1L << 32) - N / 2;
        checkBalance("indices", i -> RoundingBits.bits(key, first + i));
    }

    @Test
    void everyBitIsBalancedOverSteps() {
        checkBalance("steps", t -> RoundingBits.bits(RoundingBits.key(99, t, 2), 4321));
    }

    @Test
    void everyBitIsBalancedOverBuffersAndSeeds() {
        checkBalance("buffers", b -> RoundingBits.bits(RoundingBits.key(99, 10, (int) b), 4321));
        checkBalance("seeds", s -> RoundingBits.bits(RoundingBits.key(s, 10, 2), 4321));
    }

    /** Neighbouring indices differ in each bit half the time, so their bits do not follow each other. */
    @Test
    void neighbouringIndicesDifferInEveryBitHalfTheTime() {
        long key = RoundingBits.key(7, 3, 1);
        checkBalance("xor of neighbouring indices", i -> RoundingBits.bits(key, i) ^ RoundingBits.bits(key, i + 1));
        checkBalance("xor of neighbouring steps", t -> RoundingBits.bits(RoundingBits.key(7, t, 1), 55)
                ^ RoundingBits.bits(RoundingBits.key(7, t + 1, 1), 55));
    }

    /** Each of the 32 bits of {@code bits(0 .. N-1)} is one in {@code N/2} of them, within the bound. */
    private static void checkBalance(String stream, LongToIntFunction bits) {
        int[] ones = new int[Integer.SIZE];
        for (long i = 0; i < N; i++) {
            int value = bits.applyAsInt(i);
            for (int b = 0; b < Integer.SIZE; b++) {
                ones[b] += (value >>> b) & 1;
            }
        }
        double bound = Tolerance.ofCount(N, 0.5);
        for (int b = 0; b < Integer.SIZE; b++) {
            if (Math.abs(ones[b] - N / 2.0) > bound) {
                throw new AssertionError(String.format("%s: bit %d is one %d times in %d, more than %.0f from half",
                        stream, b, ones[b], N, bound));
            }
        }
    }
}
