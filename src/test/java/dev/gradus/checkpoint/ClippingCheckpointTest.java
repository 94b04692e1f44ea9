package dev.gradus.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gradus.Adam;
import dev.gradus.GradientClipping;
import dev.gradus.Optimizer;
import dev.gradus.testing.property.BitExact;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checkpoints record the clipping settings: a clipped optimizer resumes bit for bit, an optimizer
 * whose clipping differs from the file's is refused with the difference named, and a format-2 file
 * (written before clipping existed) loads as without clipping.
 */
class ClippingCheckpointTest {

    private static final GradientClipping CLIPPING = GradientClipping.globalNorm(0.05).withScope(
            GradientClipping.Scope.PARAMETER);
    private static final int N = 5000;

    static List<GradientClipping> clippings() {
        return List.of(CLIPPING, GradientClipping.byValue(0.005));
    }

    @ParameterizedTest
    @MethodSource("clippings")
    void aClippedOptimizerResumesBitForBit(GradientClipping clipping) throws IOException {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment w = filled(arena, 0.5f);
            MemorySegment g = filled(arena, 0.01f);
            MemorySegment resumedW = filled(arena, 0.5f);
            byte[] checkpoint;
            try (Optimizer straight = optimizer(clipping)) {
                straight.add("w", w, g);
                for (int t = 0; t < 3; t++) {
                    straight.step();
                }
                checkpoint = Checkpoint.toBytes(straight, Checkpoint.Contents.WITH_PARAMETERS);
                assertEquals(RecordCodec.describe(clipping), Checkpoint.read(new ByteArrayInputStream(checkpoint)).clipping());
                for (int t = 0; t < 3; t++) {
                    straight.step();
                }
            }
            try (Optimizer resumed = optimizer(clipping)) {
                resumed.add("w", resumedW, g);
                Checkpoint.load(new ByteArrayInputStream(checkpoint), resumed);
                for (int t = 0; t < 3; t++) {
                    resumed.step();
                }
            }
            BitExact.assertSameBits("parameters after resuming", w.toArray(ValueLayout.JAVA_FLOAT), resumedW);
        }
    }

    @Test
    void anotherClippingIsAMismatch() throws IOException {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment w = filled(arena, 0.5f);
            MemorySegment g = filled(arena, 0.01f);
            byte[] clipped = afterOneStep(CLIPPING, w, g);
            try (Optimizer other = optimizer(null)) {
                other.add("w", w, g);
                CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
                        () -> Checkpoint.load(new ByteArrayInputStream(clipped), other));
                assertEquals(List.of("clipping: " + RecordCodec.describe(CLIPPING) + " in the file, none in the optimizer"),
                        e.differences());
            }
        }
    }

    @Test
    void aFormatTwoFileLoadsAsWithoutClipping() throws IOException {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment w = filled(arena, 0.5f);
            MemorySegment g = filled(arena, 0.01f);
            byte[] version2 = CheckpointBytes.withVersion(CheckpointBytes.withHeader(afterOneStep(null, w, g),
                    header -> header.replace("clipping=none\n", "").replaceAll("parameter\\.\\d+\\.(state-floats|storage|element-bytes)=.*\n", "")),
                    2);
            assertEquals(CheckpointInfo.NO_CLIPPING, Checkpoint.read(new ByteArrayInputStream(version2)).clipping());
            try (Optimizer unclipped = optimizer(null)) {
                unclipped.add("w", w, g);
                Checkpoint.load(new ByteArrayInputStream(version2), unclipped);
                assertEquals(1, unclipped.stepCount());
            }
            try (Optimizer clipped = optimizer(CLIPPING)) {
                clipped.add("w", w, g);
                assertThrows(CheckpointMismatchException.class, () -> Checkpoint.load(new ByteArrayInputStream(version2), clipped));
            }
        }
    }

    /** The state checkpoint of an optimizer with {@code clipping} after one step on {@code w}. */
    private static byte[] afterOneStep(GradientClipping clipping, MemorySegment w, MemorySegment g) {
        try (Optimizer saved = optimizer(clipping)) {
            saved.add("w", w, g);
            saved.step();
            return Checkpoint.toBytes(saved, Checkpoint.Contents.STATE);
        }
    }

    private static Optimizer optimizer(GradientClipping clipping) {
        Optimizer.Builder builder = Optimizer.builder(Adam.DEFAULT, 1e-2);
        return (clipping == null ? builder : builder.clipping(clipping)).build();
    }

    private static MemorySegment filled(Arena arena, float value) {
        MemorySegment segment = arena.allocate(4L * N, 64);
        for (int i = 0; i < N; i++) {
            segment.setAtIndex(ValueLayout.JAVA_FLOAT, i, value * (1 + i % 7));
        }
        return segment;
    }
}
