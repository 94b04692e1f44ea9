package dev.gradus.kernels;

import dev.gradus.testing.property.Property;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stepping {@code [0, n)} range by range, for any cut of it into ranges, gives the bits of one call
 * over the whole buffer ({@link KernelProperties#rangeSplits}).
 */
@Tag("kernels")
class RangeSplitTest {

    static List<String> rules() {
        return KernelProperties.rules();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void anySplitIntoRangesGivesTheSameBits(String rule) {
        KernelProperties.rangeSplits(rule, Property.defaultTries());
    }
}
