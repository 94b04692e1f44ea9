package dev.gradus.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import dev.gradus.Adam;
import dev.gradus.ParameterGroup;
import dev.gradus.checkpoint.Checkpoint;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The adapter inside DJL's Trainer: block paths as names, zero copy, one Gradus step per trainer step. */
class TrainerIntegrationTest {

    private static final ParameterGroup BIASES = ParameterGroup.named("biases").withLearningRateFactor(0.5);

    @Test
    void stepsEveryParameterOncePerTrainerStepAndFollowsDjlFreezing() {
        SequentialBlock block = new SequentialBlock()
                .add(Linear.builder().setUnits(8).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(1).build());
        try (GradusOptimizer optimizer = GradusOptimizer.builder(Adam.DEFAULT, 1e-2)
                .groups((path, parameter) -> parameter.getType() == Parameter.Type.BIAS ? BIASES : ParameterGroup.named("default"))
                .block(block).build();
             Model model = Model.newInstance("mlp", "PyTorch");
             NDManager data = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray x = data.create(Reference.floats(1, 64), new Shape(16, 4));
            NDArray y = data.create(Reference.floats(2, 16), new Shape(16, 1));
            try (Trainer trainer = initializedTrainer(model, block, optimizer, x.getShape())) {
                List<String> paths = block.getParameters().keys();
                step(trainer, x, y);
                assertEquals(1, optimizer.gradus().stepCount());
                assertEquals(Set.copyOf(paths), Set.copyOf(optimizer.gradus().parameterNames()));
                for (var entry : block.getParameters()) {
                    Parameter parameter = entry.getValue();
                    assertTrue(optimizer.isZeroCopy(parameter.getId()), entry.getKey());
                    assertEquals(entry.getKey(), optimizer.name(parameter.getId()));
                    assertEquals(0f, parameter.getArray().getGradient().abs().sum().getFloat(),
                            "the gradient of " + entry.getKey() + " is reset after the step");
                    double expectedRate = parameter.getType() == Parameter.Type.BIAS ? 0.5e-2 : 1e-2;
                    assertEquals((float) expectedRate, (float) optimizer.gradus().learningRate(entry.getKey()));
                }
                step(trainer, x, y);
                assertEquals(2, optimizer.gradus().stepCount());

                var first = block.getChildren().valueAt(0);
                String frozenPath = paths.getFirst();
                float[] frozenBefore = block.getParameters().get(frozenPath).getArray().toFloatArray();
                float[] lastBefore = block.getParameters().get(paths.getLast()).getArray().toFloatArray();
                first.freezeParameters(true);
                step(trainer, x, y);
                assertEquals(3, optimizer.gradus().stepCount());
                assertTrue(optimizer.gradus().isFrozen(frozenPath));
                assertEquals(2, optimizer.gradus().stepCount(frozenPath));
                assertArrayEquals(frozenBefore, block.getParameters().get(frozenPath).getArray().toFloatArray());
                assertFalse(Arrays.equals(lastBefore,
                        block.getParameters().get(paths.getLast()).getArray().toFloatArray()));
                first.freezeParameters(false);
                step(trainer, x, y);
                assertFalse(optimizer.gradus().isFrozen(frozenPath));
                assertEquals(3, optimizer.gradus().stepCount(frozenPath));
            }
        }
    }

    @Test
    void bindRegistersTheInitializedParametersBeforeTheFirstStepForACheckpointLoad() throws Exception {
        SequentialBlock block = new SequentialBlock().add(Linear.builder().setUnits(3).build());
        try (GradusOptimizer trained = GradusOptimizer.builder(Adam.DEFAULT, 1e-2).block(block).build();
             Model model = Model.newInstance("linear", "PyTorch");
             NDManager data = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray x = data.create(Reference.floats(3, 8), new Shape(2, 4));
            NDArray y = data.create(Reference.floats(4, 6), new Shape(2, 3));
            try (Trainer trainer = initializedTrainer(model, block, trained, x.getShape())) {
                trained.bind();
                assertEquals(Set.copyOf(block.getParameters().keys()), Set.copyOf(trained.gradus().parameterNames()));
                assertEquals(0, trained.gradus().stepCount());
                byte[] fresh = Checkpoint.toBytes(trained.gradus(),
                        Checkpoint.Contents.WITH_PARAMETERS);
                float[] initial = block.getParameters().valueAt(0).getArray().toFloatArray();
                step(trainer, x, y);
                step(trainer, x, y);
                assertEquals(2, trained.gradus().stepCount());
                assertFalse(Arrays.equals(initial, block.getParameters().valueAt(0).getArray().toFloatArray()));
                Checkpoint.load(new ByteArrayInputStream(fresh), trained.gradus());
                assertEquals(0, trained.gradus().stepCount());
                assertArrayEquals(initial, block.getParameters().valueAt(0).getArray().toFloatArray(),
                        "the zero-copy values restored in the trainer's own array");
            }
        }
    }

    /** A trainer of {@code block} on the CPU with L2 loss and {@code optimizer}, initialized for {@code input}. */
    private static Trainer initializedTrainer(Model model, Block block, GradusOptimizer optimizer, Shape input) {
        model.setBlock(block);
        Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(optimizer).optDevices(new Device[] {Device.cpu()}));
        trainer.initialize(input);
        return trainer;
    }

    private static void step(Trainer trainer, NDArray x, NDArray y) {
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDList prediction = trainer.forward(new NDList(x));
            collector.backward(trainer.getLoss().evaluate(new NDList(y), prediction));
        }
        trainer.step();
    }
}
