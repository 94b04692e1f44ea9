package dev.gradus.jmh;

import dev.gradus.UpdateRule;
import dev.gradus.examples.custom.CustomLion;

/**
 * {@link LionBenchmark} with Lion written against the public {@link dev.gradus.CustomRule} API
 * ({@link CustomLion}) instead of the built-in rule: the same step, traffic and baselines, so that
 * the two {@code gradus} rows compare a user-defined rule with its built-in equivalent.
 */
public class CustomLionBenchmark extends LionBenchmark {

    @Override
    protected UpdateRule measuredRule() {
        return CustomLion.DEFAULT;
    }
}
