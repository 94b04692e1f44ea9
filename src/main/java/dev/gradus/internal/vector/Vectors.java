package dev.gradus.internal.vector;

import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float species every vector kernel uses, chosen once per JVM: the preferred one, or the
 * width {@value #BITS_PROPERTY} forces. The fields are {@code static final}, so C2 treats the
 * species as a constant and intrinsifies every operation on it.
 */
final class Vectors {

    /** System property forcing a species width in bits (64, 128, 256 or 512), for tests. */
    static final String BITS_PROPERTY = "gradus.vector.bits";

    static final VectorSpecies<Float> SPECIES = selectSpecies();
    static final int LANES = SPECIES.length();
    static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private Vectors() {
    }

    private static VectorSpecies<Float> selectSpecies() {
        String forced = System.getProperty(BITS_PROPERTY);
        if (forced == null) {
            return FloatVector.SPECIES_PREFERRED;
        }
        int bits = switch (forced.strip()) {
            case "64" -> 64;
            case "128" -> 128;
            case "256" -> 256;
            case "512" -> 512;
            default -> throw new IllegalArgumentException(
                    BITS_PROPERTY + " must be 64, 128, 256 or 512, got " + forced);
        };
        return VectorSpecies.of(float.class, VectorShape.forBitSize(bits));
    }

    /** Whether the width was forced by {@value #BITS_PROPERTY}. */
    static boolean forced() {
        return System.getProperty(BITS_PROPERTY) != null;
    }
}
