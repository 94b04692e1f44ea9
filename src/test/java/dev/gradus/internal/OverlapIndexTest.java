package dev.gradus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.Property;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The overlap index answers as a comparison with every registered buffer would, through any
 * sequence of registrations and removals: read buffers that overlap each other merge into
 * blocks and split again when one leaves. An empty buffer shares no byte with any other (unlike
 * {@code asOverlappingSlice}, which calls an empty slice inside another overlapping).
 */
class OverlapIndexTest {

    /** A sequence of operations on 64 floats of one segment, from a seed. */
    record Script(long seed, int operations, boolean heap) {
    }

    @Test
    void answersAsTheBruteForceComparisonThroughAddsAndRemovals() {
        Gen<Script> scripts = random -> new Script(random.nextLong(), random.nextInt(1, 120), random.nextInt(4) == 0);
        Property.forAll("overlap index == comparison with every buffer", scripts)
                .cover("heap", Script::heap, 10)
                .check(script -> {
                    try (Arena arena = Arena.ofConfined()) {
                        MemorySegment memory = script.heap() ? MemorySegment.ofArray(new float[64]) : arena.allocate(256);
                        run(script, memory);
                    }
                });
    }

    private static void run(Script script, MemorySegment memory) {
        SplittableRandom random = new SplittableRandom(script.seed());
        OverlapIndex index = new OverlapIndex();
        List<OverlapIndex.Buffer> registered = new ArrayList<>();
        for (int op = 0; op < script.operations(); op++) {
            if (!registered.isEmpty() && random.nextInt(3) == 0) {
                index.remove(registered.remove(random.nextInt(registered.size())));
                continue;
            }
            long from = random.nextInt(0, 64);
            long floats = random.nextInt(0, Math.min(12, 64 - (int) from) + 1);
            MemorySegment slice = memory.asSlice(from * 4, floats * 4);
            String name = "p" + op;
            OverlapIndex.Buffer buffer = switch (random.nextInt(4)) {
                case 0 -> OverlapIndex.Buffer.values(name, slice);
                case 1 -> OverlapIndex.Buffer.state(name, "m", slice);
                default -> OverlapIndex.Buffer.gradient(name, random.nextBoolean() ? slice : slice.asReadOnly());
            };
            List<OverlapIndex.Buffer> conflicts = registered.stream()
                    .filter(other -> (buffer.written() || other.written()) && slice.byteSize() > 0
                            && other.segment().byteSize() > 0
                            && buffer.segment().asOverlappingSlice(other.segment()).isPresent())
                    .toList();
            if (conflicts.isEmpty()) {
                index.requireNoConflict(buffer);
                index.add(buffer);
                registered.add(buffer);
            } else {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> index.requireNoConflict(buffer), "conflicts with " + conflicts);
                assertTrue(conflicts.stream().anyMatch(c -> e.getMessage().startsWith(
                        buffer.label() + " overlaps " + c.label() + " (a step writes ")), e.getMessage());
            }
        }
    }

    @Test
    void theMessageNamesTheWrittenBuffer() {
        MemorySegment memory = MemorySegment.ofArray(new float[8]);
        OverlapIndex index = new OverlapIndex();
        index.add(OverlapIndex.Buffer.gradient("a", memory.asSlice(0, 16)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> index.requireNoConflict(OverlapIndex.Buffer.state("b", "v", memory.asSlice(12, 8))));
        assertEquals("the state v of b overlaps the gradient of a (a step writes the state v of b, so no other "
                + "buffer may share its memory)", e.getMessage());
    }
}
