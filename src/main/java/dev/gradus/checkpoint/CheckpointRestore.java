package dev.gradus.checkpoint;

import dev.gradus.Optimizer;
import dev.gradus.internal.OptimizerAccess;
import dev.gradus.internal.RegisteredParameter;
import dev.gradus.schedule.ManualSchedule;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Restores a checkpoint into an optimizer in three phases, all while the caller holds the
 * optimizer: {@link #prepare} compares the verified header with the optimizer, and may fail;
 * {@link #staging} then receives every section as the reader verifies it, into memory of the
 * caller's arena sized by the optimizer's own buffers (so a file cannot make it allocate more than
 * the optimizer holds); {@link #apply}, once the whole file is verified, copies the sections into
 * the values (if the file holds them) and state buffers and sets the optimizer's and each
 * parameter's step counts, the skipped-step count and the manual rates, and cannot fail.
 *
 * <p>The file fits the optimizer when the optimizer's rule and schedule (manual rates aside) have
 * the file's text forms, and the same parameter names are registered, each with the file's size,
 * rule, learning-rate factor and state buffers; the order of registration may differ. The
 * comparison reads the file's values as bytes ({@link ParsedHeader}) and names at most
 * {@value #LISTED} differences.
 */
final class CheckpointRestore {

    /** The most differences a {@link CheckpointMismatchException} lists; more are counted. */
    static final int LISTED = 100;

    private final Optimizer optimizer;
    private final ParsedHeader header;
    private final RegisteredParameter[] registered;
    private final MemorySegment[][] staged;

    private CheckpointRestore(Optimizer optimizer, ParsedHeader header, RegisteredParameter[] registered) {
        this.optimizer = optimizer;
        this.header = header;
        this.registered = registered;
        this.staged = new MemorySegment[registered.length][];
        for (int p = 0; p < staged.length; p++) {
            staged[p] = new MemorySegment[CheckpointFormat.sections(header, p)];
        }
    }

    /**
     * Compares the header with {@code optimizer}.
     *
     * @param file the file, for the exception, or null for a stream
     * @throws CheckpointMismatchException listing the differences
     */
    static CheckpointRestore prepare(Path file, ParsedHeader header, Optimizer optimizer)
            throws CheckpointMismatchException {
        List<String> differences = new ArrayList<>();
        String rule = RecordCodec.describe(optimizer.rule());
        if (!header.equals(HeaderKeys.Top.RULE, HeaderText.value(rule))) {
            differences.add("rule: " + header.shown(HeaderKeys.Top.RULE) + " in the file, " + rule + " in the optimizer");
        }
        String clipping = CheckpointInfo.clipping(optimizer);
        if (!header.hasClipping(clipping)) {
            differences.add("clipping: " + header.shownClipping() + " in the file, " + clipping + " in the optimizer");
        }
        String shape = RecordCodec.mask(RecordCodec.describe(optimizer.schedule())).shape();
        if (!header.scheduleHasShape(shape)) {
            differences.add("schedule: " + header.shownScheduleShape() + " in the file, " + shape + " in the optimizer");
        }
        List<RegisteredParameter> live = OptimizerAccess.get().registered(optimizer);
        RegisteredParameter[] byFileIndex = new RegisteredParameter[header.parameters()];
        List<RegisteredParameter> unmatched = new ArrayList<>();
        for (RegisteredParameter parameter : live) {
            int p = header.indexOf(HeaderText.value(parameter.name()));
            if (p >= 0) {
                byFileIndex[p] = parameter;
            } else {
                unmatched.add(parameter);
            }
        }
        for (int p = 0; p < byFileIndex.length && differences.size() <= LISTED; p++) {
            if (byFileIndex[p] == null) {
                differences.add("parameter " + header.shown(p, HeaderKeys.Field.NAME)
                        + ": in the file, not registered in the optimizer");
            } else {
                compare(differences, header, p, byFileIndex[p]);
            }
        }
        unmatched.forEach(parameter ->
                differences.add("parameter " + parameter.name() + ": registered in the optimizer, not in the file"));
        if (!differences.isEmpty()) {
            throw new CheckpointMismatchException(file, listed(differences));
        }
        if (header.parameterValues()) {
            live.forEach(CheckpointRestore::requireWritableHere);
        }
        return new CheckpointRestore(optimizer, header, byFileIndex);
    }

    /** Requires the values of {@code parameter} to be writable from this thread, so that {@link #apply} cannot fail. */
    private static void requireWritableHere(RegisteredParameter parameter) {
        MemorySegment values = parameter.values();
        if (!values.scope().isAlive() || !values.isAccessibleBy(Thread.currentThread())) {
            throw new IllegalStateException("the checkpoint holds the values of parameter " + parameter.name()
                    + ", but its segment's arena is closed or confined to another thread");
        }
    }

    private static void compare(List<String> differences, ParsedHeader header, int p, RegisteredParameter live) {
        String what = "parameter " + live.name();
        if (header.floats(p) != live.length()) {
            differences.add(what + ": " + header.floats(p) + " floats in the file, " + live.length() + " in the optimizer");
        }
        String storage = RecordCodec.describe(live.group().storage());
        if (!header.hasStorage(p, storage)) {
            differences.add(what + ": storage: " + header.shownStorage(p) + " in the file, " + storage
                    + " in the optimizer");
        }
        String rule = RecordCodec.describe(live.rule());
        if (!header.equals(p, HeaderKeys.Field.RULE, HeaderText.value(rule))) {
            differences.add(what + ": rule: " + header.shown(p, HeaderKeys.Field.RULE) + " in the file, " + rule
                    + " in the optimizer");
        }
        if (Double.compare(header.learningRateFactor(p), live.learningRateFactor()) != 0) {
            differences.add(what + ": learning-rate factor: " + header.learningRateFactor(p) + " in the file, "
                    + live.learningRateFactor() + " in the optimizer");
        }
        List<String> state = StoredBuffers.names(live);
        if (!header.equals(p, HeaderKeys.Field.STATE, HeaderText.value(String.join(",", state)))) {
            differences.add(what + ": state buffers: [" + header.shown(p, HeaderKeys.Field.STATE).replace(",", ", ")
                    + "] in the file, " + state + " in the optimizer");
        }
        List<Long> sizes = StoredBuffers.elements(live);
        if (header.floats(p) == live.length() && header.stateBuffers(p) == sizes.size()
                && !header.stateFloats(p).equals(sizes)) {
            differences.add(what + ": state floats: " + header.stateFloats(p) + " in the file, " + sizes
                    + " in the optimizer (another shape)");
        }
        List<Integer> elementBytes = StoredBuffers.elementBytes(live);
        if (header.stateBuffers(p) == sizes.size() && !header.elementBytes(p).equals(elementBytes)) {
            differences.add(what + ": element bytes: " + header.elementBytes(p) + " in the file, " + elementBytes
                    + " in the optimizer");
        }
    }

    /** The first {@value #LISTED} differences, and how many more there are. */
    private static List<String> listed(List<String> differences) {
        if (differences.size() <= LISTED) {
            return differences;
        }
        List<String> listed = new ArrayList<>(differences.subList(0, LISTED));
        listed.add("and more differences after these " + LISTED);
        return listed;
    }

    /** Each parameter's step count in the file, by name: what {@link #apply} restores. */
    Map<String, Long> parameterStepCounts() {
        Map<String, Long> stepCounts = new HashMap<>();
        for (int p = 0; p < registered.length; p++) {
            stepCounts.put(registered[p].name(), header.stepCount(p));
        }
        return stepCounts;
    }

    /** Where the reader puts each section: memory of {@code arena} the size of the buffer it will be copied to. */
    CheckpointReader.Sections staging(Arena arena) {
        return (p, s, bytes) -> staged[p][s] = arena.allocate(bytes, Float.BYTES);
    }

    /** Copies every staged section into its buffer, then sets the counters and manual rates; nothing here can fail. */
    void apply() {
        int first = header.parameterValues() ? 1 : 0;
        for (int p = 0; p < registered.length; p++) {
            RegisteredParameter parameter = registered[p];
            for (int s = 0; s < staged[p].length; s++) {
                MemorySegment target = s < first ? parameter.values() : StoredBuffers.buffer(parameter, s - first);
                if (header.sectionElementBytes(p, s) == Float.BYTES) {
                    MemorySegment.copy(staged[p][s], CheckpointFormat.FLOAT, 0, target,
                            ValueLayout.JAVA_FLOAT_UNALIGNED, 0, staged[p][s].byteSize() / Float.BYTES);
                } else {
                    MemorySegment.copy(staged[p][s], CheckpointFormat.SHORT, 0, target,
                            ValueLayout.JAVA_SHORT_UNALIGNED, 0, staged[p][s].byteSize() / Short.BYTES);
                }
            }
        }
        OptimizerAccess.get().restoreCounters(optimizer, header.stepCount(), header.skippedSteps(), parameterStepCounts());
        List<ManualSchedule> manual = RecordCodec.manualSchedules(optimizer.schedule());
        double[] rates = header.manualRates();
        for (int i = 0; i < rates.length; i++) {
            manual.get(i).set(rates[i]);
        }
    }
}
