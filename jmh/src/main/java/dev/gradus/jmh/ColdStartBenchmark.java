package dev.gradus.jmh;

import dev.gradus.Adam;
import dev.gradus.Kernels;
import dev.gradus.Optimizer;
import dev.gradus.RmsProp;
import dev.gradus.UpdateRule;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * Time to speed: the first steps of a rule over {@link #n} floats in a fresh JVM, each fork
 * measuring exactly once ({@code SingleShotTime}, no warmup), so the score is what a program sees
 * from its first step: interpretation, compilation and the kernels' warm-up included. Scores are
 * milliseconds: {@code step1} is the first step alone, {@code first100} and {@code first3000}
 * the first 100 and 3,000 steps together.
 *
 * <p>The {@link #path}:
 * <ul>
 *   <li>{@code optimizer}: an {@link Optimizer} built, given the parameter (it allocates the
 *       state) and stepped, all inside the measured time;</li>
 *   <li>{@code kernels}: the public {@link Kernels} facade on native segments, the state
 *       allocated beforehand;</li>
 *   <li>{@code textbook}: the {@link Textbook} formula over {@code float[]}, the baseline a Java
 *       user would write, in a JVM started with the same flags.</li>
 * </ul>
 *
 * <p>The set-up fills the buffers with the values of {@link TrialBuffers} by plain element loops (as
 * a program initializing its weights would) and touches no Gradus class, so the first Gradus
 * call happens inside the measured time. Rules: {@code adam} ({@link Adam#DEFAULT}),
 * {@code amsgrad} (the same with AMSGrad) and {@code rmsprop} ({@link RmsProp#DEFAULT}), at each
 * rule's default learning rate. The report runs it with {@code --cold-start} (see
 * {@code jmh/README.md}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 5, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class ColdStartBenchmark {

    /** The rule: {@code adam}, {@code amsgrad} or {@code rmsprop}. */
    @Param({"adam", "amsgrad", "rmsprop"})
    public String rule;

    /** Floats per buffer. */
    @Param({"4096", "65536", "1048576"})
    public int n;

    /** What takes the steps: {@code optimizer}, {@code kernels} or {@code textbook}. */
    @Param({"optimizer", "kernels", "textbook"})
    public String path;

    private Arena arena;
    private MemorySegment w;
    private MemorySegment g;
    private MemorySegment[] state;
    private float[][] arrays;
    private Optimizer optimizer;

    @Setup(Level.Trial)
    public void fill() {
        int buffers = rule.equals("amsgrad") ? 5 : rule.equals("adam") ? 4 : 3;
        SplittableRandom random = new SplittableRandom(StreamState.SEED);
        arrays = new float[buffers][n];
        for (int i = 0; i < n; i++) {
            arrays[TrialBuffers.PARAMETERS][i] = (float) random.nextDouble(-1.0, 1.0);
            float magnitude = (float) random.nextDouble(1e-3, 1e-1);
            arrays[TrialBuffers.GRADIENTS][i] = random.nextBoolean() ? magnitude : -magnitude;
        }
        arena = Arena.ofShared();
        w = segmentOf(arrays[TrialBuffers.PARAMETERS]);
        g = segmentOf(arrays[TrialBuffers.GRADIENTS]);
        state = new MemorySegment[buffers - 2];
        for (int s = 0; s < state.length; s++) {
            state[s] = segmentOf(arrays[2 + s]);
        }
    }

    private MemorySegment segmentOf(float[] values) {
        MemorySegment segment = arena.allocate((long) values.length * Float.BYTES, 64);
        for (int i = 0; i < values.length; i++) {
            segment.setAtIndex(ValueLayout.JAVA_FLOAT, i, values[i]);
        }
        return segment;
    }

    @TearDown(Level.Trial)
    public void free() {
        if (optimizer != null) {
            optimizer.close();
        }
        arena.close();
    }

    /**
     * The first step alone.
     *
     * @return a value that depends on the steps taken
     */
    @Benchmark
    public long step1() {
        return firstSteps(1);
    }

    /**
     * The first 100 steps.
     *
     * @return a value that depends on the steps taken
     */
    @Benchmark
    public long first100() {
        return firstSteps(100);
    }

    /**
     * The first 3,000 steps.
     *
     * @return a value that depends on the steps taken
     */
    @Benchmark
    public long first3000() {
        return firstSteps(3000);
    }

    private long firstSteps(int steps) {
        return switch (path) {
            case "optimizer" -> optimizer(steps);
            case "kernels" -> kernels(steps);
            case "textbook" -> textbook(steps);
            default -> throw new IllegalArgumentException("path " + path);
        };
    }

    private UpdateRule measuredRule() {
        return switch (rule) {
            case "adam" -> Adam.DEFAULT;
            case "amsgrad" -> Adam.DEFAULT.withAmsgrad(true);
            case "rmsprop" -> RmsProp.DEFAULT;
            default -> throw new IllegalArgumentException("rule " + rule);
        };
    }

    /** Builds an optimizer, registers the parameter and takes {@code steps} steps. */
    private long optimizer(int steps) {
        UpdateRule measured = measuredRule();
        optimizer = Optimizer.builder(measured, measured.defaultLearningRate()).build();
        optimizer.add("w", w, g);
        for (int t = 0; t < steps; t++) {
            optimizer.step();
        }
        return optimizer.stepCount();
    }

    /** Takes {@code steps} steps through the {@link Kernels} facade. */
    private long kernels(int steps) {
        UpdateRule measured = measuredRule();
        double lr = measured.defaultLearningRate();
        for (int t = 1; t <= steps; t++) {
            switch (rule) {
                case "adam" -> Kernels.adam((Adam) measured, lr, t, w, g, state[0], state[1]);
                case "amsgrad" -> Kernels.adam((Adam) measured, lr, t, w, g, state[0], state[1], state[2]);
                default -> Kernels.rmsProp((RmsProp) measured, lr, w, g, state[0], null, null);
            }
        }
        return steps;
    }

    /** Takes {@code steps} steps of the textbook formula over {@code float[]}. */
    private long textbook(int steps) {
        float[] a = arrays[TrialBuffers.PARAMETERS];
        float[] b = arrays[TrialBuffers.GRADIENTS];
        float lr = (float) measuredRule().defaultLearningRate();
        float b1 = (float) Adam.DEFAULT.beta1();
        float b2 = (float) Adam.DEFAULT.beta2();
        float eps = (float) Adam.DEFAULT.epsilon();
        for (int t = 1; t <= steps; t++) {
            switch (rule) {
                case "adam" -> Textbook.adam(a, b, arrays[2], arrays[3], t, lr, b1, b2, eps);
                case "amsgrad" -> Textbook.amsgrad(a, b, arrays[2], arrays[3], arrays[4], t, lr, b1, b2, eps);
                default -> Textbook.rmsProp(a, b, arrays[2], lr, (float) RmsProp.DEFAULT.decay(),
                        (float) RmsProp.DEFAULT.epsilon());
            }
        }
        return steps;
    }
}
