package dev.gradus.jmh;

import dev.gradus.precision.StoragePlan;
import dev.gradus.precision.StorageType;
import dev.gradus.precision.Weights;

/**
 * All-bfloat16 Adam: bfloat16 weights with their bfloat16 Kahan compensation, bfloat16 gradients
 * and bfloat16 {@code m}, {@code v}: 18 bytes per element.
 */
public class AdamBf16KahanBenchmark extends StoredAdamBenchmark {

    @Override
    protected StoragePlan plan() {
        return StoragePlan.of(StorageType.BFLOAT16, StorageType.BFLOAT16, StorageType.BFLOAT16)
                .withWeights(Weights.KAHAN);
    }
}
