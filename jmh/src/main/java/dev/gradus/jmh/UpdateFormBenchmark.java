package dev.gradus.jmh;

import dev.gradus.AdaGrad;
import dev.gradus.Adam;
import dev.gradus.Kernels;
import dev.gradus.Momentum;
import dev.gradus.RmsProp;
import dev.gradus.Sgd;
import dev.gradus.UpdateRule;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The update form ({@code Kernels.update}) against the in-place step ({@code Kernels.step}) of the
 * same rule on the same native buffers, in the same fork: {@code update} writes the update into a
 * buffer of its own (the bytes moved are those of the in-place step, with the update written
 * instead of the parameter), {@code updateIntoGradient} overwrites the gradient as a DL4J
 * updater does. Every rule with its common options. Not part of the report; run it by hand:
 * {@code -p n=4096,65536} for the in-cache ratio.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class UpdateFormBenchmark {

    /** The rule, by name: see {@link #rule(String)}. */
    @Param({"sgd", "momentum", "nesterov", "adagrad", "rmsprop", "rmspropCentered", "adam", "adamW", "amsgrad"})
    public String rule;

    /** Elements per buffer. */
    @Param({"4096", "65536", "1048576"})
    public int n;

    private UpdateRule measured;
    private double learningRate;
    private long step;
    private TrialBuffers buffers;
    private MemorySegment w;
    private MemorySegment g;
    private MemorySegment u;
    private List<MemorySegment> state;

    /** The rule named {@code name}. */
    static UpdateRule rule(String name) {
        return switch (name) {
            case "sgd" -> Sgd.DEFAULT;
            case "momentum" -> Momentum.heavyBall(0.9);
            case "nesterov" -> Momentum.nesterov(0.9);
            case "adagrad" -> AdaGrad.DEFAULT;
            case "rmsprop" -> RmsProp.DEFAULT;
            case "rmspropCentered" -> RmsProp.DEFAULT.withCentered(true);
            case "adam" -> Adam.DEFAULT;
            case "adamW" -> Adam.adamW();
            case "amsgrad" -> Adam.DEFAULT.withAmsgrad(true);
            default -> throw new IllegalArgumentException("no rule named " + name);
        };
    }

    @Setup(Level.Trial)
    public void allocate() {
        measured = rule(rule);
        learningRate = measured.defaultLearningRate();
        buffers = TrialBuffers.allocate(n, 3 + measured.stateBuffers(), StreamState.SEED);
        w = buffers.segment(TrialBuffers.PARAMETERS);
        g = buffers.segment(TrialBuffers.GRADIENTS);
        u = buffers.segment(2);
        state = IntStream.range(0, measured.stateBuffers()).mapToObj(i -> buffers.segment(3 + i)).toList();
        Kernels.step(measured, learningRate, 1, w, g, state);
        Kernels.update(measured, learningRate, 1, w, g, u, state);
        Kernels.update(measured, learningRate, 1, w, g, g, state);
        CompiledKernels.await();
        step = 1;
    }

    @TearDown(Level.Trial)
    public void free() {
        buffers.close();
    }

    /** The in-place step. */
    @Benchmark
    public void inPlace() {
        Kernels.step(measured, learningRate, ++step, w, g, state);
    }

    /** The update form into a buffer of its own. */
    @Benchmark
    public void update() {
        Kernels.update(measured, learningRate, ++step, w, g, u, state);
    }

    /**
     * The update form into the gradient. The gradient turns into updates step after step; with
     * SGD they shrink by the learning rate each step, so its figure is the one of small values.
     */
    @Benchmark
    public void updateIntoGradient() {
        Kernels.update(measured, learningRate, ++step, w, g, g, state);
    }
}
