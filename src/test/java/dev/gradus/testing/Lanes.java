package dev.gradus.testing;

import dev.gradus.internal.KernelProvider;
import java.time.Duration;

/** The lane count of the kernels a run is about, which shapes the generated element counts. */
public final class Lanes {

    private Lanes() {
    }

    /**
     * {@return the floats per vector of the vector kernels the calls run on or switch to once
     * warmed up; 8 (a 256-bit vector) when they run scalar kernels for good}
     */
    public static int ofSelectedKernels() {
        String name;
        try {
            name = KernelProvider.vectorName(Duration.ofMinutes(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return name != null ? Integer.parseInt(name.substring("vector-".length())) / Float.SIZE : 8;
    }
}
