package dev.gradus.jmh.harness;

import java.time.Instant;
import java.util.List;

/**
 * What {@link JitTally} reads from a flight recording of a benchmark fork, reduced to the fields it
 * needs (so that it can be tested without one): compiled code installed, compiled code
 * deoptimized, and execution samples of the benchmark threads. Methods are named
 * {@code type.name(descriptor)}, the same way in every event.
 */
public sealed interface JitEvent {

    /**
     * When the event happened.
     *
     * @return the time, on the recording's clock
     */
    Instant time();

    /**
     * A successful JIT compilation ({@code jdk.Compilation}).
     *
     * @param time      when it ended: the code is installed
     * @param compileId the JVM's number of the compilation
     * @param method    the method compiled
     * @param level     the tier: 1 to 3 C1, 4 C2
     * @param osr       whether it is an on-stack replacement, entered only from a running
     *                  interpreted loop
     */
    record Compiled(Instant time, long compileId, String method, int level, boolean osr) implements JitEvent {
    }

    /**
     * A deoptimization ({@code jdk.Deoptimization}): a compiled frame went back to the interpreter.
     *
     * @param time            when
     * @param compileId       the compilation whose code deoptimized
     * @param method          the method whose bytecode trapped (may be inlined in the compiled one)
     * @param reason          the JVM's reason, for example {@code unstable_if}
     * @param action          the JVM's action: {@code none}, {@code maybe_recompile},
     *                        {@code reinterpret} or {@code make_not_entrant}
     * @param benchmarkThread whether a benchmark thread trapped
     */
    record Deoptimized(Instant time, long compileId, String method, String reason, String action,
                       boolean benchmarkThread) implements JitEvent {

        /**
         * Whether the compiled code is invalid afterwards, so that later calls run other code.
         *
         * @return {@code true} for the actions {@code reinterpret} and {@code make_not_entrant}
         */
        public boolean invalidates() {
            return action.equals("reinterpret") || action.equals("make_not_entrant");
        }
    }

    /**
     * An execution sample of a benchmark thread ({@code jdk.ExecutionSample}).
     *
     * @param time   when
     * @param frames the top of the stack, top frame first: at least down to the first frame that
     *               is not inlined, the code that was running
     */
    record Sampled(Instant time, List<Frame> frames) implements JitEvent {

        /** The frames, copied. */
        public Sampled {
            frames = List.copyOf(frames);
        }
    }

    /**
     * One frame of a sampled stack.
     *
     * @param method the method
     * @param kind   how it ran
     */
    record Frame(String method, FrameKind kind) {
    }

    /** How a sampled frame ran, as the flight recorder tells it. */
    enum FrameKind {
        /** By the interpreter. */
        INTERPRETED,
        /** As compiled code of its own (the tier is in the compilation events). */
        COMPILED,
        /** Inlined into the compiled code of a frame below it. */
        INLINED,
        /** Native code. */
        NATIVE;

        /**
         * The kind of a frame type string of {@code jdk.jfr.consumer.RecordedFrame#getType()}.
         *
         * @param type for example {@code "Interpreted"}, {@code "JIT compiled"}, {@code "Inlined"}
         * @return the kind; anything not interpreted, inlined or native counts as compiled
         */
        public static FrameKind of(String type) {
            return switch (type) {
                case "Interpreted" -> INTERPRETED;
                case "Inlined" -> INLINED;
                case "Native" -> NATIVE;
                default -> COMPILED;
            };
        }
    }

    /**
     * A measurement iteration, from its start to its end.
     *
     * @param start when it began
     * @param end   when it ended
     */
    record Window(Instant start, Instant end) {

        /**
         * Whether an instant falls inside.
         *
         * @param t the instant
         * @return {@code start <= t <= end}
         */
        public boolean contains(Instant t) {
            return !t.isBefore(start) && !t.isAfter(end);
        }

        /**
         * Whether an instant falls inside any of some windows.
         *
         * @param windows the windows
         * @param t       the instant
         * @return {@code true} when one contains it
         */
        public static boolean anyContains(List<Window> windows, Instant t) {
            for (Window window : windows) {
                if (window.contains(t)) {
                    return true;
                }
            }
            return false;
        }
    }
}
