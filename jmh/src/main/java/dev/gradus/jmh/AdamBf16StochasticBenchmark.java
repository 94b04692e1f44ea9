package dev.gradus.jmh;

import dev.gradus.precision.Rounding;
import dev.gradus.precision.StoragePlan;
import dev.gradus.precision.StorageType;

/** Adam with bfloat16 {@code m}, {@code v} rounded stochastically, float32 weights and gradients: 20 bytes per element. */
public class AdamBf16StochasticBenchmark extends StoredAdamBenchmark {

    @Override
    protected StoragePlan plan() {
        return StoragePlan.of(StorageType.FLOAT32, StorageType.FLOAT32, StorageType.BFLOAT16)
                .withRounding(Rounding.STOCHASTIC, StreamState.SEED);
    }
}
