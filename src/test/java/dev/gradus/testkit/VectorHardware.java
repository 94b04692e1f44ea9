package dev.gradus.testkit;

import dev.gradus.testing.ChildExit;
import dev.gradus.testing.ChildJvm;
import dev.gradus.testing.PreferredWidth;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The float vector widths of this CPU, as the Vector API reports them: the preferred species is
 * the widest C2 intrinsifies; narrower ones are intrinsified too where the CPU has them (every
 * x86 with AVX2 or AVX-512, Arm with NEON or SVE), wider ones run on the Java fallback.
 */
final class VectorHardware {

    /** The widths {@code -Dgradus.vector.bits} can force. */
    static final List<Integer> FORCIBLE_BITS = List.of(64, 128, 256, 512);
    static final String VECTOR_MODULE = "jdk.incubator.vector";

    private VectorHardware() {
    }

    /** Whether the module {@value #VECTOR_MODULE} is in this JVM's boot layer. */
    static boolean vectorModuleLoaded() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /**
     * The bits of {@code FloatVector.SPECIES_PREFERRED}: asked of this JVM if it has the vector
     * module, else of a child JVM with it.
     *
     * @throws IllegalStateException if the child cannot tell
     */
    static int preferredBits() {
        if (vectorModuleLoaded()) {
            return PreferredWidth.bits();
        }
        try {
            ChildExit child = ChildJvm.of(VectorHardware.class).withJvmOptions("--add-modules", VECTOR_MODULE)
                    .run(Duration.ofMinutes(1));
            if (child.exitCode() != 0) {
                throw new IllegalStateException("the preferred species could not be read: " + child.report());
            }
            return Integer.parseInt(child.stdout().strip());
        } catch (IOException e) {
            throw new IllegalStateException("the preferred species could not be read", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The forcible widths up to {@code preferred} bits, narrowest first. */
    static List<Integer> upTo(int preferred) {
        return FORCIBLE_BITS.stream().filter(bits -> bits <= preferred).toList();
    }

    /** The widths of {@code bits} that are a forcible width, or throws naming the first that is not. */
    static List<Integer> forcible(int... bits) {
        return IntStream.of(bits).boxed().peek(b -> {
            if (!FORCIBLE_BITS.contains(b)) {
                throw new IllegalArgumentException("a forced width is one of " + FORCIBLE_BITS + ", not " + b);
            }
        }).toList();
    }

    /**
     * Prints the preferred species' bits, for {@link #preferredBits()} in a JVM without the vector
     * module.
     *
     * @param args none
     */
    public static void main(String[] args) {
        System.out.println(PreferredWidth.bits());
    }
}
