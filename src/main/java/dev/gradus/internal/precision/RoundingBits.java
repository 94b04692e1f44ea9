package dev.gradus.internal.precision;

/**
 * The 32 random bits of stochastic rounding for one element: a counter-based hash of
 * {@code (seed, step, index, buffer)}, stateless, so that every element's bits are the same
 * whichever thread, vector lane or range computes them, and after a resume.
 *
 * <p>Counter-based generation is the idea of Salmon, Moraes, Dror and Shaw, "Parallel random
 * numbers: as easy as 1, 2, 3" (SC 2011): the n-th output is a keyed bijection of n, here of the
 * element index. The bijection is built from {@link #mix}, the 32-bit finalizer of Austin
 * Appleby's MurmurHash3, which has full avalanche; it needs only 32-bit multiplies, xors and
 * shifts, operations every vector width has (unlike the 32 x 32 to 64-bit products of Philox,
 * or 64-bit lane multiplies, which AVX2 lacks). With the 64-bit words split into low and high
 * halves:
 * <pre>{@code
 * chain(c) = mix(mix(mix(mix(mix(c ^ seedLo) ^ seedHi) ^ stepLo) ^ stepHi) ^ buffer)
 * k0 = chain(0x9e3779b9), k1 = chain(0x7f4a7c15)           // the key: once per call
 * bits(index) = mix(mix(indexLo ^ k0) ^ (indexHi + k1))   // per element
 * }</pre>
 * The key mixes the seed, the step and the buffer through five rounds each; an element costs two
 * rounds with the key injected before each (a key-alternating construction, so that two keys do
 * not just permute each other's outputs by an xor). A vector of consecutive indices has the lanes
 * {@code indexLo = (int) base + lane}; where that wraps past {@code 2^32}, the lane's
 * {@code indexHi} is one more, which the vector loop computes as the carry
 * {@code ((int) base & ~indexLo) >>> 31}.
 *
 * <p>The chains start from the two halves of SplitMix64's increment {@code 0x9e3779b97f4a7c15}
 * (its high half is {@code 2^32} divided by the golden ratio): fixed and otherwise arbitrary.
 */
public final class RoundingBits {

    /** The first multiplier of MurmurHash3's finalizer. */
    public static final int MIX_1 = 0x85ebca6b;
    /** Its second multiplier. */
    public static final int MIX_2 = 0xc2b2ae35;
    private static final int CHAIN_0 = 0x9e3779b9;
    private static final int CHAIN_1 = 0x7f4a7c15;

    private RoundingBits() {
    }

    /**
     * The key of a call: {@code k0} in the low 32 bits, {@code k1} in the high ones.
     *
     * @param seed   the run's seed
     * @param step   the step number
     * @param buffer the number of the buffer being rounded
     */
    public static long key(long seed, long step, int buffer) {
        int k0 = chain(CHAIN_0, seed, step, buffer);
        int k1 = chain(CHAIN_1, seed, step, buffer);
        return (k0 & 0xffffffffL) | ((long) k1 << Integer.SIZE);
    }

    /** The key's first word, {@code k0}, xor-ed into the index's low half. */
    public static int key0(long key) {
        return (int) key;
    }

    /** The key's second word, {@code k1}, added to the index's high half. */
    public static int key1(long key) {
        return (int) (key >>> Integer.SIZE);
    }

    /** The 32 random bits of the element at {@code index} under {@code key}. */
    public static int bits(long key, long index) {
        int low = mix((int) index ^ key0(key));
        return mix(low ^ ((int) (index >>> Integer.SIZE) + key1(key)));
    }

    /**
     * MurmurHash3's 32-bit finalizer: {@code h ^= h >>> 16; h *= 0x85ebca6b; h ^= h >>> 13;
     * h *= 0xc2b2ae35; h ^= h >>> 16}, a bijection of the 32-bit integers in which every input
     * bit changes each output bit with probability close to 1/2.
     */
    public static int mix(int h) {
        h = (h ^ (h >>> 16)) * MIX_1;
        h = (h ^ (h >>> 13)) * MIX_2;
        return h ^ (h >>> 16);
    }

    private static int chain(int h, long seed, long step, int buffer) {
        h = mix(h ^ (int) seed);
        h = mix(h ^ (int) (seed >>> Integer.SIZE));
        h = mix(h ^ (int) step);
        h = mix(h ^ (int) (step >>> Integer.SIZE));
        return mix(h ^ buffer);
    }
}
