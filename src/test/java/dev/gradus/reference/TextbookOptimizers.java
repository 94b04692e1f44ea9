package dev.gradus.reference;

import dev.gradus.AdaBelief;
import dev.gradus.AdaGrad;
import dev.gradus.Adadelta;
import dev.gradus.Adafactor;
import dev.gradus.Adam;
import dev.gradus.Adamax;
import dev.gradus.CustomRule;
import dev.gradus.EpsilonPlacement;
import dev.gradus.Lamb;
import dev.gradus.Lars;
import dev.gradus.Lion;
import dev.gradus.Momentum;
import dev.gradus.NAdam;
import dev.gradus.RAdam;
import dev.gradus.RmsProp;
import dev.gradus.Rprop;
import dev.gradus.ScheduleFreeAdamW;
import dev.gradus.ScheduleFreeSgd;
import dev.gradus.Sgd;
import dev.gradus.UpdateRule;
import dev.gradus.Yogi;

/**
 * Independent double-precision implementations of the update rules, written from the textbook
 * formulas with none of the kernels' rearrangements (Adam divides by {@code 1 - b^t} per element,
 * as in Algorithm 1 of Kingma &amp; Ba). The scalar kernels are checked against these, which catches
 * a formula that is wrong on both the scalar and the vector side.
 */
public final class TextbookOptimizers {

    private TextbookOptimizers() {
    }

    /** Step {@code t} of {@code rule} on every element; {@code state} in the rule's order. */
    public static void step(UpdateRule rule, double a, long t, double[] w, double[] g, double[][] state) {
        if (rule instanceof Lars r) {
            lars(r, a, w, g, state[0]);
            return;
        }
        if (rule instanceof Lamb r) {
            lamb(r, a, t, w, g, state);
            return;
        }
        if (rule instanceof Adafactor r) {
            adafactor(r, a, t, w, g, 1, 1, w.length, state[0], state[1]);
            return;
        }
        if (rule instanceof ScheduleFreeAdamW || rule instanceof ScheduleFreeSgd) {
            ScheduleFreeReference.kernelState(rule, a, t, w, g, state);
            return;
        }
        for (int i = 0; i < w.length; i++) {
            double grad = effectiveGradient(rule, g[i], w[i]);
            switch (rule) {
                case Sgd r -> w[i] -= a * grad;
                case Momentum r -> momentum(r, a, t, w, grad, state[0], i);
                case AdaGrad r -> {
                    state[0][i] += grad * grad;
                    w[i] -= a * grad / root(state[0][i], r.epsilon(), r.epsilonPlacement());
                }
                case RmsProp r -> rmsProp(r, a, w, grad, state, i);
                case Adam r -> adam(r, a, t, w, grad, state, i);
                case Lion r -> lion(r, a, w, grad, state[0], i);
                case RAdam r -> radam(r, a, t, w, grad, state, i);
                case NAdam r -> nadam(r, a, t, w, grad, state, i);
                case AdaBelief r -> {
                    state[0][i] = r.beta1() * state[0][i] + (1 - r.beta1()) * grad;
                    double e = grad - state[0][i];
                    state[1][i] = r.beta2() * state[1][i] + (1 - r.beta2()) * e * e + r.epsilonRoot();
                    w[i] -= a * biasCorrectedStep(r.beta1(), r.beta2(), r.epsilon(), t, state[0][i], state[1][i]);
                }
                case Yogi r -> {
                    state[0][i] = r.beta1() * state[0][i] + (1 - r.beta1()) * grad;
                    state[1][i] -= (1 - r.beta2()) * Math.signum(state[1][i] - grad * grad) * grad * grad;
                    w[i] -= a * biasCorrectedStep(r.beta1(), r.beta2(), r.epsilon(), t, state[0][i], state[1][i]);
                }
                case Rprop r -> {
                    double p = grad * state[0][i];
                    double eta = p > 0 ? r.etaPlus() : p < 0 ? r.etaMinus() : 1;
                    state[1][i] = Math.min(Math.max(state[1][i] * eta, r.stepSizeMin()), r.stepSizeMax());
                    state[0][i] = p < 0 ? 0 : grad;
                    w[i] -= Math.signum(state[0][i]) * state[1][i] * a / r.initialStepSize();
                }
                case Adadelta r -> {
                    state[0][i] = r.rho() * state[0][i] + (1 - r.rho()) * grad * grad;
                    double d = Math.sqrt(state[1][i] + r.epsilon()) / Math.sqrt(state[0][i] + r.epsilon()) * grad;
                    state[1][i] = r.rho() * state[1][i] + (1 - r.rho()) * d * d;
                    w[i] -= a * d;
                }
                case Adamax r -> {
                    state[0][i] = r.beta1() * state[0][i] + (1 - r.beta1()) * grad;
                    state[1][i] = Math.max(r.beta2() * state[1][i], Math.abs(grad) + r.epsilon());
                    w[i] -= a / (1 - Math.pow(r.beta1(), t)) * state[0][i] / state[1][i];
                }
                case Lars r -> throw new IllegalStateException("layer-wise: stepped above");
                case Lamb r -> throw new IllegalStateException("layer-wise: stepped above");
                case Adafactor r -> throw new IllegalStateException("stepped above");
                case ScheduleFreeAdamW r -> throw new IllegalStateException("stepped above");
                case ScheduleFreeSgd r -> throw new IllegalStateException("stepped above");
                case CustomRule r -> throw new IllegalArgumentException("no reference for a custom rule: " + r);
            }
        }
    }

    private static double effectiveGradient(UpdateRule rule, double g, double w) {
        record Options(double weightDecay, boolean maximize) { }
        Options o = switch (rule) {
            case Sgd r -> new Options(r.weightDecay(), r.maximize());
            case Momentum r -> new Options(r.weightDecay(), r.maximize());
            case AdaGrad r -> new Options(r.weightDecay(), r.maximize());
            case RmsProp r -> new Options(r.weightDecay(), r.maximize());
            case Adam r -> new Options(r.decoupledWeightDecay() ? 0 : r.weightDecay(), r.maximize());
            case Lion r -> new Options(0, r.maximize());
            case Adamax r -> new Options(r.weightDecay(), r.maximize());
            case RAdam r -> new Options(r.decoupledWeightDecay() ? 0 : r.weightDecay(), r.maximize());
            case NAdam r -> new Options(r.decoupledWeightDecay() ? 0 : r.weightDecay(), r.maximize());
            case AdaBelief r -> new Options(r.weightDecay(), r.maximize());
            case Yogi r -> new Options(r.weightDecay(), r.maximize());
            case Adadelta r -> new Options(r.weightDecay(), r.maximize());
            case Rprop r -> new Options(r.weightDecay(), r.maximize());
            case Lars r -> new Options(0, r.maximize());
            case Lamb r -> new Options(0, r.maximize());
            case Adafactor r -> new Options(0, r.maximize());
            case ScheduleFreeAdamW r -> new Options(0, r.maximize());
            case ScheduleFreeSgd r -> new Options(0, r.maximize());
            case CustomRule r -> throw new IllegalArgumentException("no reference for a custom rule: " + r);
        };
        return (o.maximize() ? -g : g) + o.weightDecay() * w;
    }

    /**
     * Adafactor as {@code torch.optim.Adafactor}'s single-tensor step, on {@code batch} matrices of
     * {@code rows x columns} (a vector for one row): {@code rowAverages} has {@code batch * rows}
     * elements (unused for a vector), {@code columnAverages} {@code batch * columns}.
     */
    public static void adafactor(Adafactor r, double a, long t, double[] w, double[] g, int batch, int rows,
                                 int columns, double[] rowAverages, double[] columnAverages) {
        int n = w.length;
        double rho = Math.min(a, 1 / Math.sqrt(t));
        double alpha = Math.max(r.epsilon2(), Math.sqrt(sumOfSquares(w) / n)) * rho;
        double[] grad = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] -= a * r.weightDecay() * w[i];
            grad[i] = r.maximize() ? -g[i] : g[i];
        }
        double k = Math.pow(t, r.beta2Decay());
        double[] variance = new double[n];
        if (rows > 1) {
            for (int b = 0; b < batch; b++) {
                int matrix = b * rows * columns;
                double total = 0;
                for (int i = 0; i < rows; i++) {
                    double mean = 0;
                    for (int j = 0; j < columns; j++) {
                        mean += grad[matrix + i * columns + j] * grad[matrix + i * columns + j] / columns;
                    }
                    int at = b * rows + i;
                    rowAverages[at] = (1 - k) * rowAverages[at] + k * mean;
                    total += rowAverages[at];
                }
                for (int j = 0; j < columns; j++) {
                    double mean = 0;
                    for (int i = 0; i < rows; i++) {
                        mean += grad[matrix + i * columns + j] * grad[matrix + i * columns + j] / rows;
                    }
                    int at = b * columns + j;
                    columnAverages[at] = (1 - k) * columnAverages[at] + k * mean;
                }
                double denominator = Math.max(total / rows, r.epsilon1());
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < columns; j++) {
                        variance[matrix + i * columns + j] = rowAverages[b * rows + i] * columnAverages[b * columns + j]
                                / denominator;
                    }
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                columnAverages[i] = (1 - k) * columnAverages[i] + k * grad[i] * grad[i];
                variance[i] = columnAverages[i];
            }
        }
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = grad[i] / Math.sqrt(Math.max(variance[i], r.epsilon1() * r.epsilon1()));
        }
        double scale = alpha / Math.max(1, Math.sqrt(sumOfSquares(u) / n) / r.clipThreshold());
        for (int i = 0; i < n; i++) {
            w[i] -= scale * u[i];
        }
    }

    private static double sumOfSquares(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v * v;
        }
        return sum;
    }

    /** Optax's bias-corrected direction {@code (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)}. */
    private static double biasCorrectedStep(double beta1, double beta2, double eps, long t, double m, double v) {
        return m / (1 - Math.pow(beta1, t)) / (Math.sqrt(v / (1 - Math.pow(beta2, t))) + eps);
    }

    /**
     * NAdam as PyTorch 2.x's single-tensor step (and torch 1.13's multi-tensor one): the product of
     * the momentum schedule multiplied out factor by factor, as PyTorch accumulates it.
     */
    private static void nadam(NAdam r, double a, long t, double[] w, double g, double[][] state, int i) {
        if (r.decoupledWeightDecay()) {
            w[i] -= a * r.weightDecay() * w[i];
        }
        state[0][i] = r.beta1() * state[0][i] + (1 - r.beta1()) * g;
        state[1][i] = r.beta2() * state[1][i] + (1 - r.beta2()) * g * g;
        double product = 1;
        for (long k = 1; k <= t; k++) {
            product *= mu(r, k);
        }
        double mu = mu(r, t);
        double muNext = mu(r, t + 1);
        double denominator = Math.sqrt(state[1][i] / (1 - Math.pow(r.beta2(), t))) + r.epsilon();
        w[i] -= a * (1 - mu) / (1 - product) * g / denominator
                + a * muNext / (1 - product * muNext) * state[0][i] / denominator;
    }

    /** NAdam's momentum schedule {@code b1 (1 - 0.5 * 0.96^(t psi))}. */
    private static double mu(NAdam r, long t) {
        return r.beta1() * (1 - 0.5 * Math.pow(0.96, t * r.momentumDecay()));
    }

    /** RAdam as {@code torch.optim.RAdam}'s single-tensor step, the rectification in double. */
    private static void radam(RAdam r, double a, long t, double[] w, double g, double[][] state, int i) {
        if (r.decoupledWeightDecay()) {
            w[i] -= a * r.weightDecay() * w[i];
        }
        state[0][i] = r.beta1() * state[0][i] + (1 - r.beta1()) * g;
        state[1][i] = r.beta2() * state[1][i] + (1 - r.beta2()) * g * g;
        double c1 = 1 - Math.pow(r.beta1(), t);
        double c2 = 1 - Math.pow(r.beta2(), t);
        double rho = 2 / (1 - r.beta2()) - 1;
        double rhoT = rho - 2 * t * Math.pow(r.beta2(), t) / c2;
        if (rhoT > 5) {
            double rect = Math.sqrt((rhoT - 4) * (rhoT - 2) * rho / ((rho - 4) * (rho - 2) * rhoT));
            w[i] -= state[0][i] / c1 * a * Math.sqrt(c2) / (Math.sqrt(state[1][i]) + r.epsilon()) * rect;
        } else {
            w[i] -= state[0][i] / c1 * a;
        }
    }

    /** Lion as Optax's {@code lion}: {@code w -= a * (sign(b1 m + (1 - b1) g) + lambda w)}, then the momentum. */
    private static void lion(Lion r, double a, double[] w, double g, double[] m, int i) {
        double c = r.beta1() * m[i] + (1 - r.beta1()) * g;
        w[i] -= a * (Math.signum(c) + r.weightDecay() * w[i]);
        m[i] = r.beta2() * m[i] + (1 - r.beta2()) * g;
    }

    private static double root(double q, double eps, EpsilonPlacement placement) {
        return placement == EpsilonPlacement.INSIDE_SQRT ? Math.sqrt(q + eps) : Math.sqrt(q) + eps;
    }

    private static void momentum(Momentum r, double a, long t, double[] w, double g, double[] v, int i) {
        double mu = r.momentum();
        v[i] = t == 1 && r.firstStepCopiesGradient() ? g : mu * v[i] + (1 - r.dampening()) * g;
        double update = r.nesterov() ? g + mu * v[i] : r.biasCorrection() ? v[i] / (1 - Math.pow(mu, t)) : v[i];
        w[i] -= a * update;
    }

    private static void rmsProp(RmsProp r, double a, double[] w, double g, double[][] state, int i) {
        double b = r.decay();
        state[0][i] = b * state[0][i] + (1 - b) * g * g;
        double variance = state[0][i];
        if (r.centered()) {
            state[1][i] = b * state[1][i] + (1 - b) * g;
            variance = Math.max(variance - state[1][i] * state[1][i], 0);
        }
        double scaled = g / root(variance, r.epsilon(), r.epsilonPlacement());
        if (r.hasMomentum()) {
            double[] buffer = state[r.centered() ? 2 : 1];
            buffer[i] = r.momentum() * buffer[i] + scaled;
            scaled = buffer[i];
        }
        w[i] -= a * scaled;
    }

    private static void adam(Adam r, double a, long t, double[] w, double g, double[][] state, int i) {
        double[] m = state[0];
        double[] v = state[1];
        if (r.decoupledWeightDecay()) {
            w[i] -= a * r.weightDecay() * w[i];
        }
        m[i] = r.beta1() * m[i] + (1 - r.beta1()) * g;
        v[i] = r.beta2() * v[i] + (1 - r.beta2()) * g * g;
        double u = v[i];
        if (r.amsgrad()) {
            state[2][i] = Math.max(state[2][i], v[i]);
            u = state[2][i];
        }
        double c1 = 1 - Math.pow(r.beta1(), t);
        double c2 = 1 - Math.pow(r.beta2(), t);
        if (r.form() == Adam.Form.ALGORITHM_1) {
            w[i] -= a * (m[i] / c1) / root(u / c2, r.epsilon(), r.epsilonPlacement());
        } else {
            w[i] -= a * Math.sqrt(c2) / c1 * m[i] / root(u, r.epsilon(), r.epsilonPlacement());
        }
    }

    private static double norm(double[] x) {
        double sum = 0;
        for (double value : x) {
            sum += value * value;
        }
        return Math.sqrt(sum);
    }

    private static double[] signed(double[] g, boolean maximize) {
        double[] out = g.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = maximize ? -g[i] : g[i];
        }
        return out;
    }

    /** LARS: {@code r = eta ||w|| / (||g|| + lambda ||w|| + eps)}, momentum on {@code r (g + lambda w)}. */
    private static void lars(Lars r, double a, double[] w, double[] g, double[] v) {
        double[] grad = signed(g, r.maximize());
        double wn = norm(w);
        double gn = norm(grad);
        double ratio = wn > 0 && gn > 0 ? r.trustCoefficient() * wn / (gn + r.weightDecay() * wn + r.epsilon()) : 1;
        for (int i = 0; i < w.length; i++) {
            double scaled = ratio * (grad[i] + r.weightDecay() * w[i]);
            v[i] = r.momentum() * v[i] + scaled;
            w[i] -= a * (r.nesterov() ? scaled + r.momentum() * v[i] : v[i]);
        }
    }

    /** LAMB: Adam's bias-corrected direction plus {@code lambda w}, scaled by {@code ||w|| / ||u||}. */
    private static void lamb(Lamb r, double a, long t, double[] w, double[] g, double[][] state) {
        double[] grad = signed(g, r.maximize());
        double[] m = state[0];
        double[] v = state[1];
        double[] u = state[2];
        double c1 = 1 - Math.pow(r.beta1(), t);
        double c2 = 1 - Math.pow(r.beta2(), t);
        for (int i = 0; i < w.length; i++) {
            m[i] = r.beta1() * m[i] + (1 - r.beta1()) * grad[i];
            v[i] = r.beta2() * v[i] + (1 - r.beta2()) * grad[i] * grad[i];
            u[i] = (m[i] / c1) / (Math.sqrt(v[i] / c2) + r.epsilon()) + r.weightDecay() * w[i];
        }
        double wn = norm(w);
        double un = norm(u);
        double ratio = wn > 0 && un > 0 ? wn / un : 1;
        for (int i = 0; i < w.length; i++) {
            w[i] -= a * ratio * u[i];
        }
    }
}
