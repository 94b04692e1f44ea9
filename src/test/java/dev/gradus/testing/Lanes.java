package dev.gradus.testing;

import dev.gradus.Kernels;

/** The lane count of the kernels in use, which shapes the generated element counts. */
public final class Lanes {

    private Lanes() {
    }

    /** Floats per vector of the selected kernels; 8 (a 256-bit vector) for the scalar kernels. */
    public static int ofSelectedKernels() {
        String name = Kernels.implementation();
        return name.startsWith("vector-") ? Integer.parseInt(name.substring("vector-".length())) / Float.SIZE : 8;
    }
}
