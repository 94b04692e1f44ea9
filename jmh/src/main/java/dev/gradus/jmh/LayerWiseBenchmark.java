package dev.gradus.jmh;

import dev.gradus.Adam;
import dev.gradus.Lamb;
import dev.gradus.Lars;
import dev.gradus.Momentum;
import dev.gradus.UpdateRule;
import org.openjdk.jmh.annotations.Param;

/**
 * The layer-wise rules through {@code Optimizer.step()} on one tensor, next to the rules they
 * build on: {@code lars} against {@code momentum} (Nesterov, the same kernel without the norm
 * pass), {@code lamb} against {@code adam} (one fused pass against three passes and a norm pass).
 * Not a rule of the throughput report; run it by hand (see {@code jmh/README.md}).
 */
public class LayerWiseBenchmark extends OneTensorStepBenchmark {

    /** {@code lars}, {@code momentum}, {@code lamb} or {@code adam}. */
    @Param({"lars", "momentum", "lamb", "adam"})
    public String rule;

    @Override
    protected OptimizerState create(int[] sizes) {
        UpdateRule measured = switch (rule) {
            case "lars" -> Lars.DEFAULT.withNesterov(true);
            case "momentum" -> Momentum.nesterov(0.9);
            case "lamb" -> Lamb.DEFAULT.withWeightDecay(1e-2);
            default -> Adam.DEFAULT;
        };
        return new OptimizerState(sizes, measured,
                builder -> builder.threads(threads).parallelThreshold(parallelThreshold()));
    }
}
