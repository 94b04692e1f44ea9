package dev.gradus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.schedule.ConstantSchedule;
import dev.gradus.schedule.InverseTimeDecay;
import dev.gradus.schedule.Schedule;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The PyTorch presets ({@code Sgd.pytorch()}, {@code Momentum.pytorch(mu)}, {@code AdaGrad.pytorch()},
 * {@code RmsProp.pytorch()}, {@code Adam.pytorch()}, {@code Adam.pytorchAdamW()}) hold the defaults
 * of the {@code torch.optim} constructors (the records compare component by component), step as PyTorch's update written
 * out by hand in double, and {@code Momentum.pytorch(mu, d, nesterov)} follows PyTorch on momentum
 * 0: the dampening is ignored, and Nesterov is rejected.
 */
class PyTorchPresetsTest {

    /** Elements per buffer: not a multiple of any vector width, so the kernels' tails run too. */
    private static final int N = 37;

    /** Steps of each trajectory. */
    private static final int STEPS = 3;

    // ---- components ----

    @Test
    void sgdIsTorchSgdWithoutMomentum() {
        Sgd rule = Sgd.pytorch();
        assertEquals(new Sgd(0.0, false), rule);
    }

    @Test
    void momentumOfOneArgumentIsTorchSgdWithMomentum() {
        Momentum rule = Momentum.pytorch(0.9);
        assertEquals(new Momentum(0.9, 0.0, false, false, true, 0.0, false), rule);
        assertEquals(Momentum.pytorch(0.9, 0.0, false), rule);
    }

    @Test
    void adagradIsTorchAdagrad() {
        AdaGrad rule = AdaGrad.pytorch();
        assertEquals(new AdaGrad(1e-10, 0.0, EpsilonPlacement.OUTSIDE_SQRT, 0.0, false), rule);
    }

    @Test
    void rmsPropIsTorchRmsPropWithItsDecay() {
        RmsProp rule = RmsProp.pytorch();
        assertFalse(rule.hasMomentum());
        assertEquals(1, rule.stateBuffers());
        assertEquals(new RmsProp(0.99, 1e-8, false, 0.0, EpsilonPlacement.OUTSIDE_SQRT, 0.0, false), rule);
        assertEquals(0.9, RmsProp.DEFAULT.decay(), "RmsProp.DEFAULT keeps its own decay");
    }

    @Test
    void adamIsTorchAdam() {
        Adam rule = Adam.pytorch();
        assertEquals(new Adam(0.9, 0.999, 1e-8, Adam.Form.ALGORITHM_1, EpsilonPlacement.OUTSIDE_SQRT,
                false, 0.0, false, false), rule);
    }

    @Test
    void adamWIsTorchAdamW() {
        Adam rule = Adam.pytorchAdamW();
        assertEquals(new Adam(0.9, 0.999, 1e-8, Adam.Form.ALGORITHM_1, EpsilonPlacement.OUTSIDE_SQRT,
                false, 0.01, true, false), rule);
        assertEquals(Adam.adamW(), rule, "the older name gives the same rule");
    }

    // ---- momentum 0: PyTorch ignores the dampening ----

    @Test
    void nadamIsTorchNAdamAndRAdamKeepsCoupledDecayByDefault() {
        assertEquals(new NAdam(0.9, 0.999, 1e-8, 4e-3, 0.0, false, false), NAdam.pytorch());
        assertEquals(new RAdam(0.9, 0.999, 1e-8, 0.0, false, false), RAdam.pytorch());
        assertEquals(new RAdam(0.9, 0.999, 1e-8, 0.01, false, true), new RAdam(0.9, 0.999, 1e-8, 0.01, true),
                "the five-argument constructor is coupled decay, as torch 1.13's RAdam");
        assertTrue(RAdam.pytorch().withDecoupledWeightDecay(true).decoupledWeightDecay());
    }

    @Test
    void momentumZeroDropsTheDampening() {
        Momentum rule = Momentum.pytorch(0.0, 0.5, false);
        assertEquals(0.0, rule.momentum());
        assertEquals(0.0, rule.dampening());
        assertFalse(rule.nesterov());
        assertFalse(rule.biasCorrection());
        assertTrue(rule.firstStepCopiesGradient());
        assertEquals(Momentum.pytorch(0.0), rule);
        assertEquals(Momentum.pytorch(-0.0, 1.0, false), rule);
        assertEquals(0.5, Momentum.pytorch(0.5, 0.5, false).dampening(), "with momentum the dampening stays");
        assertEquals(0.5, Momentum.pytorch(Double.MIN_VALUE, 0.5, false).dampening(),
                "any momentum other than 0 keeps the dampening, as PyTorch's momentum != 0 does");
    }

    @Test
    void momentumZeroStillChecksTheDampening() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Momentum.pytorch(0.0, 1.5, false));
        assertEquals("dampening must be in [0, 1], got 1.5", e.getMessage());
    }

    @Test
    void momentumZeroStepsAsPlainSgd() {
        for (double d : new double[] {0.0, 0.5, 1.0}) {
            assertStepsAsSgd(Momentum.pytorch(0.0, d, false), Sgd.pytorch());
            assertStepsAsSgd(Momentum.pytorch(0.0, d, false).withWeightDecay(0.01).withMaximize(true),
                    new Sgd(0.01, true));
        }
    }

    /** Three steps of {@code momentum} give the bits of {@code sgd}'s and of {@code w - a * g} by hand. */
    private static void assertStepsAsSgd(Momentum momentum, Sgd sgd) {
        SplittableRandom random = new SplittableRandom(11);
        float[] w = values(random, 1f);
        float[] viaMomentum = w.clone();
        float[] viaSgd = w.clone();
        float[] byHand = w.clone();
        float[] velocity = new float[N];
        double learningRate = 0.1;
        float a = (float) learningRate;
        for (int t = 1; t <= STEPS; t++) {
            float[] g = values(random, 2f);
            Kernels.momentum(momentum, learningRate, t, viaMomentum, g, velocity);
            Kernels.sgd(sgd, learningRate, viaSgd, g);
            for (int i = 0; i < N; i++) {
                float gi = sgd.maximize() ? -g[i] : g[i];
                if (sgd.weightDecay() != 0) {
                    gi = gi + (float) sgd.weightDecay() * byHand[i];
                }
                byHand[i] = byHand[i] - a * gi;
            }
            assertArrayEquals(viaSgd, viaMomentum, momentum + " against " + sgd + ", step " + t);
            assertArrayEquals(byHand, viaMomentum, momentum + " against w - a * g, step " + t);
        }
    }

    // ---- Nesterov needs a momentum ----

    @Test
    void nesterovWithoutMomentumIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Momentum.pytorch(0.0, 0.0, true));
        assertEquals("nesterov requires momentum > 0, got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Momentum.pytorch(-0.0, 0.0, true));
        assertEquals("nesterov requires momentum > 0, got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Momentum.pytorch(0.0, 0.5, true));
        assertEquals("nesterov requires dampening 0, got 0.5", e.getMessage());
    }

    @Test
    void nesterovWithMomentumIsAccepted() {
        Momentum rule = Momentum.pytorch(0.9, 0.0, true);
        assertTrue(rule.nesterov());
        assertEquals(0.9, rule.momentum());
    }

    @Test
    void theCanonicalConstructorStillAcceptsNesterovWithoutMomentum() {
        assertDoesNotThrow(() -> new Momentum(0.0, 0.0, true, false, true, 0.0, false));
        assertTrue(Momentum.nesterov(0.0).nesterov());
    }

    // ---- steps against PyTorch's update written out in double ----

    @Test
    void momentumStepsAsTorchSgd() {
        double lr = 0.1;
        double mu = 0.9;
        SplittableRandom random = new SplittableRandom(3);
        float[] w = values(random, 1f);
        double[] expected = toDouble(w);
        double[] buf = new double[N];
        float[] velocity = new float[N];
        for (int t = 1; t <= STEPS; t++) {
            float[] g = values(random, 1f);
            Kernels.momentum(Momentum.pytorch(mu), lr, t, w, g, velocity);
            for (int i = 0; i < N; i++) {
                buf[i] = t == 1 ? g[i] : mu * buf[i] + g[i];
                expected[i] -= lr * buf[i];
            }
            assertClose(expected, w, "SGD(momentum=0.9), step " + t);
        }
    }

    @Test
    void adagradStepsAsTorchAdagradWithLrDecayAsASchedule() {
        double lr = 0.1;
        double lrDecay = 0.5;
        Schedule schedule = new ConstantSchedule(lr).followedBy(1, new InverseTimeDecay(lr, lrDecay));
        for (int t = 1; t <= 5; t++) {
            assertEquals(lr / (1 + (t - 1) * lrDecay), schedule.learningRate(t), "lr_decay at step " + t);
        }
        SplittableRandom random = new SplittableRandom(5);
        float[] w = values(random, 1f);
        double[] expected = toDouble(w);
        double[] sum = new double[N];
        float[] accumulator = new float[N];
        for (int t = 1; t <= STEPS; t++) {
            float[] g = values(random, 1f);
            g[0] = 1e-9f; // small enough that eps = 1e-10 moves the step by a tenth
            Kernels.adagrad(AdaGrad.pytorch(), schedule.learningRate(t), w, g, accumulator);
            double clr = lr / (1 + (t - 1) * lrDecay);
            for (int i = 0; i < N; i++) {
                sum[i] += (double) g[i] * g[i];
                expected[i] -= clr * g[i] / (Math.sqrt(sum[i]) + 1e-10);
            }
            assertClose(expected, w, "Adagrad(lr=0.1, lr_decay=0.5), step " + t);
        }
    }

    @Test
    void rmsPropStepsAsTorchRmsProp() {
        double lr = 0.01;
        SplittableRandom random = new SplittableRandom(7);
        float[] w = values(random, 1f);
        double[] expected = toDouble(w);
        double[] squareAverage = new double[N];
        float[] s = new float[N];
        for (int t = 1; t <= STEPS; t++) {
            float[] g = values(random, 1f);
            Kernels.rmsProp(RmsProp.pytorch(), lr, w, g, s, null, null);
            for (int i = 0; i < N; i++) {
                squareAverage[i] = 0.99 * squareAverage[i] + (1 - 0.99) * g[i] * g[i];
                expected[i] -= lr * g[i] / (Math.sqrt(squareAverage[i]) + 1e-8);
            }
            assertClose(expected, w, "RMSprop(lr=0.01), step " + t);
        }
    }

    @Test
    void adamStepsAsTorchAdam() {
        assertStepsAsTorchAdam(Adam.pytorch(), 0.0);
    }

    @Test
    void adamWStepsAsTorchAdamW() {
        assertStepsAsTorchAdam(Adam.pytorchAdamW(), 0.01);
    }

    /** PyTorch's single-tensor Adam, with {@code param.mul_(1 - lr * weight_decay)} first for AdamW. */
    private static void assertStepsAsTorchAdam(Adam rule, double weightDecay) {
        double lr = 0.1;
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        SplittableRandom random = new SplittableRandom(13);
        float[] w = values(random, 1f);
        double[] expected = toDouble(w);
        double[] expM = new double[N];
        double[] expV = new double[N];
        float[] m = new float[N];
        float[] v = new float[N];
        for (int t = 1; t <= STEPS; t++) {
            float[] g = values(random, 1f);
            Kernels.adam(rule, lr, t, w, g, m, v);
            double bc1 = 1 - Math.pow(b1, t);
            double bc2 = 1 - Math.pow(b2, t);
            for (int i = 0; i < N; i++) {
                expected[i] *= 1 - lr * weightDecay;
                expM[i] = b1 * expM[i] + (1 - b1) * g[i];
                expV[i] = b2 * expV[i] + (1 - b2) * g[i] * g[i];
                double denom = Math.sqrt(expV[i]) / Math.sqrt(bc2) + eps;
                expected[i] -= lr / bc1 * expM[i] / denom;
            }
            assertClose(expected, w, rule + ", step " + t);
        }
    }

    // ---- helpers ----

    /** {@code N} values uniform in {@code (-scale, scale)}, none of them small. */
    private static float[] values(SplittableRandom random, float scale) {
        float[] x = new float[N];
        for (int i = 0; i < N; i++) {
            double magnitude = 0.1 + 0.9 * random.nextDouble();
            x[i] = (float) ((random.nextBoolean() ? magnitude : -magnitude) * scale);
        }
        return x;
    }

    private static double[] toDouble(float[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i];
        }
        return y;
    }

    /**
     * Float against double within {@code 1e-6 * (1 + |expected|)}: a few float roundings of
     * parameters near 1 over three steps of size up to 0.1, and well below what a changed decay
     * rate or weight decay does to these trajectories (1e-4 or more). Epsilons this small barely
     * move them: the component tests pin those, and AdaGrad's trajectory has one tiny gradient
     * element for its epsilon to matter.
     */
    private static void assertClose(double[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            double tolerance = 1e-6 * (1 + Math.abs(expected[i]));
            assertEquals(expected[i], actual[i], tolerance, what + ", element " + i);
        }
    }
}
