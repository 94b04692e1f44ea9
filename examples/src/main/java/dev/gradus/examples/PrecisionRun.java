package dev.gradus.examples;

/**
 * One configuration's training run, sampled at the steps {@code steps[i]} (0 is the start): the
 * loss at the model's weights and the distance of those weights to the float32 run's at the same
 * step,
 *
 * <pre>
 *   distance(t) = || w(t) - w32(t) ||_2      w: the model's weights, widened to float
 * </pre>
 *
 * and two counts that show where a 16-bit type ran out of range.
 *
 * @param label              the configuration's name
 * @param steps              the sampled steps
 * @param losses             the loss at each sampled step; NaN or infinite once the run has diverged
 * @param distances          the distance to the float32 run at each sampled step
 * @param weights            the model's weights at each sampled step
 * @param gradientUnderflows the gradient elements, over all steps, that were not zero in float32 but were stored as
 *                           zero
 * @param unscaledSteps      the most weights, at any step, whose Adam state had {@code m != 0} but {@code v = 0}
 *                           after the step: their next step is {@code a * m_hat / eps} instead of about
 *                           {@code a}
 */
public record PrecisionRun(String label, double[] steps, double[] losses, double[] distances, float[][] weights,
                    long gradientUnderflows, int unscaledSteps) {

    /** {@return the loss after the last step} */
    public double finalLoss() {
        return losses[losses.length - 1];
    }

    /** {@return the distance to the float32 weights after the last step} */
    public double finalDistance() {
        return distances[distances.length - 1];
    }

    /** {@return the largest distance to the float32 weights over the sampled steps; infinite if one is not finite} */
    public double maxDistance() {
        double max = 0;
        for (double d : distances) {
            max = Double.isFinite(d) ? Math.max(max, d) : Double.POSITIVE_INFINITY;
        }
        return max;
    }

    /** {@return the largest magnitude of a weight after the last step} */
    public double largestWeight() {
        double max = 0;
        for (float w : weights[weights.length - 1]) {
            max = Math.max(max, Math.abs(w));
        }
        return max;
    }

    /** {@return the first sampled step whose loss is not finite, or -1} */
    public long divergedAt() {
        for (int i = 0; i < losses.length; i++) {
            if (!Double.isFinite(losses[i])) {
                return (long) steps[i];
            }
        }
        return -1;
    }
}
