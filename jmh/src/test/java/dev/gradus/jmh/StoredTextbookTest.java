package dev.gradus.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.Adam;
import dev.gradus.Kernels;
import dev.gradus.internal.precision.Bf16;
import dev.gradus.precision.StoragePlan;
import dev.gradus.precision.StorageType;
import dev.gradus.precision.Weights;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The stored benchmarks' textbook baselines compute what Gradus computes: their nearest-even
 * narrowing has Gradus's bits, and twenty Adam steps of each loop land within two bfloat16 units
 * of {@code Kernels.step} with the same plan, plus two bfloat16 units of each step's update (the
 * loops divide by the bias corrections where the kernels multiply by their inverses, so a moment
 * may round to the neighbouring bfloat16, and the steps after it differ by as much; weights that
 * cross zero show it).
 */
class StoredTextbookTest {

    private static final int N = 1000;
    private static final Adam RULE = Adam.DEFAULT;
    /** Enough steps at a rate of 1e-2 for a lost Kahan compensation to move the weights by many bfloat16 units. */
    private static final int STEPS = 20;
    private static final float LEARNING_RATE = 1e-2f;

    @Test
    void nearestNarrowingHasGradusBits() {
        SplittableRandom random = new SplittableRandom(1);
        for (int k = 0; k < 100_000; k++) {
            float value = Float.intBitsToFloat(random.nextInt());
            assertEquals(Bf16.nearest(value), StoredTextbook.nearest(value), Float.toHexString(value));
        }
    }

    @Test
    void eachLoopFollowsKernelsStep() {
        StoragePlan state = StoragePlan.of(StorageType.FLOAT32, StorageType.FLOAT32, StorageType.BFLOAT16);
        StoragePlan bf16 = StoragePlan.of(StorageType.BFLOAT16, StorageType.FLOAT32, StorageType.BFLOAT16);
        StoragePlan allBf16Kahan = StoragePlan.of(StorageType.BFLOAT16, StorageType.BFLOAT16, StorageType.BFLOAT16)
                .withWeights(Weights.KAHAN);
        for (StoragePlan plan : List.of(state, bf16, bf16.withWeights(Weights.KAHAN),
                bf16.withWeights(Weights.FLOAT32_MASTER), allBf16Kahan)) {
            SplittableRandom random = new SplittableRandom(2);
            float[] initial = new float[N];
            float[][] gradients = new float[STEPS][N];
            for (int i = 0; i < N; i++) {
                initial[i] = (float) random.nextDouble(-1, 1);
                for (float[] g : gradients) {
                    g[i] = (float) random.nextDouble(-0.1, 0.1);
                }
            }
            boolean floatWeights = plan.paramBuffer() == StorageType.FLOAT32;
            float[] floats = initial.clone();
            short[] halves = new short[N];
            for (int i = 0; i < N; i++) {
                halves[i] = StoredTextbook.nearest(initial[i]);
            }
            short[] copy = new short[N];
            short[] m = new short[N];
            short[] v = new short[N];
            float[] gradusFloats = initial.clone();
            short[] gradusHalves = halves.clone();
            short[] gradusCopy = new short[N];
            List<MemorySegment> gradusState = List.of(MemorySegment.ofArray(new short[N]),
                    MemorySegment.ofArray(new short[N]));
            for (int t = 1; t <= STEPS; t++) {
                float[] g = gradients[t - 1];
                short[] halfGradient = plan.gradient() == StorageType.FLOAT32 ? null : StoredTextbook.halves(g);
                float lr = LEARNING_RATE;
                switch (plan.weights()) {
                    case KAHAN -> StoredTextbook.kahan(halves, copy, g, halfGradient, m, v, t, lr, 0.9f, 0.999f,
                            1e-8f);
                    case FLOAT32_MASTER -> StoredTextbook.master(floats, halves, g, m, v, t, lr, 0.9f, 0.999f, 1e-8f);
                    case ROUNDED -> {
                        if (floatWeights) {
                            StoredTextbook.state(floats, g, m, v, t, lr, 0.9f, 0.999f, 1e-8f, false);
                        } else {
                            StoredTextbook.rounded(halves, g, m, v, t, lr, 0.9f, 0.999f, 1e-8f);
                        }
                    }
                }
                MemorySegment weights = floatWeights ? MemorySegment.ofArray(gradusFloats)
                        : MemorySegment.ofArray(gradusHalves);
                MemorySegment weightCopy = switch (plan.weights()) {
                    case ROUNDED -> null;
                    case KAHAN -> MemorySegment.ofArray(gradusCopy);
                    case FLOAT32_MASTER -> MemorySegment.ofArray(gradusHalves);
                };
                MemorySegment gradient = halfGradient == null ? MemorySegment.ofArray(g)
                        : MemorySegment.ofArray(halfGradient.clone());
                Kernels.step(RULE, lr, t, plan, weights, weightCopy, gradient, gradusState);
            }
            for (int i = 0; i < N; i++) {
                float expected = floatWeights ? gradusFloats[i] : StoredTextbook.widen(gradusHalves[i]);
                float actual = floatWeights ? floats[i] : StoredTextbook.widen(halves[i]);
                assertTrue(Math.abs(expected - actual) <= 2 * Math.ulp(expected) * 65536f + STEPS * LEARNING_RATE * 0x1p-7f,
                        plan + ", element " + i + ": " + expected + " against " + actual);
            }
        }
    }
}
