package dev.gradus.custom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gradus.CustomRule;
import dev.gradus.CustomStep;
import dev.gradus.Kernels;
import dev.gradus.Lion;
import dev.gradus.Optimizer;
import dev.gradus.UpdateRule;
import dev.gradus.examples.custom.CustomLion;
import dev.gradus.testing.ThreadAllocation;
import dev.gradus.testing.property.BitExact;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Kernels#step} runs a custom rule with the built-in rule's bits, clamp and scale included;
 * what Gradus cannot run is refused with the rule and the reason named, before anything is written.
 */
class CustomRuleKernelsTest {

    @Test
    void kernelsStepACustomRuleAsTheBuiltInRule() {
        try (Arena arena = Arena.ofConfined()) {
            int n = 1000;
            MemorySegment gradient = random(arena, n, 1);
            MemorySegment[] custom = {random(arena, n, 2), arena.allocate(4L * n)};
            MemorySegment[] builtIn = {random(arena, n, 2), arena.allocate(4L * n)};
            for (int t = 1; t <= 5; t++) {
                Kernels.step(new CustomLion(0.9, 0.99, 0.02), 1e-3, t, custom[0], gradient, List.of(custom[1]), 3, n - 5,
                        0.5f, 0.75f);
                Kernels.step(new Lion(0.9, 0.99, 0.02, false), 1e-3, t, builtIn[0], gradient, List.of(builtIn[1]), 3,
                        n - 5, 0.5f, 0.75f);
                BitExact.assertSameBits("w after step " + t, builtIn[0].toArray(ValueLayout.JAVA_FLOAT), custom[0]);
                BitExact.assertSameBits("m after step " + t, builtIn[1].toArray(ValueLayout.JAVA_FLOAT), custom[1]);
            }
        }
    }

    @Test
    void aStepOfACustomRuleAllocatesNothing() {
        try (Arena arena = Arena.ofConfined()) {
            int n = 256;
            MemorySegment w = random(arena, n, 6);
            MemorySegment g = random(arena, n, 7);
            List<MemorySegment> state = List.of(arena.allocate(4L * n));
            CustomLion rule = new CustomLion(0.9, 0.99, 0.01);
            long allocated = 0;
            long steps = 0;
            // Until the JIT has compiled the user's vector loop, each vector is a heap object; it once
            // took more than 20,000 steps here, so the warm-up is bounded by time.
            long deadline = System.nanoTime() + 60_000_000_000L;
            for (long t = 1; System.nanoTime() < deadline; t++) {
                long before = ThreadAllocation.bytes();
                Kernels.step(rule, 1e-4, t, w, g, state, 0, n);
                allocated = ThreadAllocation.bytes() - before;
                steps = t;
                if (allocated == 0 && t > 100) {
                    break;
                }
            }
            assertEquals(0, allocated, "bytes allocated by step " + steps + ", the last of a minute's warm-up");
        }
    }

    @Test
    void theScalarAndVectorKernelsAgreeWhenCalledDirectly() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "no vector module");
        try (Arena arena = Arena.ofConfined()) {
            int n = 333;
            MemorySegment gradient = random(arena, n, 3);
            MemorySegment[] scalar = {random(arena, n, 4), random(arena, n, 5)};
            MemorySegment[] vector = {random(arena, n, 4), random(arena, n, 5)};
            CustomLion rule = new CustomLion(0.9, 0.99, 0.1);
            rule.scalarStep(CustomStep.of(1, 1e-2f, true, 0.3f, 2f, scalar[0], gradient, scalar[1]), 1, n);
            rule.vectorStep(CustomStep.of(1, 1e-2f, true, 0.3f, 2f, vector[0], gradient, vector[1]), 1, n);
            BitExact.assertSameBits("w", scalar[0].toArray(ValueLayout.JAVA_FLOAT), vector[0]);
            BitExact.assertSameBits("m", scalar[1].toArray(ValueLayout.JAVA_FLOAT), vector[1]);
        }
    }

    @Test
    void theKernelOfTheSelectedImplementationRuns() {
        String expected = System.getProperty("gradus.test.expectKernels");
        boolean warming = !"off".equals(System.getProperty("gradus.warmup"));
        assumeTrue(expected != null && !(expected.equals("vector") && warming),
                "run in an execution whose kernels are fixed from the first call");
        Counting rule = new Counting();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment w = arena.allocate(64);
            Kernels.step(rule, 0.1, 1, w, arena.allocate(64), List.of(arena.allocate(64)), 0, 16);
        }
        boolean vector = expected.startsWith("vector");
        assertEquals(vector ? 0 : 1, rule.scalarCalls, expected);
        assertEquals(vector ? 1 : 0, rule.vectorCalls, expected);
    }

    @Test
    void theUpdateFormIsRefused() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment w = arena.allocate(64);
            MemorySegment g = arena.allocate(64);
            MemorySegment m = arena.allocate(64);
            MemorySegment u = arena.allocate(64);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Kernels.update(CustomLion.DEFAULT, 1e-3, 1, w, g, u, List.of(m), 0, 16));
            assertTrue(e.getMessage().contains("has no update form"), e.getMessage());
        }
    }

    @Test
    void aRuleWithTooManyStateBuffersIsRefusedByName() {
        try (Arena arena = Arena.ofConfined(); Optimizer optimizer = Optimizer.builder(new Greedy(4), 0.1).build()) {
            MemorySegment w = arena.allocate(64);
            MemorySegment g = arena.allocate(64);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> optimizer.add("w", w, g));
            assertEquals("rule " + Greedy.class.getName() + " keeps 4 state buffers; a custom rule keeps 0 to 3",
                    e.getMessage());
            List<MemorySegment> four = List.of(w, w, w, w);
            assertThrows(IllegalArgumentException.class, () -> Kernels.step(new Greedy(4), 0.1, 1, w, g, four, 0, 16));
        }
    }

    @Test
    void aRuleWithoutDescriptionIsRefused() {
        try (Arena arena = Arena.ofConfined(); Optimizer optimizer = Optimizer.builder(new Greedy(-1), 0.1).build()) {
            MemorySegment w = arena.allocate(64);
            NullPointerException e = assertThrows(NullPointerException.class,
                    () -> optimizer.add("w", w, arena.allocate(64)));
            assertTrue(e.getMessage().contains("description of rule"), e.getMessage());
        }
    }

    private static MemorySegment random(Arena arena, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        MemorySegment segment = arena.allocate(4L * n);
        for (int i = 0; i < n; i++) {
            segment.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) random.nextGaussian());
        }
        return segment;
    }

    /** {@link CustomLion}, counting which of its kernels ran. */
    private static final class Counting implements CustomRule {
        private final CustomLion lion = CustomLion.DEFAULT;
        int scalarCalls;
        int vectorCalls;

        @Override
        public int stateBuffers() {
            return 1;
        }

        @Override
        public String stateName(int index) {
            return "m";
        }

        @Override
        public UpdateRule withWeightDecay(double lambda) {
            return this;
        }

        @Override
        public double defaultLearningRate() {
            return 1e-4;
        }

        @Override
        public void scalarStep(CustomStep step, long from, long to) {
            scalarCalls++;
            lion.scalarStep(step, from, to);
        }

        @Override
        public void vectorStep(CustomStep step, long from, long to) {
            vectorCalls++;
            lion.vectorStep(step, from, to);
        }
    }

    /** A rule that asks for {@code buffers} state buffers (a negative count: none, and no description). */
    private record Greedy(int buffers) implements CustomRule {
        @Override
        public String description() {
            return buffers < 0 ? null : "Greedy";
        }

        @Override
        public int stateBuffers() {
            return Math.max(buffers, 0);
        }

        @Override
        public String stateName(int index) {
            return "s" + index;
        }

        @Override
        public UpdateRule withWeightDecay(double lambda) {
            return this;
        }

        @Override
        public double defaultLearningRate() {
            return 0.1;
        }

        @Override
        public void scalarStep(CustomStep step, long from, long to) {
        }

        @Override
        public void vectorStep(CustomStep step, long from, long to) {
        }
    }
}
