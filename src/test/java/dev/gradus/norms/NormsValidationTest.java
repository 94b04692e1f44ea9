package dev.gradus.norms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.GradientClipping;
import dev.gradus.Norms;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad arguments of {@link Norms} and {@link GradientClipping} throw, naming the argument, and write nothing. */
class NormsValidationTest {

    private static void assertNames(Class<? extends Throwable> type, String name, Executable call) {
        Throwable e = assertThrows(type, call);
        assertTrue(e.getMessage() != null && e.getMessage().contains(name), "message names " + name + ": " + e.getMessage());
    }

    @Test
    void nullBuffersAndArraysAreNamed() {
        assertNames(NullPointerException.class, "values", () -> Norms.sumOfSquares((float[]) null));
        assertNames(NullPointerException.class, "values", () -> Norms.sumOfSquares((MemorySegment) null));
        assertNames(NullPointerException.class, "values", () -> Norms.maxAbs(null, 0, 0));
        assertNames(NullPointerException.class, "buffers", () -> Norms.l2Norm((MemorySegment[]) null));
        assertNames(NullPointerException.class, "buffers", () -> Norms.l2Norm(MemorySegment.ofArray(new float[2]), null));
        assertNames(NullPointerException.class, "buffers", () -> Norms.infinityNorm((MemorySegment[]) null));
        assertNames(NullPointerException.class, "totals", () -> Norms.sumOfTotals(0.0, null, 0, 0));
        assertNames(NullPointerException.class, "totals",
                () -> Norms.blockTotals(MemorySegment.ofArray(new float[2]), 0, 2, null, 0));
    }

    @Test
    void rangesOutsideTheBuffersAreRejectedBeforeAnythingIsWritten() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment values = arena.allocate(4L * 10_000);
            assertThrows(IndexOutOfBoundsException.class, () -> Norms.sumOfSquares(0.0, values, 5, 10_001));
            assertThrows(IndexOutOfBoundsException.class, () -> Norms.maxAbs(values, -1, 3));
            assertThrows(IllegalArgumentException.class, () -> Norms.sumOfSquares(values.asSlice(0, 7)));
            double[] totals = {1.5, 2.5};
            // 10,000 elements meet 3 blocks: no room in 2, nor from index 1 of 3.
            assertNames(IndexOutOfBoundsException.class, "totals", () -> Norms.blockTotals(values, 0, 10_000, totals, 0));
            assertNames(IndexOutOfBoundsException.class, "totals",
                    () -> Norms.blockTotals(values, 0, 10_000, new double[3], 1));
            assertNames(IndexOutOfBoundsException.class, "totals", () -> Norms.blockTotals(values, 0, 1, totals, -1));
            assertArrayEquals(new double[] {1.5, 2.5}, totals, "totals left as they were");
            assertNames(IndexOutOfBoundsException.class, "totals", () -> Norms.sumOfTotals(0.0, totals, 1, 3));
            assertNames(IndexOutOfBoundsException.class, "totals", () -> Norms.sumOfTotals(0.0, totals, 2, 1));
        }
    }

    @Test
    void clippingSettingsAreChecked() {
        assertNames(IllegalArgumentException.class, "maxNorm", () -> GradientClipping.globalNorm(0.0));
        assertNames(IllegalArgumentException.class, "maxNorm", () -> GradientClipping.globalNorm(Double.NaN));
        assertNames(IllegalArgumentException.class, "maxNorm", () -> GradientClipping.globalNorm(1e300));
        assertNames(NullPointerException.class, "norm", () -> GradientClipping.globalNorm(1.0).withNorm(null));
        assertNames(NullPointerException.class, "scope", () -> GradientClipping.globalNorm(1.0).withScope(null));
        assertNames(NullPointerException.class, "convention",
                () -> GradientClipping.globalNorm(1.0).withConvention(null));
    }
}
