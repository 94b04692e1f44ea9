package dev.gradus.examples;

/**
 * A training problem over one flat vector of float32 weights: its start, the gradient the step
 * {@code t} is taken with (of a mini-batch, or of the whole loss), and the loss a curve shows.
 */
interface Objective {

    /** {@return a copy of the initial weights} */
    float[] start();

    /**
     * Writes into {@code g} the gradient that step {@code t} descends, at the weights {@code w}.
     *
     * @param t the step, {@code >= 1}
     * @param w the weights the model computes with; not modified
     * @param g the gradient, as long as {@code w}; overwritten
     */
    void gradient(long t, float[] w, float[] g);

    /**
     * The loss a curve shows at the weights {@code w}.
     *
     * @param w the weights; not modified
     * @return the loss
     */
    double loss(float[] w);

    /**
     * The elongated bowl of {@link BowlTrajectories}: {@code f(x, y) = 0.02 x^2 + y^2} from
     * {@code (-9, 1.5)}, its exact gradient {@code (0.04 x, 2 y)} at every step.
     *
     * @return the bowl
     */
    static Objective bowl() {
        return new Objective() {
            @Override
            public float[] start() {
                return BowlTrajectories.start();
            }

            @Override
            public void gradient(long t, float[] w, float[] g) {
                BowlTrajectories.gradient(w, g);
            }

            @Override
            public double loss(float[] w) {
                return BowlTrajectories.f(w[0], w[1]);
            }
        };
    }

    /**
     * This objective with its loss multiplied by {@code scale}: the same start, the gradient
     * {@code scale * g} (exact in float32 for a power of two that keeps it normal) and the loss
     * {@code scale * L}. Adam's step {@code m / sqrt(v)} does not change with the scale, up to
     * {@code eps}; the range a 16-bit type needs does.
     *
     * @param scale the factor, {@code > 0}
     * @return the scaled objective
     */
    default Objective scaled(float scale) {
        Objective unscaled = this;
        return new Objective() {
            @Override
            public float[] start() {
                return unscaled.start();
            }

            @Override
            public void gradient(long t, float[] w, float[] g) {
                unscaled.gradient(t, w, g);
                for (int i = 0; i < g.length; i++) {
                    g[i] *= scale;
                }
            }

            @Override
            public double loss(float[] w) {
                return scale * unscaled.loss(w);
            }
        };
    }
}
