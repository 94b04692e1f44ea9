package dev.gradus.jmh;

/**
 * The schedule-free averaging weight as a Java user would keep it beside a textbook loop:
 * {@code lrMax = max(lrMax, gamma)}, {@code weight = lrMax^2} (the defaults {@code r = 0},
 * {@code weight_lr_power = 2}), {@code weightSum += weight}, {@code c = weight / weightSum}.
 */
final class TextbookAveraging {

    private double lrMax;
    private double weightSum;

    /**
     * Advances the averaging by a step with learning rate {@code gamma}.
     *
     * @param gamma the step's learning rate (AdamW's times {@code sqrt(1 - b2^t)})
     * @return the step's {@code c}
     */
    double next(double gamma) {
        lrMax = Math.max(lrMax, gamma);
        double weight = lrMax * lrMax;
        weightSum += weight;
        return weight / weightSum;
    }
}
