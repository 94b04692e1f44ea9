package dev.gradus.internal.warmup;

import dev.gradus.Adam;
import dev.gradus.Kernels;

/**
 * The child JVM of {@link WarmUpProcessTest}: one Adam step through the public API, which starts
 * its warm-up (seconds of work), then the end of {@code main}. At shutdown it tells on standard error whether
 * the warm-up thread was still running, and prints nothing else but {@code done} on standard
 * output.
 */
final class ShortLivedMain {

    private ShortLivedMain() {
    }

    public static void main(String[] args) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.err.println("warm-up alive at exit: "
                + Thread.getAllStackTraces().keySet().stream()
                        .anyMatch(t -> t.getName().equals(WarmUpWorker.THREAD_NAME) && t.isAlive()))));
        float[] w = new float[65_536];
        Kernels.adam(Adam.DEFAULT, 1e-3, 1, w, new float[w.length], new float[w.length], new float[w.length]);
        System.out.println("done");
    }
}
