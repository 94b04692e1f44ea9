package dev.gradus.compiled;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gradus.Kernels;
import dev.gradus.testing.ChildExit;
import dev.gradus.testing.ChildJvm;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Every kernel variant ({@link KernelVariant}) reaches allocation-free calls, so C2 compiled its
 * Vector API loop with the intrinsics, and stays there while other variants of the same rule run:
 * in each of {@value #JVMS_PROPERTY} fresh JVMs on native segments (default {@value #DEFAULT_JVMS})
 * and {@value #HEAP_JVMS_PROPERTY} on heap segments over {@code float[]} (default
 * {@value #DEFAULT_HEAP_JVMS}), started {@value #PARALLELISM_PROPERTY} at a time (default 2),
 * {@link StayCompiledProbe} warms every variant in turn, families and variants in a different order
 * per JVM (the first JVM in the listed order: plain Adam before AMSGrad, and so on), then checks
 * each again. See docs/decisions/0010-one-compiled-loop-per-option-set.md.
 *
 * <p>The JIT compiles in the background, so whether a recompiled loop lost its intrinsics varied
 * from run to run: fresh JVMs, many orders. Runs only with the vector kernels at the preferred
 * width. A failure names the JVM's seed and memory; {@code java --add-modules jdk.incubator.vector
 * -Dgradus.warmup=off -cp <test class path> dev.gradus.compiled.StayCompiledProbe <seed> 4096 10000
 * 200 60 native|heap} replays it.
 */
class StaysCompiledTest {

    static final String JVMS_PROPERTY = "gradus.compiled.jvms";
    static final String PARALLELISM_PROPERTY = "gradus.compiled.parallelism";
    static final int DEFAULT_JVMS = 20;
    static final String HEAP_JVMS_PROPERTY = "gradus.compiled.heapJvms";
    static final int DEFAULT_HEAP_JVMS = 2;

    /** Elements per buffer: 16 KiB, in cache. */
    private static final int N = 4096;
    /** The calls after which a variant that still allocates counts as boxed (the slowest variant needs about 2000). */
    private static final long MAX_CALLS = 10_000;
    /** Consecutive allocation-free calls that make a variant steady. */
    private static final int STEADY_CALLS = 200;
    /** Time limit of one check, generous for a loaded machine. */
    private static final long SECONDS_PER_CHECK = 60;
    /**
     * Time limit of one probe JVM: every check of both passes at its own limit, and a minute to start
     * and end. Only a probe that hangs reaches it.
     */
    private static final Duration PROBE_TIME_LIMIT =
            Duration.ofSeconds(2 * KernelVariant.all().size() * SECONDS_PER_CHECK + 60);
    private static final ChildJvm PROBE = ChildJvm.of(StayCompiledProbe.class)
            .withJvmOptions("--add-modules", "jdk.incubator.vector", "-Xmx256m", "-Dgradus.warmup=off")
            .withMergedStderr();

    @Test
    void everyVariantIsCompiledOnceAndStaysCompiled() throws Exception {
        assumeTrue(Kernels.implementation().startsWith("vector-") && System.getProperty("gradus.vector.bits") == null,
                "the vector kernels at the preferred width are not in use: " + Kernels.implementation());
        int jvms = Integer.getInteger(JVMS_PROPERTY, DEFAULT_JVMS);
        int heapJvms = Integer.getInteger(HEAP_JVMS_PROPERTY, DEFAULT_HEAP_JVMS);
        int parallelism = Integer.getInteger(PARALLELISM_PROPERTY, 2);
        List<String> failures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(parallelism)) {
            List<Future<String>> runs = new ArrayList<>();
            for (long seed = 0; seed < jvms + heapJvms; seed++) {
                long jvm = seed;
                runs.add(pool.submit(() -> failureOf(jvm, jvm < jvms ? "native" : "heap")));
            }
            for (Future<String> run : runs) {
                String failure = run.get();
                if (failure != null) {
                    failures.add(failure);
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + (jvms + heapJvms) + " JVMs ran a kernel variant on boxed vectors:\n"
                    + String.join("\n", failures));
        }
    }

    /** Runs the probe with {@code seed} in a fresh JVM: null if it passed, else what went wrong. */
    private static String failureOf(long seed, String memory) throws IOException, InterruptedException {
        ChildExit probe = PROBE.withArguments(Long.toString(seed), Integer.toString(N), Long.toString(MAX_CALLS),
                Integer.toString(STEADY_CALLS), Long.toString(SECONDS_PER_CHECK), memory).run(PROBE_TIME_LIMIT);
        String output = probe.stdout();
        List<String> boxed = output.lines().filter(line -> line.startsWith("boxed ")).toList();
        boolean completed = probe.exitCode() == 0 && output.lines().anyMatch(line -> line.startsWith("done vector-"));
        if (completed && boxed.isEmpty()) {
            return null;
        }
        String order = output.lines().filter(line -> line.startsWith("order ")).findFirst().orElse("order unknown");
        return "seed " + seed + " " + memory + ", " + order + "\n  "
                + (completed ? String.join("\n  ", boxed) : probe.report());
    }
}
