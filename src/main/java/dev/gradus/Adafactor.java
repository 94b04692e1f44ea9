package dev.gradus;

import dev.gradus.internal.ArgumentChecks;

/**
 * Adafactor (Shazeer and Stern 2018, "Adafactor: Adaptive Learning Rates with Sublinear Memory
 * Cost") in the convention of PyTorch's {@code torch.optim.Adafactor}: second moments factored
 * into a row and a column average for matrix-shaped parameters, a relative step size, and the
 * update clipped by its root mean square.
 *
 * <p>For step {@code t} with learning rate {@code a}, a parameter of {@code n} elements shaped
 * {@code (..., rows, columns)} (leading dimensions are a batch of matrices, each factored on its
 * own), and {@code g} the gradient ({@code -g} if maximize, times a norm clipping's factor):
 * <pre>
 *   rho   = min(a, 1 / sqrt(t));   alpha = max(epsilon2, RMS(w)) * rho;   RMS(x) = sqrt(sum x^2 / n)
 *   w    &lt;- w - (a * lambda) * w                           if lambda != 0 (decoupled decay, after alpha)
 *   k     = t^beta2Decay;          beta = 1 - k
 *   rows &gt; 1:  R[i] &lt;- beta * R[i] + k * mean_j g[i,j]^2      C[j] &lt;- beta * C[j] + k * mean_i g[i,j]^2
 *              V[i,j] = (R[i] / max(mean_i R[i], epsilon1)) * C[j]
 *   otherwise: V &lt;- beta * V + k * g^2                     (a vector: no factoring)
 *   u     = g / sqrt(max(V, epsilon1^2))
 *   w    &lt;- w - (alpha / max(1, RMS(u) / d)) * u
 * </pre>
 * As in PyTorch, {@code epsilon1} enters only where the variance estimate is formed and not in the
 * averages, {@code lr} caps the relative step size and scales the decay, and means replace the
 * paper's sums. The sums ({@code RMS}, the row means) are taken in double in the order of
 * {@link Norms}, fixed by element positions; the row averages are kept in double until stored;
 * the column averages accumulate row after row in float, with the weight {@code k / rows}. So a
 * step has the same bits for any thread count and vector width.
 *
 * <p>State, sized by the parameter's shape ({@code Optimizer.add(..., shape)}): {@code row}, the
 * row averages {@code R} ({@code batch * rows} floats; one unused float for a vector),
 * {@code column}, the column averages {@code C} ({@code batch * columns} floats; for a vector the
 * whole variance {@code V}), and {@code update}, where each step leaves its {@code u}
 * ({@code n} floats, as PyTorch's step materializes it). A 1000 x 1000 matrix keeps about
 * 1.002 million floats against Adam's 2 million.
 *
 * @param beta2Decay    {@code c}, the exponent of {@code k = t^c}, {@code <= 0}; default -0.8
 * @param epsilon1      the floor of the variance estimate, {@code > 0} also as a float and as its square;
 *                      default {@code 2^-23}, PyTorch's {@code torch.finfo(torch.float32).eps}
 * @param epsilon2      the floor of the parameter's RMS in the step size, {@code >= 0}; default 1e-3
 * @param clipThreshold {@code d}, the RMS of the update above which it is scaled down, {@code >= 1}; default 1
 * @param weightDecay   {@code lambda}, decoupled, {@code >= 0} and finite as a float; default 0
 * @param maximize      ascend instead of descend the objective; default {@code false}
 */
public record Adafactor(double beta2Decay, double epsilon1, double epsilon2, double clipThreshold,
                        double weightDecay, boolean maximize) implements UpdateRule {

    /** PyTorch's default learning rate, the cap of the relative step size: {@value}. */
    public static final double DEFAULT_LEARNING_RATE = 1e-2;

    /** {@code torch.optim.Adafactor}'s defaults. */
    public static final Adafactor DEFAULT = new Adafactor(-0.8, 0x1p-23, 1e-3, 1.0, 0.0, false);

    /**
     * Validates the hyperparameters.
     *
     * @throws IllegalArgumentException naming the parameter and its value if one is out of range
     */
    public Adafactor {
        if (!(beta2Decay <= 0.0) || Double.isInfinite(beta2Decay)) {
            throw new IllegalArgumentException("beta2Decay must be finite and <= 0, got " + beta2Decay);
        }
        beta2Decay = beta2Decay + 0.0;
        epsilon1 = ArgumentChecks.requirePositive("epsilon1", epsilon1);
        if ((float) epsilon1 * (float) epsilon1 == 0f) {
            throw new IllegalArgumentException("epsilon1 must stay > 0 when squared as a float (above about 2^-75), got "
                    + epsilon1);
        }
        epsilon2 = ArgumentChecks.requireNonNegative("epsilon2", epsilon2);
        if (!(clipThreshold >= 1.0) || Double.isInfinite(clipThreshold)) {
            throw new IllegalArgumentException("clipThreshold must be finite and >= 1, got " + clipThreshold);
        }
        weightDecay = ArgumentChecks.requireNonNegative("weightDecay", weightDecay);
    }

    /**
     * PyTorch's {@code torch.optim.Adafactor(params)} defaults: {@link #DEFAULT}.
     *
     * @return the rule
     */
    public static Adafactor pytorch() {
        return DEFAULT;
    }

    /**
     * Returns this rule with {@code c} as the decay exponent.
     *
     * @param c the exponent of {@code k = t^c}, {@code <= 0}
     * @return this rule with the change
     */
    public Adafactor withBeta2Decay(double c) {
        return new Adafactor(c, epsilon1, epsilon2, clipThreshold, weightDecay, maximize);
    }

    /**
     * Returns this rule with the two epsilons.
     *
     * @param eps1 the floor of the variance estimate
     * @param eps2 the floor of the parameter's RMS
     * @return this rule with the change
     */
    public Adafactor withEpsilons(double eps1, double eps2) {
        return new Adafactor(beta2Decay, eps1, eps2, clipThreshold, weightDecay, maximize);
    }

    /**
     * Returns this rule with clipping threshold {@code d}.
     *
     * @param d the update's RMS above which it is scaled down, {@code >= 1}
     * @return this rule with the change
     */
    public Adafactor withClipThreshold(double d) {
        return new Adafactor(beta2Decay, epsilon1, epsilon2, d, weightDecay, maximize);
    }

    /** {@inheritDoc} Adafactor's decay is decoupled: {@code w - (a * lambda) * w}, as in PyTorch. */
    @Override
    public Adafactor withWeightDecay(double lambda) {
        return new Adafactor(beta2Decay, epsilon1, epsilon2, clipThreshold, lambda, maximize);
    }

    /**
     * Returns this rule ascending instead of descending, or not.
     *
     * @param ascend whether to maximize
     * @return this rule with the change
     */
    public Adafactor withMaximize(boolean ascend) {
        return new Adafactor(beta2Decay, epsilon1, epsilon2, clipThreshold, weightDecay, ascend);
    }

    @Override
    public int stateBuffers() {
        return 3;
    }

    @Override
    public String stateName(int index) {
        return switch (index) {
            case 0 -> "row";
            case 1 -> "column";
            default -> "update";
        };
    }

    @Override
    public double defaultLearningRate() {
        return DEFAULT_LEARNING_RATE;
    }
}
