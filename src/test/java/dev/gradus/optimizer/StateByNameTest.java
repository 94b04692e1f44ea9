package dev.gradus.optimizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.Adam;
import dev.gradus.Optimizer;
import dev.gradus.ParameterGroup;
import dev.gradus.RmsProp;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** State is read by the names the rules give their buffers. */
class StateByNameTest {

    @Test
    void stateIsFoundByTheRulesName() {
        try (Arena arena = Arena.ofShared(); Optimizer optimizer = Optimizer.builder(Adam.DEFAULT.withAmsgrad(true), 1e-3).build()) {
            optimizer.add("w", arena.allocate(16), arena.allocateFrom(ValueLayout.JAVA_FLOAT, 1f, 2f, 3f, 4f));
            optimizer.add("r", arena.allocate(16), arena.allocateFrom(ValueLayout.JAVA_FLOAT, 1f, 2f, 3f, 4f),
                    ParameterGroup.named("rms").withRule(RmsProp.DEFAULT.withCentered(true)));
            optimizer.step();
            String[] adam = {"m", "v", "vmax"};
            for (int i = 0; i < adam.length; i++) {
                MemorySegment byName = optimizer.state("w", adam[i]);
                assertTrue(byName.isReadOnly());
                assertArrayEquals(optimizer.state("w", i).toArray(ValueLayout.JAVA_FLOAT), byName.toArray(ValueLayout.JAVA_FLOAT));
            }
            assertArrayEquals(optimizer.state("r", 1).toArray(ValueLayout.JAVA_FLOAT),
                    optimizer.state("r", "gradientAverage").toArray(ValueLayout.JAVA_FLOAT));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> optimizer.state("r", "m"));
            assertTrue(e.getMessage().startsWith("parameter r keeps no state named m: its rule RmsProp keeps "
                    + "[squareAverage, gradientAverage]"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> optimizer.state("missing", "m"));
        }
    }
}
