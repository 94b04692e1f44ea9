package dev.gradus.jmh;

import dev.gradus.precision.StoragePlan;
import dev.gradus.precision.StorageType;

/** Adam with bfloat16 weights rounded to nearest and bfloat16 {@code m}, {@code v}, float32 gradients: 16 bytes per element. */
public class AdamBf16AllBenchmark extends StoredAdamBenchmark {

    @Override
    protected StoragePlan plan() {
        return StoragePlan.of(StorageType.BFLOAT16, StorageType.FLOAT32, StorageType.BFLOAT16);
    }
}
