package dev.gradus.testing;

import jdk.incubator.vector.FloatVector;

/**
 * The widest float vector this CPU runs in hardware, as the Vector API reports it. Call it only
 * where the module {@code jdk.incubator.vector} is loaded.
 */
public final class PreferredWidth {

    private PreferredWidth() {
    }

    /** {@return the bits of {@link FloatVector#SPECIES_PREFERRED}: wider species are not intrinsified by C2} */
    public static int bits() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }
}
