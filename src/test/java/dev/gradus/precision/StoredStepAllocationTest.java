package dev.gradus.precision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gradus.Adam;
import dev.gradus.Kernels;
import dev.gradus.Momentum;
import dev.gradus.UpdateRule;
import dev.gradus.internal.ScalarKernels;
import dev.gradus.internal.precision.TiledStep;
import dev.gradus.testing.ThreadAllocation;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A step on 16-bit buffers allocates nothing once the JIT has compiled its loops (a boxed vector
 * would be a heap object): the per-thread tiles are made once, and the conversions and kernels run
 * compiled, on native buffers and on heap arrays. The next compiled step then gives the bits of
 * the scalar kernels and conversions on copies of the buffers.
 */
class StoredStepAllocationTest {

    private static final int N = 3000;
    /** Allocation-free steps in a row that make the compiled code steady. */
    private static final int STEADY_STEPS = 1000;

    /**
     * Nearest-even plans only. With stochastic rounding a stored step has stayed on boxed vectors:
     * Adam with stochastically rounded bfloat16 state still allocated 538,560 bytes a step after
     * 192,083 steps (a minute) in one of two {@code mvn verify} runs, while it compiled in the
     * other and in every isolated run; float16 stochastic narrowing at a forced 128 bits did the
     * same once before (docs/precision.md). Until the stochastic loops are warmed like the rules'
     * loops, or the cause is found, this gate would fail at random; the finding is open in issue 12.
     */
    static Stream<Arguments> plans() {
        StoragePlan bf16State = StoragePlan.of(StorageType.FLOAT32, StorageType.FLOAT32, StorageType.BFLOAT16);
        StoragePlan kahan = StoragePlan.of(StorageType.BFLOAT16, StorageType.BFLOAT16, StorageType.BFLOAT16)
                .withWeights(Weights.KAHAN);
        StoragePlan master = StoragePlan.of(StorageType.FLOAT16, StorageType.FLOAT16, StorageType.FLOAT16)
                .withWeights(Weights.FLOAT32_MASTER);
        return Stream.of(Arguments.of(Adam.pytorch(), bf16State, false), Arguments.of(Adam.adamW(), kahan, false),
                Arguments.of(Momentum.nesterov(0.9), master, false), Arguments.of(Adam.pytorch(), kahan, true));
    }

    @ParameterizedTest(name = "{0}, {1}, heap {2}")
    @MethodSource("plans")
    void aStoredStepAllocatesNothingOnceCompiled(UpdateRule rule, StoragePlan plan, boolean heap) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment param = buffer(arena, plan.paramBuffer(), heap);
            MemorySegment copy = plan.hasWeightCopy() ? buffer(arena, plan.parameter(), heap) : null;
            MemorySegment gradient = buffer(arena, plan.gradient(), heap);
            for (long i = 0; i < N; i++) {
                gradient.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i * plan.gradient().bytes() + 1, (byte) 0x3c);
            }
            List<MemorySegment> state = new ArrayList<>();
            for (int k = 0; k < rule.stateBuffers(); k++) {
                state.add(buffer(arena, plan.state(), heap));
            }
            long allocated = 0;
            long steps = 0;
            long steady = 0;
            // Bounded by time: how many calls the JIT takes to compile the loops varies. Steady means
            // STEADY_STEPS allocation-free steps in a row: a single one was once followed by a
            // recompilation that ran the compared step boxed.
            long deadline = System.nanoTime() + 60_000_000_000L;
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
            assertEquals(0, allocated, "bytes allocated by step " + steps + " (" + Kernels.implementation() + ")");

            // The compiled step gives the bits of the scalar kernels and conversions.
            MemorySegment scalarParam = copyOf(param);
            MemorySegment scalarCopy = copy == null ? null : copyOf(copy);
            List<MemorySegment> scalarState = state.stream().map(StoredStepAllocationTest::copyOf).toList();
            long t = steps + 1;
            long before = ThreadAllocation.bytes();
            Kernels.step(rule, 1e-3, t, plan, param, copy, gradient, state);
            assertEquals(0, ThreadAllocation.bytes() - before, "bytes allocated by the compared step");
            TiledStep.step(ScalarKernels.INSTANCE, rule, 1e-3, t, plan, scalarParam, scalarCopy, gradient,
                    scalarState.isEmpty() ? null : scalarState.get(0),
                    scalarState.size() < 2 ? null : scalarState.get(1),
                    scalarState.size() < 3 ? null : scalarState.get(2), 0, N, true, Float.POSITIVE_INFINITY, 1f);
            assertEquals(-1, param.mismatch(scalarParam), "param: compiled against scalar");
            if (copy != null) {
                assertEquals(-1, copy.mismatch(scalarCopy), "weight copy: compiled against scalar");
            }
            for (int k = 0; k < state.size(); k++) {
                assertEquals(-1, state.get(k).mismatch(scalarState.get(k)), "state " + k + ": compiled against scalar");
            }
        }
    }

    private static MemorySegment copyOf(MemorySegment segment) {
        MemorySegment copy = MemorySegment.ofArray(new byte[(int) segment.byteSize()]);
        MemorySegment.copy(segment, 0, copy, 0, segment.byteSize());
        return copy;
    }

    private static MemorySegment buffer(Arena arena, StorageType type, boolean heap) {
        if (!heap) {
            return arena.allocate((long) N * type.bytes());
        }
        return type == StorageType.FLOAT32 ? MemorySegment.ofArray(new float[N]) : MemorySegment.ofArray(new short[N]);
    }
}
