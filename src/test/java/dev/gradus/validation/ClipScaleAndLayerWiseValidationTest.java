package dev.gradus.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.Adam;
import dev.gradus.Kernels;
import dev.gradus.Lamb;
import dev.gradus.Lars;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A bad clip scale, the update form of a layer-wise rule, and bad hyperparameters of {@link Lars}
 * and {@link Lamb} throw, naming the argument, with every buffer left as it was.
 */
class ClipScaleAndLayerWiseValidationTest {

    private static void assertNames(Class<? extends Throwable> type, String name, Executable call) {
        Throwable e = assertThrows(type, call);
        assertTrue(e.getMessage().contains(name), "message names " + name + ": " + e.getMessage());
    }

    @Test
    void aClipScaleThatIsNegativeOrNotFiniteIsRejectedBeforeAnythingIsWritten() {
        float[] w = {0.5f, -0.25f, 1f};
        float[] g = {0.1f, 0.2f, -0.3f};
        float[] m = {0.01f, 0.02f, 0.03f};
        float[] v = {0.04f, 0.05f, 0.06f};
        for (float scale : new float[] {-1f, Float.NaN, Float.POSITIVE_INFINITY, -0.0001f}) {
            assertNames(IllegalArgumentException.class, "clipScale", () -> Kernels.step(Adam.DEFAULT, 1e-3, 1,
                    MemorySegment.ofArray(w), MemorySegment.ofArray(g),
                    List.of(MemorySegment.ofArray(m), MemorySegment.ofArray(v)), 0, 3, scale));
        }
        assertArrayEquals(new float[] {0.5f, -0.25f, 1f}, w);
        assertArrayEquals(new float[] {0.01f, 0.02f, 0.03f}, m);
        assertArrayEquals(new float[] {0.04f, 0.05f, 0.06f}, v);
    }

    @Test
    void layerWiseRulesHaveNoUpdateForm() {
        float[] w = {0.5f, -0.25f};
        float[] velocity = {0.1f, 0.2f};
        float[] u = new float[2];
        assertNames(IllegalArgumentException.class, "update form", () -> Kernels.update(Lars.DEFAULT, 0.1, 1,
                MemorySegment.ofArray(w), MemorySegment.ofArray(new float[2]), MemorySegment.ofArray(u),
                List.of(MemorySegment.ofArray(velocity)), 0, 2));
        assertArrayEquals(new float[] {0.5f, -0.25f}, w);
        assertArrayEquals(new float[] {0.1f, 0.2f}, velocity);
        assertArrayEquals(new float[2], u);
    }

    @Test
    void hyperparametersAreChecked() {
        assertNames(IllegalArgumentException.class, "momentum", () -> Lars.DEFAULT.withMomentum(1.0));
        assertNames(IllegalArgumentException.class, "trustCoefficient", () -> Lars.DEFAULT.withTrustCoefficient(0.0));
        assertNames(IllegalArgumentException.class, "weightDecay", () -> Lars.DEFAULT.withWeightDecay(-1e-4));
        assertNames(IllegalArgumentException.class, "epsilon", () -> Lars.DEFAULT.withEpsilon(Double.NaN));
        assertNames(IllegalArgumentException.class, "beta1", () -> Lamb.DEFAULT.withBetas(1.0, 0.999));
        assertNames(IllegalArgumentException.class, "beta2", () -> Lamb.DEFAULT.withBetas(0.9, -0.1));
        assertNames(IllegalArgumentException.class, "epsilon", () -> Lamb.DEFAULT.withEpsilon(1e-50));
        assertNames(IllegalArgumentException.class, "weightDecay", () -> Lamb.DEFAULT.withWeightDecay(Double.POSITIVE_INFINITY));
    }
}
