package dev.gradus.internal;

import java.lang.reflect.InvocationTargetException;

/**
 * Picks the kernels once per JVM: the vector kernels when the Vector API can serve them well,
 * otherwise the scalar kernels, with one logged warning saying why.
 *
 * <p>The vector kernels are used when all of these hold:
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
 */
public final class KernelProvider {

    /** System property: {@code scalar} forces the scalar kernels; anything else selects automatically. */
    public static final String KERNELS_PROPERTY = "gradus.kernels";

    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String VECTOR_KERNELS = "dev.gradus.internal.vector.VectorKernels";
    private static final System.Logger LOG = System.getLogger("dev.gradus");

    private static final KernelSet SELECTED = select();

    private KernelProvider() {
    }

    /** The kernels every public entry point dispatches to. */
    public static KernelSet kernels() {
        return SELECTED;
    }

    private static KernelSet select() {
        if ("scalar".equalsIgnoreCase(System.getProperty(KERNELS_PROPERTY, "").strip())) {
            LOG.log(System.Logger.Level.DEBUG, "Gradus uses its scalar kernels: " + KERNELS_PROPERTY + "=scalar");
            return ScalarKernels.INSTANCE;
        }
        String reason = vectorUnavailableReason(
                ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent(), System.getProperty("java.vm.info", ""));
        if (reason == null) {
            try {
                return (KernelSet) Class.forName(VECTOR_KERNELS).getMethod("create").invoke(null);
            } catch (InvocationTargetException e) {
                reason = e.getCause().getMessage();
            } catch (ReflectiveOperationException | LinkageError e) {
                reason = "the vector kernels could not be loaded (" + e + ")";
            }
        }
        LOG.log(System.Logger.Level.WARNING,
                "Gradus uses its scalar kernels, which are several times slower: " + reason);
        return ScalarKernels.INSTANCE;
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
