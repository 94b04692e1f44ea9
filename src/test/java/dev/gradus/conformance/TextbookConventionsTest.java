package dev.gradus.conformance;

import dev.gradus.AdaGrad;
import dev.gradus.Adam;
import dev.gradus.EpsilonPlacement;
import dev.gradus.Momentum;
import dev.gradus.RmsProp;
import dev.gradus.UpdateRule;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conventions no {@code torch.optim} class implements (EWMA momentum with and without bias
 * correction, epsilon inside the square root for AdaGrad, RMSProp and Adam, Adam's efficient
 * eps-hat form, Keras' defaults) follow the double-precision textbook formulas of
 * {@link dev.gradus.reference.TextbookOptimizers} along 100-step trajectories of the badly scaled
 * {@linkplain Inputs shared inputs} of the PyTorch cases.
 *
 * <p>Both trajectories run free from the same initial parameters, Gradus through
 * {@code Kernels.step} in float, the textbook in double from the same float gradients; this is
 * robust here because no rule of this test feeds the parameter back into the gradient except
 * through momentum's linear, contracting weight decay: the state depends on the gradients alone,
 * so differences add up step by step instead of compounding. (Adaptive rules with coupled weight
 * decay would be chaotic near {@code g + lambda * w = 0}; the kernel properties check those step by
 * step from the float state, and the PyTorch cases check them float against float.)
 *
 * <p>Tolerance: {@code |gradus - textbook| <= }{@value #TOLERANCE}{@code  * (|textbook| + path)},
 * with {@code path} the distance the textbook element has travelled so far (see
 * {@link TrajectoryError}). The float trajectory stores its parameter, and most of its per-step
 * scalars ({@code 1 - a * lambda}, the bias corrections), rounded to float at every step, an error
 * of up to 2^-24 relative that is systematic when an update is smaller than an ulp of the
 * parameter (absorption): 100 steps x 2^-24 = 6e-6 of {@code |w| + path}, plus a few ulps of the
 * updates, which scale with the path. Measured maxima over the committed inputs and six other
 * seeds: 4.5e-6 (Keras AdamW, from its float decay factor {@code 1 - a * lambda}), 3.5e-6 and
 * 3.3e-6 (Adam with epsilon inside, efficient form and Algorithm 1), 2.3e-6 (EWMA momentum), the
 * others below 1.8e-6.
 *
 * <p>A wrong convention misses by far more on these inputs: heavy ball for EWMA 0.86, bias
 * correction dropped 0.52, the efficient form for Algorithm 1 0.013 to 0.54, epsilon moved 0.19 to
 * 0.54, AMSGrad dropped 4e-5. With AdaGrad's accumulator started at 0.1, an epsilon of 1e-7 is
 * immaterial inside or outside the root (1.7e-6 apart), so epsilon inside is also checked with
 * the accumulator started at 0 (0.33 apart). The maximum per convention is printed to the test's
 * output ({@code target/surefire-reports/*-output.txt}).
 */
class TextbookConventionsTest {

    /** The relative tolerance of a free-running float trajectory against the double one. */
    static final double TOLERANCE = 1e-5;

    private static final EpsilonPlacement INSIDE = EpsilonPlacement.INSIDE_SQRT;

    /** A convention no torch.optim class implements, named with the frameworks that use it. */
    record Convention(String name, UpdateRule rule, double learningRate) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Convention> conventions() {
        Adam efficient = Adam.DEFAULT.withForm(Adam.Form.EFFICIENT);
        return List.of(
                new Convention("momentum EWMA (Optimization algorithms week)", Momentum.ewma(0.9), 0.01),
                new Convention("momentum EWMA, bias-corrected (Optax ema(debias=True))",
                        Momentum.ewma(0.9).withBiasCorrection(true), 0.01),
                new Convention("momentum EWMA, weight decay", Momentum.ewma(0.9).withWeightDecay(0.01), 0.01),
                new Convention("AdaGrad eps inside", AdaGrad.DEFAULT.withEpsilon(1e-7).withEpsilonPlacement(INSIDE),
                        0.01),
                new Convention("AdaGrad eps inside, r0 0.1 (Keras, Optax)", AdaGrad.DEFAULT.withEpsilon(1e-7)
                        .withInitialAccumulator(0.1).withEpsilonPlacement(INSIDE), 0.01),
                new Convention("RMSProp eps inside (Keras)", RmsProp.DEFAULT.withEpsilon(1e-7)
                        .withEpsilonPlacement(INSIDE), 1e-3),
                new Convention("RMSProp eps inside, centered, momentum (Keras)", RmsProp.DEFAULT.withEpsilon(1e-7)
                        .withEpsilonPlacement(INSIDE).withCentered(true).withMomentum(0.9), 1e-3),
                new Convention("Adam efficient form (Keras, DL4J)", efficient.withEpsilon(1e-7), 1e-3),
                new Convention("Adam efficient form, AMSGrad (Keras)", efficient.withEpsilon(1e-7).withAmsgrad(true),
                        1e-3),
                new Convention("AdamW efficient form (Keras)", efficient.withEpsilon(1e-7).withWeightDecay(0.004)
                        .withDecoupledWeightDecay(true), 1e-3),
                new Convention("Adam eps inside", Adam.DEFAULT.withEpsilonPlacement(INSIDE), 1e-3),
                new Convention("Adam efficient form, eps inside", efficient.withEpsilonPlacement(INSIDE), 1e-3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conventions")
    void gradusFollowsTheTextbook(Convention c) {
        Inputs inputs = Inputs.SHARED;
        TrajectoryError error = TrajectoryError.measure(inputs.initial(),
                Trajectories.textbook(c.rule(), c.learningRate(), inputs),
                Trajectories.gradus(c.rule(), c.learningRate(), inputs));
        System.out.println("worst of " + c.name() + ": " + error);
        error.assertWithin(c.name() + " (" + c.rule() + ")", TOLERANCE);
    }
}
