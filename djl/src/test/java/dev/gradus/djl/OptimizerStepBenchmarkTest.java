package dev.gradus.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gradus.djl.jmh.OptimizerStepBenchmark;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** The benchmark's states and methods at a small size: each takes one Adam step, and the two agree. */
class OptimizerStepBenchmarkTest {

    private static final int SIZE = 4096;
    private static final float LEARNING_RATE = 1e-3f;

    @Test
    void bothBenchmarksTakeTheSameAdamStep() {
        float[][] djl = oneStep((benchmark, arrays) -> {
            OptimizerStepBenchmark.DjlAdam optimizer = new OptimizerStepBenchmark.DjlAdam();
            optimizer.build();
            return benchmark.djlAdam(arrays, optimizer).toFloatArray();
        });
        float[][] gradus = oneStep((benchmark, arrays) -> {
            OptimizerStepBenchmark.GradusAdam optimizer = new OptimizerStepBenchmark.GradusAdam();
            optimizer.build(arrays);
            try {
                return benchmark.gradusAdam(arrays, optimizer).toFloatArray();
            } finally {
                optimizer.close();
            }
        });
        assertArrayEquals(djl[0], gradus[0], "the same initial weights");
        for (int i = 0; i < SIZE; i++) {
            // Adam's first step moves every element by lr * g / (|g| + eps): about lr, against the gradient's sign.
            assertEquals(LEARNING_RATE, Math.abs(gradus[1][i] - gradus[0][i]), 1e-5f, "Gradus, element " + i);
        }
        assertArrayEquals(djl[1], gradus[1], 1e-6f);
    }

    /** The weights before and after one benchmark call on fresh arrays. */
    private static float[][] oneStep(BiFunction<OptimizerStepBenchmark, OptimizerStepBenchmark.Arrays, float[]> step) {
        OptimizerStepBenchmark.Arrays arrays = new OptimizerStepBenchmark.Arrays();
        arrays.size = SIZE;
        arrays.threads = 2;
        arrays.createArrays();
        try {
            float[] before = arrays.weight().toFloatArray();
            return new float[][] {before, step.apply(new OptimizerStepBenchmark(), arrays)};
        } finally {
            arrays.closeArrays();
        }
    }
}
