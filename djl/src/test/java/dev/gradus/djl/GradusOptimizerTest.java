package dev.gradus.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Utils;
import dev.gradus.Adam;
import dev.gradus.NonFinitePolicy;
import dev.gradus.ParameterGroup;
import dev.gradus.checkpoint.Checkpoint;
import dev.gradus.schedule.CosineAnnealing;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter's contract on the PyTorch engine: in place, zero copy, the same bits as Gradus, the fallback. */
class GradusOptimizerTest {

    private static final Shape MATRIX = new Shape(37, 5);
    private static final Shape BIAS = new Shape(5);
    private static final ParameterGroup BIASES = ParameterGroup.named("biases").withWeightDecay(0).withLearningRateFactor(2);

    private NDManager manager;
    private Arena arena;

    @BeforeEach
    void open() {
        manager = Engine.getEngine("PyTorch").newBaseManager();
        arena = Arena.ofConfined();
    }

    @AfterEach
    void close() {
        manager.close();
        arena.close();
    }

    private static GradusOptimizer.Builder adamW() {
        return GradusOptimizer.builder(Adam.adamW(), new CosineAnnealing(1e-2, 1e-4, 10));
    }

    private static dev.gradus.Optimizer referenceAdamW() {
        return dev.gradus.Optimizer.builder(Adam.adamW(), new CosineAnnealing(1e-2, 1e-4, 10)).build();
    }

    @Test
    void runsOfflineOnTheLibtorchFromTheClassPath() {
        assertTrue(Utils.isOfflineMode(), "DJL must run offline in the tests");
        Engine engine = Engine.getEngine("PyTorch");
        assertEquals("PyTorch", engine.getEngineName());
        assertTrue(engine.getVersion().startsWith("2.7.1"), engine.getVersion());
    }

    @Test
    void updatesTheTensorsOwnMemoryInPlace() {
        float[] initial = Reference.floats(1, 185);
        NDArray weight = Reference.array(manager, initial, MATRIX);
        NDArray gradient = Reference.array(manager, Reference.floats(2, 185), MATRIX);
        MemorySegment tensorMemory = MemorySegment.ofBuffer(weight.toByteBuffer(true));
        try (GradusOptimizer optimizer = adamW().parameter("w", "w").build()) {
            optimizer.update("w", weight, gradient);
            assertTrue(optimizer.isZeroCopy("w"));
            float[] after = tensorMemory.toArray(ValueLayout.JAVA_FLOAT);
            assertFalse(java.util.Arrays.equals(initial, after), "the tensor's memory must have changed");
            assertArrayEquals(Reference.bits(after), Reference.bits(weight));
            assertEquals(tensorMemory.address(), MemorySegment.ofBuffer(weight.toByteBuffer(true)).address());
            assertEquals(1, optimizer.gradus().stepCount());
        }
    }

    @Test
    void equalsGradusOwnOptimizerBitForBitOverSeveralSteps() {
        float[] w0 = Reference.floats(3, 185);
        float[] b0 = Reference.floats(4, 5);
        NDArray weight = Reference.array(manager, w0, MATRIX);
        NDArray bias = Reference.array(manager, b0, BIAS);
        MemorySegment w = Reference.segment(arena, w0);
        MemorySegment b = Reference.segment(arena, b0);
        MemorySegment gw = arena.allocate(185L * Float.BYTES);
        MemorySegment gb = arena.allocate(5L * Float.BYTES);
        try (GradusOptimizer optimizer = adamW().threads(2).parallelThreshold(0)
                .parameter("id-w", "fc.weight").parameter("id-b", "fc.bias", BIASES).build();
             dev.gradus.Optimizer reference = referenceAdamW()) {
            reference.add("fc.weight", w, gw);
            reference.add("fc.bias", b, gb, BIASES);
            for (int step = 1; step <= 6; step++) {
                float[] gradW = Reference.floats(100 + step, 185);
                float[] gradB = Reference.floats(200 + step, 5);
                MemorySegment.copy(gradW, 0, gw, ValueLayout.JAVA_FLOAT, 0, 185);
                MemorySegment.copy(gradB, 0, gb, ValueLayout.JAVA_FLOAT, 0, 5);
                reference.step();
                optimizer.update("id-b", bias, Reference.array(manager, gradB, BIAS));
                assertEquals(step - 1, optimizer.gradus().stepCount(), "the step waits for the last parameter");
                optimizer.update("id-w", weight, Reference.array(manager, gradW, MATRIX));
                assertEquals(step, optimizer.gradus().stepCount());
                assertArrayEquals(Reference.bits(w), Reference.bits(weight), "weight after step " + step);
                assertArrayEquals(Reference.bits(b), Reference.bits(bias), "bias after step " + step);
            }
            for (String state : new String[] {"m", "v"}) {
                assertArrayEquals(Reference.bits(reference.state("fc.weight", state)),
                        Reference.bits(optimizer.gradus().state("fc.weight", state)), state);
            }
        }
    }

    @Test
    void copiesANonContiguousViewInAndOutWithTheSameBits() {
        NDArray view = Reference.array(manager, Reference.floats(5, 185), new Shape(5, 37)).transpose();
        try (GradusOptimizer optimizer = adamW().parameter("v", "v").build()) {
            assertStepsLikeTheReference(optimizer, view);
            assertFalse(optimizer.isZeroCopy("v"));
        }
    }

    @Test
    void copiesEveryParameterWhenZeroCopyIsOff() {
        NDArray weight = Reference.array(manager, Reference.floats(7, 185), MATRIX);
        try (GradusOptimizer optimizer = adamW().zeroCopy(false).parameter("v", "v").build()) {
            assertStepsLikeTheReference(optimizer, weight);
            assertFalse(optimizer.isZeroCopy("v"));
            assertNotEquals(MemorySegment.ofBuffer(weight.toByteBuffer(true)).address(),
                    optimizer.gradus().state("v", "m").address());
        }
    }

    /** Three updates of parameter "v" leave {@code weight} as a Gradus optimizer over its values. */
    private void assertStepsLikeTheReference(GradusOptimizer optimizer, NDArray weight) {
        float[] grad = Reference.floats(8, 185);
        MemorySegment w = Reference.segment(arena, weight.toFloatArray());
        MemorySegment g = Reference.segment(arena, grad);
        try (dev.gradus.Optimizer reference = referenceAdamW()) {
            reference.add("v", w, g);
            for (int step = 1; step <= 3; step++) {
                reference.step();
                optimizer.update("v", weight, Reference.array(manager, grad, weight.getShape()));
                assertArrayEquals(Reference.bits(w), Reference.bits(weight), "after step " + step);
            }
        }
    }

    @Test
    void zeroesThePyTorchGradientAsDjlOwnOptimizersDo() {
        NDArray weight = Reference.array(manager, Reference.floats(9, 5), BIAS);
        weight.setRequiresGradient(true);
        try (ai.djl.training.GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
            collector.backward(weight.mul(3).sum());
        }
        assertTrue(weight.getGradient().abs().sum().getFloat() > 0);
        try (GradusOptimizer optimizer = adamW().parameter("w", "w").build()) {
            optimizer.update("w", weight, weight.getGradient().duplicate());
        }
        assertEquals(0f, weight.getGradient().abs().sum().getFloat());
    }

    @Test
    void skipsAStepWithANonFiniteGradientUnderSkip() {
        NDArray weight = Reference.array(manager, Reference.floats(10, 5), BIAS);
        float[] nan = Reference.floats(11, 5);
        nan[3] = Float.NaN;
        try (GradusOptimizer optimizer = adamW().nonFinite(NonFinitePolicy.SKIP).parameter("w", "w").build()) {
            optimizer.update("w", weight, Reference.array(manager, Reference.floats(12, 5), BIAS));
            int[] before = Reference.bits(weight);
            optimizer.update("w", weight, Reference.array(manager, nan, BIAS));
            assertArrayEquals(before, Reference.bits(weight));
            assertEquals(1, optimizer.gradus().skippedSteps());
        }
    }

    @Test
    void aCheckpointRestoresStateAndValuesInPlace() throws IOException {
        float[] grad = Reference.floats(13, 185);
        NDArray trained = Reference.array(manager, Reference.floats(14, 185), MATRIX);
        NDArray resumed = Reference.array(manager, Reference.floats(15, 185), MATRIX);
        try (GradusOptimizer first = adamW().parameter("w", "w").build();
             GradusOptimizer second = adamW().parameter("w", "w").build()) {
            for (int step = 1; step <= 3; step++) {
                first.update("w", trained, Reference.array(manager, grad, MATRIX));
            }
            byte[] saved = Checkpoint.toBytes(first.gradus(), Checkpoint.Contents.WITH_PARAMETERS);
            second.bind("w", resumed);
            Checkpoint.load(new ByteArrayInputStream(saved), second.gradus());
            assertArrayEquals(Reference.bits(trained), Reference.bits(resumed));
            first.update("w", trained, Reference.array(manager, grad, MATRIX));
            second.update("w", resumed, Reference.array(manager, grad, MATRIX));
            assertArrayEquals(Reference.bits(trained), Reference.bits(resumed));
            assertEquals(4, second.gradus().stepCount());
        }
    }

    @Test
    void refusesUndeclaredRepeatedAndNonFloatParameters() {
        NDArray weight = Reference.array(manager, Reference.floats(16, 5), BIAS);
        NDArray grad = Reference.array(manager, Reference.floats(17, 5), BIAS);
        try (GradusOptimizer optimizer = adamW().parameter("a", "a").parameter("b", "b").build()) {
            assertThrows(IllegalArgumentException.class, () -> optimizer.update("c", weight, grad));
            optimizer.update("a", weight, grad);
            IllegalStateException twice = assertThrows(IllegalStateException.class,
                    () -> optimizer.update("a", weight, grad));
            assertTrue(twice.getMessage().contains("[b]"), twice.getMessage());
            NDArray doubles = weight.toType(DataType.FLOAT64, true);
            IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                    () -> optimizer.update("b", doubles, grad));
            assertTrue(type.getMessage().contains("float32"), type.getMessage());
        }
        GradusOptimizer.Builder builder = adamW();
        assertThrows(UnsupportedOperationException.class, () -> builder.optClipGrad(1));
        assertThrows(UnsupportedOperationException.class, () -> builder.optWeightDecays(1));
        assertThrows(UnsupportedOperationException.class, () -> builder.setRescaleGrad(2));
        assertThrows(UnsupportedOperationException.class, () -> builder.optBeginNumUpdate(3));
        assertThrows(IllegalArgumentException.class, () -> builder.parameter("x", "n").parameter("y", "n"));
    }

    @Test
    void isADjlOptimizer() {
        try (GradusOptimizer optimizer = adamW().build()) {
            assertTrue(optimizer instanceof Optimizer);
        }
    }
}
