package dev.gradus.reference;

import dev.gradus.AdaGrad;
import dev.gradus.Adam;
import dev.gradus.EpsilonPlacement;
import dev.gradus.Momentum;
import dev.gradus.RmsProp;
import dev.gradus.Sgd;
import dev.gradus.UpdateRule;

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
        };
        return (o.maximize() ? -g : g) + o.weightDecay() * w;
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
}
