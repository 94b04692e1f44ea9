package dev.gradus.examples;

import dev.gradus.precision.Rounding;
import dev.gradus.precision.StoragePlan;
import dev.gradus.precision.StorageType;
import dev.gradus.precision.Weights;
import java.util.List;

/**
 * A named {@link StoragePlan} of the precision study. The buffers a configuration does not name
 * stay float32; "weights" alone means {@link Weights#ROUNDED}.
 *
 * @param label the name in the tables and the chart
 * @param plan  the storage of the parameter, gradient and state
 */
record StorageConfiguration(String label, StoragePlan plan) {

    /** The seed of every stochastic rounding of the study. */
    static final long SEED = 20_240_512L;

    /** The label of the float32 reference. */
    static final String REFERENCE = "float32";

    private static final StorageType F32 = StorageType.FLOAT32;
    private static final StorageType BF16 = StorageType.BFLOAT16;
    private static final StorageType FP16 = StorageType.FLOAT16;

    /** {@return the configurations, the float32 reference first} */
    static List<StorageConfiguration> all() {
        StoragePlan bf16State = StoragePlan.of(F32, F32, BF16);
        StoragePlan bf16Weights = StoragePlan.of(BF16, F32, F32);
        return List.of(
                new StorageConfiguration(REFERENCE, StoragePlan.FLOAT32),
                new StorageConfiguration("bf16 state, nearest", bf16State),
                new StorageConfiguration("bf16 state, stochastic", stochastic(bf16State)),
                new StorageConfiguration("bf16 weights, nearest", bf16Weights),
                new StorageConfiguration("bf16 weights, stochastic", stochastic(bf16Weights)),
                new StorageConfiguration("bf16 weights, Kahan", bf16Weights.withWeights(Weights.KAHAN)),
                new StorageConfiguration("bf16 weights, float32 master", bf16Weights.withWeights(Weights.FLOAT32_MASTER)),
                new StorageConfiguration("fp16 weights + state, nearest", StoragePlan.of(FP16, F32, FP16)),
                new StorageConfiguration("fp16 state, nearest", StoragePlan.of(F32, F32, FP16)),
                new StorageConfiguration("fp16 gradient, nearest", StoragePlan.of(F32, FP16, F32)));
    }

    private static StoragePlan stochastic(StoragePlan plan) {
        return plan.withRounding(Rounding.STOCHASTIC, SEED);
    }
}
