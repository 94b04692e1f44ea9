package dev.gradus.jmh.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A flight recording in the benchmark fork of what {@link JitTally} counts: every JIT compilation
 * ({@code jdk.Compilation}, without its default 1 s threshold), every deoptimization, execution
 * samples every {@value #SAMPLE_MILLIS} ms, and the measurement iterations as events of their own
 * (so that every time comes from the recording's clock). Kept in memory; read once, at the end.
 */
final class JitRecording implements AutoCloseable {

    /** The period of the execution samples. */
    static final long SAMPLE_MILLIS = 10;

    /** Where JMH runs the benchmark: its worker threads are named {@code <benchmark>-jmh-worker-<k>}. */
    private static final String WORKER = "-jmh-worker-";
    private static final String WINDOW_EVENT = "dev.gradus.jmh.MeasurementIteration";

    /** A measurement iteration, from its start to its end. */
    @Name(WINDOW_EVENT)
    @Label("Measurement iteration")
    static final class Iteration extends Event {
    }

    private final Recording recording;
    private Iteration iteration;

    private JitRecording(Recording recording) {
        this.recording = recording;
    }

    /**
     * Starts recording.
     *
     * @return the running recording
     * @throws IllegalStateException when the JVM cannot record (no flight recorder)
     */
    static JitRecording start() {
        Recording recording = new Recording();
        recording.enable("jdk.Compilation").withoutThreshold();
        recording.enable("jdk.Deoptimization").withoutStackTrace();
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(SAMPLE_MILLIS));
        recording.enable(Iteration.class).withoutStackTrace();
        recording.setToDisk(false);
        recording.setName("gradus-jit");
        recording.start();
        return new JitRecording(recording);
    }

    /** Marks the start of a measurement iteration. */
    void beginIteration() {
        iteration = new Iteration();
        iteration.begin();
    }

    /** Marks the end of the measurement iteration begun last. */
    void endIteration() {
        if (iteration != null) {
            iteration.commit();
            iteration = null;
        }
    }

    /**
     * Counts what has been recorded so far.
     *
     * @return the tally of the measurement iterations
     * @throws IOException when the recording cannot be written or read
     */
    JitTally tally() throws IOException {
        Path file = Files.createTempFile("gradus-jit", ".jfr");
        try {
            recording.dump(file);
            List<RecordedEvent> recorded = RecordingFile.readAllEvents(file);
            List<JitEvent.Window> windows = new ArrayList<>();
            for (RecordedEvent event : recorded) {
                if (event.getEventType().getName().equals(WINDOW_EVENT)) {
                    windows.add(new JitEvent.Window(event.getStartTime(), event.getEndTime()));
                }
            }
            List<JitEvent> events = new ArrayList<>();
            for (RecordedEvent event : recorded) {
                JitEvent jit = jitEvent(event, windows);
                if (jit != null) {
                    events.add(jit);
                }
            }
            return JitTally.of(events, windows);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The event as the tally reads it; {@code null} for one it does not count. */
    private static JitEvent jitEvent(RecordedEvent event, List<JitEvent.Window> windows) {
        switch (event.getEventType().getName()) {
            case "jdk.Compilation" -> {
                return event.getBoolean("succeded") ? new JitEvent.Compiled(event.getEndTime(),
                        number(event, "compileId"), method(event.getValue("method")), (int) number(event, "compileLevel"),
                        event.getBoolean("isOsr")) : null;
            }
            case "jdk.Deoptimization" -> {
                return new JitEvent.Deoptimized(event.getStartTime(), number(event, "compileId"),
                        method(event.getValue("method")), event.getString("reason"), event.getString("action"),
                        worker(event.getThread()));
            }
            case "jdk.ExecutionSample" -> {
                boolean counted = worker(event.getThread("sampledThread")) && event.getStackTrace() != null
                        && JitEvent.Window.anyContains(windows, event.getStartTime());
                return counted ? new JitEvent.Sampled(event.getStartTime(), runningCode(event.getStackTrace()))
                        : null;
            }
            default -> {
                return null;
            }
        }
    }

    /** The frames of the code running: the inlined frames from the top and the frame they are inlined into. */
    private static List<JitEvent.Frame> runningCode(RecordedStackTrace stack) {
        List<JitEvent.Frame> frames = new ArrayList<>();
        for (RecordedFrame recorded : stack.getFrames()) {
            JitEvent.Frame frame = new JitEvent.Frame(method(recorded.getMethod()),
                    JitEvent.FrameKind.of(recorded.getType()));
            frames.add(frame);
            if (frame.kind() != JitEvent.FrameKind.INLINED) {
                break;
            }
        }
        return frames;
    }

    @Override
    public void close() {
        recording.close();
    }

    private static String method(RecordedMethod method) {
        return method == null ? "?" : method.getType().getName() + "." + method.getName() + method.getDescriptor();
    }

    private static long number(RecordedEvent event, String field) {
        return ((Number) event.getValue(field)).longValue();
    }

    private static boolean worker(RecordedThread thread) {
        return thread != null && thread.getJavaName() != null && thread.getJavaName().contains(WORKER);
    }
}
