package dev.gradus.internal;

/** Bias corrections of exponentially weighted averages, computed in {@code double}. */
public final class BiasCorrection {

    private BiasCorrection() {
    }

    /**
     * {@code 1 - beta^t}: the weight an average started at zero has gathered after {@code t}
     * updates with decay rate {@code beta}. Dividing the average by it removes the bias toward
     * zero of its first steps. Tends to 1 as {@code t} grows ({@code beta^t} underflows to 0).
     */
    public static double of(double beta, long step) {
        return 1.0 - Math.pow(beta, step);
    }
}
