package dev.gradus.custom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gradus.Lion;
import dev.gradus.Optimizer;
import dev.gradus.UpdateRule;
import dev.gradus.checkpoint.Checkpoint;
import dev.gradus.checkpoint.CheckpointMismatchException;
import dev.gradus.examples.custom.CustomLion;
import dev.gradus.testing.property.BitExact;
import java.io.ByteArrayInputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A checkpoint records a custom rule by its description: an optimizer with the same rule resumes
 * bit for bit, one whose rule has other hyperparameters, or is the built-in rule, is refused.
 */
class CustomRuleCheckpointTest {

    private static final int N = 3000;
    private static final CustomLion RULE = new CustomLion(0.9, 0.99, 0.01);

    @Test
    void anOptimizerWithACustomRuleResumesBitForBit() throws Exception {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment straightW = filled(arena, 0.5f);
            MemorySegment resumedW = filled(arena, 0.5f);
            MemorySegment g = filled(arena, 0.01f);
            byte[] checkpoint;
            try (Optimizer straight = Optimizer.builder(RULE, 1e-3).build()) {
                straight.add("w", straightW, g);
                for (int t = 0; t < 3; t++) {
                    straight.step();
                }
                checkpoint = Checkpoint.toBytes(straight, Checkpoint.Contents.WITH_PARAMETERS);
                assertEquals("CustomRule[" + RULE.description() + "]",
                        Checkpoint.read(new ByteArrayInputStream(checkpoint)).rule());
                for (int t = 0; t < 3; t++) {
                    straight.step();
                }
            }
            try (Optimizer resumed = Optimizer.builder(RULE, 1e-3).build()) {
                resumed.add("w", resumedW, g);
                Checkpoint.load(new ByteArrayInputStream(checkpoint), resumed);
                for (int t = 0; t < 3; t++) {
                    resumed.step();
                }
            }
            BitExact.assertSameBits("parameters after resuming", straightW.toArray(ValueLayout.JAVA_FLOAT), resumedW);
        }
    }

    @Test
    void anotherRuleIsAMismatchNamingBoth() throws Exception {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment w = filled(arena, 0.5f);
            MemorySegment g = filled(arena, 0.01f);
            byte[] checkpoint;
            try (Optimizer saved = Optimizer.builder(RULE, 1e-3).build()) {
                saved.add("w", w, g);
                saved.step();
                checkpoint = Checkpoint.toBytes(saved, Checkpoint.Contents.STATE);
            }
            for (UpdateRule other : List.<UpdateRule>of(new CustomLion(0.8, 0.99, 0.01), new Lion(0.9, 0.99, 0.01, false))) {
                try (Optimizer optimizer = Optimizer.builder(other, 1e-3).build()) {
                    optimizer.add("w", w, g);
                    CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
                            () -> Checkpoint.load(new ByteArrayInputStream(checkpoint), optimizer));
                    assertEquals(true, e.differences().getFirst().startsWith("rule: CustomRule[" + RULE + "] in the file, "),
                            e.differences().toString());
                }
            }
        }
    }

    private static MemorySegment filled(Arena arena, float value) {
        MemorySegment segment = arena.allocate(4L * N);
        for (int i = 0; i < N; i++) {
            segment.setAtIndex(ValueLayout.JAVA_FLOAT, i, value * (1 + i % 7) * (i % 3 == 0 ? -1 : 1));
        }
        return segment;
    }
}
