package dev.gradus.schedulefree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gradus.Kernels;
import dev.gradus.NonFinitePolicy;
import dev.gradus.Optimizer;
import dev.gradus.ParameterGroup;
import dev.gradus.ScheduleFreeAdamW;
import dev.gradus.ScheduleFreeSgd;
import dev.gradus.UpdateRule;
import dev.gradus.checkpoint.Checkpoint;
import dev.gradus.internal.ScheduleFreeAveraging;
import dev.gradus.schedule.LinearWarmup;
import dev.gradus.schedule.Schedule;
import dev.gradus.testing.property.BitExact;
import java.io.ByteArrayInputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The schedule-free rules in an {@link Optimizer}: two threads splitting a parameter into ranges,
 * a group with another rule and a learning-rate factor, give the bits of {@link Kernels#step} on
 * each whole parameter, averaging included; a checkpoint saved mid-run resumes bit for bit; a
 * skipped step leaves the averaging as it was.
 */
class ScheduleFreeOptimizerTest {

    private static final ScheduleFreeAdamW ADAMW = ScheduleFreeAdamW.DEFAULT.withWeightDecay(1e-2).withAveraging(1, 2);
    private static final ScheduleFreeSgd SGD = ScheduleFreeSgd.DEFAULT.withWeightDecay(1e-3);
    private static final double FACTOR = 0.5;
    private static final Schedule SCHEDULE = new LinearWarmup(2e-3, 0.2, 4);
    private static final long BIG = 30_011;
    private static final long SMALL = 517;

    /** Values and gradients of a weight matrix (AdamW, default group) and a bias (SGD, a group with a factor). */
    private record Model(MemorySegment w, MemorySegment gw, MemorySegment b, MemorySegment gb) {
        static Model of(Arena arena) {
            SplittableRandom random = new SplittableRandom(7);
            return new Model(filled(arena, BIG, random), arena.allocate(ValueLayout.JAVA_FLOAT, BIG),
                    filled(arena, SMALL, random), arena.allocate(ValueLayout.JAVA_FLOAT, SMALL));
        }

        Optimizer optimizer(NonFinitePolicy policy) {
            Optimizer optimizer = Optimizer.builder(ADAMW, SCHEDULE).threads(2).parallelThreshold(0).nonFinite(policy)
                    .build();
            optimizer.add("w", w, gw);
            optimizer.add("b", b, gb, ParameterGroup.named("bias").withRule(SGD).withLearningRateFactor(FACTOR));
            return optimizer;
        }

        void gradients(long t) {
            SplittableRandom random = new SplittableRandom(1000 + t);
            fill(gw, random);
            fill(gb, random);
        }
    }

    @Test
    void twoThreadsAndAGroupGiveTheBitsOfKernelsStepOnWholeParameters() {
        try (Arena arena = Arena.ofShared()) {
            Model model = Model.of(arena);
            Model alone = Model.of(arena);
            List<MemorySegment> wState = state(arena, ADAMW, BIG);
            List<MemorySegment> bState = state(arena, SGD, SMALL);
            try (Optimizer optimizer = model.optimizer(NonFinitePolicy.PROPAGATE)) {
                for (long t = 1; t <= 12; t++) {
                    model.gradients(t);
                    alone.gradients(t);
                    optimizer.step();
                    double rate = SCHEDULE.learningRate(t);
                    Kernels.step(ADAMW, rate, t, alone.w(), alone.gw(), wState);
                    Kernels.step(SGD, rate * FACTOR, t, alone.b(), alone.gb(), bState);
                    BitExact.assertSameBits("w at step " + t, floats(alone.w()), model.w());
                    BitExact.assertSameBits("b at step " + t, floats(alone.b()), model.b());
                    for (int s = 0; s < 3; s++) {
                        BitExact.assertSameBits("w state " + s + " at step " + t, floats(wState.get(s)),
                                optimizer.state("w", s));
                    }
                    for (int s = 0; s < 2; s++) {
                        BitExact.assertSameBits("b state " + s + " at step " + t, floats(bState.get(s)),
                                optimizer.state("b", s));
                    }
                }
                assertEquals(2e-3 * Math.sqrt(1 - Math.pow(0.999, 12)),
                        ScheduleFreeAveraging.read(optimizer.state("w", "averaging"), 0), 1e-18);
            }
        }
    }

    @Test
    void aCheckpointSavedMidRunResumesBitForBit() throws Exception {
        try (Arena arena = Arena.ofShared()) {
            Model straight = Model.of(arena);
            Model resumed = Model.of(arena);
            byte[] checkpoint;
            try (Optimizer optimizer = straight.optimizer(NonFinitePolicy.PROPAGATE)) {
                for (long t = 1; t <= 3; t++) {
                    straight.gradients(t);
                    optimizer.step();
                }
                checkpoint = Checkpoint.toBytes(optimizer, Checkpoint.Contents.WITH_PARAMETERS);
                for (long t = 4; t <= 7; t++) {
                    straight.gradients(t);
                    optimizer.step();
                }
                try (Optimizer other = resumed.optimizer(NonFinitePolicy.PROPAGATE)) {
                    Checkpoint.load(new ByteArrayInputStream(checkpoint), other);
                    for (long t = 4; t <= 7; t++) {
                        resumed.gradients(t);
                        other.step();
                    }
                    BitExact.assertSameBits("w", floats(straight.w()), resumed.w());
                    BitExact.assertSameBits("b", floats(straight.b()), resumed.b());
                    for (String name : List.of("w", "b")) {
                        UpdateRule rule = optimizer.rule(name);
                        for (int s = 0; s < rule.stateBuffers(); s++) {
                            BitExact.assertSameBits(name + " " + rule.stateName(s), floats(optimizer.state(name, s)),
                                    other.state(name, s));
                        }
                    }
                }
            }
        }
    }

    @Test
    void aSkippedStepLeavesTheAveragingAsItWas() {
        try (Arena arena = Arena.ofShared()) {
            Model model = Model.of(arena);
            try (Optimizer optimizer = model.optimizer(NonFinitePolicy.SKIP)) {
                model.gradients(1);
                optimizer.step();
                float[] averaging = floats(optimizer.state("w", "averaging"));
                float[] z = floats(optimizer.state("w", "z"));
                float[] w = floats(model.w());
                model.gradients(2);
                model.gb().setAtIndex(ValueLayout.JAVA_FLOAT, 3, Float.NaN);
                optimizer.step();
                assertEquals(1, optimizer.skippedSteps());
                assertEquals(1, optimizer.stepCount("w"));
                BitExact.assertSameBits("averaging after the skipped step", averaging, optimizer.state("w", "averaging"));
                BitExact.assertSameBits("z after the skipped step", z, optimizer.state("w", "z"));
                BitExact.assertSameBits("w after the skipped step", w, model.w());
            }
        }
    }

    static List<MemorySegment> state(Arena arena, UpdateRule rule, long n) {
        return IntStream.range(0, rule.stateBuffers())
                .mapToObj(s -> arena.allocate(ValueLayout.JAVA_FLOAT,
                        ScheduleFreeAveraging.isAveraging(rule, s) ? ScheduleFreeAveraging.FLOATS : n))
                .toList();
    }

    static MemorySegment filled(Arena arena, long n, SplittableRandom random) {
        MemorySegment segment = arena.allocate(ValueLayout.JAVA_FLOAT, n);
        fill(segment, random);
        return segment;
    }

    private static void fill(MemorySegment segment, SplittableRandom random) {
        for (long i = 0; i < segment.byteSize() / Float.BYTES; i++) {
            segment.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) random.nextDouble(-1, 1));
        }
    }

    static float[] floats(MemorySegment segment) {
        return segment.toArray(ValueLayout.JAVA_FLOAT);
    }
}
