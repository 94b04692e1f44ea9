package dev.gradus.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gradus.AdaGrad;
import dev.gradus.Adam;
import dev.gradus.Kernels;
import dev.gradus.Momentum;
import dev.gradus.RmsProp;
import dev.gradus.Sgd;
import dev.gradus.testing.property.BitExact;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code float[]} overloads with an element range give the bits of the segment overloads with
 * the same range, leave the elements outside it alone, and reject a range outside the arrays
 * before anything is written.
 */
class ArrayRangeTest {

    private static final int N = 203;
    private static final long[][] RANGES = {{0, N}, {0, 0}, {7, 8}, {5, 170}, {64, N}, {N, N}};

    /** One kernel on arrays: {@code buffers[0]} the parameter, {@code [1]} the gradient, then the state. */
    interface ArrayForm {
        void step(float[][] buffers, long from, long to);
    }

    /** The same kernel on segments over the arrays. */
    interface SegmentForm {
        void step(MemorySegment[] buffers, long from, long to);
    }

    static Stream<Arguments> kernels() {
        Momentum momentum = Momentum.pytorch(0.9, 0.1, false);
        AdaGrad adagrad = AdaGrad.DEFAULT;
        RmsProp rmsProp = RmsProp.DEFAULT.withCentered(true).withMomentum(0.5);
        Adam adam = Adam.DEFAULT;
        Adam amsgrad = Adam.adamW().withAmsgrad(true);
        return Stream.of(
                Arguments.of("sgd", 2,
                        (ArrayForm) (b, f, t) -> Kernels.sgd(Sgd.DEFAULT, 0.1, b[0], b[1], f, t),
                        (SegmentForm) (b, f, t) -> Kernels.sgd(Sgd.DEFAULT, 0.1, b[0], b[1], f, t)),
                Arguments.of("momentum", 3,
                        (ArrayForm) (b, f, t) -> Kernels.momentum(momentum, 0.1, 2, b[0], b[1], b[2], f, t),
                        (SegmentForm) (b, f, t) -> Kernels.momentum(momentum, 0.1, 2, b[0], b[1], b[2], f, t)),
                Arguments.of("adagrad", 3,
                        (ArrayForm) (b, f, t) -> Kernels.adagrad(adagrad, 0.1, b[0], b[1], b[2], f, t),
                        (SegmentForm) (b, f, t) -> Kernels.adagrad(adagrad, 0.1, b[0], b[1], b[2], f, t)),
                Arguments.of("rmsprop", 5,
                        (ArrayForm) (b, f, t) -> Kernels.rmsProp(rmsProp, 0.01, b[0], b[1], b[2], b[3], b[4], f, t),
                        (SegmentForm) (b, f, t) -> Kernels.rmsProp(rmsProp, 0.01, b[0], b[1], b[2], b[3], b[4], f, t)),
                Arguments.of("adam", 4,
                        (ArrayForm) (b, f, t) -> Kernels.adam(adam, 1e-3, 3, b[0], b[1], b[2], b[3], f, t),
                        (SegmentForm) (b, f, t) -> Kernels.adam(adam, 1e-3, 3, b[0], b[1], b[2], b[3], f, t)),
                Arguments.of("adam amsgrad", 5,
                        (ArrayForm) (b, f, t) -> Kernels.adam(amsgrad, 1e-3, 3, b[0], b[1], b[2], b[3], b[4], f, t),
                        (SegmentForm) (b, f, t) -> Kernels.adam(amsgrad, 1e-3, 3, b[0], b[1], b[2], b[3], b[4], f, t)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void aRangeOfArraysStepsAsTheSegmentForm(String name, int buffers, ArrayForm arrays, SegmentForm segments) {
        for (long[] range : RANGES) {
            float[][] expected = buffers(buffers, 5);
            float[][] actual = buffers(buffers, 5);
            float[][] before = buffers(buffers, 5);
            segments.step(Arrays.stream(expected).map(MemorySegment::ofArray).toArray(MemorySegment[]::new), range[0], range[1]);
            arrays.step(actual, range[0], range[1]);
            for (int b = 0; b < buffers; b++) {
                String what = name + " buffer " + b + " over " + Arrays.toString(range);
                BitExact.assertSameBits(what, expected[b], actual[b]);
                BitExact.assertSameBits(what + " before the range",
                        Arrays.copyOf(before[b], (int) range[0]), Arrays.copyOf(actual[b], (int) range[0]));
                BitExact.assertSameBits(what + " after the range", Arrays.copyOfRange(before[b], (int) range[1], N),
                        Arrays.copyOfRange(actual[b], (int) range[1], N));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void aRangeOutsideTheArraysIsRejectedBeforeAnythingIsWritten(String name, int buffers, ArrayForm arrays,
                                                                 SegmentForm segments) {
        for (long[] range : new long[][] {{-1, 5}, {5, 4}, {0, N + 1}, {N + 1, N + 2}}) {
            float[][] actual = buffers(buffers, 6);
            assertThrows(IndexOutOfBoundsException.class, () -> arrays.step(actual, range[0], range[1]),
                    name + " over " + Arrays.toString(range));
            float[][] untouched = buffers(buffers, 6);
            for (int b = 0; b < buffers; b++) {
                assertArrayEquals(untouched[b], actual[b], name + " buffer " + b);
            }
        }
    }

    /** Parameters and gradients of mixed sign, state positive (valid second moments and accumulators). */
    private static float[][] buffers(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] buffers = new float[count][N];
        for (int b = 0; b < count; b++) {
            for (int i = 0; i < N; i++) {
                buffers[b][i] = (float) (b < 2 ? random.nextDouble(-1, 1) : random.nextDouble(0, 0.1));
            }
        }
        return buffers;
    }
}
