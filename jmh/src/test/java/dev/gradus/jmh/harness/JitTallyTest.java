package dev.gradus.jmh.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.jmh.harness.JitEvent.Compiled;
import dev.gradus.jmh.harness.JitEvent.Deoptimized;
import dev.gradus.jmh.harness.JitEvent.Frame;
import dev.gradus.jmh.harness.JitEvent.FrameKind;
import dev.gradus.jmh.harness.JitEvent.Sampled;
import dev.gradus.jmh.harness.JitEvent.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JitTallyTest {

    private static final String STUB = "p.XBenchmark_gradus_jmhTest.gradus_avgt_jmhStub()V";
    private static final String BENCHMARK = "p.XBenchmark.gradus()V";
    private static final String KERNEL = "dev.gradus.internal.ScalarKernels.adam(JJ)V";
    /** The measurement: from 10 s to 20 s. */
    private static final List<Window> MEASURED = List.of(new Window(at(10), at(20)));

    @Test
    void aSampleCountsForTheTierOfItsTopPhysicalFrame() {
        List<JitEvent> events = List.of(
                new Compiled(at(1), 1, STUB, 4, true),
                sample(11, inlined(KERNEL), inlined(BENCHMARK), compiled(STUB)),
                sample(12, interpreted(KERNEL), compiled(STUB)),
                new Compiled(at(13), 2, KERNEL, 3, false),
                sample(14, compiled(KERNEL), compiled(STUB)),
                sample(15, compiled(BENCHMARK)),
                sample(16, new Frame(KERNEL, FrameKind.NATIVE)));
        JitTally tally = JitTally.of(events, MEASURED);
        assertEquals(List.of(1, 1, 1, 2), List.of(tally.c2(), tally.c1(), tally.interpreted(), tally.unknown()),
                "inlined into C2, interpreted, C1; compiled before the recording and native are unknown");
        assertEquals(3, tally.known());
        assertEquals(100.0 / 3, tally.c2Percent(), 1e-9);
        assertEquals(100.0 / 3, tally.interpretedPercent(), 1e-9);
    }

    @Test
    void normalCodeServesCallsAndOnStackReplacementsOnlyWithoutIt() {
        List<JitEvent> events = new ArrayList<>(List.of(
                new Compiled(at(1), 1, KERNEL, 4, true),
                sample(11, compiled(KERNEL)),
                new Compiled(at(12), 2, KERNEL, 3, false),
                sample(13, compiled(KERNEL)),
                new Compiled(at(14), 3, KERNEL, 4, false),
                sample(15, compiled(KERNEL))));
        JitTally tally = JitTally.of(events, MEASURED);
        assertEquals(List.of(2, 1), List.of(tally.c2(), tally.c1()),
                "OSR code alone: C2; C1 normal code beside it: C1; then C2 normal code");
    }

    @Test
    void aDeoptimizationThatInvalidatesCodeRemovesItOneThatOnlyLeavesAFrameDoesNot() {
        List<JitEvent> events = List.of(
                new Compiled(at(1), 1, KERNEL, 3, false),
                new Compiled(at(2), 2, KERNEL, 4, false),
                new Deoptimized(at(11), 2, KERNEL, "unstable_if", "maybe_recompile", true),
                sample(12, compiled(KERNEL)),
                new Deoptimized(at(13), 2, KERNEL, "profile_predicate", "make_not_entrant", true),
                sample(14, compiled(KERNEL)),
                new Compiled(at(15), 3, KERNEL, 3, false),
                sample(16, compiled(KERNEL)));
        JitTally tally = JitTally.of(events, MEASURED);
        assertEquals(List.of(1, 1, 1), List.of(tally.c2(), tally.c1(), tally.unknown()),
                "still C2; no valid code, unknown; recompiled by C1");
        assertEquals(2, tally.deoptimizations());
        assertTrue(tally.topTrap().matches("ScalarKernels\\.adam: (unstable_if|profile_predicate) x1"), tally.topTrap());
    }

    @Test
    void onlyTheMeasurementCountsAndOnlyTheBenchmarkThreadsTrapsAndTheRunningCodesCompilations() {
        List<JitEvent> events = List.of(
                new Compiled(at(1), 1, STUB, 4, true),
                new Deoptimized(at(2), 1, KERNEL, "class_check", "make_not_entrant", true),
                sample(5, interpreted(KERNEL)),
                new Compiled(at(11), 2, STUB, 4, true),
                new Compiled(at(12), 3, "java.lang.String.hashCode()I", 4, false),
                new Deoptimized(at(13), 3, "java.lang.String.hashCode()I", "null_check", "make_not_entrant", false),
                new Deoptimized(at(14), 2, KERNEL, "range_check", "none", true),
                new Deoptimized(at(15), 2, KERNEL, "range_check", "none", true),
                new Deoptimized(at(16), 2, BENCHMARK, "null_check", "none", true),
                sample(17, inlined(KERNEL), compiled(STUB)),
                sample(25, interpreted(KERNEL)));
        JitTally tally = JitTally.of(events, MEASURED);
        assertEquals(1, tally.known());
        assertEquals(1, tally.c2());
        assertEquals(1, tally.compilations(), "the stub's recompilation; String is not running code");
        assertEquals(3, tally.deoptimizations(), "the benchmark thread's, inside the window");
        assertEquals("ScalarKernels.adam: range_check x2", tally.topTrap());
        assertEquals("C2 100%, C1 0%, interpreted 0% of 1 samples (0 unknown); 1 compilations, 3 deoptimizations "
                + "during the measurement, most often ScalarKernels.adam: range_check x2", tally.describe());
    }

    @Test
    void withoutSamplesThereAreNoShares() {
        JitTally tally = JitTally.of(List.of(), MEASURED);
        assertEquals(0, tally.known());
        assertTrue(Double.isNaN(tally.c2Percent()));
        assertNull(tally.topTrap());
    }

    @Test
    void framesAndNamesReadAsTheRecorderWritesThem() {
        assertEquals(FrameKind.INTERPRETED, FrameKind.of("Interpreted"));
        assertEquals(FrameKind.COMPILED, FrameKind.of("JIT compiled"));
        assertEquals(FrameKind.INLINED, FrameKind.of("Inlined"));
        assertEquals(FrameKind.NATIVE, FrameKind.of("Native"));
        assertEquals("ScalarKernels.adam", JitTally.shortName(KERNEL));
        assertEquals("X.m", JitTally.shortName("X.m()V"));
        assertTrue(new Deoptimized(at(1), 1, KERNEL, "r", "reinterpret", true).invalidates());
        assertTrue(Window.anyContains(MEASURED, at(20)));
    }

    private static Sampled sample(int second, Frame... frames) {
        return new Sampled(at(second), List.of(frames));
    }

    private static Frame inlined(String method) {
        return new Frame(method, FrameKind.INLINED);
    }

    private static Frame compiled(String method) {
        return new Frame(method, FrameKind.COMPILED);
    }

    private static Frame interpreted(String method) {
        return new Frame(method, FrameKind.INTERPRETED);
    }

    private static Instant at(int second) {
        return Instant.ofEpochSecond(1_000_000 + second);
    }
}
