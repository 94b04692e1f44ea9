package dev.gradus.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.Adam;
import dev.gradus.Momentum;
import dev.gradus.Optimizer;
import dev.gradus.ParameterGroup;
import dev.gradus.Sgd;
import dev.gradus.schedule.InverseTimeDecay;
import dev.gradus.schedule.ManualSchedule;
import dev.gradus.schedule.Schedule;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A load restores what a save wrote: state, counters, manual rates; and a file tells what it holds. */
class RoundTripTest {

    private static final List<ParameterGroup> GROUPS = List.of(ParameterGroup.named("default"),
            ParameterGroup.named("biases").withWeightDecay(0).withLearningRateFactor(0.5),
            ParameterGroup.named("embeddings").withRule(Momentum.nesterov(0.9)));

    @TempDir
    Path directory;

    @Test
    void loadRestoresStateStepCountAndManualRateMatchingParametersByName() throws IOException {
        Path file = directory.resolve("optimizer.ckpt");
        ManualSchedule savedRate = new ManualSchedule(0.5);
        ManualSchedule loadedRate = new ManualSchedule(2.0);
        try (Arena arena = Arena.ofShared();
             Optimizer saved = Optimizer.builder(Adam.adamW(), schedule(savedRate)).build();
             Optimizer loaded = Optimizer.builder(Adam.adamW(), schedule(loadedRate)).threads(2).build()) {
            Model model = Model.random(arena, 1, new int[] {300, 7, 0}, GROUPS).register(saved);
            for (int t = 0; t < 4; t++) {
                saved.step();
            }
            savedRate.set(0.25);
            Checkpoint.save(saved, file);
            Model copy = model.copy(arena).register(loaded, true);
            Checkpoint.load(file, loaded);
            Snapshot.of(saved, model, savedRate).assertSame(Snapshot.of(loaded, copy, loadedRate), "after load");
        }
    }

    @Test
    void readDescribesTheOptimizer() throws IOException {
        Path file = directory.resolve("optimizer.ckpt");
        try (Arena arena = Arena.ofShared();
             Optimizer optimizer = Optimizer.builder(Adam.DEFAULT, new InverseTimeDecay(0.5, 1.0)).build()) {
            Model.random(arena, 2, new int[] {5, 0, 3}, GROUPS).register(optimizer);
            optimizer.step();
            Checkpoint.save(optimizer, file);
            CheckpointInfo info = Checkpoint.read(file);
            assertEquals(5, info.formatVersion());
            assertEquals(false, info.parameterValues());
            assertEquals(1, info.stepCount());
            assertEquals(0, info.skippedSteps());
            assertEquals("Adam[beta1=0.9, beta2=0.999, epsilon=1.0E-8, form=ALGORITHM_1, epsilonPlacement=OUTSIDE_SQRT, "
                    + "amsgrad=false, weightDecay=0.0, decoupledWeightDecay=false, maximize=false]", info.rule());
            assertEquals("InverseTimeDecay[a0=0.5, decay=1.0]", info.schedule());
            assertEquals(List.of(
                    new CheckpointInfo.Parameter("layer0", 5, info.rule(), 1.0, 1, List.of("m", "v")),
                    new CheckpointInfo.Parameter("layer1", 0, info.rule(), 0.5, 1, List.of("m", "v")),
                    new CheckpointInfo.Parameter("layer2", 3, "Momentum[momentum=0.9, dampening=0.0, nesterov=true, "
                            + "biasCorrection=false, firstStepCopiesGradient=false, weightDecay=0.0, maximize=false]",
                            1.0, 1, List.of("velocity"))), info.parameters());
            assertTrue(info.createdBy().startsWith("Gradus, Java "), info.createdBy());
        }
    }

    @Test
    void theSameStateGivesTheSameBytes() throws IOException {
        try (Arena arena = Arena.ofShared();
             Optimizer optimizer = Optimizer.builder(Adam.DEFAULT.withAmsgrad(true), 1e-3).build()) {
            Model.random(arena, 3, 1000, 17).register(optimizer);
            optimizer.step();
            Checkpoint.save(optimizer, directory.resolve("a"));
            Checkpoint.save(optimizer, directory.resolve("b"));
            assertArrayEquals(Files.readAllBytes(directory.resolve("a")), Files.readAllBytes(directory.resolve("b")));
        }
    }

    @Test
    void namesWithAnyCharacterSurviveTheRoundTrip() throws IOException {
        Path file = directory.resolve("odd names");
        String[] names = {"a=b\\c", "line\nbreak\ttab", "\u00e9t\u00e9 \ud83d\ude00 \ud800 lone", ""};
        try (Arena arena = Arena.ofShared();
             Optimizer optimizer = Optimizer.builder(Adam.DEFAULT, 1e-3).build();
             Optimizer loaded = Optimizer.builder(Adam.DEFAULT, 1e-3).build()) {
            for (String name : names) {
                optimizer.add(name, arena.allocate(8), arena.allocate(8));
                loaded.add(name, arena.allocate(8), arena.allocate(8));
            }
            Checkpoint.save(optimizer, file);
            assertEquals(List.of(names), Checkpoint.read(file).parameters().stream().map(CheckpointInfo.Parameter::name).toList());
            Checkpoint.load(file, loaded);
        }
    }

    @Test
    void anEmptyOptimizerAndAStatelessRuleRoundTrip() throws IOException {
        Path file = directory.resolve("sgd.ckpt");
        try (Arena arena = Arena.ofShared();
             Optimizer empty = Optimizer.builder(Sgd.DEFAULT, 0.1).build();
             Optimizer emptyToo = Optimizer.builder(Sgd.DEFAULT, 0.1).build();
             Optimizer sgd = Optimizer.builder(Sgd.DEFAULT, 0.1).build();
             Optimizer fresh = Optimizer.builder(Sgd.DEFAULT, 0.1).build()) {
            Checkpoint.save(empty, file);
            assertEquals(List.of(), Checkpoint.read(file).parameters());
            Checkpoint.load(file, emptyToo);
            Model.random(arena, 4, 9).register(sgd);
            sgd.step();
            Checkpoint.save(sgd, file);
            assertEquals(List.of(), Checkpoint.read(file).parameters().getFirst().stateNames());
            Model.random(arena, 4, 9).register(fresh);
            Checkpoint.load(file, fresh);
            assertEquals(1, fresh.stepCount());
        }
    }

    @Test
    void aClosedOptimizerCanNeitherSaveNorLoad() throws IOException {
        Path file = directory.resolve("closed.ckpt");
        Optimizer optimizer = Optimizer.builder(Sgd.DEFAULT, 0.1).build();
        Checkpoint.save(optimizer, file);
        optimizer.close();
        assertEquals("save() called on a closed optimizer",
                assertThrows(IllegalStateException.class, () -> Checkpoint.save(optimizer, directory.resolve("x"))).getMessage());
        assertEquals("load() called on a closed optimizer",
                assertThrows(IllegalStateException.class, () -> Checkpoint.load(file, optimizer)).getMessage());
        assertTrue(Files.notExists(directory.resolve("x")));
    }

    private static Schedule schedule(ManualSchedule manual) {
        return new InverseTimeDecay(0.05, 0.5).times(manual);
    }
}
