package dev.gradus.huge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gradus.AdaGrad;
import dev.gradus.Adam;
import dev.gradus.Ewma;
import dev.gradus.Kernels;
import dev.gradus.Momentum;
import dev.gradus.Norms;
import dev.gradus.RmsProp;
import dev.gradus.Sgd;
import dev.gradus.UpdateRule;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The public entry points are correct on buffers of more than {@link Integer#MAX_VALUE} floats and
 * on slices at byte offsets beyond 2^31 and 2^32: a few steps there give the bits of the same
 * steps on small heap arrays, and nothing next to the stepped elements is written. The buffers
 * live in a sparse memory-mapped file, so a test touches a few pages of its tens of gigabytes;
 * each test takes milliseconds.
 */
@Tag("kernels")
class HugeBufferTest {

    /** Floats per huge buffer: more than {@link Integer#MAX_VALUE}. */
    private static final long HUGE = (1L << 31) + 64;
    /** The stepped range of a huge buffer: 110 elements across index 2^31, starting inside a vector. */
    private static final long FROM = (1L << 31) - 50;
    private static final long TO = (1L << 31) + 60;
    /** Where the first huge buffer starts: not on a vector boundary. */
    private static final long LEAD = 12;
    /** Floats per buffer of the tests of slices at large offsets. */
    private static final int SMALL = 100;
    private static final int STEPS = 3;
    private static final long SEED = 0x6a_d5_0006L;

    /** One step of the code under test on its buffers (parameter and gradient, or their equivalents, first). */
    @FunctionalInterface
    interface Stepper {
        void step(List<MemorySegment> buffers, long from, long to, long step);
    }

    /**
     * What is stepped: the call, the names of its buffers, and the value each buffer after the
     * first two holds before step 1.
     */
    record Subject(Stepper stepper, List<String> names, List<Float> stateStarts) {

        static Subject of(UpdateRule rule) {
            List<String> names = new ArrayList<>(List.of("param", "gradient"));
            List<Float> starts = new ArrayList<>();
            for (int s = 0; s < rule.stateBuffers(); s++) {
                names.add(rule.stateName(s));
                starts.add(rule.initialStateValue(s));
            }
            return new Subject((buffers, from, to, step) -> Kernels.step(rule, rule.defaultLearningRate(), step,
                    buffers.get(0), buffers.get(1), buffers.subList(2, buffers.size()), from, to), names, starts);
        }

        static Subject ewma() {
            return new Subject((buffers, from, to, step) -> Ewma.update(0.9, buffers.get(0), buffers.get(1), from, to),
                    List.of("average", "value"), List.of());
        }
    }

    /** Every rule, with options that use all its state buffers. */
    static Stream<UpdateRule> rules() {
        return Stream.of(Sgd.DEFAULT.withWeightDecay(1e-2), Momentum.nesterov(0.9),
                AdaGrad.DEFAULT.withInitialAccumulator(0.1), RmsProp.DEFAULT.withCentered(true).withMomentum(0.9),
                Adam.DEFAULT.withAmsgrad(true).withDecoupledWeightDecay(true).withWeightDecay(1e-2));
    }

    static Stream<Arguments> rulesAndOffsets() {
        return rules().flatMap(rule -> Stream.of((1L << 31) + 4, (1L << 32) + 12).map(at -> Arguments.of(rule, at)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void everyRuleStepsARangeAcrossIndex2To31OfBuffersLongerThanIntMaxValue(UpdateRule rule, @TempDir Path dir)
            throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            SparseFile.Mapped huge = SparseFile.map(dir, arena, LEAD, 2 + rule.stateBuffers(), HUGE);
            assertStepsLikeOnHeapArrays(Subject.of(rule), huge.segments(), FROM, TO, acrossIndex2To31(huge));
        }
    }

    @ParameterizedTest(name = "{0} at byte {1}")
    @MethodSource("rulesAndOffsets")
    void everyRuleStepsWholeSlicesAtByteOffsetsBeyond2To31And2To32(UpdateRule rule, long offset, @TempDir Path dir)
            throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            SparseFile.Mapped slices = SparseFile.map(dir, arena, offset, 2 + rule.stateBuffers(), SMALL);
            assertStepsLikeOnHeapArrays(Subject.of(rule), slices.segments(), 0, SMALL, slices.buffers());
        }
    }

    @Test
    void ewmaUpdatesARangeAcrossIndex2To31OfBuffersLongerThanIntMaxValue(@TempDir Path dir) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            SparseFile.Mapped huge = SparseFile.map(dir, arena, LEAD, 2, HUGE);
            assertStepsLikeOnHeapArrays(Subject.ewma(), huge.segments(), FROM, TO, acrossIndex2To31(huge));
        }
    }

    @Test
    void firstNonFiniteFindsElementsBeyondIndex2To31InASliceBeyondByte2To32(@TempDir Path dir) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment values = SparseFile.map(dir, arena, (1L << 32) + 12, 1, HUGE).segments().getFirst();
            long nan = (1L << 31) + 7;
            values.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, 3, Float.NaN);
            values.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, FROM - 1, Float.POSITIVE_INFINITY);
            values.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, nan, Float.NaN);
            values.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, TO, Float.NEGATIVE_INFINITY);

            assertEquals(3, Kernels.firstNonFinite(values), "whole buffer");
            assertEquals(nan, Kernels.firstNonFinite(values, FROM, TO));
            assertEquals(FROM - 1, Kernels.firstNonFinite(values, FROM - 1, TO));
            assertEquals(-1, Kernels.firstNonFinite(values, FROM, nan));
            assertEquals(-1, Kernels.firstNonFinite(values, nan + 1, TO));
            assertEquals(TO, Kernels.firstNonFinite(values, nan + 1, HUGE));
            assertEquals(-1, Kernels.firstNonFinite(values, FROM - 1 - (1 << 20), FROM - 1), "a 4 MiB range");
            assertEquals(FROM - 1, Kernels.firstNonFinite(values, FROM - (1 << 20), TO), "a 4 MiB range");
        }
    }

    @Test
    void reductionsAcrossIndex2To31HaveTheBitsOfTheSameBlocksOnAHeapArray(@TempDir Path dir) throws IOException {
        long from = (1L << 31) - 5000;
        long to = (1L << 31) + 61;
        // A multiple of the block length, so that the heap copy's elements sit at the same place in their blocks.
        long base = from / 4096 * 4096;
        float[] copy = new float[(int) (to - base)];
        SplittableRandom random = new SplittableRandom(SEED);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment values = SparseFile.map(dir, arena, LEAD, 1, HUGE).segments().getFirst();
            for (long i = from; i < to; i++) {
                float x = (float) (random.nextDouble(-1, 1) * Math.scalb(1.0, random.nextInt(-40, 40)));
                values.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i, x);
                copy[(int) (i - base)] = x;
            }
            MemorySegment heap = MemorySegment.ofArray(copy);
            int heapFrom = (int) (from - base);
            assertEquals(Double.doubleToRawLongBits(Norms.sumOfSquares(0.0, heap, heapFrom, copy.length)),
                    Double.doubleToRawLongBits(Norms.sumOfSquares(0.0, values, from, to)), "sum of squares");
            assertEquals(Norms.maxAbs(heap, heapFrom, copy.length), Norms.maxAbs(values, from, to), "largest absolute value");
            double[] totals = new double[4];
            assertEquals(3, Norms.blockTotals(values, from, to, totals, 1), "blocks met");
            assertEquals(Double.doubleToRawLongBits(Norms.sumOfSquares(0.0, values, from, to)),
                    Double.doubleToRawLongBits(Norms.sumOfTotals(0.0, totals, 1, 4)), "block totals added in order");
        }
    }

    /** The elements {@code [FROM, TO)} of every buffer. */
    private static List<Window> acrossIndex2To31(SparseFile.Mapped huge) {
        return huge.buffers().stream().map(b -> b.part(FROM, (int) (TO - FROM))).toList();
    }

    /**
     * Fills each window of the buffers (the elements {@code [from, to)}) and a heap array alike:
     * the first with values in {@code [-1, 1)}, the second with non-zero values in
     * {@code [-0.1, 0.1)}, the others with the subject's state starts. Then steps
     * {@code [from, to)} of the buffers and the whole heap arrays {@value #STEPS} times, and
     * asserts that the windows hold the arrays' bits and the floats next to them are still zero.
     */
    private static void assertStepsLikeOnHeapArrays(Subject subject, List<MemorySegment> buffers, long from, long to,
                                                    List<Window> windows) {
        SplittableRandom random = new SplittableRandom(SEED);
        int length = (int) (to - from);
        List<float[]> arrays = new ArrayList<>();
        for (int b = 0; b < buffers.size(); b++) {
            float[] initial = new float[length];
            for (int i = 0; i < length; i++) {
                initial[i] = switch (b) {
                    case 0 -> (float) random.nextDouble(-1, 1);
                    case 1 -> (float) ((random.nextBoolean() ? 1 : -1) * random.nextDouble(1e-3, 1e-1));
                    default -> subject.stateStarts().get(b - 2);
                };
            }
            windows.get(b).fill(initial);
            arrays.add(initial);
        }
        List<MemorySegment> heap = arrays.stream().map(MemorySegment::ofArray).toList();
        for (long step = 1; step <= STEPS; step++) {
            subject.stepper().step(buffers, from, to, step);
            subject.stepper().step(heap, 0, length, step);
        }
        for (int b = 0; b < buffers.size(); b++) {
            windows.get(b).assertSameBits(subject.names().get(b), arrays.get(b));
            windows.get(b).assertNeighboursZero(subject.names().get(b));
        }
    }
}
