package dev.gradus.precision;

import dev.gradus.testing.property.Floats;
import dev.gradus.testing.property.Gen;
import java.util.ArrayList;
import java.util.List;

/**
 * Generators of the values conversions care about: floats at the edges of bfloat16 and float16
 * (overflow thresholds, the float16 subnormal range, ties, NaN payloads) among
 * {@link Floats#any()}, and 16-bit patterns biased toward both formats' special ones.
 */
final class StorageValues {

    /** Floats at the edges of the two formats, both signs. */
    static final List<Float> EDGE_FLOATS = edgeFloats();

    /** 16-bit patterns that are special in either format: zeros, infinities, NaNs, extremes, subnormals. */
    static final List<Short> EDGE_PATTERNS = List.of((short) 0, (short) 0x8000, (short) 0x0001, (short) 0x8001,
            (short) 0x03ff, (short) 0x0400, (short) 0x7bff, (short) 0x7c00, (short) 0xfc00, (short) 0x7c01,
            (short) 0x7dff, (short) 0x7e00, (short) 0xfe01, (short) 0x007f, (short) 0x0080, (short) 0x7f7f,
            (short) 0x7f80, (short) 0xff80, (short) 0x7f81, (short) 0x7fbf, (short) 0x7fc0, (short) 0xffff,
            (short) 0x3f80, (short) 0x3c00);

    private StorageValues() {
    }

    private static List<Float> edgeFloats() {
        float[] positive = {65504f, 65520f, Math.nextDown(65520f), Math.nextUp(65504f), 65536f, 0x1p-14f,
                Math.nextDown(0x1p-14f), Math.nextUp(0x1p-14f), 0x1p-24f, 0x1p-25f, Math.nextUp(0x1p-25f),
                Math.nextDown(0x1p-25f), 0x1.8p-24f, 0x1.ff8p-15f, 0x1.fep127f, 0x1.ffp127f, Math.nextDown(0x1.ffp127f),
                Math.nextUp(0x1.fep127f), Float.MAX_VALUE, 0x1p-133f, 0x1p-134f, Math.nextUp(0x1p-134f),
                1f + 0x1p-8f, 1f + 0x1p-11f, 1f + 0x1.8p-8f, 1f + 0x1.8p-11f, Float.MIN_VALUE, Float.MIN_NORMAL,
                Float.intBitsToFloat(0x7f800001), Float.intBitsToFloat(0x7fbfffff), Float.intBitsToFloat(0x7fc00001),
                Float.intBitsToFloat(0x7f802000), Float.intBitsToFloat(0x7fffffff), Float.POSITIVE_INFINITY, 0f};
        List<Float> values = new ArrayList<>();
        for (float value : positive) {
            values.add(value);
            values.add(-value);
        }
        return List.copyOf(values);
    }

    /** A quarter edge floats, a quarter random bit patterns, half {@link Floats#any()}. */
    static Gen<Float> floats() {
        Gen<Float> edges = Gen.elementOf(EDGE_FLOATS);
        Gen<Float> any = Floats.any();
        return random -> switch (random.nextInt(4)) {
            case 0 -> edges.next(random);
            case 1 -> Float.intBitsToFloat(random.nextInt());
            default -> any.next(random);
        };
    }

    /** Half edge patterns, half random ones. */
    static Gen<Short> patterns() {
        Gen<Short> edges = Gen.elementOf(EDGE_PATTERNS);
        return random -> random.nextBoolean() ? edges.next(random) : (short) random.nextInt();
    }
}
