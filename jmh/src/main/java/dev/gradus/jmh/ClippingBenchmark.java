package dev.gradus.jmh;

import dev.gradus.GradientClipping;
import dev.gradus.NonFinitePolicy;
import org.openjdk.jmh.annotations.Param;

/**
 * What clipping and the non-finite policy add to an {@code Optimizer.step()} with Adam over one
 * tensor: {@code plain}, without either; {@code clipped}, with {@link GradientClipping#globalNorm}
 * (a norm pass reading the gradient, then the update with the factor inside the kernel);
 * {@code skip}, with {@link NonFinitePolicy#SKIP} (a parallel scan of the gradient, then the
 * update). The overhead is {@code clipped / plain - 1} and {@code skip / plain - 1}. Not a rule of
 * the throughput report; run it by hand (see {@code jmh/README.md}).
 */
public class ClippingBenchmark extends OneTensorStepBenchmark {

    /** {@code plain}, {@code clipped} or {@code skip}. */
    @Param({"plain", "clipped", "skip"})
    public String variant;

    @Override
    protected OptimizerState create(int[] sizes) {
        return new OptimizerState(sizes, builder -> {
            builder.threads(threads).parallelThreshold(parallelThreshold());
            return switch (variant) {
                case "clipped" -> builder.clipping(GradientClipping.globalNorm(1.0));
                case "skip" -> builder.nonFinite(NonFinitePolicy.SKIP);
                default -> builder;
            };
        });
    }
}
