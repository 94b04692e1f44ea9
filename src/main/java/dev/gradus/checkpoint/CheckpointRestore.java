package dev.gradus.checkpoint;

import dev.gradus.Optimizer;
import dev.gradus.internal.OptimizerAccess;
import dev.gradus.internal.RegisteredParameter;
import dev.gradus.schedule.ManualSchedule;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Restores a verified checkpoint into an optimizer in two phases: {@link #prepare} compares the
 * file with the optimizer and plans every copy, and may fail; {@link #apply} then copies the state
 * buffers, sets the counters and the manual rates, and cannot fail. Both run while the caller
 * holds the optimizer.
 *
 * <p>The file fits the optimizer when the optimizer's rule and schedule (manual rates aside) have
 * the file's text forms, and the same parameter names are registered, each with the file's size,
 * rule, learning-rate factor and state buffers; the order of registration may differ.
 */
final class CheckpointRestore {

    private record Copy(long offset, MemorySegment target) {
    }

    private final Optimizer optimizer;
    private final CheckpointReader.Image image;
    private final List<Copy> copies;
    private final List<ManualSchedule> manualSchedules;
    private final double[] manualRates;

    private CheckpointRestore(Optimizer optimizer, CheckpointReader.Image image, List<Copy> copies,
                              List<ManualSchedule> manualSchedules, double[] manualRates) {
        this.optimizer = optimizer;
        this.image = image;
        this.copies = copies;
        this.manualSchedules = manualSchedules;
        this.manualRates = manualRates;
    }

    /**
     * Compares the checkpoint with {@code optimizer} and plans its restoration.
     *
     * @throws CheckpointMismatchException listing every difference
     * @throws CorruptCheckpointException  if a manual rate in the file is not a learning rate
     */
    static CheckpointRestore prepare(Path file, CheckpointReader.Image image, Optimizer optimizer) throws IOException {
        CheckpointInfo saved = image.info();
        CheckpointInfo live = CheckpointInfo.of(optimizer);
        List<String> differences = new ArrayList<>();
        compare(differences, "rule", saved.rule(), live.rule());
        RecordCodec.Masked savedSchedule = RecordCodec.mask(saved.schedule());
        compare(differences, "schedule", savedSchedule.shape(), RecordCodec.mask(live.schedule()).shape());
        double[] manualRates = rates(file, savedSchedule.manualRates());
        Map<String, RegisteredParameter> registered = new LinkedHashMap<>();
        OptimizerAccess.get().registered(optimizer).forEach(p -> registered.put(p.name(), p));
        Map<String, CheckpointInfo.Parameter> described = new LinkedHashMap<>();
        live.parameters().forEach(p -> described.put(p.name(), p));
        for (CheckpointInfo.Parameter parameter : saved.parameters()) {
            CheckpointInfo.Parameter current = described.remove(parameter.name());
            if (current == null) {
                differences.add("parameter " + parameter.name() + ": in the file, not registered in the optimizer");
            } else {
                compare(differences, parameter, current);
            }
        }
        described.keySet().forEach(name ->
                differences.add("parameter " + name + ": registered in the optimizer, not in the file"));
        if (!differences.isEmpty()) {
            throw new CheckpointMismatchException(file, differences);
        }
        List<Copy> copies = image.sections().stream().map(s -> new Copy(s.offset(),
                registered.get(saved.parameters().get(s.parameter()).name()).state(s.buffer()))).toList();
        return new CheckpointRestore(optimizer, image, copies, RecordCodec.manualSchedules(optimizer.schedule()),
                manualRates);
    }

    private static void compare(List<String> differences, CheckpointInfo.Parameter saved,
                                CheckpointInfo.Parameter live) {
        String what = "parameter " + saved.name();
        if (saved.floats() != live.floats()) {
            differences.add(what + ": " + saved.floats() + " floats in the file, " + live.floats()
                    + " in the optimizer");
        }
        compare(differences, what + ": rule", saved.rule(), live.rule());
        compare(differences, what + ": learning-rate factor", Double.toString(saved.learningRateFactor()),
                Double.toString(live.learningRateFactor()));
        compare(differences, what + ": state buffers", saved.stateNames().toString(),
                live.stateNames().toString());
    }

    private static void compare(List<String> differences, String what, String saved, String live) {
        if (!saved.equals(live)) {
            differences.add(what + ": " + saved + " in the file, " + live + " in the optimizer");
        }
    }

    private static double[] rates(Path file, List<String> texts) throws CorruptCheckpointException {
        double[] rates = new double[texts.size()];
        for (int i = 0; i < rates.length; i++) {
            try {
                rates[i] = Double.parseDouble(texts.get(i));
            } catch (NumberFormatException e) {
                rates[i] = Double.NaN;
            }
            if (!(rates[i] >= 0 && rates[i] < Double.POSITIVE_INFINITY)) {
                throw new CorruptCheckpointException(file, "header", CheckpointFormat.HEADER_OFFSET,
                        "the schedule's manual rate " + texts.get(i) + " is not a learning rate");
            }
        }
        return rates;
    }

    /** Copies the state, sets the step and skip counters and the manual rates; nothing here can fail. */
    void apply() {
        for (Copy copy : copies) {
            MemorySegment.copy(image.bytes(), CheckpointFormat.FLOAT, copy.offset(),
                    copy.target(), ValueLayout.JAVA_FLOAT_UNALIGNED, 0, copy.target().byteSize() / Float.BYTES);
        }
        OptimizerAccess.get().restoreCounters(optimizer, image.info().stepCount(), image.info().skippedSteps(),
                Map.of());
        for (int i = 0; i < manualRates.length; i++) {
            manualSchedules.get(i).set(manualRates[i]);
        }
    }
}
