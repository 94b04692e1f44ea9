package dev.gradus.internal.warmup;

import java.util.function.Supplier;

/**
 * The warm-up's logging. The first use of {@link System.Logger} loads the logging framework,
 * which takes tens of milliseconds of CPU, so it happens only when there is something to say: a
 * warning when the vector kernels cannot serve, always; the outcome of each family (level
 * {@code DEBUG}) and the progress of each round (level {@code TRACE}) only with
 * {@code -D}{@value #TRACE_PROPERTY}{@code =true}. It never happens on a caller's first kernel
 * call: {@link #later} logs from a daemon thread of its own.
 */
public final class WarmUpLog {

    /** System property: {@code true} logs the warm-up's progress. */
    public static final String TRACE_PROPERTY = "gradus.warmup.trace";

    private static final boolean TRACING = Boolean.getBoolean(TRACE_PROPERTY);

    private WarmUpLog() {
    }

    static void warning(String message) {
        Holder.LOG.log(System.Logger.Level.WARNING, message);
    }

    static void debug(Supplier<String> message) {
        if (TRACING) {
            Holder.LOG.log(System.Logger.Level.DEBUG, message);
        }
    }

    static void trace(Supplier<String> message) {
        if (TRACING) {
            Holder.LOG.log(System.Logger.Level.TRACE, message);
        }
    }

    /**
     * Logs a warning from a new daemon thread, so that the caller does not wait for the logging
     * framework to load.
     *
     * @param message the warning
     */
    public static void later(String message) {
        Thread thread = new Thread(new Later(message), WarmUpWorker.THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
    }

    /** A warning to log. */
    private record Later(String message) implements Runnable {
        @Override
        public void run() {
            warning(message);
        }
    }

    /** The logger, made on first use. */
    private static final class Holder {
        static final System.Logger LOG = System.getLogger("dev.gradus");
    }
}
