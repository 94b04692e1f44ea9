package dev.gradus.norms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gradus.Adam;
import dev.gradus.GradientClipping;
import dev.gradus.Kernels;
import dev.gradus.Norms;
import dev.gradus.testing.property.BitExact;
import dev.gradus.testing.property.Floats;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.Property;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A ZeRO-1 style sharded step, simulated in one process: 2 to 8 ranks, each a thread of its own,
 * own contiguous ranges of one flattened parameter vector cut at block boundaries. Each computes
 * the block totals of its gradient range ({@link Norms#blockTotals}), the totals are gathered in
 * rank order, every rank adds them up ({@link Norms#sumOfTotals}) and steps its own range of the
 * parameters and Adam state with the clip factor. The norm every rank sees and the parameters and
 * state put back together have the bits of one process doing the whole vector.
 */
class ShardedStepTest {

    record Case(float[] gradient, int[] cuts, long seed) {
        int ranks() {
            return cuts.length - 1;
        }

        @Override
        public String toString() {
            return gradient.length + " floats, cuts " + Arrays.toString(cuts) + ", seed " + seed;
        }
    }

    private static final Gen<Case> CASES = random -> {
        int blocks = random.nextInt(1, 12);
        int n = (blocks - 1) * SquareSumCase.BLOCK + random.nextInt(1, SquareSumCase.BLOCK + 1);
        int ranks = random.nextInt(2, 9);
        int[] cuts = new int[ranks + 1];
        for (int r = 1; r < ranks; r++) {
            cuts[r] = random.nextInt(0, blocks + 1) * SquareSumCase.BLOCK;
        }
        cuts[ranks] = n;
        Arrays.sort(cuts);
        for (int r = 0; r <= ranks; r++) {
            cuts[r] = Math.min(cuts[r], n);
        }
        return new Case(Floats.arrayOf(n, SquareSumCase.magnitudes()).next(random), cuts, random.nextLong());
    };

    @Test
    void ranksOwningWholeBlocksGetTheNormAndStepOfOneProcess() throws Exception {
        try (ExecutorService ranks = Executors.newFixedThreadPool(8)) {
            Property.forAll("sharded norm and clipped Adam step == one process", CASES)
                    .tries(40)
                    .cover("a rank owning nothing", c -> IntStream.range(0, c.ranks())
                            .anyMatch(r -> c.cuts()[r] == c.cuts()[r + 1]), 5)
                    .cover("five ranks or more", c -> c.ranks() >= 5, 10)
                    .check(c -> check(c, ranks));
        }
    }

    private static void check(Case c, ExecutorService pool) throws Exception {
        int n = c.gradient().length;
        GradientClipping clipping = GradientClipping.globalNorm(0.5);
        Adam rule = Adam.adamW();
        try (Arena arena = Arena.ofShared()) {
            MemorySegment gradient = arena.allocate(4L * n, 64);
            MemorySegment.copy(c.gradient(), 0, gradient, ValueLayout.JAVA_FLOAT, 0, n);
            float[] initial = Floats.arrayOf(n, Floats.wellScaled(-1, 0)).next(new java.util.SplittableRandom(c.seed()));
            Buffers one = new Buffers(arena, initial);
            Buffers sharded = new Buffers(arena, initial);

            double expectedNorm = Math.sqrt(Norms.sumOfSquares(gradient));
            float expectedFactor = clipping.factor(expectedNorm);
            Kernels.step(rule, 1e-2, 1, one.param, gradient, one.state(), 0, n, expectedFactor);

            // Each rank: its block totals, gathered in rank order.
            List<Future<double[]>> mine = new ArrayList<>();
            for (int r = 0; r < c.ranks(); r++) {
                int from = c.cuts()[r];
                int to = c.cuts()[r + 1];
                mine.add(pool.submit(() -> {
                    double[] totals = new double[(int) Math.max(0, (long) (to - from + SquareSumCase.BLOCK - 1)
                            / SquareSumCase.BLOCK)];
                    int written = Norms.blockTotals(gradient, from, to, totals, 0);
                    assertEquals(totals.length, written, "totals of [" + from + ", " + to + ")");
                    return totals;
                }));
            }
            List<double[]> gathered = new ArrayList<>();
            for (Future<double[]> f : mine) {
                gathered.add(f.get());
            }
            double[] all = gathered.stream().flatMapToDouble(Arrays::stream).toArray();
            // Each rank: the global norm from the gathered totals, then its own range of the step.
            List<Future<Double>> steps = new ArrayList<>();
            for (int r = 0; r < c.ranks(); r++) {
                int from = c.cuts()[r];
                int to = c.cuts()[r + 1];
                steps.add(pool.submit(() -> {
                    double norm = Math.sqrt(Norms.sumOfTotals(0.0, all, 0, all.length));
                    Kernels.step(rule, 1e-2, 1, sharded.param, gradient, sharded.state(), from, to,
                            clipping.factor(norm));
                    return norm;
                }));
            }
            for (Future<Double> f : steps) {
                assertEquals(Double.doubleToRawLongBits(expectedNorm), Double.doubleToRawLongBits(f.get()),
                        "the norm a rank computes");
            }
            BitExact.assertSameBits("parameters", one.param.toArray(ValueLayout.JAVA_FLOAT), sharded.param);
            BitExact.assertSameBits("m", one.m.toArray(ValueLayout.JAVA_FLOAT), sharded.m);
            BitExact.assertSameBits("v", one.v.toArray(ValueLayout.JAVA_FLOAT), sharded.v);
        }
    }

    /** A parameter vector and its Adam state. */
    private static final class Buffers {
        final MemorySegment param;
        final MemorySegment m;
        final MemorySegment v;

        Buffers(Arena arena, float[] initial) {
            param = arena.allocate(4L * initial.length, 64);
            MemorySegment.copy(initial, 0, param, ValueLayout.JAVA_FLOAT, 0, initial.length);
            m = arena.allocate(4L * initial.length, 64);
            v = arena.allocate(4L * initial.length, 64);
        }

        List<MemorySegment> state() {
            return List.of(m, v);
        }
    }
}
