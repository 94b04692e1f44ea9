package dev.gradus.norms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.Kernels;
import dev.gradus.Norms;
import dev.gradus.internal.ChunkedKernels;
import dev.gradus.internal.ScalarKernels;
import dev.gradus.testing.property.BitExact;
import dev.gradus.testing.property.GuardedSegment;
import dev.gradus.testing.property.Property;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The sum of squares and the largest absolute value have the bits of their specification
 * ({@code ReductionOrder}, restated in {@link SquareSumCase}) in the scalar, chunked and selected
 * kernels (vector at the width this run forces), over any range, offset and kind of memory, with
 * huge, tiny and non-finite values; they write nothing; pieces cut at block boundaries continue to
 * the bits of the whole range; and the sum is within its documented error of the exact sum.
 */
@Tag("kernels")
class ReductionKernelsTest {

    private static final double U = 0x1p-53;

    @Test
    void everyKernelHasTheBitsOfTheFixedOrder() {
        Property.forAll("sumOfSquares and maxAbs: selected == scalar == chunked == specification",
                        SquareSumCase.generator())
                .shrinkWith(SquareSumCase.shrinker())
                .cover("over several blocks", c -> c.to() > 0 && (c.to() - 1) / SquareSumCase.BLOCK
                        > c.from() / SquareSumCase.BLOCK, 20)
                .cover("from inside a row", c -> c.from() % SquareSumCase.ROW != 0, 30)
                .cover("to inside a row", c -> c.to() % SquareSumCase.ROW != 0, 30)
                .cover("within one row", c -> c.from() < c.to() && c.from() / SquareSumCase.ROW
                        == (c.to() - 1) / SquareSumCase.ROW, 5)
                .cover("a non-finite element in the range", c -> !c.finite(), 5)
                .cover("empty", c -> c.from() == c.to(), 3)
                .cover("continuing a sum", c -> c.start() != 0.0, 10)
                .check(c -> {
                    try (Arena arena = Arena.ofConfined()) {
                        GuardedSegment guarded = c.guarded(arena);
                        MemorySegment x = guarded.slice();
                        double sum = c.expectedSum();
                        assertSameBits(sum, ScalarKernels.INSTANCE.sumOfSquares(x, c.from(), c.to(), c.start()), "scalar");
                        assertSameBits(sum, ChunkedKernels.withChunk(1000).sumOfSquares(x, c.from(), c.to(), c.start()),
                                "chunked");
                        assertSameBits(sum, Norms.sumOfSquares(c.start(), x, c.from(), c.to()), Kernels.implementation());
                        float max = c.expectedMaxAbs();
                        assertSameBits(max, ScalarKernels.INSTANCE.maxAbs(x, c.from(), c.to()), "scalar");
                        assertSameBits(max, ChunkedKernels.withChunk(1000).maxAbs(x, c.from(), c.to()), "chunked");
                        assertSameBits(max, Norms.maxAbs(x, c.from(), c.to()), Kernels.implementation());
                        BitExact.assertSameBits("values", c.values(), x);
                        guarded.assertGuardsUntouched();
                    }
                });
    }

    @Test
    void piecesCutAtBlockBoundariesContinueToTheWholeRangesBits() {
        Property.forAll("sumOfSquares over block-aligned pieces, continued == over the whole range",
                        SquareSumCase.generator())
                .shrinkWith(SquareSumCase.shrinker())
                .cover("three pieces or more", c -> (c.to() - 1) / SquareSumCase.BLOCK - c.from() / SquareSumCase.BLOCK
                        >= 2, 10)
                .check(c -> {
                    try (Arena arena = Arena.ofConfined()) {
                        MemorySegment x = c.guarded(arena).slice();
                        double whole = Norms.sumOfSquares(c.start(), x, c.from(), c.to());
                        double pieces = c.start();
                        double blockByBlock = c.start();
                        long lo = c.from();
                        int cut = 0;
                        while (lo < c.to()) {
                            // Pieces of one to three blocks, and each block alone from 0.
                            long hi = Math.min(c.to(), (lo / SquareSumCase.BLOCK + 1 + cut++ % 3) * SquareSumCase.BLOCK);
                            pieces = Norms.sumOfSquares(pieces, x, lo, hi);
                            for (long b = lo; b < hi; b = Math.min(hi, (b / SquareSumCase.BLOCK + 1) * SquareSumCase.BLOCK)) {
                                blockByBlock += Norms.sumOfSquares(0.0, x, b,
                                        Math.min(hi, (b / SquareSumCase.BLOCK + 1) * SquareSumCase.BLOCK));
                            }
                            lo = hi;
                        }
                        assertSameBits(whole, pieces, "continued over pieces");
                        assertSameBits(whole, Double.isNaN(blockByBlock) ? Double.NaN : blockByBlock,
                                "block totals added in order");
                    }
                });
    }

    @Test
    void theSumIsWithinItsBoundOfTheExactSum() {
        Property.forAll("|sumOfSquares - exact| <= (128 + K) 2^-53 exact", SquareSumCase.generator())
                .shrinkWith(SquareSumCase.shrinker())
                .cover("huge values", c -> any(c, v -> Math.abs(v) > 0x1p64f), 10)
                .cover("subnormal values", c -> any(c, v -> v != 0 && Math.abs(v) < Float.MIN_NORMAL), 10)
                .check(c -> {
                    if (!c.finite()) {
                        return;
                    }
                    try (Arena arena = Arena.ofConfined()) {
                        MemorySegment x = c.guarded(arena).slice();
                        double computed = Norms.sumOfSquares(0.0, x, c.from(), c.to());
                        BigDecimal exact = BigDecimal.ZERO;
                        for (int i = c.from(); i < c.to(); i++) {
                            double v = c.values()[i];
                            exact = exact.add(new BigDecimal(v * v));
                        }
                        long blocks = c.from() >= c.to() ? 0
                                : (c.to() - 1) / SquareSumCase.BLOCK - c.from() / SquareSumCase.BLOCK + 1;
                        BigDecimal error = new BigDecimal(computed).subtract(exact).abs();
                        BigDecimal bound = exact.multiply(new BigDecimal((128 + blocks) * U), MathContext.DECIMAL128);
                        assertTrue(error.compareTo(bound) <= 0, "error " + error + " above the bound " + bound
                                + " of the exact sum " + exact);
                    }
                });
    }

    private interface FloatTest {
        boolean test(float value);
    }

    private static boolean any(SquareSumCase c, FloatTest test) {
        for (int i = c.from(); i < c.to(); i++) {
            if (test.test(c.values()[i])) {
                return true;
            }
        }
        return false;
    }

    private static void assertSameBits(double expected, double actual, String kernels) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                kernels + ": expected " + expected + ", got " + actual);
    }

    private static void assertSameBits(float expected, float actual, String kernels) {
        assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(actual),
                kernels + ": expected " + expected + ", got " + actual);
    }
}
