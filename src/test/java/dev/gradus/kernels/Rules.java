package dev.gradus.kernels;

import java.util.List;

/** Every rule the kernel properties cover. */
final class Rules {

    private Rules() {
    }

    static List<RuleUnderTest<?>> all() {
        return List.of(new SgdUnderTest(), new AdamUnderTest());
    }
}
