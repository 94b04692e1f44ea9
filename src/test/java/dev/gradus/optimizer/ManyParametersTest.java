package dev.gradus.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.Adam;
import dev.gradus.Optimizer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * 100,000 small parameters register (the time is measured by {@code OptimizerRegistrationBenchmark},
 * not here), and the overlap index still finds every conflict: random probes over the same
 * memory are accepted or refused exactly as a comparison with every registered buffer says.
 */
class ManyParametersTest {

    private static final int PARAMETERS = 100_000;
    private static final int FLOATS = 4;
    private static final long STRIDE = 6 * Float.BYTES;    // 4 floats used, 2 left free between parameters

    /** A registered buffer, for the brute-force answer. */
    private record Registered(String label, MemorySegment segment, boolean written) {
    }

    @Test
    void manyParametersRegisterAndOverlapsAreFoundExactly() {
        try (Arena arena = Arena.ofShared(); Optimizer optimizer = Optimizer.builder(Adam.DEFAULT, 1e-3).build()) {
            MemorySegment values = arena.allocate(PARAMETERS * STRIDE, 64);
            MemorySegment gradients = arena.allocate(PARAMETERS * STRIDE, 64);
            List<Registered> registered = new ArrayList<>();
            for (int p = 0; p < PARAMETERS; p++) {
                MemorySegment w = values.asSlice(p * STRIDE, FLOATS * Float.BYTES);
                MemorySegment g = gradients.asSlice(p * STRIDE, FLOATS * Float.BYTES);
                optimizer.add("p" + p, w, g);
                registered.add(new Registered("the values of p" + p, w, true));
                registered.add(new Registered("the gradient of p" + p, g, false));
            }
            assertEquals(PARAMETERS, optimizer.parameterNames().size());

            SplittableRandom random = new SplittableRandom(42);
            int refused = 0;
            for (int probe = 0; probe < 200; probe++) {
                MemorySegment base = random.nextBoolean() ? values : gradients;
                long offset = random.nextLong(0, PARAMETERS * STRIDE / Float.BYTES - 8) * Float.BYTES;
                long bytes = random.nextLong(1, 4) * Float.BYTES;
                MemorySegment candidate = base.asSlice(offset, bytes);
                boolean asValues = random.nextBoolean();
                MemorySegment other = arena.allocate(bytes, 64);
                String expected = bruteForceConflict(registered, candidate, asValues);
                String name = "probe" + probe;
                if (expected == null) {
                    optimizer.add(name, asValues ? candidate : other, asValues ? other : candidate);
                    optimizer.remove(name);
                } else {
                    refused++;
                    String role = asValues ? "the values of " : "the gradient of ";
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> optimizer.add(name, asValues ? candidate : other, asValues ? other : candidate));
                    assertTrue(e.getMessage().startsWith(role + name + " overlaps " + expected), e.getMessage());
                }
            }
            assertTrue(refused > 50 && refused < 195, refused + " of 200 probes refused: both outcomes must be tried");

            MemorySegment m = optimizer.state("p77777", "m");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> optimizer.add("alias", arena.allocate(4), m.asSlice(4, 4)));
            assertTrue(e.getMessage().startsWith("the gradient of alias overlaps the state m of p77777"), e.getMessage());
            optimizer.step();
            assertEquals(1, optimizer.stepCount("p99999"));
        }
    }

    /** The label of the registered buffer the candidate conflicts with, found by comparing with each, or null. */
    private static String bruteForceConflict(List<Registered> registered, MemorySegment candidate, boolean written) {
        String found = null;
        for (Registered other : registered) {
            if ((written || other.written()) && candidate.asOverlappingSlice(other.segment()).isPresent()) {
                assertNull(found, "probes overlap at most one registered buffer");
                found = other.label();
            }
        }
        return found;
    }
}
