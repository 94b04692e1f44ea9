package dev.gradus.precision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gradus.Adafactor;
import dev.gradus.Adam;
import dev.gradus.EpsilonPlacement;
import dev.gradus.Kernels;
import dev.gradus.Lamb;
import dev.gradus.Momentum;
import dev.gradus.UpdateRule;
import dev.gradus.internal.ScalarKernels;
import dev.gradus.internal.StateChecks;
import dev.gradus.internal.StateMemory;
import dev.gradus.internal.precision.StoredSteps;
import dev.gradus.testing.ChildExit;
import dev.gradus.testing.ChildJvm;
import dev.gradus.testing.ThreadAllocation;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A step on 16-bit buffers allocates nothing once the JIT has compiled its loops (a boxed vector
 * would be a heap object): the per-thread tiles are made once, and the conversions and kernels run
 * compiled, on native buffers and on heap arrays. The next step that allocates nothing (one of
 * the next five must) then gives the bits of the scalar kernels and conversions on copies of the
 * buffers. Adam with bfloat16 state and float32 weights, rounded to nearest (cases 0 and 9), runs
 * the kernels' one-pass loop on the whole vectors and the tiles on the rest; the scalar path
 * tiles everything.
 *
 * <p>Each case runs in a fresh JVM ({@link ChildJvm}), as a program that steps one parameter
 * would: what C2 makes of a loop depends on every call the JVM has profiled, and in the test JVM
 * the other tests have called the same loops on other kinds of memory first. There, in a
 * {@code mvn verify} run on an Intel Xeon (AVX-512), Adam with bfloat16 state and AdamW with
 * Kahan weights were still on boxed vectors after a minute (538,560 bytes a step), and once on
 * the Zen 5 too, while each compiles within a second in a JVM of its own (docs/startup.md,
 * "Limits", on mixed profiles). The child runs with the warm-up off, so that every step runs the
 * vector kernels (with the warm-up, the first thousand steps could run allocation-free on the
 * chunked kernels), and with
 * {@code -XX:-UseProfiledLoopPredicate}: without it the Adam cases took 30 to 43 s to settle on
 * the Intel Xeon (the profiled-predicate recompilations of docs/startup.md, which
 * {@code StaysCompiledTest} is about), with it 3 to 5 s.
 */
class StoredStepAllocationTest {

    private static final int N = 3000;
    /** Allocation-free steps in a row that make the compiled code steady. */
    private static final int STEADY_STEPS = 1000;
    /** Steps after the warm-up of which one must allocate nothing, to be compared with the scalar path. */
    private static final int COMPARE_ATTEMPTS = 5;
    /** How long a case may warm up before it fails. */
    private static final long WARM_UP_NANOS = 60_000_000_000L;

    /**
     * The cases, by index for the child JVM: rule, plan, heap buffers; nearest-even and
     * stochastic rounding. Stochastic plans were left out while the cases shared the test JVM:
     * there Adam with stochastically rounded bfloat16 state once still allocated 538,560 bytes a
     * step after 192,083 steps (a minute); in a JVM of its own it is steady within seconds.
     */
    static List<Arguments> cases() {
        StoragePlan bf16State = StoragePlan.of(StorageType.FLOAT32, StorageType.FLOAT32, StorageType.BFLOAT16);
        StoragePlan kahan = StoragePlan.of(StorageType.BFLOAT16, StorageType.BFLOAT16, StorageType.BFLOAT16)
                .withWeights(Weights.KAHAN);
        StoragePlan master = StoragePlan.of(StorageType.FLOAT16, StorageType.FLOAT16, StorageType.FLOAT16)
                .withWeights(Weights.FLOAT32_MASTER);
        return List.of(Arguments.of(0, Adam.pytorch(), bf16State, false), Arguments.of(1, Adam.adamW(), kahan, false),
                Arguments.of(2, Momentum.nesterov(0.9), master, false), Arguments.of(3, Adam.pytorch(), kahan, true),
                Arguments.of(4, Adam.pytorch(), bf16State.withRounding(Rounding.STOCHASTIC, 42), false),
                Arguments.of(5, Adam.adamW(), kahan.withRounding(Rounding.STOCHASTIC, 7), false),
                Arguments.of(6, Momentum.nesterov(0.9), master.withRounding(Rounding.STOCHASTIC, 3), true),
                Arguments.of(7, Lamb.DEFAULT.withWeightDecay(0.01), kahan.withRounding(Rounding.STOCHASTIC, 9), false),
                Arguments.of(8, Adafactor.pytorch(), master, false),
                Arguments.of(9, Adam.adamW().withEpsilonPlacement(EpsilonPlacement.INSIDE_SQRT), bf16State, true),
                Arguments.of(10, Adam.pytorch(), StoragePlan.of(StorageType.BFLOAT16, StorageType.BFLOAT16,
                        StorageType.BFLOAT16).withWeights(Weights.KAHAN), false));
    }

    @ParameterizedTest(name = "{1}, {2}, heap {3}")
    @MethodSource("cases")
    void aStoredStepAllocatesNothingOnceCompiled(int index, UpdateRule rule, StoragePlan plan, boolean heap)
            throws IOException, InterruptedException {
        ChildExit child = ChildJvm.of(StoredStepAllocationTest.class)
                .withJvmOptions("--add-modules", "jdk.incubator.vector", "-Xmx512m", "-Dgradus.warmup=off",
                        "-XX:-UseProfiledLoopPredicate")
                .withArguments(Integer.toString(index)).withMergedStderr().run(Duration.ofSeconds(120));
        assertFalse(child.timedOut(), "the child JVM did not end\n" + child.stdout());
        assertEquals(0, child.exitCode(), rule + ", " + plan + ", heap " + heap + ":\n" + child.stdout());
    }

    /**
     * Runs case {@code args[0]} of {@link #cases}; ends with exit status 1 and the reason if a step
     * still allocates after the warm-up, or the compared step allocates or differs.
     *
     * @param args the index of the case
     */
    public static void main(String[] args) {
        Object[] c = cases().get(Integer.parseInt(args[0])).get();
        try {
            check((UpdateRule) c[1], (StoragePlan) c[2], (Boolean) c[3]);
            System.out.println("ok");
        } catch (AssertionError e) {
            System.out.println(e.getMessage());
            System.exit(1);
        }
    }

    private static void check(UpdateRule rule, StoragePlan plan, boolean heap) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment param = buffer(arena, plan.paramBuffer(), N, heap);
            MemorySegment copy = plan.hasWeightCopy() ? buffer(arena, plan.parameter(), N, heap) : null;
            MemorySegment gradient = buffer(arena, plan.gradient(), N, heap);
            for (long i = 0; i < N; i++) {
                gradient.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i * plan.gradient().bytes() + 1, (byte) 0x3c);
            }
            List<MemorySegment> state = new ArrayList<>();
            for (int k = 0; k < rule.stateBuffers(); k++) {
                state.add(buffer(arena, StateMemory.stateType(rule, k, plan), StateChecks.rangedLength(rule, k, N),
                        heap));
            }
            // The copies the scalar path steps after the compared step, made now: a class loaded
            // between the warm-up and the compared step (a stream's, a string concatenation's) can
            // invalidate compiled code that relied on the classes loaded so far, and the compared
            // step would then run deoptimized.
            MemorySegment scalarParam = blank(param);
            MemorySegment scalarCopy = copy == null ? null : blank(copy);
            List<MemorySegment> scalarState = new ArrayList<>();
            for (MemorySegment buffer : state) {
                scalarState.add(blank(buffer));
            }
            long allocated = 0;
            long steps = 0;
            long steady = 0;
            // Bounded by time: how many calls the JIT takes to compile the loops varies. Steady means
            // STEADY_STEPS allocation-free steps in a row: a single one was once followed by a
            // recompilation that ran the compared step boxed.
            long deadline = System.nanoTime() + WARM_UP_NANOS;
            for (long t = 1; System.nanoTime() < deadline; t++) {
                long before = ThreadAllocation.bytes();
                Kernels.step(rule, 1e-3, t, plan, param, copy, gradient, state);
                allocated = ThreadAllocation.bytes() - before;
                steps = t;
                steady = allocated == 0 ? steady + 1 : 0;
                if (steady >= STEADY_STEPS) {
                    break;
                }
            }
            if (allocated != 0) {
                fail("step " + steps + " still allocates " + allocated + " bytes (" + Kernels.implementation() + ")");
            }
            if (!Kernels.implementation().startsWith("vector")) {
                fail("the steps ran on " + Kernels.implementation() + ", not on the vector kernels");
            }

            // A compiled step gives the bits of the scalar kernels and conversions. The compared step
            // must allocate nothing too; a later one may stand in for it if the JIT recompiled just
            // then, since what is compared must be compiled code.
            long t = steps;
            long compared = -1;
            for (int attempt = 0; attempt < COMPARE_ATTEMPTS && compared != 0; attempt++) {
                MemorySegment.copy(param, 0, scalarParam, 0, param.byteSize());
                if (copy != null) {
                    MemorySegment.copy(copy, 0, scalarCopy, 0, copy.byteSize());
                }
                for (int k = 0; k < state.size(); k++) {
                    MemorySegment.copy(state.get(k), 0, scalarState.get(k), 0, state.get(k).byteSize());
                }
                t++;
                long before = ThreadAllocation.bytes();
                Kernels.step(rule, 1e-3, t, plan, param, copy, gradient, state);
                compared = ThreadAllocation.bytes() - before;
            }
            if (compared != 0) {
                fail("each of the " + COMPARE_ATTEMPTS + " steps after the warm-up allocated, the last " + compared
                        + " bytes");
            }
            StoredSteps.step(ScalarKernels.INSTANCE, rule, 1e-3, t, plan, scalarParam, scalarCopy, gradient,
                    scalarState.isEmpty() ? null : scalarState.get(0),
                    scalarState.size() < 2 ? null : scalarState.get(1),
                    scalarState.size() < 3 ? null : scalarState.get(2), N, 0, N, true, Float.POSITIVE_INFINITY, 1f);
            assertEquals(-1, param.mismatch(scalarParam), "param: compiled against scalar");
            if (copy != null) {
                assertEquals(-1, copy.mismatch(scalarCopy), "weight copy: compiled against scalar");
            }
            for (int k = 0; k < state.size(); k++) {
                assertEquals(-1, state.get(k).mismatch(scalarState.get(k)), "state " + k + ": compiled against scalar");
            }
        }
    }

    /** A heap segment of {@code segment}'s size, for a copy of it. */
    private static MemorySegment blank(MemorySegment segment) {
        return MemorySegment.ofArray(new byte[(int) segment.byteSize()]);
    }

    private static MemorySegment buffer(Arena arena, StorageType type, long n, boolean heap) {
        if (!heap) {
            return arena.allocate(n * type.bytes());
        }
        return type == StorageType.FLOAT32 ? MemorySegment.ofArray(new float[(int) n])
                : MemorySegment.ofArray(new short[(int) n]);
    }
}
