package dev.gradus.internal;

import java.util.Arrays;

/**
 * How one step's elements are shared among workers: the elements of all parameters, taken in
 * order as one sequence, cut into one contiguous share per worker. A cut inside a parameter falls
 * on a multiple of {@value #ALIGNMENT} elements (64 bytes from the parameter's start), so no two
 * workers write the same cache line of a 64-byte-aligned buffer. Each share is a list of pieces
 * {@code (parameter, from, to)}. Immutable once built; built at the first step after the
 * parameters change (see {@link Roster}), never during a step.
 */
public final class WorkPlan {

    /** Elements per 64-byte cache line of floats: the granularity of cuts. */
    public static final int ALIGNMENT = 16;

    private final int[][] parameter;
    private final long[][] from;
    private final long[][] to;

    private WorkPlan(int[][] parameter, long[][] from, long[][] to) {
        this.parameter = parameter;
        this.from = from;
        this.to = to;
    }

    /**
     * Cuts parameters of {@code lengths[i]} elements into {@code workers} shares of nearly equal
     * size (differing by at most {@value #ALIGNMENT} elements per cut).
     *
     * @param lengths the elements of each parameter, in order
     * @param workers the number of shares, {@code >= 1}
     * @return the plan
     */
    public static WorkPlan of(long[] lengths, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        long total = total(lengths);
        int[][] parameter = new int[workers][];
        long[][] from = new long[workers][];
        long[][] to = new long[workers][];
        int p = 0;
        long position = 0;
        for (int w = 0; w < workers; w++) {
            long quota = w == workers - 1 ? Long.MAX_VALUE : total / workers;
            Pieces pieces = new Pieces();
            while (p < lengths.length && quota > 0) {
                long remaining = lengths[p] - position;
                long take = remaining <= quota ? remaining : alignedCut(position, quota, lengths[p]) - position;
                if (take == 0 && remaining > 0) {
                    break; // the aligned cut falls where this share starts: the next worker goes on from here
                }
                if (take > 0) {
                    pieces.add(p, position, position + take);
                }
                quota -= take;
                position += take;
                if (position == lengths[p]) {
                    p++;
                    position = 0;
                }
            }
            parameter[w] = pieces.parameters();
            from[w] = pieces.froms();
            to[w] = pieces.tos();
        }
        return new WorkPlan(parameter, from, to);
    }

    /**
     * The sum of {@code lengths}, in a loop: a stream would load the stream framework on a
     * program's first {@code Optimizer.build()}, milliseconds of class loading.
     *
     * @param lengths element counts
     * @return their sum
     */
    public static long total(long[] lengths) {
        long total = 0;
        for (long length : lengths) {
            total += length;
        }
        return total;
    }

    /** The end of a cut taking {@code quota} elements from {@code position}, rounded to a multiple of the alignment. */
    private static long alignedCut(long position, long quota, long length) {
        long end = (position + quota + ALIGNMENT / 2) / ALIGNMENT * ALIGNMENT;
        return Math.min(Math.max(end, position), length);
    }

    /** {@return the number of workers} */
    public int workers() {
        return parameter.length;
    }

    /**
     * The number of pieces of worker {@code w}.
     *
     * @param w the worker
     * @return its pieces
     */
    public int pieces(int w) {
        return parameter[w].length;
    }

    /**
     * The parameter of piece {@code k} of worker {@code w}.
     *
     * @param w the worker
     * @param k the piece
     * @return the parameter's position in the lengths the plan was made of
     */
    public int parameter(int w, int k) {
        return parameter[w][k];
    }

    /**
     * The first element of piece {@code k} of worker {@code w}.
     *
     * @param w the worker
     * @param k the piece
     * @return the element, counted from the parameter's start
     */
    public long from(int w, int k) {
        return from[w][k];
    }

    /**
     * The end (exclusive) of piece {@code k} of worker {@code w}.
     *
     * @param w the worker
     * @param k the piece
     * @return the element after the piece's last, counted from the parameter's start
     */
    public long to(int w, int k) {
        return to[w][k];
    }

    /** A growable list of pieces. */
    private static final class Pieces {
        private int[] parameters = new int[4];
        private long[] froms = new long[4];
        private long[] tos = new long[4];
        private int size;

        void add(int p, long start, long end) {
            if (size == parameters.length) {
                parameters = Arrays.copyOf(parameters, size * 2);
                froms = Arrays.copyOf(froms, size * 2);
                tos = Arrays.copyOf(tos, size * 2);
            }
            parameters[size] = p;
            froms[size] = start;
            tos[size] = end;
            size++;
        }

        int[] parameters() {
            return Arrays.copyOf(parameters, size);
        }

        long[] froms() {
            return Arrays.copyOf(froms, size);
        }

        long[] tos() {
            return Arrays.copyOf(tos, size);
        }
    }
}
