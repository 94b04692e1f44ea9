package dev.gradus.compiled;

import dev.gradus.testing.property.Buffers;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Locale;

/**
 * The one kind of memory every compiled-code test of a JVM runs its kernels on, set per Surefire
 * execution with {@code -Dgradus.test.compiledMemory=native|heap} (native by default). A JVM whose
 * loops have run on native segments recompiles them for heap segments over and over before C2 stops
 * speculating on the kind (docs/decisions/0010): one test on native memory before the heap cases
 * tripled their time (65 s to 203 s on the 2-core Xeon).
 */
public final class CompiledMemory {

    /** The system property that selects the kind. */
    public static final String PROPERTY = "gradus.test.compiledMemory";

    private static final Buffers.Kind KIND =
            Buffers.Kind.valueOf(System.getProperty(PROPERTY, "native").toUpperCase(Locale.ROOT));

    private CompiledMemory() {
    }

    /** {@return the kind of memory of this JVM's compiled-code tests} */
    public static Buffers.Kind kind() {
        return KIND;
    }

    /**
     * {@return a copy of {@code values} in this JVM's kind of memory}
     *
     * @param arena  allocates native memory; unused for heap memory
     * @param values the floats, copied
     */
    public static MemorySegment copyOf(Arena arena, float[] values) {
        return KIND == Buffers.Kind.HEAP ? MemorySegment.ofArray(values.clone())
                : arena.allocateFrom(ValueLayout.JAVA_FLOAT, values);
    }

    /**
     * {@return {@code floats} zeros in this JVM's kind of memory}
     *
     * @param arena  allocates native memory; unused for heap memory
     * @param floats how many floats
     */
    public static MemorySegment zeros(Arena arena, long floats) {
        return KIND == Buffers.Kind.HEAP ? MemorySegment.ofArray(new float[Math.toIntExact(floats)])
                : arena.allocate(ValueLayout.JAVA_FLOAT, floats);
    }
}
