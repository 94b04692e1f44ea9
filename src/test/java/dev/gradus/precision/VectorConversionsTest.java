package dev.gradus.precision;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gradus.internal.precision.ScalarConversions;
import dev.gradus.internal.vector.VectorConversions;
import dev.gradus.testing.property.Buffers;
import dev.gradus.testing.property.Lengths;
import dev.gradus.testing.property.Property;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The vector conversions, at the width this run forces ({@code gradus.vector.bits}) or the
 * preferred one, give the bits of the scalar conversions for every conversion, whatever the
 * length, offset, kind of memory and split of the range into two calls, and write nothing
 * outside the output. For the random bits and stochastic rounding the global indices start
 * anywhere, often just below a multiple of {@code 2^32}, so that the lanes of one vector carry
 * into the index's high half. Needs the vector module; tagged {@code kernels}, so it runs at
 * every forced width.
 */
@Tag("kernels")
class VectorConversionsTest {

    static int lanes() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "the vector conversions need the module jdk.incubator.vector");
        assumeTrue(!"scalar".equals(System.getProperty("gradus.kernels")),
                "the run forcing the scalar kernels has no vector width of its own");
        String name = VectorConversions.INSTANCE.name();
        return Integer.parseInt(name.substring("vector-".length())) / Float.SIZE;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Conversion.class)
    void vectorConversionsMatchTheScalarOnesBitForBit(Conversion conversion) {
        int lanes = lanes();
        Property.forAll(conversion + ": vector == scalar", ConversionCase.generator(conversion, lanes))
                .shrinkWith(ConversionCase.shrinker())
                .cover("empty", c -> c.n() == 0, 1)
                .cover("shorter than one vector", c -> c.n() > 0 && c.n() < lanes, 5)
                .cover("tail after whole vectors", c -> c.n() > lanes && Lengths.isTail(c.n(), lanes), 20)
                .cover("split inside", c -> c.split() > 0 && c.split() < c.n(), 20)
                .cover("unaligned split", c -> c.split() % lanes != 0, 10)
                .cover("special values", ConversionCase::hasSpecialValue, conversion == Conversion.RANDOM_BITS ? 0 : 20)
                .cover("indices cross a multiple of 2^32", ConversionCase::crossesCarry, 5)
                .cover("heap", c -> c.kind() == Buffers.Kind.HEAP, 20)
                .cover("native", c -> c.kind() == Buffers.Kind.NATIVE, 20)
                .check(c -> {
                    try (Arena arena = Arena.ofConfined()) {
                        int[] scalar = c.run(ScalarConversions.INSTANCE, arena, true);
                        int[] vector = c.run(VectorConversions.INSTANCE, arena, false);
                        assertSameBits(scalar, vector, VectorConversions.INSTANCE.name());
                    }
                });
    }

    /** Every 16-bit pattern widens as the scalar conversion widens it, at this width, to both formats. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = StorageType.class, names = {"BFLOAT16", "FLOAT16"})
    void everyPatternWidensAsTheScalarConversionWidensIt(StorageType type) {
        lanes();
        int patterns = 1 << 16;
        MemorySegment storage = MemorySegment.ofArray(new short[patterns]);
        for (int h = 0; h < patterns; h++) {
            storage.setAtIndex(ValueLayout.JAVA_SHORT, h, (short) h);
        }
        MemorySegment scalar = MemorySegment.ofArray(new float[patterns]);
        MemorySegment vector = MemorySegment.ofArray(new float[patterns]);
        ScalarConversions.INSTANCE.widen(type, storage, scalar, 0, patterns);
        VectorConversions.INSTANCE.widen(type, storage, vector, 0, patterns);
        assertSameBits(scalar.toArray(ValueLayout.JAVA_INT), vector.toArray(ValueLayout.JAVA_INT),
                VectorConversions.INSTANCE.name() + " " + type);
    }

    /** Asserts equal arrays, naming the first differing element in hexadecimal. */
    static void assertSameBits(int[] expected, int[] actual, String what) {
        int at = java.util.Arrays.mismatch(expected, actual);
        if (at >= 0) {
            throw new AssertionError(String.format("%s: element %d is 0x%x, the scalar conversion gives 0x%x",
                    what, at, actual[at], expected[at]));
        }
    }
}
