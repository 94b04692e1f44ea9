package dev.gradus.checkpoint;

import dev.gradus.Adam;
import dev.gradus.Momentum;
import dev.gradus.Optimizer;
import dev.gradus.ParameterGroup;
import dev.gradus.schedule.InverseTimeDecay;
import dev.gradus.schedule.ManualSchedule;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.Property;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Valid checkpoints mutated at random, in their bytes and in their header with every checksum
 * made right again (lengths, counts, names, state lists, lines, versions): reading or loading one
 * either succeeds or fails with {@link CorruptCheckpointException} or
 * {@link CheckpointMismatchException}, allocating at most {@code 2 S + 1 MiB} on the heap for a
 * file of {@code S} bytes, and a failed load leaves the optimizer bit for bit as it was.
 */
class CheckpointFuzzTest {

    /** A change to a sound checkpoint. */
    enum Kind { FLIP, TRUNCATE, APPEND, HEADER_VALUE, HEADER_LINE, HEADER_LENGTH, VERSION }

    private static final List<String> VALUES = List.of("", "0", "-1", "1", "7", "2147483647", "2147483648",
            "4611686018427387904", "9223372036854775806", "9223372036854775807", "99999999999999999999", "1e3", "NaN",
            "-0.0", "1.0E39", "Infinity", "true", "m,,v", "m,v,vmax,a,b,c,d,e,f", "\\u0041", "\\q", "\\u000a",
            "a,".repeat(5_000) + "a", "a,".repeat(300_000) + "a", "x".repeat(100_000), "layer1");

    /**
     * A mutation: its kind, two random numbers that pick where and what, and the checkpoint it applies to.
     *
     * @param base which of the sound checkpoints
     */
    record Mutation(Kind kind, int base, long where, long what) {

        byte[] apply(byte[] sound) {
            int at = (int) Math.floorMod(where, sound.length);
            return switch (kind) {
                case FLIP -> CheckpointBytes.flipped(sound, at, (int) Math.floorMod(what, 255) + 1);
                case TRUNCATE -> CheckpointBytes.truncated(sound, at);
                case APPEND -> {
                    byte[] longer = Arrays.copyOf(sound, sound.length + (int) Math.floorMod(what, 64) + 1);
                    yield (what & 1) == 0 ? longer : CheckpointBytes.withFixedChecksums(longer);
                }
                case HEADER_VALUE -> CheckpointBytes.withHeader(sound, lines(line -> line.substring(0,
                        line.indexOf('=') + 1) + VALUES.get((int) Math.floorMod(what, VALUES.size()))));
                case HEADER_LINE -> CheckpointBytes.withHeader(sound, lines(line -> switch ((int) Math.floorMod(what, 3)) {
                    case 0 -> "";
                    case 1 -> line + "\n" + line;
                    default -> line.replace("=", "");
                }));
                case HEADER_LENGTH -> withInt(sound, 12, (int) what, (what & 1) == 0);
                case VERSION -> withInt(sound, 8, (int) Math.floorMod(what, 5) - 1, (what & 2) == 0);
            };
        }

        /** An edit of the header's line number {@code where} (modulo the line count) without its {@code \n}; an empty result removes the line. */
        private UnaryOperator<String> lines(UnaryOperator<String> edit) {
            return header -> {
                List<String> lines = new ArrayList<>(Arrays.asList(header.split("(?<=\n)")));
                int line = (int) Math.floorMod(where, lines.size());
                String edited = edit.apply(lines.get(line).substring(0, lines.get(line).length() - 1));
                if (edited.isEmpty()) {
                    lines.remove(line);
                } else {
                    lines.set(line, edited + "\n");
                }
                return String.join("", lines);
            };
        }

        private static byte[] withInt(byte[] sound, int offset, int value, boolean fixChecksums) {
            byte[] copy = sound.clone();
            ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
            return fixChecksums && offset != 12 ? CheckpointBytes.withFixedChecksums(copy) : copy;
        }
    }

    @TempDir
    static Path directory;

    private static Arena arena;
    private static final List<byte[]> SOUND = new ArrayList<>();
    private static final List<Optimizer> TARGETS = new ArrayList<>();
    private static final List<Model> MODELS = new ArrayList<>();
    private static final List<ManualSchedule> RATES = new ArrayList<>();

    @BeforeAll
    static void saveSoundCheckpoints() throws IOException {
        arena = Arena.ofShared();
        List<ParameterGroup> groups = List.of(ParameterGroup.named("default"),
                ParameterGroup.named("momentum").withRule(Momentum.nesterov(0.9)), ParameterGroup.named("default"));
        int[][] sizes = {{5, 3}, {17, 0, 2}};
        for (int base = 0; base < sizes.length; base++) {
            ManualSchedule rate = new ManualSchedule(0.5);
            try (Optimizer saved = Optimizer.builder(Adam.DEFAULT.withAmsgrad(base == 1),
                    new InverseTimeDecay(0.1, 1).times(rate)).build()) {
                Model.random(arena, base, sizes[base], groups.subList(0, sizes[base].length)).register(saved);
                saved.step();
                saved.step();
                Path file = directory.resolve("sound-" + base);
                Checkpoint.save(saved, file);
                SOUND.add(CheckpointBytes.read(file));
            }
            ManualSchedule targetRate = new ManualSchedule(0.25);
            Optimizer target = Optimizer.builder(Adam.DEFAULT.withAmsgrad(base == 1),
                    new InverseTimeDecay(0.1, 1).times(targetRate)).build();
            MODELS.add(Model.random(arena, 10 + base, sizes[base], groups.subList(0, sizes[base].length)).register(target));
            TARGETS.add(target);
            RATES.add(targetRate);
        }
    }

    @AfterAll
    static void close() {
        TARGETS.forEach(Optimizer::close);
        arena.close();
    }

    @Test
    void aMutatedCheckpointIsReadOrRejectedWithinItsBudgetAndNeverHalfLoaded() {
        Gen<Mutation> mutations = random -> new Mutation(Kind.values()[random.nextInt(Kind.values().length)],
                random.nextInt(SOUND.size()), random.nextLong(), random.nextLong());
        Property<Mutation> property = Property.forAll("mutated checkpoints", mutations).tries(300);
        for (Kind kind : Kind.values()) {
            property.cover(kind.name(), m -> m.kind() == kind, 15);
        }
        property.check(mutation -> {
            byte[] bytes = mutation.apply(SOUND.get(mutation.base()));
            Path file = CheckpointBytes.write(directory.resolve("mutated"), bytes);
            long budget = HeapBudget.of(bytes.length);
            HeapBudget.assertAcceptedOrRejectedWithin(budget, () -> Checkpoint.read(file), mutation + ": read");
            Optimizer target = TARGETS.get(mutation.base());
            Model model = MODELS.get(mutation.base());
            ManualSchedule rate = RATES.get(mutation.base());
            Snapshot before = Snapshot.of(target, model, rate);
            if (HeapBudget.assertAcceptedOrRejectedWithin(budget, () -> Checkpoint.load(file, target),
                    mutation + ": load") != null) {
                before.assertSame(Snapshot.of(target, model, rate), mutation + ": after the rejected load");
            }
        });
    }
}
