package dev.gradus.jmh;

import dev.gradus.Adafactor;
import dev.gradus.Adam;
import dev.gradus.Kernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
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
 * One step of {@link Adafactor} on a matrix through {@link Kernels#adafactor}, against the same
 * formula as plain loops over {@code float[]} (one pass per line of the formula, as a port of
 * PyTorch's step would be) and Adam's step on as many elements: what the factored second moments
 * cost in time for the memory they save. The step count grows with every call, as in training.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class AdafactorBenchmark {

    /** Rows x columns of the matrix. */
    @Param({"256x256", "2048x2048"})
    public String shape;

    private long[] dims;
    private int rows;
    private int columns;
    private Arena arena;
    private MemorySegment w;
    private MemorySegment g;
    private MemorySegment row;
    private MemorySegment column;
    private MemorySegment update;
    private List<MemorySegment> adamState;
    private float[] arrayW;
    private float[] arrayG;
    private float[] arrayRow;
    private float[] arrayColumn;
    private float[] arrayUpdate;
    private long t;

    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = shape.split("x");
        rows = Integer.parseInt(parts[0]);
        columns = Integer.parseInt(parts[1]);
        dims = new long[] {rows, columns};
        int n = rows * columns;
        arena = Arena.ofShared();
        SplittableRandom random = new SplittableRandom(42);
        arrayW = new float[n];
        arrayG = new float[n];
        for (int i = 0; i < n; i++) {
            arrayW[i] = (float) random.nextDouble(-1, 1);
            arrayG[i] = (float) random.nextDouble(-0.1, 0.1);
        }
        w = arena.allocateFrom(ValueLayout.JAVA_FLOAT, arrayW);
        g = arena.allocateFrom(ValueLayout.JAVA_FLOAT, arrayG);
        row = arena.allocate(ValueLayout.JAVA_FLOAT, rows);
        column = arena.allocate(ValueLayout.JAVA_FLOAT, columns);
        update = arena.allocate(ValueLayout.JAVA_FLOAT, n);
        adamState = List.of(arena.allocate(ValueLayout.JAVA_FLOAT, n), arena.allocate(ValueLayout.JAVA_FLOAT, n));
        arrayRow = new float[rows];
        arrayColumn = new float[columns];
        arrayUpdate = new float[n];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    /** Gradus's step: the fixed-order sums and the vector kernels. */
    @Benchmark
    public void adafactor() {
        Kernels.adafactor(Adafactor.DEFAULT, 1e-2, ++t, w, g, dims, row, column, update, 1f);
    }

    /** Adam's step on as many elements, for scale: it keeps two buffers of {@code n} floats. */
    @Benchmark
    public void adam() {
        Kernels.step(Adam.DEFAULT, 1e-3, ++t, w, g, adamState, 0, (long) rows * columns);
    }

    /** The formula as plain loops over {@code float[]}, sums in double. */
    @Benchmark
    public void textbookArray() {
        long step = ++t;
        int n = rows * columns;
        double squares = 0;
        for (float x : arrayW) {
            squares += x * x;
        }
        double alpha = Math.max(1e-3, Math.sqrt(squares / n)) * Math.min(1e-2, 1 / Math.sqrt(step));
        double k = Math.pow(step, -0.8);
        float keep = (float) (1 - k);
        double total = 0;
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            for (int j = 0; j < columns; j++) {
                float x = arrayG[i * columns + j];
                sum += x * x;
                arrayColumn[j] = (i == 0 ? keep : 1f) * arrayColumn[j] + (float) (k / rows) * (x * x);
            }
            arrayRow[i] = (float) ((1 - k) * arrayRow[i] + k * sum / columns);
            total += arrayRow[i];
        }
        double denominator = Math.max(total / rows, 0x1p-23);
        float floor = (float) 0x1p-23 * (float) 0x1p-23;
        double updateSquares = 0;
        for (int i = 0; i < rows; i++) {
            float rowScale = (float) (arrayRow[i] / denominator);
            for (int j = 0; j < columns; j++) {
                float u = arrayG[i * columns + j] / (float) Math.sqrt(Math.max(rowScale * arrayColumn[j], floor));
                arrayUpdate[i * columns + j] = u;
                updateSquares += u * u;
            }
        }
        float stepSize = (float) (alpha / Math.max(1, Math.sqrt(updateSquares / n)));
        for (int i = 0; i < n; i++) {
            arrayW[i] -= stepSize * arrayUpdate[i];
        }
    }
}
