package dev.gradus.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gradus.Adam;
import dev.gradus.Optimizer;
import dev.gradus.ParameterGroup;
import dev.gradus.RmsProp;
import dev.gradus.UpdateRule;
import dev.gradus.schedule.InverseTimeDecay;
import dev.gradus.schedule.ManualSchedule;
import dev.gradus.schedule.Schedule;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint that does not fit the optimizer, or that another format version wrote, is
 * rejected with {@link CheckpointMismatchException} naming every difference, and the optimizer
 * is left as it was.
 */
class MismatchTest {

    private static final Adam RULE = Adam.DEFAULT;
    private static final ParameterGroup DEFAULT = ParameterGroup.named("default");
    private static final ParameterGroup NO_DECAY = ParameterGroup.named("biases").withWeightDecay(0);
    private static final String ADAM = "Adam[beta1=0.9, beta2=0.999, epsilon=1.0E-8, form=ALGORITHM_1, "
            + "epsilonPlacement=OUTSIDE_SQRT, amsgrad=false, weightDecay=0.0, decoupledWeightDecay=false, maximize=false]";

    @TempDir
    Path directory;

    private Arena arena;
    private Path file;

    @BeforeEach
    void saveConv1() throws IOException {
        arena = Arena.ofShared();
        file = directory.resolve("conv1.ckpt");
        try (Optimizer saved = Optimizer.builder(RULE, new InverseTimeDecay(0.1, 1)).build()) {
            add(saved, "conv1.weight", 9408, DEFAULT);
            add(saved, "conv1.bias", 64, NO_DECAY.withLearningRateFactor(2));
            saved.step();
            Checkpoint.save(saved, file);
        }
    }

    @AfterEach
    void closeArena() {
        arena.close();
    }

    @Test
    void aDifferentSizeIsNamed() throws IOException {
        assertMismatch(RULE, new InverseTimeDecay(0.1, 1), o -> {
            add(o, "conv1.weight", 9000, DEFAULT);
            add(o, "conv1.bias", 64, NO_DECAY.withLearningRateFactor(2));
        }, "parameter conv1.weight: 9408 floats in the file, 9000 in the optimizer");
    }

    @Test
    void missingAndExtraParametersAreNamed() throws IOException {
        assertMismatch(RULE, new InverseTimeDecay(0.1, 1), o -> {
            add(o, "conv1.weight", 9408, DEFAULT);
            add(o, "fc.bias", 64, NO_DECAY.withLearningRateFactor(2));
        }, "parameter conv1.bias: in the file, not registered in the optimizer",
                "parameter fc.bias: registered in the optimizer, not in the file");
    }

    @Test
    void aDifferentRuleOrHyperparameterIsNamed() throws IOException {
        String beta = ADAM.replace("beta1=0.9", "beta1=0.95");
        assertMismatch(RULE.withBeta1(0.95), new InverseTimeDecay(0.1, 1), this::registerAsSaved,
                "rule: " + ADAM + " in the file, " + beta + " in the optimizer",
                "parameter conv1.weight: rule: " + ADAM + " in the file, " + beta + " in the optimizer",
                "parameter conv1.bias: rule: " + ADAM + " in the file, " + beta + " in the optimizer");
    }

    @Test
    void aDifferentGroupIsNamed() throws IOException {
        UpdateRule rms = RmsProp.DEFAULT;
        assertMismatch(RULE, new InverseTimeDecay(0.1, 1), o -> {
            add(o, "conv1.weight", 9408, DEFAULT);
            add(o, "conv1.bias", 64, NO_DECAY.withRule(rms));
        }, "parameter conv1.bias: rule: " + ADAM + " in the file, RmsProp[decay=0.9, epsilon=1.0E-8, centered=false, "
                + "momentum=0.0, epsilonPlacement=OUTSIDE_SQRT, weightDecay=0.0, maximize=false] in the optimizer",
                "parameter conv1.bias: learning-rate factor: 2.0 in the file, 1.0 in the optimizer",
                "parameter conv1.bias: state buffers: [m, v] in the file, [squareAverage] in the optimizer");
    }

    @Test
    void aDifferentScheduleIsNamed() throws IOException {
        assertMismatch(RULE, new InverseTimeDecay(0.1, 1).times(new ManualSchedule(1)), this::registerAsSaved,
                "schedule: InverseTimeDecay[a0=0.1, decay=1.0] in the file, ProductSchedule[schedule=InverseTimeDecay"
                        + "[a0=0.1, decay=1.0], factor=ManualSchedule[current=?]] in the optimizer");
    }

    @Test
    void anotherFormatVersionIsNamed() throws IOException {
        CheckpointBytes.write(file, CheckpointBytes.withVersion(CheckpointBytes.read(file), 6));
        assertMismatch(RULE, new InverseTimeDecay(0.1, 1), this::registerAsSaved,
                "format version 6 in the file, this Gradus reads versions 1 to 5");
        CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class, () -> Checkpoint.read(file));
        assertEquals(file + ": checkpoint does not match the optimizer: format version 6 in the file, this Gradus reads "
                + "versions 1 to 5", e.getMessage());
    }

    private void registerAsSaved(Optimizer optimizer) {
        add(optimizer, "conv1.bias", 64, NO_DECAY.withLearningRateFactor(2));
        add(optimizer, "conv1.weight", 9408, DEFAULT);
    }

    /** Registers a parameter whose values and gradient are all 0.747 (bytes 0x3f). */
    private void add(Optimizer optimizer, String name, long floats, ParameterGroup group) {
        optimizer.add(name, arena.allocate(floats * 4).fill((byte) 0x3f), arena.allocate(floats * 4).fill((byte) 0x3f), group);
    }

    private void assertMismatch(UpdateRule rule, Schedule schedule, Consumer<Optimizer> register, String... differences) {
        try (Optimizer target = Optimizer.builder(rule, schedule).build()) {
            register.accept(target);
            target.step();
            target.step();
            Model none = Model.random(arena, 0);
            Snapshot before = Snapshot.of(target, none, null);
            CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class, () -> Checkpoint.load(file, target));
            assertEquals(List.of(differences), e.differences());
            assertEquals(file, e.file());
            before.assertSame(Snapshot.of(target, none, null), "after the rejected load");
        }
    }
}
