package dev.gradus.internal;

import dev.gradus.UpdateRule;
import dev.gradus.internal.warmup.Staging;
import dev.gradus.internal.warmup.WarmUpLog;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;

/**
 * Decides once per JVM which kernels serve the calls, and hands out the kernels of each call.
 *
 * <p>The vector kernels can serve when all of these hold:
 * <ul>
 *   <li>{@value #KERNELS_PROPERTY} is not {@code scalar};</li>
 *   <li>the module {@code jdk.incubator.vector} is in the boot layer (the JVM was started with
 *       {@code --add-modules jdk.incubator.vector});</li>
 *   <li>the C2 compiler is on ({@code java.vm.info} reports neither interpreted mode nor
 *       {@code -XX:TieredStopAtLevel} below 4), since the interpreter and C1 run the Vector API
 *       orders of magnitude slower than a scalar loop;</li>
 *   <li>the preferred float species has at least 128 bits, or {@code gradus.vector.bits}
 *       forces a width.</li>
 * </ul>
 * Then, by default, calls start on the {@link ChunkedKernels} while a daemon thread warms the
 * vector kernels for the calls made, and switch once they run compiled (see
 * {@link dev.gradus.internal.warmup}); {@value #WARM_UP_PROPERTY}{@code =off} uses the vector
 * kernels from the first call instead. Otherwise the chunked kernels serve, after one
 * logged warning saying why; {@value #KERNELS_PROPERTY}{@code =scalar} selects the
 * {@link ScalarKernels} themselves, for tests and comparisons.
 *
 * <p>The first call does no more than read two system properties and check for the module: the
 * vector kernels are loaded, and any warning logged, on the warm-up thread.
 */
public final class KernelProvider {

    /** System property: {@code scalar} forces the scalar kernels; anything else selects automatically. */
    public static final String KERNELS_PROPERTY = "gradus.kernels";

    /** System property: {@code off} uses the vector kernels from the first call, without warm-up. */
    public static final String WARM_UP_PROPERTY = "gradus.warmup";

    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String VECTOR_KERNELS = "dev.gradus.internal.vector.VectorKernels";

    private static final Staging STAGING = select();

    private KernelProvider() {
    }

    /** The kernels of the next call: read it once per step, and use it for the whole step. */
    public static KernelSet kernels() {
        return STAGING.current();
    }

    /**
     * Starts warming the vector kernel for steps of {@code rule} on these buffers now, ahead of the
     * first step, if it is not warmed or warming yet: an empty step of the rule, which reports
     * the kernel's options and kind of memory and changes nothing.
     *
     * @param rule         the rule
     * @param learningRate the learning rate of the first step
     * @param param        the parameter
     * @param gradient     its gradient
     * @param state0       the rule's first state buffer, or null
     * @param state1       its second, or null
     * @param state2       its third, or null
     * @param clipped      whether the steps clip, and so scale the gradient
     */
    public static void prepare(UpdateRule rule, double learningRate, MemorySegment param, MemorySegment gradient,
                               MemorySegment state0, MemorySegment state1, MemorySegment state2, boolean clipped) {
        if (clipped) {
            RuleSteps.step(kernels(), rule, learningRate, 1, param, null, gradient, state0, state1, state2, 0, 0, 1f);
        } else {
            RuleSteps.step(kernels(), rule, learningRate, 1, param, gradient, state0, state1, state2, 0, 0);
        }
    }

    /**
     * Starts warming the vector scan for NaN and infinities on buffers like {@code values}, ahead
     * of its first use: an empty scan.
     *
     * @param values a buffer to be scanned
     */
    public static void prepareScan(MemorySegment values) {
        kernels().firstNonFinite(values, 0, 0);
    }

    /**
     * Starts warming the reduction of clipping for {@code values}'s kind of memory: an empty sum
     * of squares, or an empty largest absolute value.
     *
     * @param values a gradient to be clipped
     * @param l2     whether the L2 norm, else the infinity norm
     */
    public static void prepareNorm(MemorySegment values, boolean l2) {
        if (l2) {
            kernels().sumOfSquares(values, 0, 0, 0.0);
        } else {
            kernels().maxAbs(values, 0, 0);
        }
    }

    /**
     * Waits until every kernel call made so far has its vector kernel warmed up (or stays on the
     * chunked kernels for good).
     *
     * @param timeout how long to wait at most
     * @return whether everything is settled
     * @throws InterruptedException if interrupted while waiting
     */
    public static boolean awaitSettled(Duration timeout) throws InterruptedException {
        return STAGING.awaitSettled(timeout);
    }

    /** The staging of this JVM, for tests and benchmarks that follow the warm-up family by family. */
    public static Staging staging() {
        return STAGING;
    }

    /**
     * The name of the vector kernels the calls switch to (or use from the start), such as
     * {@code "vector-512"}, waiting at most {@code timeout} for them to load; {@code null} if
     * the calls never run vector kernels.
     *
     * @param timeout how long to wait at most for the warm-up thread to load them
     * @return the name, or {@code null}
     * @throws InterruptedException if interrupted while waiting
     */
    public static String vectorName(Duration timeout) throws InterruptedException {
        String current = kernels().name();
        return current.startsWith("vector-") ? current : STAGING.awaitVectorName(timeout);
    }

    private static Staging select() {
        if ("scalar".equalsIgnoreCase(System.getProperty(KERNELS_PROPERTY, "").strip())) {
            return Staging.fixed(ScalarKernels.INSTANCE);
        }
        String reason = vectorUnavailableReason(
                ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent(), System.getProperty("java.vm.info", ""));
        if (reason != null) {
            WarmUpLog.later(fallbackWarning(reason));
            return Staging.fixed(ChunkedKernels.INSTANCE);
        }
        if (!"off".equalsIgnoreCase(System.getProperty(WARM_UP_PROPERTY, "").strip())) {
            return Staging.warming(ChunkedKernels.INSTANCE, new ReflectiveVectorSource());
        }
        try {
            return Staging.fixed(loadVectorKernels());
        } catch (UnsupportedOperationException e) {
            WarmUpLog.later(fallbackWarning(e.getMessage()));
            return Staging.fixed(ChunkedKernels.INSTANCE);
        }
    }

    private static String fallbackWarning(String reason) {
        return "Gradus uses its scalar kernels, which are several times slower: ".concat(reason);
    }

    /**
     * Loads the vector kernels reflectively, so that nothing else links the incubator module; for
     * the provider, and for tests and benchmarks that compare them with the others directly.
     *
     * @return the vector kernels
     * @throws UnsupportedOperationException saying why they cannot serve
     */
    public static KernelSet loadVectorKernels() {
        try {
            return (KernelSet) Class.forName(VECTOR_KERNELS).getMethod("create").invoke(null);
        } catch (InvocationTargetException e) {
            throw new UnsupportedOperationException(e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new UnsupportedOperationException("the vector kernels could not be loaded (" + e + ")", e);
        }
    }

    /** Loads the vector kernels on the warm-up thread. */
    private static final class ReflectiveVectorSource implements Staging.VectorSource {
        @Override
        public KernelSet load() {
            return loadVectorKernels();
        }
    }

    /**
     * Why the vector kernels cannot serve, or {@code null} if they can.
     *
     * @param vectorModuleLoaded whether {@code jdk.incubator.vector} is in the boot layer
     * @param vmInfo             the {@code java.vm.info} property, which names the JIT mode
     */
    static String vectorUnavailableReason(boolean vectorModuleLoaded, String vmInfo) {
        if (!vectorModuleLoaded) {
            return "the module " + VECTOR_MODULE + " is not loaded (start the JVM with --add-modules "
                    + VECTOR_MODULE + ")";
        }
        if (vmInfo.contains("interpreted mode")) {
            return "the JIT compiler is off (" + vmInfo + ")";
        }
        if (vmInfo.contains("emulated-client")) {
            return "the C2 compiler is off, -XX:TieredStopAtLevel is below 4 (" + vmInfo + ")";
        }
        return null;
    }
}
