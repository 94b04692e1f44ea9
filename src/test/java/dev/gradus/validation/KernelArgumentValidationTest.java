package dev.gradus.validation;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gradus.AdaGrad;
import dev.gradus.Adam;
import dev.gradus.Kernels;
import dev.gradus.Momentum;
import dev.gradus.RmsProp;
import dev.gradus.Sgd;
import dev.gradus.testing.rejection.RejectedCalls;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad calls of the kernel facade: each is rejected with the JDK's exception type for that misuse
 * and a message naming the argument, and leaves every buffer of the call bit-for-bit unchanged.
 */
class KernelArgumentValidationTest {

    private static final int N = 8;

    /** Eight-float buffers, each filled with distinct non-zero values. */
    record Fixture(Arena arena, MemorySegment param, MemorySegment gradient, MemorySegment m, MemorySegment v) {

        static Fixture create() {
            Arena arena = Arena.ofAuto();
            List<MemorySegment> buffers = Stream.generate(() -> arena.allocate(N * 4L, 64)).limit(4).toList();
            for (int b = 0; b < 4; b++) {
                for (int i = 0; i < N; i++) {
                    buffers.get(b).setAtIndex(ValueLayout.JAVA_FLOAT, i, 0.25f * (b + 1) + i);
                }
            }
            return new Fixture(arena, buffers.get(0), buffers.get(1), buffers.get(2), buffers.get(3));
        }

        MemorySegment confinedToAnotherThread() {
            return CompletableFuture.supplyAsync(() -> Arena.ofConfined().allocate(N * 4L)).join();
        }

        MemorySegment closed() {
            Arena closing = Arena.ofConfined();
            MemorySegment segment = closing.allocate(N * 4L);
            closing.close();
            return segment;
        }

        void adam(double lr, long step, MemorySegment w, MemorySegment g, MemorySegment m1, MemorySegment v1) {
            Kernels.adam(Adam.DEFAULT, lr, step, w, g, m1, v1);
        }
    }

    static Stream<Arguments> badCalls() {
        return Stream.of(
                row("null rule", NullPointerException.class, "rule",
                        f -> () -> Kernels.adam(null, 1e-3, 1, f.param, f.gradient, f.m, f.v)),
                row("learning rate NaN", IllegalArgumentException.class, "learningRate must be finite and >= 0, got NaN",
                        f -> () -> f.adam(Double.NaN, 1, f.param, f.gradient, f.m, f.v)),
                row("learning rate -1", IllegalArgumentException.class, "learningRate must be finite and >= 0, got -1.0",
                        f -> () -> f.adam(-1, 1, f.param, f.gradient, f.m, f.v)),
                row("learning rate +Inf", IllegalArgumentException.class, "learningRate must be finite and >= 0, got Infinity",
                        f -> () -> f.adam(Double.POSITIVE_INFINITY, 1, f.param, f.gradient, f.m, f.v)),
                row("learning rate 1e39, infinite as a float", IllegalArgumentException.class,
                        "learningRate must be at most 3.4028235E38 in magnitude (Float.MAX_VALUE: larger values round to "
                                + "infinity as the float the kernels use), got 1.0E39",
                        f -> () -> f.adam(1e39, 1, f.param, f.gradient, f.m, f.v)),
                row("learning rate 3.5e38, infinite as a float", IllegalArgumentException.class,
                        "learningRate must be at most 3.4028235E38 in magnitude",
                        f -> () -> Kernels.sgd(Sgd.DEFAULT, 3.5e38, f.param, f.gradient)),
                row("learning rate 1e38, whose Adam step size a / (1 - beta1) overflows", IllegalArgumentException.class,
                        "learningRate 1.0E38 makes Adam's step size a / (1 - beta1^t)",
                        f -> () -> f.adam(1e38, 1, f.param, f.gradient, f.m, f.v)),
                row("step 0", IllegalArgumentException.class, "step must be >= 1 (steps count from 1), got 0",
                        f -> () -> f.adam(1e-3, 0, f.param, f.gradient, f.m, f.v)),
                row("step -5", IllegalArgumentException.class, "step must be >= 1 (steps count from 1), got -5",
                        f -> () -> f.adam(1e-3, -5, f.param, f.gradient, f.m, f.v)),
                row("gradient shorter", IllegalArgumentException.class, "gradient holds 7 floats but param holds 8",
                        f -> () -> f.adam(1e-3, 1, f.param, f.gradient.asSlice(4), f.m, f.v)),
                row("m longer", IllegalArgumentException.class, "m holds 9 floats but param holds 8",
                        f -> () -> f.adam(1e-3, 1, f.param, f.gradient, f.arena.allocate(36), f.v)),
                row("v shorter", IllegalArgumentException.class, "v holds 4 floats but param holds 8",
                        f -> () -> f.adam(1e-3, 1, f.param, f.gradient, f.m, f.v.asSlice(0, 16))),
                row("param not whole floats", IllegalArgumentException.class,
                        "param must hold a whole number of floats, but its byte size is 30",
                        f -> () -> f.adam(1e-3, 1, f.param.asSlice(0, 30), f.gradient, f.m, f.v)),
                row("gradient not whole floats", IllegalArgumentException.class,
                        "gradient must hold a whole number of floats, but its byte size is 31",
                        f -> () -> f.adam(1e-3, 1, f.param, f.gradient.asSlice(1), f.m, f.v)),
                row("param read-only", IllegalArgumentException.class, "param is read-only but the step writes it",
                        f -> () -> f.adam(1e-3, 1, f.param.asReadOnly(), f.gradient, f.m, f.v)),
                row("m read-only", IllegalArgumentException.class, "m is read-only but the step writes it",
                        f -> () -> f.adam(1e-3, 1, f.param, f.gradient, f.m.asReadOnly(), f.v)),
                row("v read-only", IllegalArgumentException.class, "v is read-only but the step writes it",
                        f -> () -> f.adam(1e-3, 1, f.param, f.gradient, f.m, f.v.asReadOnly())),
                row("param overlaps gradient", IllegalArgumentException.class,
                        "param overlaps gradient (the step writes param while it reads gradient)",
                        f -> () -> f.adam(1e-3, 1, f.param, f.param, f.m, f.v)),
                row("m overlaps param", IllegalArgumentException.class,
                        "m overlaps param (the step writes m while it reads param)",
                        f -> () -> f.adam(1e-3, 1, f.param, f.gradient, f.param, f.v)),
                row("v overlaps gradient", IllegalArgumentException.class,
                        "v overlaps gradient (the step writes v while it reads gradient)",
                        f -> () -> f.adam(1e-3, 1, f.param, f.gradient, f.m, f.gradient)),
                row("m overlaps v", IllegalArgumentException.class, "m overlaps v (the step writes m while it reads v)",
                        f -> () -> f.adam(1e-3, 1, f.param, f.gradient, f.m, f.m)),
                row("range from > to", IndexOutOfBoundsException.class, "Range [5, 4) out of bounds for length 8",
                        f -> () -> Kernels.adam(Adam.DEFAULT, 1e-3, 1, f.param, f.gradient, f.m, f.v, 5, 4)),
                row("range past the end", IndexOutOfBoundsException.class, "Range [0, 9) out of bounds for length 8",
                        f -> () -> Kernels.adam(Adam.DEFAULT, 1e-3, 1, f.param, f.gradient, f.m, f.v, 0, 9)),
                row("range from negative", IndexOutOfBoundsException.class, "Range [-1, 8) out of bounds for length 8",
                        f -> () -> Kernels.adam(Adam.DEFAULT, 1e-3, 1, f.param, f.gradient, f.m, f.v, -1, 8)),
                row("m of a closed arena", IllegalStateException.class, "m: the segment's arena is already closed",
                        f -> () -> f.adam(1e-3, 1, f.param, f.gradient, f.closed(), f.v)),
                row("gradient of another thread's confined arena", WrongThreadException.class,
                        "gradient: the segment is confined to another thread than ",
                        f -> () -> f.adam(1e-3, 1, f.param, f.confinedToAnotherThread(), f.m, f.v)),
                row("null param", NullPointerException.class, "param",
                        f -> () -> f.adam(1e-3, 1, null, f.gradient, f.m, f.v)),
                row("null v", NullPointerException.class, "v",
                        f -> () -> f.adam(1e-3, 1, f.param, f.gradient, f.m, null)),
                row("null float[] gradient", NullPointerException.class, "gradient",
                        f -> () -> Kernels.adam(Adam.DEFAULT, 1e-3, 1, new float[2], null, new float[2], new float[2])),
                row("sgd learning rate NaN", IllegalArgumentException.class, "learningRate must be finite and >= 0, got NaN",
                        f -> () -> Kernels.sgd(Sgd.DEFAULT, Double.NaN, f.param, f.gradient)),
                row("sgd param read-only", IllegalArgumentException.class, "param is read-only but the step writes it",
                        f -> () -> Kernels.sgd(Sgd.DEFAULT, 0.1, f.param.asReadOnly(), f.gradient)),
                row("sgd gradient longer", IllegalArgumentException.class, "gradient holds 9 floats but param holds 8",
                        f -> () -> Kernels.sgd(Sgd.DEFAULT, 0.1, f.param, f.arena.allocate(36))),
                row("sgd closed param", IllegalStateException.class, "param: the segment's arena is already closed",
                        f -> () -> Kernels.sgd(Sgd.DEFAULT, 0.1, f.closed(), f.gradient)),
                row("vmax missing for AMSGrad", NullPointerException.class, "vmax must not be null",
                        f -> () -> Kernels.adam(Adam.DEFAULT.withAmsgrad(true), 1e-3, 1, f.param, f.gradient, f.m, f.v)),
                row("vmax given without AMSGrad", IllegalArgumentException.class,
                        "Adam keeps 2 state buffers, but a buffer was given in position 3",
                        f -> () -> Kernels.adam(Adam.DEFAULT, 1e-3, 1, f.param, f.gradient, f.m, f.v, f.arena.allocate(32))),
                row("vmax overlaps m", IllegalArgumentException.class, "m overlaps vmax",
                        f -> () -> Kernels.adam(Adam.DEFAULT.withAmsgrad(true), 1e-3, 1, f.param, f.gradient, f.m, f.v, f.m)),
                row("state list too short", IllegalArgumentException.class, "state holds 1 buffers but Adam keeps 2",
                        f -> () -> Kernels.step(Adam.DEFAULT, 1e-3, 1, f.param, f.gradient, List.of(f.m))),
                row("momentum step 0", IllegalArgumentException.class, "step must be >= 1 (steps count from 1), got 0",
                        f -> () -> Kernels.momentum(Momentum.heavyBall(0.9), 0.1, 0, f.param, f.gradient, f.m)),
                row("momentum velocity read-only", IllegalArgumentException.class, "velocity is read-only but the step writes it",
                        f -> () -> Kernels.momentum(Momentum.heavyBall(0.9), 0.1, 1, f.param, f.gradient, f.m.asReadOnly())),
                row("adagrad accumulator shorter", IllegalArgumentException.class, "accumulator holds 7 floats but param holds 8",
                        f -> () -> Kernels.adagrad(AdaGrad.DEFAULT, 0.1, f.param, f.gradient, f.m.asSlice(4))),
                row("rmsprop gradientAverage without centering", IllegalArgumentException.class,
                        "gradientAverage was given but the rule is not centered",
                        f -> () -> Kernels.rmsProp(RmsProp.DEFAULT, 0.1, f.param, f.gradient, f.m, f.v, null)),
                row("rmsprop centered without gradientAverage", NullPointerException.class, "gradientAverage must not be null",
                        f -> () -> Kernels.rmsProp(RmsProp.DEFAULT.withCentered(true), 0.1, f.param, f.gradient, f.m, null, null)),
                row("rmsprop momentumBuffer overlaps squareAverage", IllegalArgumentException.class,
                        "squareAverage overlaps momentumBuffer",
                        f -> () -> Kernels.rmsProp(RmsProp.DEFAULT.withMomentum(0.9), 0.1, f.param, f.gradient, f.m, null, f.m)),
                row("update overlaps param", IllegalArgumentException.class, "update overlaps param",
                        f -> () -> Kernels.update(Adam.DEFAULT, 1e-3, 1, f.param, f.gradient, f.param, List.of(f.m, f.v))),
                row("update is a state buffer", IllegalArgumentException.class, "update overlaps v",
                        f -> () -> Kernels.update(Adam.DEFAULT, 1e-3, 1, f.param, f.gradient, f.v, List.of(f.m, f.v))),
                row("update read-only", IllegalArgumentException.class, "update is read-only but the step writes it",
                        f -> () -> Kernels.update(Sgd.DEFAULT, 0.1, 1, f.param, f.gradient, f.m.asReadOnly(), List.of())),
                row("update shorter", IllegalArgumentException.class, "update holds 7 floats but param holds 8",
                        f -> () -> Kernels.update(Sgd.DEFAULT, 0.1, 1, f.param, f.gradient, f.m.asSlice(4), List.of())),
                row("update overlaps part of the gradient", IllegalArgumentException.class, "update overlaps gradient",
                        f -> () -> Kernels.update(Sgd.DEFAULT, 0.1, 1, f.param.asSlice(0, 16), f.gradient.asSlice(0, 16),
                                f.gradient.asSlice(8, 16), List.of())),
                row("null update", NullPointerException.class, "update",
                        f -> () -> Kernels.update(Sgd.DEFAULT, 0.1, 1, f.param, f.gradient, null, List.of())),
                row("update with the learning rate NaN", IllegalArgumentException.class,
                        "learningRate must be finite and >= 0, got NaN",
                        f -> () -> Kernels.update(Adam.DEFAULT, Double.NaN, 1, f.param, f.gradient, f.gradient,
                                List.of(f.m, f.v))),
                row("sgd range past the end", IndexOutOfBoundsException.class, "Range [2, 12) out of bounds for length 8",
                        f -> () -> Kernels.sgd(Sgd.DEFAULT, 0.1, f.param, f.gradient, 2, 12)));
    }

    private static Arguments row(String name, Class<? extends Throwable> type, String messageStart,
                                 Function<Fixture, Executable> call) {
        return RejectedCalls.row(name, type, messageStart, call);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCalls")
    void isRejectedBeforeAnythingIsWritten(String name, Class<? extends Throwable> type, String messageStart,
                                           Function<Fixture, Executable> call) {
        Fixture f = Fixture.create();
        RejectedCalls.assertRejectedUnchanged(type, messageStart, call.apply(f), f.param, f.gradient, f.m, f.v);
    }

    @Test
    void theUpdateFormAcceptsTheGradientAsItsUpdateAndAReadOnlyParam() {
        Fixture f = Fixture.create();
        float[] w = f.param.toArray(ValueLayout.JAVA_FLOAT);
        Kernels.update(Adam.DEFAULT, 1e-3, 1, f.param.asReadOnly(), f.gradient.asReadOnly(), f.gradient,
                List.of(f.m, f.v));
        org.junit.jupiter.api.Assertions.assertArrayEquals(w, f.param.toArray(ValueLayout.JAVA_FLOAT));
    }

    @Test
    void aReadOnlyGradientIsAccepted() {
        Fixture f = Fixture.create();
        f.adam(1e-3, 1, f.param, f.gradient.asReadOnly(), f.m, f.v);
        Kernels.sgd(Sgd.DEFAULT, 0.1, f.param, f.gradient.asReadOnly());
    }
}
