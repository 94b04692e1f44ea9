package dev.gradus.optimizer;

import dev.gradus.Adam;
import dev.gradus.Lamb;
import dev.gradus.Lion;
import dev.gradus.Lars;
import dev.gradus.Optimizer;
import dev.gradus.RmsProp;
import dev.gradus.UpdateRule;
import dev.gradus.testing.property.BitExact;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.Property;
import java.lang.foreign.Arena;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A step gives the same bits with any number of threads, own or an executor's: the shares are
 * element ranges, and the kernels give the same bits for any split of a buffer into ranges.
 */
class ThreadCountTest {

    /** A parameter set, a rule and a thread count. */
    record Case(int[] sizes, UpdateRule rule, int threads, boolean executor, long seed) {
        @Override
        public String toString() {
            return rule + " on " + Arrays.toString(sizes) + " with " + threads + (executor ? " executor" : " own")
                    + " threads, seed " + seed;
        }
    }

    private static final Gen<Case> CASES = random -> new Case(
            IntStream.range(0, random.nextInt(1, 12))
                    .map(i -> random.nextInt(4) == 0 ? random.nextInt(0, 40_000) : random.nextInt(0, 300)).toArray(),
            Gen.<UpdateRule>elementOf(Adam.DEFAULT, Adam.adamW().withAmsgrad(true),
                    RmsProp.DEFAULT.withCentered(true).withMomentum(0.5), Lars.DEFAULT.withWeightDecay(1e-4),
                    Lamb.DEFAULT.withWeightDecay(1e-2), Lion.optax().withMaximize(true)).next(random),
            random.nextInt(2, 5), random.nextBoolean(), random.nextLong());

    @Test
    void anyThreadCountGivesTheBitsOfOneThread() {
        try (ExecutorService executor = Executors.newFixedThreadPool(3)) {
            Property.forAll("optimizer: any thread count gives the same bits", CASES)
                    .tries(40)
                    .cover("several threads own", c -> !c.executor(), 5)
                    .cover("executor", Case::executor, 5)
                    .check(c -> {
                        List<float[]> serial = run(c, Optimizer.builder(c.rule(), 1e-3));
                        Optimizer.Builder parallel = Optimizer.builder(c.rule(), 1e-3).parallelThreshold(0);
                        parallel = c.executor() ? parallel.executor(executor, c.threads()) : parallel.threads(c.threads());
                        List<float[]> threaded = run(c, parallel);
                        for (int p = 0; p < serial.size(); p++) {
                            BitExact.assertSameBits("parameter " + p, serial.get(p), threaded.get(p));
                        }
                    });
        }
    }

    private static List<float[]> run(Case c, Optimizer.Builder builder) {
        try (Arena arena = Arena.ofShared(); Optimizer optimizer = builder.build()) {
            ModelFixture model = new ModelFixture(arena, c.sizes(), c.seed());
            model.register(optimizer);
            for (int t = 0; t < 5; t++) {
                optimizer.step();
            }
            return model.current();
        }
    }
}
