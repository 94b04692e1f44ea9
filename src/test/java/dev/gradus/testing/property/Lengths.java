package dev.gradus.testing.property;

import java.util.List;

/**
 * Element counts for kernels that process {@code lanes} elements per vector, and their
 * classification for coverage requirements.
 *
 * <p>Most counts are small, in {@code 0 .. 4*lanes+3}, drawn by shape with fixed odds whatever
 * the lane count, so that coverage minima hold as reliably at 16 lanes as at 2: one in 16 is
 * empty, 4 in 16 shorter than one vector, 3 in 16 an exact multiple of the lanes (1 to 4
 * vectors), 7 in 16 uniform in {@code lanes+1 .. 4*lanes+3} (mostly with a tail), and one in 16 is
 * one of a few large counts, which reach unrolled main loops.
 */
public final class Lengths {

    /** The large counts used unless others are given: beyond unrolling, odd, above 2^16. */
    public static final List<Integer> DEFAULT_LARGE = List.of(1000, 4099, 65_537);

    /** How a count relates to a vector of {@code lanes} elements; see {@link #shape}. */
    public enum Shape {
        /** Zero elements. */
        EMPTY,
        /** Fewer elements than one vector holds. */
        SHORTER_THAN_VECTOR,
        /** Above the small range {@code 0 .. 4*lanes+3}. */
        LARGE,
        /** A nonzero multiple of the lane count. */
        EXACT_MULTIPLE,
        /** At least one vector followed by a partial one. */
        WITH_TAIL
    }

    private Lengths() {}

    /**
     * {@return counts for {@code lanes} lanes with the {@link #DEFAULT_LARGE} large counts}
     *
     * @param lanes the elements per vector, {@code >= 1}
     * @throws IllegalArgumentException if {@code lanes < 1}
     */
    public static Gen<Integer> forLanes(int lanes) {
        return forLanes(lanes, DEFAULT_LARGE);
    }

    /**
     * {@return counts for {@code lanes} lanes with the given large counts}
     *
     * @param lanes the elements per vector, {@code >= 1}
     * @param large the large counts; none if empty (their share then goes to the small counts)
     * @throws IllegalArgumentException if {@code lanes < 1}
     */
    public static Gen<Integer> forLanes(int lanes, List<Integer> large) {
        if (lanes < 1) {
            throw new IllegalArgumentException("lanes must be positive: " + lanes);
        }
        Gen<Integer> small = Gen.ints(lanes + 1, smallMax(lanes));
        Gen<Integer> big = large.isEmpty() ? small : Gen.elementOf(large);
        return random -> switch (random.nextInt(16)) {
            case 0 -> 0;
            case 1 -> big.next(random);
            case 2, 3, 4, 5 -> lanes == 1 ? 0 : random.nextInt(1, lanes);
            case 6, 7, 8 -> lanes * random.nextInt(1, 5);
            default -> small.next(random);
        };
    }

    /**
     * {@return whether {@code n} elements end in a partial vector ({@code n % lanes != 0})}
     *
     * @param n     the count
     * @param lanes the elements per vector
     */
    public static boolean isTail(int n, int lanes) {
        return n % lanes != 0;
    }

    /**
     * The first of {@link Shape#EMPTY}, {@link Shape#SHORTER_THAN_VECTOR}, {@link Shape#LARGE},
     * {@link Shape#EXACT_MULTIPLE}, {@link Shape#WITH_TAIL} that {@code n} satisfies. Large counts
     * may also have a tail: ask {@link #isTail} for that.
     *
     * @param n     the count
     * @param lanes the elements per vector
     * @return the shape
     */
    public static Shape shape(int n, int lanes) {
        if (n == 0) {
            return Shape.EMPTY;
        } else if (n < lanes) {
            return Shape.SHORTER_THAN_VECTOR;
        } else if (n > smallMax(lanes)) {
            return Shape.LARGE;
        }
        return isTail(n, lanes) ? Shape.WITH_TAIL : Shape.EXACT_MULTIPLE;
    }

    private static int smallMax(int lanes) {
        return 4 * lanes + 3;
    }
}
