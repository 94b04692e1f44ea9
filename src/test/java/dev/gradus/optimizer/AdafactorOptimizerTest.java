package dev.gradus.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.Adafactor;
import dev.gradus.Adam;
import dev.gradus.GradientClipping;
import dev.gradus.Kernels;
import dev.gradus.Norms;
import dev.gradus.Optimizer;
import dev.gradus.ParameterGroup;
import dev.gradus.checkpoint.Checkpoint;
import dev.gradus.checkpoint.CheckpointMismatchException;
import dev.gradus.testing.property.BitExact;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.Property;
import java.io.ByteArrayInputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link Adafactor} in an {@link Optimizer}: parameters registered with their shapes step as
 * {@link Kernels#adafactor} steps them, for any thread count, beside parameters of other rules and
 * with clipping; the state is sized by the shape; checkpoints resume bit for bit and name another
 * shape; bad shapes and settings are refused with the reason.
 */
class AdafactorOptimizerTest {

    private static final Adafactor RULE = Adafactor.DEFAULT.withWeightDecay(1e-2);
    private static final double RATE = 1e-2;

    record Case(List<long[]> shapes, int threads, boolean clipped, long seed) {
        @Override
        public String toString() {
            return shapes.stream().map(Arrays::toString).toList() + ", " + threads + " threads"
                    + (clipped ? ", clipped" : "") + ", seed " + seed;
        }
    }

    private static final Gen<long[]> SHAPES = random -> switch (random.nextInt(3)) {
        case 0 -> new long[] {random.nextInt(1, 5000)};
        case 1 -> new long[] {random.nextInt(2, 40), random.nextInt(1, 300)};
        default -> new long[] {random.nextInt(1, 3), random.nextInt(2, 9), random.nextInt(1, 50)};
    };

    private static final Gen<Case> CASES = random -> new Case(
            new ArrayList<>(IntStream.range(0, random.nextInt(1, 5)).mapToObj(i -> SHAPES.next(random))
                    .toList()),
            random.nextInt(1, 5), random.nextBoolean(), random.nextLong());

    /** The parameters and gradients of a case, with Adam's "bias" beside them. */
    private record Model(List<MemorySegment> values, List<MemorySegment> gradients) {
        static Model of(Arena arena, Case c) {
            SplittableRandom random = new SplittableRandom(c.seed());
            List<MemorySegment> values = new ArrayList<>();
            List<MemorySegment> gradients = new ArrayList<>();
            for (long[] shape : c.shapes()) {
                long n = Arrays.stream(shape).reduce(1, Math::multiplyExact);
                values.add(filled(arena, n, random, 1));
                gradients.add(filled(arena, n, random, 0.1));
            }
            values.add(filled(arena, 100, random, 1));
            gradients.add(filled(arena, 100, random, 0.1));
            return new Model(values, gradients);
        }

        void register(Optimizer optimizer, Case c) {
            for (int p = 0; p < c.shapes().size(); p++) {
                optimizer.add("p" + p, values.get(p), gradients.get(p), c.shapes().get(p));
            }
            optimizer.add("bias", values.getLast(), gradients.getLast(), ParameterGroup.named("adam").withRule(Adam.DEFAULT));
        }
    }

    private static MemorySegment filled(Arena arena, long n, SplittableRandom random, double scale) {
        MemorySegment segment = arena.allocate(ValueLayout.JAVA_FLOAT, Math.max(n, 1)).asSlice(0, n * 4);
        for (long i = 0; i < n; i++) {
            segment.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) (random.nextDouble(-1, 1) * scale));
        }
        return segment;
    }

    @Test
    void shapedParametersStepAsKernelsAdafactorForAnyThreadCount() {
        Property.forAll("optimizer with Adafactor == Kernels.adafactor per parameter", CASES)
                .tries(30)
                .cover("several threads", c -> c.threads() > 1, 5)
                .cover("clipped", Case::clipped, 5)
                .check(c -> {
                    GradientClipping clipping = GradientClipping.globalNorm(0.5);
                    try (Arena arena = Arena.ofShared()) {
                        Model model = Model.of(arena, c);
                        Model expected = Model.of(arena, c);
                        Optimizer.Builder builder = Optimizer.builder(RULE, RATE).threads(c.threads()).parallelThreshold(0);
                        try (Optimizer optimizer = (c.clipped() ? builder.clipping(clipping) : builder).build()) {
                            model.register(optimizer, c);
                            List<MemorySegment[]> state = new ArrayList<>();
                            for (int p = 0; p < c.shapes().size(); p++) {
                                state.add(new MemorySegment[] {
                                        copyShape(arena, optimizer.state("p" + p, "row")),
                                        copyShape(arena, optimizer.state("p" + p, "column")),
                                        copyShape(arena, optimizer.state("p" + p, "update"))});
                            }
                            for (int t = 1; t <= 3; t++) {
                                float scale = c.clipped() ? clipping.factor(
                                        Norms.l2Norm(expected.gradients().toArray(MemorySegment[]::new))) : 1f;
                                for (int p = 0; p < c.shapes().size(); p++) {
                                    MemorySegment[] s = state.get(p);
                                    Kernels.adafactor(RULE, RATE, t, expected.values().get(p),
                                            expected.gradients().get(p), c.shapes().get(p), s[0], s[1], s[2], scale);
                                }
                                optimizer.step();
                            }
                            for (int p = 0; p < c.shapes().size(); p++) {
                                BitExact.assertSameBits("parameter p" + p,
                                        expected.values().get(p).toArray(ValueLayout.JAVA_FLOAT), model.values().get(p));
                            }
                        }
                    }
                });
    }

    /** A zeroed buffer of the size of {@code like}. */
    private static MemorySegment copyShape(Arena arena, MemorySegment like) {
        return arena.allocate(Math.max(like.byteSize(), 4), 4).asSlice(0, like.byteSize());
    }

    @Test
    void theStateIsSizedByTheShape() {
        try (Arena arena = Arena.ofShared(); Optimizer optimizer = Optimizer.builder(RULE, RATE).build()) {
            optimizer.add("matrices", arena.allocate(4L * 2 * 3 * 5), arena.allocate(4L * 2 * 3 * 5),
                    2, 3, 5);
            optimizer.add("vector", arena.allocate(4L * 7), arena.allocate(4L * 7));
            assertEquals(2 * 3 * 4L, optimizer.state("matrices", "row").byteSize());
            assertEquals(2 * 5 * 4L, optimizer.state("matrices", "column").byteSize());
            assertEquals(30 * 4L, optimizer.state("matrices", "update").byteSize());
            assertEquals(4L, optimizer.state("vector", "row").byteSize());
            assertEquals(7 * 4L, optimizer.state("vector", "column").byteSize());
        }
    }

    @Test
    void aCheckpointResumesBitForBitAndNamesAnotherShape() throws Exception {
        try (Arena arena = Arena.ofShared()) {
            Case c = new Case(List.of(new long[] {6, 40}, new long[] {2, 3, 7}, new long[] {500}), 2, false, 5);
            Model straight = Model.of(arena, c);
            Model resumed = Model.of(arena, c);
            byte[] checkpoint;
            try (Optimizer optimizer = Optimizer.builder(RULE, RATE).threads(2).build()) {
                straight.register(optimizer, c);
                optimizer.step();
                optimizer.step();
                checkpoint = Checkpoint.toBytes(optimizer, Checkpoint.Contents.WITH_PARAMETERS);
                optimizer.step();
                optimizer.step();
            }
            try (Optimizer optimizer = Optimizer.builder(RULE, RATE).threads(2).build()) {
                resumed.register(optimizer, c);
                Checkpoint.load(new ByteArrayInputStream(checkpoint), optimizer);
                optimizer.step();
                optimizer.step();
            }
            for (int p = 0; p < straight.values().size(); p++) {
                BitExact.assertSameBits("parameter " + p, straight.values().get(p).toArray(ValueLayout.JAVA_FLOAT),
                        resumed.values().get(p));
            }
            try (Optimizer other = Optimizer.builder(RULE, RATE).build()) {
                Case transposed = new Case(List.of(new long[] {40, 6}, new long[] {2, 3, 7}, new long[] {500}), 1,
                        false, 5);
                Model.of(arena, transposed).register(other, transposed);
                CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
                        () -> Checkpoint.load(new ByteArrayInputStream(checkpoint), other));
                assertEquals(List.of("parameter p0: state floats: [6, 40, 240] in the file, [40, 6, 240] in the optimizer"
                        + " (another shape)"), e.differences());
            }
        }
    }

    @Test
    void badShapesAndSettingsAreRefusedWithTheReason() {
        try (Arena arena = Arena.ofShared();
             Optimizer optimizer = Optimizer.builder(RULE, RATE).build();
             Optimizer byValue = Optimizer.builder(RULE, RATE).clipping(GradientClipping.byValue(1)).build()) {
            MemorySegment w = arena.allocate(4L * 12);
            MemorySegment g = arena.allocate(4L * 12);
            assertMessage("shape [3, 5] has 15 elements, the parameter 12",
                    () -> optimizer.add("w", w, g, 3, 5));
            assertMessage("shape [3, 0, 4] has a dimension below 1",
                    () -> optimizer.add("w", w, g, 3, 0, 4));
            assertMessage("parameter w: Adafactor cannot clip by value", () -> byValue.add("w", w, g,
                    3, 4));
            assertMessage("rule " + RULE + " has no update form", () -> Kernels.update(RULE, RATE, 1, w, g,
                    arena.allocate(48), List.of(arena.allocate(4), arena.allocate(48), arena.allocate(48)), 0, 12));
            assertMessage("row holds 4 floats but shape [3, 4] needs 3", () -> Kernels.adafactor(RULE, RATE, 1, w, g,
                    new long[] {3, 4}, arena.allocate(16), arena.allocate(16), arena.allocate(48), 1f));
            assertMessage("beta2Decay must be finite and <= 0, got 0.5", () -> RULE.withBeta2Decay(0.5));
            assertMessage("clipThreshold must be finite and >= 1, got 0.5", () -> RULE.withClipThreshold(0.5));
            assertMessage("epsilon1 must stay > 0 when squared", () -> RULE.withEpsilons(1e-30, 1e-3));
        }
    }

    @Test
    void kernelsStepOfARangeIsTheVectorStep() {
        try (Arena arena = Arena.ofConfined()) {
            SplittableRandom random = new SplittableRandom(3);
            MemorySegment w1 = filled(arena, 300, random, 1);
            MemorySegment g = filled(arena, 300, random, 0.1);
            MemorySegment w2 = arena.allocate(w1.byteSize());
            w2.copyFrom(w1);
            List<MemorySegment> state = List.of(arena.allocate(4), arena.allocate(1200), arena.allocate(1200));
            MemorySegment row = arena.allocate(4);
            MemorySegment column = arena.allocate(1200);
            for (int t = 1; t <= 3; t++) {
                Kernels.step(RULE, RATE, t, w1, g, state, 0, 300);
                Kernels.adafactor(RULE, RATE, t, w2, g, new long[] {300}, row, column, arena.allocate(1200), 1f);
            }
            BitExact.assertSameBits("Kernels.step and Kernels.adafactor", w2.toArray(ValueLayout.JAVA_FLOAT), w1);
        }
    }

    private static void assertMessage(String start, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
