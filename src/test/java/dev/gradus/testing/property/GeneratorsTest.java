package dev.gradus.testing.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Floats, Lengths and Shrink. */
class GeneratorsTest {

    private static final int DRAWS = 5000;

    @Test
    void anyFloatReachesEveryCategory() {
        assertEquals(EnumSet.allOf(Floats.Category.class), categoriesOf(Floats.any()));
    }

    @Test
    void finiteFloatsReachEveryFiniteCategory() {
        assertEquals(EnumSet.complementOf(EnumSet.of(Floats.Category.NAN, Floats.Category.INFINITE)),
                categoriesOf(Floats.finite()));
    }

    @Test
    void wellScaledStaysInItsDecades() {
        float[] values = draw(Floats.wellScaled(-2, 2));
        assertTrue(IntStream.range(0, DRAWS).allMatch(i -> Math.abs(values[i]) < 100f));
        float[] nonNegative = draw(Floats.nonNegativeWellScaled(-2, 2));
        assertTrue(IntStream.range(0, DRAWS)
                .allMatch(i -> Float.floatToRawIntBits(nonNegative[i]) >= 0 && nonNegative[i] < 100f));
    }

    @Test
    void categoriesOfEdgeValues() {
        assertEquals(Floats.Category.NAN, Floats.category(Float.intBitsToFloat(0x7fc0dead)));
        assertEquals(Floats.Category.INFINITE, Floats.category(Float.NEGATIVE_INFINITY));
        assertEquals(Floats.Category.ZERO, Floats.category(-0f));
        assertEquals(Floats.Category.SUBNORMAL, Floats.category(Float.intBitsToFloat(0x807fffff)));
        assertEquals(Floats.Category.EXTREME, Floats.category(-Float.MAX_VALUE));
        assertEquals(Floats.Category.NORMAL, Floats.category(Float.MIN_NORMAL));
        assertTrue(!Floats.isSpecial(1f) && Floats.isSpecial(Float.MIN_VALUE));
    }

    @Test
    void describeShowsSignsAndBothEndsOfLongArrays() {
        assertEquals("[-0.0, NaN, 1.4E-45] (n=3)",
                Floats.describe(new float[] {-0f, Float.NaN, Float.MIN_VALUE}));
        float[] counting = new float[40];
        for (int i = 0; i < counting.length; i++) {
            counting[i] = i;
        }
        String text = Floats.describe(counting);
        assertTrue(text.startsWith("[0.0, 1.0, ") && text.contains(", 15.0, ..., 24.0, ")
                && text.endsWith(", 39.0] (n=40)"), text);
    }

    @Test
    void lengthsReachEveryShapeAndEverySmallCount() {
        Gen<Integer> lengths = Lengths.forLanes(8);
        SplittableRandom random = new SplittableRandom(7);
        EnumSet<Lengths.Shape> shapes = EnumSet.noneOf(Lengths.Shape.class);
        boolean[] small = new boolean[4 * 8 + 4];
        for (int i = 0; i < DRAWS; i++) {
            int n = lengths.next(random);
            shapes.add(Lengths.shape(n, 8));
            if (n < small.length) {
                small[n] = true;
            } else {
                assertTrue(Lengths.DEFAULT_LARGE.contains(n), () -> "unexpected " + n);
            }
        }
        assertEquals(EnumSet.allOf(Lengths.Shape.class), shapes);
        assertTrue(IntStream.range(0, small.length).allMatch(n -> small[n]));
        assertTrue(Lengths.isTail(9, 8) && !Lengths.isTail(16, 8) && !Lengths.isTail(0, 8));
        assertEquals(Lengths.Shape.LARGE, Lengths.shape(36, 8));
        assertEquals(Lengths.Shape.WITH_TAIL, Lengths.shape(35, 8));
    }

    @Test
    void towardZeroApproachesFromZeroToOneStepAway() {
        assertEquals(List.of(0, 19, 28, 33, 35, 36), Shrink.towardZero(37).toList());
        assertEquals(List.of(0L, -3L, -4L), Shrink.towardZero(-5L).toList());
        assertEquals(List.of(), Shrink.towardZero(0).toList());
    }

    @Test
    void simplerValuesReplaceOrdinaryElementsBeforeSpecialOnes() {
        float[] values = {2.5f, Float.NaN, -0f, 1f};
        assertEquals(List.of(
                        "[0.0, NaN, -0.0, 0.0]",
                        "[0.0, NaN, -0.0, 1.0]", "[1.0, NaN, -0.0, 1.0]",
                        "[2.5, NaN, -0.0, 0.0]",
                        "[2.5, 0.0, -0.0, 1.0]", "[2.5, 1.0, -0.0, 1.0]",
                        "[2.5, NaN, 0.0, 1.0]"),
                Shrink.simplerValues(values).map(Arrays::toString).toList());
        assertEquals(List.of(), Shrink.simplerValues(new float[] {0f, 0f}).toList());
        assertEquals(List.of("[]", "[2.5, NaN]", "[2.5, NaN, -0.0]"),
                Shrink.shorter(values).map(Arrays::toString).toList());
    }

    @Test
    void generatorsAreDeterministicInTheirSeed() {
        Gen<float[]> arrays = Lengths.forLanes(4).flatMap(n -> Floats.arrayOf(n, Floats.any()));
        for (long seed = 0; seed < 50; seed++) {
            assertEquals(Arrays.toString(arrays.next(new SplittableRandom(seed))),
                    Arrays.toString(arrays.next(new SplittableRandom(seed))));
        }
    }

    private static EnumSet<Floats.Category> categoriesOf(Gen<Float> generator) {
        return Floats.categories(draw(generator));
    }

    private static float[] draw(Gen<Float> generator) {
        return Floats.arrayOf(DRAWS, generator).next(new SplittableRandom(42));
    }
}
