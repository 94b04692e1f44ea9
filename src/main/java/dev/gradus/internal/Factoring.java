package dev.gradus.internal;

import java.util.Arrays;

/**
 * How a parameter of {@code n} elements is seen as a batch of matrices, row-major: its shape's
 * last dimension is the columns, the one before it the rows, and the product of the others the
 * batch. A parameter registered without a shape, or with one dimension, is a vector: one row of
 * {@code n} columns. {@link dev.gradus.Adafactor} factors the second moments of every matrix with
 * more than one row; other rules ignore the shape.
 *
 * @param batch   the number of matrices
 * @param rows    the rows of each
 * @param columns the columns of each
 */
public record Factoring(long batch, long rows, long columns) {

    /** A vector of {@code n} elements. */
    public static Factoring vector(long n) {
        return new Factoring(1, 1, n);
    }

    /**
     * The factoring of {@code shape} for a parameter of {@code n} elements.
     *
     * @param shape its dimensions, outermost first: none or one for a vector
     * @param n     its number of elements
     * @return the factoring
     * @throws IllegalArgumentException naming the shape if a dimension is below 1 or their product is not {@code n}
     */
    public static Factoring of(long[] shape, long n) {
        requireShape(shape, n);
        return new Factoring(batchOf(rowsOf(shape), columnsOf(shape, n), n), rowsOf(shape), columnsOf(shape, n));
    }

    /**
     * Checks that {@code shape} describes a parameter of {@code n} elements; allocates nothing
     * unless it throws.
     *
     * @throws IllegalArgumentException naming the shape if a dimension is below 1 or their product is not {@code n}
     */
    public static void requireShape(long[] shape, long n) {
        long product = 1;
        for (long dimension : shape) {
            if (dimension < 1) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a dimension below 1");
            }
            if (Math.multiplyHigh(product, dimension) != 0 || product * dimension < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than 2^63 elements");
            }
            product *= dimension;
        }
        if (product != n) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has " + product
                    + " elements, the parameter " + n);
        }
    }

    /** The rows of each matrix of a valid {@code shape}: 1 for a vector. */
    public static long rowsOf(long[] shape) {
        return shape.length < 2 ? 1 : shape[shape.length - 2];
    }

    /** The columns of each matrix of a valid {@code shape} of {@code n} elements: {@code n} for a vector. */
    public static long columnsOf(long[] shape, long n) {
        return shape.length < 2 ? n : shape[shape.length - 1];
    }

    /** The number of matrices of {@code rows x columns} in {@code n} elements: 1 for an empty vector. */
    public static long batchOf(long rows, long columns, long n) {
        return rows * columns == 0 ? 1 : n / (rows * columns);
    }

    /** The floats of the row averages of matrices of {@code rows x columns} in {@code n} elements. */
    public static long rowFloats(long rows, long columns, long n) {
        return rows > 1 ? batchOf(rows, columns, n) * rows : 1;
    }

    /** The floats of the column averages of matrices of {@code rows x columns} in {@code n} elements. */
    public static long columnFloats(long rows, long columns, long n) {
        return batchOf(rows, columns, n) * columns;
    }

    /** {@return whether the second moments are factored: more than one row} */
    public boolean factored() {
        return rows > 1;
    }

    /** {@return the floats of the row averages: one per row of every matrix, or one for a vector} */
    public long rowFloats() {
        return factored() ? batch * rows : 1;
    }

    /** {@return the floats of the column averages: one per column of every matrix} */
    public long columnFloats() {
        return batch * columns;
    }
}
