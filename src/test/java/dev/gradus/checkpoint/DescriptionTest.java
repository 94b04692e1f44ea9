package dev.gradus.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gradus.AdaGrad;
import dev.gradus.EpsilonPlacement;
import dev.gradus.Momentum;
import dev.gradus.Optimizer;
import dev.gradus.ParameterGroup;
import dev.gradus.RmsProp;
import dev.gradus.Sgd;
import dev.gradus.schedule.ConstantSchedule;
import dev.gradus.schedule.CosineAnnealing;
import dev.gradus.schedule.ExponentialDecay;
import dev.gradus.schedule.InverseSqrtDecay;
import dev.gradus.schedule.InverseTimeDecay;
import dev.gradus.schedule.LinearWarmup;
import dev.gradus.schedule.ManualSchedule;
import dev.gradus.schedule.MultiStepDecay;
import dev.gradus.schedule.Schedule;
import dev.gradus.schedule.StepDecay;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every rule and schedule has an exact text form in the file; doubles one bit apart differ. */
class DescriptionTest {

    private static final Schedule EVERY_SCHEDULE = new LinearWarmup(0.1, 0.01, 5)
            .followedBy(5, new MultiStepDecay(0.1, 0.5, 30, 80))
            .followedBy(100, new CosineAnnealing(0.1, 1e-4, 50).times(new ManualSchedule(0.25)))
            .followedBy(200, new ExponentialDecay(0.1, 0.95).perEpoch(10))
            .followedBy(300, new StepDecay(0.1, 0.5, 7).times(new InverseSqrtDecay(1, 2)))
            .followedBy(400, new InverseTimeDecay(0.1, 1).times(new ConstantSchedule(0.1 + 0.2)));

    @TempDir
    Path directory;

    @Test
    void everyRuleAndScheduleIsWrittenComponentByComponent() throws IOException {
        CheckpointInfo info = saved(EVERY_SCHEDULE, 0.1 + 0.2);
        assertEquals("SequentialSchedule[first=SequentialSchedule[first=SequentialSchedule[first=SequentialSchedule["
                + "first=SequentialSchedule[first=LinearWarmup[a0=0.1, startFactor=0.01, length=5], firstLength=5, "
                + "then=MultiStepDecay[a0=0.1, gamma=0.5, milestones=[30, 80]]], firstLength=100, "
                + "then=ProductSchedule[schedule=CosineAnnealing[a0=0.1, minimum=1.0E-4, length=50], "
                + "factor=ManualSchedule[current=0.25]]], firstLength=200, then=PerEpoch[schedule=ExponentialDecay["
                + "a0=0.1, base=0.95], stepsPerEpoch=10]], firstLength=300, then=ProductSchedule[schedule=StepDecay["
                + "a0=0.1, factor=0.5, every=7], factor=InverseSqrtDecay[a0=1.0, k=2.0]]], firstLength=400, "
                + "then=ProductSchedule[schedule=InverseTimeDecay[a0=0.1, decay=1.0], "
                + "factor=ConstantSchedule[a0=0.30000000000000004]]]", info.schedule());
        assertEquals(List.of("Sgd[weightDecay=0.30000000000000004, maximize=true]",
                "Momentum[momentum=0.9, dampening=0.1, nesterov=false, biasCorrection=false, firstStepCopiesGradient=true, "
                        + "weightDecay=0.0, maximize=false]",
                "AdaGrad[epsilon=1.0E-10, initialAccumulator=4.9E-324, epsilonPlacement=INSIDE_SQRT, weightDecay=0.0, "
                        + "maximize=false]",
                "RmsProp[decay=0.9, epsilon=1.0E-8, centered=true, momentum=0.5, epsilonPlacement=OUTSIDE_SQRT, "
                        + "weightDecay=0.0, maximize=false]"),
                info.parameters().stream().map(CheckpointInfo.Parameter::rule).toList());
        assertEquals(List.of(List.of(), List.of("velocity"), List.of("accumulator"),
                List.of("squareAverage", "gradientAverage", "momentumBuffer")),
                info.parameters().stream().map(CheckpointInfo.Parameter::stateNames).toList());
    }

    @Test
    void doublesOneBitApartAreDifferentHyperparameters() throws IOException {
        saved(new ConstantSchedule(0.1 + 0.2), 0.1 + 0.2);
        try (Arena arena = Arena.ofShared(); Optimizer other = optimizer(new ConstantSchedule(0.3), 0.1 + 0.2)) {
            register(arena, other);
            CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
                    () -> Checkpoint.load(directory.resolve("rules.ckpt"), other));
            assertEquals(List.of("schedule: ConstantSchedule[a0=0.30000000000000004] in the file, "
                    + "ConstantSchedule[a0=0.3] in the optimizer"), e.differences());
        }
    }

    private CheckpointInfo saved(Schedule schedule, double sgdDecay) throws IOException {
        Path file = directory.resolve("rules.ckpt");
        try (Arena arena = Arena.ofShared(); Optimizer optimizer = optimizer(schedule, sgdDecay)) {
            register(arena, optimizer);
            Checkpoint.save(optimizer, file);
        }
        return Checkpoint.read(file);
    }

    private static Optimizer optimizer(Schedule schedule, double sgdDecay) {
        return Optimizer.builder(new Sgd(sgdDecay, true), schedule).build();
    }

    private static void register(Arena arena, Optimizer optimizer) {
        optimizer.add("sgd", arena.allocate(4), arena.allocate(4));
        optimizer.add("momentum", arena.allocate(4), arena.allocate(4),
                ParameterGroup.named("m").withRule(Momentum.pytorch(0.9, 0.1, false)));
        optimizer.add("adagrad", arena.allocate(4), arena.allocate(4), ParameterGroup.named("a")
                .withRule(AdaGrad.DEFAULT.withInitialAccumulator(Double.MIN_VALUE).withEpsilonPlacement(EpsilonPlacement.INSIDE_SQRT)));
        optimizer.add("rmsprop", arena.allocate(4), arena.allocate(4),
                ParameterGroup.named("r").withRule(RmsProp.DEFAULT.withCentered(true).withMomentum(0.5)));
    }
}
