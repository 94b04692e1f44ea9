package dev.gradus.internal;

import dev.gradus.Adafactor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One step of {@link Adafactor} on one parameter, as passes of the kernels: the parameter's sum
 * of squares, the decay, per row the gradient's sum of squares (for the row average) and its
 * squares added into the column averages, the direction into the {@code update} buffer, its sum
 * of squares, and the step. The sums come from {@link ReductionOrder}'s fixed order, so the step
 * has the same bits on every kernel implementation and width. A matrix is stepped whole; a vector
 * may be stepped on a range, which is then the vector.
 */
public final class AdafactorStep {

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private AdafactorStep() {
    }

    /**
     * Step {@code t} on {@code [from, to)}: the whole parameter if {@code shape} is factored.
     *
     * @param row       the row averages, {@code shape.rowFloats()} floats
     * @param column    the column averages, {@code shape.columnFloats()} floats (for a vector, indexed as the parameter)
     * @param update    receives the direction, indexed as the parameter
     * @param clipScale the gradient's factor from norm clipping, 1 without
     * @param clipped   whether the optimizer clips, so that the gradient is always scaled
     */
    public static void step(KernelSet kernels, Adafactor rule, double learningRate, long t, MemorySegment param,
                            MemorySegment gradient, Factoring shape, MemorySegment row, MemorySegment column,
                            MemorySegment update, long from, long to, float clipScale, boolean clipped) {
        step(kernels, rule, learningRate, t, param, gradient, shape.rows(), shape.columns(), row, column, update, from,
                to, clipScale, clipped);
    }

    /**
     * {@link #step(KernelSet, Adafactor, double, long, MemorySegment, MemorySegment, Factoring,
     * MemorySegment, MemorySegment, MemorySegment, long, long, float, boolean) step} with the shape
     * as the rows and columns of each matrix ({@code 1 x (to - from)} for a vector): allocates nothing.
     */
    public static void step(KernelSet kernels, Adafactor rule, double learningRate, long t, MemorySegment param,
                            MemorySegment gradient, long rows, long columns, MemorySegment row, MemorySegment column,
                            MemorySegment update, long from, long to, float clipScale, boolean clipped) {
        long n = to - from;
        if (n == 0) {
            return;
        }
        double alpha = alpha(rule, learningRate, t, kernels.sumOfSquares(param, from, to, 0.0), n);
        if (rule.weightDecay() != 0.0) {
            decay(kernels, rule, learningRate, param, from, to);
        }
        direction(kernels, rule, t, gradient, rows, columns, row, column, update, from, to, clipScale, clipped);
        kernels.sgd(param, null, update, from, to, (float) stepSize(kernels, rule, alpha, update, from, to),
                Float.POSITIVE_INFINITY, 1f, 0f, false);
    }

    /** {@code alpha = max(epsilon2, RMS(w)) * min(a, 1 / sqrt(t))} from the weights' sum of squares over {@code n} elements. */
    public static double alpha(Adafactor rule, double learningRate, long t, double weightSquares, long n) {
        double rho = Math.min(learningRate, 1.0 / Math.sqrt(t));
        return Math.max(rule.epsilon2(), Math.sqrt(weightSquares / n)) * rho;
    }

    /** The decoupled decay {@code w - (a * lambda) * w} on {@code [from, to)}: gradient descent with the parameter as its gradient. */
    public static void decay(KernelSet kernels, Adafactor rule, double learningRate, MemorySegment param, long from,
                             long to) {
        kernels.sgd(param, null, param, from, to, (float) (learningRate * rule.weightDecay()), Float.POSITIVE_INFINITY,
                1f, 0f, false);
    }

    /**
     * Advances the averages and writes the direction {@code u} into {@code update} on
     * {@code [from, to)}; {@code update} may be the gradient itself (each element is read before
     * it is written).
     */
    public static void direction(KernelSet kernels, Adafactor rule, long t, MemorySegment gradient, long rows,
                                 long columns, MemorySegment row, MemorySegment column, MemorySegment update,
                                 long from, long to, float clipScale, boolean clipped) {
        long n = to - from;
        float factor = rule.maximize() ? -clipScale : clipScale;
        boolean scaled = clipped || rule.maximize();
        double k = Math.pow(t, rule.beta2Decay());
        double squared = scaled ? (double) factor * factor : 1.0;
        float floor = (float) rule.epsilon1() * (float) rule.epsilon1();
        if (rows > 1) {
            matrices(kernels, rule, gradient, Factoring.batchOf(rows, columns, n), rows, columns, row, column, update,
                    k, squared, floor, factor, scaled);
        } else {
            kernels.accumulateSquares(column, gradient, from, from, n, (float) (1.0 - k), (float) (k * squared));
            kernels.factoredDirection(update, gradient, column, from, from, n, 1f, floor, factor, scaled);
        }
    }

    /** The step along {@code u}: {@code alpha / max(1, RMS(u) / d)}. */
    public static double stepSize(KernelSet kernels, Adafactor rule, double alpha, MemorySegment update, long from,
                                  long to) {
        double rms = Math.sqrt(kernels.sumOfSquares(update, from, to, 0.0) / (to - from));
        return alpha / Math.max(1.0, rms / rule.clipThreshold());
    }

    /** The averages and the direction of every matrix of a factored parameter. */
    private static void matrices(KernelSet kernels, Adafactor rule, MemorySegment gradient, long batch, long rows,
                                 long columns, MemorySegment row, MemorySegment column, MemorySegment update, double k,
                                 double squared, float floor, float factor, boolean scaled) {
        float keep = (float) (1.0 - k);
        float columnWeight = (float) (k * squared / rows);
        for (long b = 0; b < batch; b++) {
            double rowTotal = 0.0;
            for (long r = 0; r < rows; r++) {
                long start = (b * rows + r) * columns;
                double squares = kernels.sumOfSquares(gradient, start, start + columns, 0.0);
                long at = (b * rows + r) * Float.BYTES;
                float average = (float) ((1.0 - k) * row.get(FLOAT, at) + k * squared * squares / columns);
                row.set(FLOAT, at, average);
                rowTotal += average;
                kernels.accumulateSquares(column, gradient, b * columns, start, columns, r == 0 ? keep : 1f,
                        columnWeight);
            }
            double denominator = Math.max(rowTotal / rows, rule.epsilon1());
            for (long r = 0; r < rows; r++) {
                long start = (b * rows + r) * columns;
                float rowScale = (float) (row.get(FLOAT, (b * rows + r) * Float.BYTES) / denominator);
                kernels.factoredDirection(update, gradient, column, start, b * columns, columns, rowScale, floor,
                        factor, scaled);
            }
        }
    }
}
