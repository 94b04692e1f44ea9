package dev.gradus.jmh;

import dev.gradus.precision.StoragePlan;
import dev.gradus.precision.StorageType;
import dev.gradus.precision.Weights;

/** Adam on a float32 master with its bfloat16 model copy written and bfloat16 {@code m}, {@code v}, float32 gradients: 22 bytes per element. */
public class AdamBf16MasterBenchmark extends StoredAdamBenchmark {

    @Override
    protected StoragePlan plan() {
        return StoragePlan.of(StorageType.BFLOAT16, StorageType.FLOAT32, StorageType.BFLOAT16)
                .withWeights(Weights.FLOAT32_MASTER);
    }
}
