package dev.gradus.checkpoint;

import dev.gradus.AdaGrad;
import dev.gradus.Adam;
import dev.gradus.EpsilonPlacement;
import dev.gradus.Momentum;
import dev.gradus.Optimizer;
import dev.gradus.ParameterGroup;
import dev.gradus.RmsProp;
import dev.gradus.Sgd;
import dev.gradus.UpdateRule;
import dev.gradus.schedule.CosineAnnealing;
import dev.gradus.schedule.InverseTimeDecay;
import dev.gradus.schedule.LinearWarmup;
import dev.gradus.schedule.ManualSchedule;
import dev.gradus.schedule.MultiStepDecay;
import dev.gradus.schedule.Schedule;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.Property;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Save at step {@code k}, load into a fresh optimizer over copies of the parameters and gradients,
 * run {@code m} more steps: after the load and after every step, the parameters and every state
 * buffer are bit for bit those of a run that was never interrupted. The schedules depend on the
 * step, so a wrong step counter shows; a manual rate set before the save must be restored.
 */
class ExactResumeTest {

    /** How the learning rate is scheduled. */
    enum Scheduling { INVERSE_TIME, COSINE_PER_EPOCH, WARMUP_THEN_STEPS, MANUAL_FACTOR }

    /**
     * A run to interrupt.
     *
     * @param groups     per tensor: 0 the optimizer's rule, 1 biases (factor 0.5, no decay), 2 {@code groupRule}
     * @param threads    the workers of the resumed optimizer (the others have one)
     * @param reversed   whether the resumed optimizer registers the tensors in reverse order
     */
    record Case(UpdateRule rule, UpdateRule groupRule, Scheduling scheduling, int[] sizes, int[] groups, int k, int m,
                int threads, boolean reversed, long seed) {
        @Override
        public String toString() {
            return rule + " (group rule " + groupRule + "), " + scheduling + ", sizes " + Arrays.toString(sizes) + " in groups "
                    + Arrays.toString(groups) + ", save at k=" + k + ", m=" + m + " more, resumed with " + threads
                    + " threads" + (reversed ? " in reverse order" : "") + ", seed " + seed;
        }

        List<ParameterGroup> parameterGroups() {
            return Arrays.stream(groups).mapToObj(g -> switch (g) {
                case 0 -> ParameterGroup.named("default");
                case 1 -> ParameterGroup.named("biases").withLearningRateFactor(0.5).withWeightDecay(0);
                default -> ParameterGroup.named("own").withRule(groupRule);
            }).toList();
        }
    }

    private static final Gen<Integer> SMALL = Gen.elementOf(0, 1, 3, 16, 17);

    private static final Gen<Case> CASES = random -> {
        int tensors = random.nextInt(1, 5);
        return new Case(rule(random), rule(random), Gen.elementOf(Scheduling.values()).next(random),
                IntStream.range(0, tensors).map(i -> random.nextInt(3) == 0 ? SMALL.next(random) : random.nextInt(0, 5001))
                        .toArray(),
                IntStream.range(0, tensors).map(i -> random.nextInt(3)).toArray(),
                random.nextInt(0, 11), random.nextInt(1, 6), random.nextInt(1, 3), random.nextBoolean(), random.nextLong());
    };

    @TempDir
    Path directory;

    @Test
    void resumingFromACheckpointGivesTheBitsOfAnUninterruptedRun() {
        Property.forAll("checkpoint: exact resume", CASES)
                .tries(100)
                .cover("Sgd", c -> c.rule() instanceof Sgd, 5)
                .cover("Momentum", c -> c.rule() instanceof Momentum, 5)
                .cover("AdaGrad", c -> c.rule() instanceof AdaGrad, 5)
                .cover("RmsProp", c -> c.rule() instanceof RmsProp, 5)
                .cover("Adam", c -> c.rule() instanceof Adam, 5)
                .cover("saved before the first step", c -> c.k() == 0, 2)
                .cover("manual rate", c -> c.scheduling() == Scheduling.MANUAL_FACTOR, 5)
                .cover("an empty tensor", c -> Arrays.stream(c.sizes()).anyMatch(n -> n == 0), 3)
                .check(this::resume);
    }

    private void resume(Case c) throws IOException {
        Path file = directory.resolve("resume.ckpt");
        ManualSchedule[] manual = {new ManualSchedule(1.0), new ManualSchedule(1.0), new ManualSchedule(3.0)};
        manual[0].set(0.5);
        manual[1].set(0.5);
        boolean manualInUse = c.scheduling() == Scheduling.MANUAL_FACTOR;
        try (Arena arena = Arena.ofShared();
             Optimizer uninterrupted = build(c, manual[0], 1);
             Optimizer interrupted = build(c, manual[1], 1);
             Optimizer resumed = build(c, manual[2], c.threads())) {
            Model a = Model.random(arena, c.seed(), c.sizes(), c.parameterGroups()).register(uninterrupted);
            Model b = a.copy(arena).register(interrupted);
            for (int t = 0; t < c.k(); t++) {
                uninterrupted.step();
                interrupted.step();
            }
            Checkpoint.save(interrupted, file);
            Model resumedModel = b.copy(arena).register(resumed, c.reversed());
            Checkpoint.load(file, resumed);
            ManualSchedule expectedRate = manualInUse ? manual[0] : null;
            ManualSchedule restoredRate = manualInUse ? manual[2] : null;
            Snapshot.of(uninterrupted, a, expectedRate).assertSame(Snapshot.of(resumed, resumedModel, restoredRate), "after load");
            for (int t = 1; t <= c.m(); t++) {
                uninterrupted.step();
                resumed.step();
                Snapshot.of(uninterrupted, a, expectedRate).assertSame(Snapshot.of(resumed, resumedModel, restoredRate),
                        "step " + (c.k() + t));
            }
        }
    }

    private static Optimizer build(Case c, ManualSchedule manual, int threads) {
        return Optimizer.builder(c.rule(), schedule(c.scheduling(), manual)).threads(threads).parallelThreshold(0).build();
    }

    private static Schedule schedule(Scheduling scheduling, ManualSchedule manual) {
        return switch (scheduling) {
            case INVERSE_TIME -> new InverseTimeDecay(0.05, 0.5);
            case COSINE_PER_EPOCH -> new CosineAnnealing(0.05, 0.001, 6).perEpoch(2);
            case WARMUP_THEN_STEPS -> new LinearWarmup(0.05, 0.1, 4).followedBy(4, new MultiStepDecay(0.05, 0.5, 2, 5));
            case MANUAL_FACTOR -> new InverseTimeDecay(0.05, 0.5).times(manual);
        };
    }

    private static UpdateRule rule(SplittableRandom random) {
        double decay = random.nextBoolean() ? 0.0 : 1e-2;
        boolean maximize = random.nextInt(4) == 0;
        EpsilonPlacement placement = Gen.elementOf(EpsilonPlacement.values()).next(random);
        return switch (random.nextInt(5)) {
            case 0 -> new Sgd(decay, maximize);
            case 1 -> Gen.elementOf(Momentum.heavyBall(0.9), Momentum.ewma(0.9).withBiasCorrection(random.nextBoolean()),
                    Momentum.nesterov(0.9), Momentum.pytorch(0.9, 0.1, false)).next(random)
                    .withWeightDecay(decay).withMaximize(maximize);
            case 2 -> AdaGrad.DEFAULT.withInitialAccumulator(random.nextBoolean() ? 0.0 : 0.1).withEpsilonPlacement(placement)
                    .withWeightDecay(decay).withMaximize(maximize);
            case 3 -> RmsProp.DEFAULT.withCentered(random.nextBoolean()).withMomentum(random.nextBoolean() ? 0.0 : 0.9)
                    .withEpsilonPlacement(placement).withWeightDecay(decay).withMaximize(maximize);
            default -> Adam.DEFAULT.withAmsgrad(random.nextBoolean()).withForm(Gen.elementOf(Adam.Form.values()).next(random))
                    .withEpsilonPlacement(placement).withDecoupledWeightDecay(random.nextBoolean())
                    .withWeightDecay(decay).withMaximize(maximize);
        };
    }
}
