package dev.gradus.examples;

/** The logistic function and the cross-entropy of a logit, shared by the classification examples. */
final class Logistic {

    private Logistic() {
    }

    /** {@return {@code 1 / (1 + e^-z)}} */
    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** {@return {@code -y log sigmoid(z) - (1 - y) log(1 - sigmoid(z))}, computed without overflow} */
    static double logLoss(double z, double y) {
        return Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
    }
}
