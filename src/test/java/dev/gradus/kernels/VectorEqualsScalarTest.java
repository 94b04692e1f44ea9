package dev.gradus.kernels;

import dev.gradus.testing.property.Property;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The selected kernels (vector at the width this run forces, or scalar) produce the bits of the
 * scalar kernels for the parameter and every state buffer after each of at least five consecutive
 * steps, never write outside the target slices, and never write the gradient
 * ({@link KernelProperties#selectedEqualsScalar}).
 */
@Tag("kernels")
class VectorEqualsScalarTest {

    static List<String> rules() {
        return KernelProperties.rules();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void selectedKernelsMatchTheScalarKernelsBitForBit(String rule) {
        KernelProperties.selectedEqualsScalar(rule, Property.defaultTries());
    }
}
