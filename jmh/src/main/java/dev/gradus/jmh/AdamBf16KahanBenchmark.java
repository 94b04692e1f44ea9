package dev.gradus.jmh;

import dev.gradus.precision.StoragePlan;
import dev.gradus.precision.StorageType;
import dev.gradus.precision.Weights;

/** Adam with bfloat16 weights, their bfloat16 Kahan compensation and bfloat16 {@code m}, {@code v}, float32 gradients: 20 bytes per element. */
public class AdamBf16KahanBenchmark extends StoredAdamBenchmark {

    @Override
    protected StoragePlan plan() {
        return StoragePlan.of(StorageType.BFLOAT16, StorageType.FLOAT32, StorageType.BFLOAT16)
                .withWeights(Weights.KAHAN);
    }
}
