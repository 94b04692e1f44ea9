package dev.gradus.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.internal.WorkPlan;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.Property;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Work plans cover every element once, cut on 64-byte boundaries, and balance the workers. */
class WorkPlanTest {

    record Case(long[] lengths, int workers) {
        @Override
        public String toString() {
            return Arrays.toString(lengths) + " over " + workers + " workers";
        }
    }

    @Test
    void sharesCoverEveryElementOnceOnAlignedCuts() {
        Gen<Case> cases = random -> new Case(
                IntStream.range(0, random.nextInt(0, 20)).mapToLong(i -> random.nextInt(4) == 0 ? 0 : random.nextInt(0, 5000)).toArray(),
                random.nextInt(1, 9));
        Property.forAll("work plan partitions the elements", cases).check(c -> {
            WorkPlan plan = WorkPlan.of(c.lengths(), c.workers());
            long[] covered = new long[c.lengths().length];
            long total = Arrays.stream(c.lengths()).sum();
            for (int w = 0; w < plan.workers(); w++) {
                long share = 0;
                for (int k = 0; k < plan.pieces(w); k++) {
                    int p = plan.parameter(w, k);
                    assertEquals(covered[p], plan.from(w, k), "pieces of parameter " + p + " follow each other");
                    assertTrue(plan.from(w, k) % WorkPlan.ALIGNMENT == 0, "cut on a 64-byte boundary");
                    covered[p] = plan.to(w, k);
                    share += plan.to(w, k) - plan.from(w, k);
                }
                assertTrue(Math.abs(share - total / c.workers()) <= (long) WorkPlan.ALIGNMENT * c.workers() + total % c.workers(),
                        "worker " + w + " share " + share + " of " + total);
            }
            assertEquals(Arrays.toString(c.lengths()), Arrays.toString(covered));
        });
    }
}
