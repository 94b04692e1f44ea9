package dev.gradus.reference;

import dev.gradus.ScheduleFreeAdamW;
import dev.gradus.ScheduleFreeSgd;
import dev.gradus.UpdateRule;

/**
 * The schedule-free rules in double precision, as the PyTorch {@code schedulefree} package's
 * {@code AdamWScheduleFree} and {@code SGDScheduleFree} step: the averaging weight
 * {@code c = t^r lrMax^p / weightSum}, {@code y <- (1 - c) y + c z + gamma (b1 (1 - c) - 1) d} and
 * {@code z <- z - gamma d}, with {@code gamma = a sqrt(1 - b2^t)} for AdamW. A plain interpolation,
 * none of {@code torch.lerp}'s case split, and {@code z} a copy of {@code y} before step 1.
 */
public final class ScheduleFreeReference {

    private final UpdateRule rule;
    private double[] z;
    private final double[] v;
    private double lrMax;
    private double weightSum;

    /**
     * A fresh state for parameters of {@code n} elements.
     *
     * @param rule a schedule-free rule
     * @param n    the number of elements
     */
    public ScheduleFreeReference(UpdateRule rule, int n) {
        this.rule = rule;
        this.v = new double[n];
    }

    /** {@code lrMax} after the last step. */
    public double lrMax() {
        return lrMax;
    }

    /** {@code weightSum} after the last step. */
    public double weightSum() {
        return weightSum;
    }

    /** {@code z}, or null before step 1. */
    public double[] z() {
        return z;
    }

    /**
     * Step {@code t} with learning rate {@code a} on {@code y}, in place.
     *
     * @param a the learning rate the schedule gives step {@code t}
     * @param t the step, from 1
     * @param y the training view, modified
     * @param g the gradient
     */
    public void step(double a, long t, double[] y, double[] g) {
        if (z == null) {
            z = y.clone();
        }
        double[] averaging = {lrMax, weightSum};
        step(rule, a, t, y, g, z, v, averaging);
        lrMax = averaging[0];
        weightSum = averaging[1];
    }

    /**
     * The evaluation view {@code x = y + (1 - 1/b1) (z - y)}: {@code y} itself before step 1.
     *
     * @param y the training view
     * @return {@code x}
     */
    public double[] evaluation(double[] y) {
        double weight = 1 - 1 / interpolation(rule);
        double[] x = y.clone();
        for (int i = 0; z != null && i < y.length; i++) {
            x[i] = y[i] + weight * (z[i] - y[i]);
        }
        return x;
    }

    /**
     * One step on arrays: {@code averaging} holds {@code (lrMax, weightSum)} of the previous step
     * and receives this step's.
     */
    static void step(UpdateRule rule, double a, long t, double[] y, double[] g, double[] z, double[] v,
                     double[] averaging) {
        boolean adamW = rule instanceof ScheduleFreeAdamW;
        ScheduleFreeAdamW adam = adamW ? (ScheduleFreeAdamW) rule : null;
        ScheduleFreeSgd sgd = adamW ? null : (ScheduleFreeSgd) rule;
        double gamma = adamW ? a * Math.sqrt(1 - Math.pow(adam.beta2(), t)) : a;
        double lrMax = Math.max(averaging[0], gamma);
        double weight = Math.pow(t, adamW ? adam.r() : sgd.r()) * Math.pow(lrMax, adamW ? adam.weightLrPower()
                : sgd.weightLrPower());
        double weightSum = averaging[1] + weight;
        double c = weightSum == 0 ? 0 : weight / weightSum;
        double b1 = interpolation(rule);
        boolean maximize = adamW ? adam.maximize() : sgd.maximize();
        double decay = adamW ? adam.weightDecay() : sgd.weightDecay();
        for (int i = 0; i < y.length; i++) {
            double d = maximize ? -g[i] : g[i];
            if (adamW) {
                v[i] = adam.beta2() * v[i] + (1 - adam.beta2()) * d * d;
                d = d / (Math.sqrt(v[i]) + adam.epsilon());
            }
            d += decay * y[i];
            y[i] = (1 - c) * y[i] + c * z[i] + gamma * (b1 * (1 - c) - 1) * d;
            z[i] -= gamma * d;
        }
        averaging[0] = lrMax;
        averaging[1] = weightSum;
    }

    /**
     * Step {@code t} with the state as the kernels keep it, widened to double: {@code z} (the
     * parameter itself on step 1), AdamW's {@code v}, and the averaging's 4 floats, the halves of
     * two doubles, which it reads and writes back.
     */
    static void kernelState(UpdateRule rule, double a, long t, double[] y, double[] g, double[][] state) {
        double[] z = t == 1 ? y.clone() : state[0];
        double[] v = rule instanceof ScheduleFreeAdamW ? state[1] : null;
        double[] floats = state[state.length - 1];
        double[] averaging = {decode(floats, 0), decode(floats, 2)};
        step(rule, a, t, y, g, z, v, averaging);
        state[0] = z;
        encode(floats, 0, averaging[0]);
        encode(floats, 2, averaging[1]);
    }

    private static double interpolation(UpdateRule rule) {
        return rule instanceof ScheduleFreeAdamW adam ? adam.beta1() : ((ScheduleFreeSgd) rule).momentum();
    }

    private static double decode(double[] floats, int at) {
        long high = Float.floatToRawIntBits((float) floats[at]);
        long low = Float.floatToRawIntBits((float) floats[at + 1]) & 0xFFFF_FFFFL;
        return Double.longBitsToDouble(high << 32 | low);
    }

    private static void encode(double[] floats, int at, double value) {
        long bits = Double.doubleToRawLongBits(value);
        floats[at] = Float.intBitsToFloat((int) (bits >>> 32));
        floats[at + 1] = Float.intBitsToFloat((int) bits);
    }
}
