package dev.gradus.internal.vector;

import static dev.gradus.internal.vector.Vectors.LANES;
import static dev.gradus.internal.vector.Vectors.ORDER;
import static dev.gradus.internal.vector.Vectors.SPECIES;
import static jdk.incubator.vector.VectorOperators.AND_NOT;
import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.I2S;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.OR;
import static jdk.incubator.vector.VectorOperators.S2I;
import static jdk.incubator.vector.VectorOperators.XOR;

import dev.gradus.internal.precision.Bf16;
import dev.gradus.internal.precision.Fp16;
import dev.gradus.internal.precision.Narrowing;
import dev.gradus.internal.precision.RoundingBits;
import dev.gradus.internal.precision.ScalarConversions;
import dev.gradus.precision.Rounding;
import dev.gradus.precision.StorageType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Every conversion of {@link ScalarConversions} a vector at a time, in one loop: the template of
 * the {@link Specializations}, copied per conversion ({@link ConversionOptions}) and kind of
 * memory. The formulas are those of {@link Bf16}, {@link Fp16}, {@link Narrowing} and
 * {@link RoundingBits} (nearest-even bfloat16 in a shorter form with the same bits), lane by lane in the int lanes of the float species: shifts, logic, adds,
 * 32-bit multiplies, signed minimum and one float addition or multiplication, never a mask or a
 * blend, which two-lane vectors do not compile to on x86 (docs/decisions/0019). As in
 * {@link RuleLoop}, the loop calls only the JDK's vector methods.
 *
 * <p>The 16-bit elements of a vector fill half its width. From 128 bits up they are a short
 * vector of that half width, widened to ints by {@code S2I} (sign-extending) and narrowed back by
 * {@code I2S}. A 64-bit vector has two lanes, whose two elements are one int: it is read as an
 * int and broadcast, each lane shifting its element to the top and back down
 * ({@code (pair << 16 (1 - k)) >> 16} for lane {@code k}, little-endian), which sign-extends
 * like {@code S2I}; and written as the or of the lanes shifted to their places, one int.
 *
 * <p>Floats are read and written as float vectors and reinterpreted as ints: with int vectors
 * loaded from and stored to a heap segment over a {@code float[]}, this loop ran on boxed vectors
 * (C2 did not intrinsify the mismatched accesses).
 *
 * <p>The random bits of a lane come from its global index {@code origin + i + lane}: the low
 * half is {@code (int) (origin + i) + lane}, and the high half gets the carry of that addition,
 * so indices past {@code 2^31} and {@code 2^32} are hashed as the scalar code hashes them.
 */
final class ConversionLoop implements Loops.Conversion {

    private static final int OPTIONS = Specializations.options(MethodHandles.lookup());
    private static final Class<? extends MemorySegment> FLOATS = ConversionOptions.floatsClass(OPTIONS);
    private static final Class<? extends MemorySegment> STORAGE = ConversionOptions.storageClass(OPTIONS);
    private static final boolean RANDOM_BITS = LoopOptions.has(OPTIONS, ConversionOptions.RANDOM_BITS);
    private static final boolean NARROWS = !RANDOM_BITS && LoopOptions.has(OPTIONS, ConversionOptions.NARROWS);
    private static final boolean WIDENS = !RANDOM_BITS && !NARROWS;
    private static final boolean STOCHASTIC = NARROWS && LoopOptions.has(OPTIONS, ConversionOptions.STOCHASTIC);
    private static final boolean FLOAT16 = LoopOptions.has(OPTIONS, ConversionOptions.FLOAT16);
    private static final StorageType TYPE = FLOAT16 ? StorageType.FLOAT16 : StorageType.BFLOAT16;
    private static final Rounding ROUNDING = STOCHASTIC ? Rounding.STOCHASTIC : Rounding.NEAREST_EVEN;
    /** Nearest-even bfloat16, which {@link #run} narrows in fewer operations: see there. */
    private static final boolean BFLOAT16_NEAREST = NARROWS && !FLOAT16 && !STOCHASTIC;

    private static final int DROPPED = FLOAT16 ? Fp16.DROPPED : Bf16.DROPPED;
    private static final int MAX = FLOAT16 ? Fp16.MAX : Bf16.MAX;
    private static final int OVERFLOW = FLOAT16 ? Fp16.OVERFLOW : Bf16.OVERFLOW;
    private static final int PAYLOAD_SHIFT = FLOAT16 ? Fp16.PAYLOAD_SHIFT : Bf16.PAYLOAD_SHIFT;
    private static final int QUIET = FLOAT16 ? Fp16.QUIET : Bf16.QUIET;
    /** The constant whose addition rounds a float16 subnormal result, and its bits. */
    private static final float SUBNORMAL = STOCHASTIC ? Fp16.STOCHASTIC_SUBNORMAL : Fp16.NEAREST_SUBNORMAL;
    private static final int SUBNORMAL_BITS = Float.floatToRawIntBits(SUBNORMAL);

    private static final VectorSpecies<Integer> INTS = SPECIES.withLanes(int.class);
    /** A vector of two lanes: its two 16-bit elements are one int. */
    private static final boolean PAIRS = LANES == 2;
    /** The 16-bit elements of a float vector, from 128 bits up (unused for pairs). */
    private static final VectorSpecies<Short> SHORTS =
            VectorSpecies.of(short.class, VectorShape.forBitSize(Math.max(SPECIES.vectorBitSize() / 2, 64)));
    private static final ValueLayout.OfInt PAIR = ValueLayout.JAVA_INT_UNALIGNED;

    @Override
    public void run(MemorySegment floats, MemorySegment storage, long shift, long from, long to, long key,
                    long origin) {
        // Cast to the classes of this copy's kind of memory, constants: see LoopOptions.
        floats = FLOATS.cast(floats);
        storage = STORAGE.cast(storage);
        int key0 = RoundingBits.key0(key);
        int key1 = RoundingBits.key1(key);
        IntVector lanes = IntVector.zero(INTS).addIndex(1);
        // Pairs: where lane k's element sits in the int, and the left shift that puts it on top.
        IntVector pairShift = ORDER == ByteOrder.LITTLE_ENDIAN ? lanes.mul(16) : lanes.mul(-16).add(16);
        IntVector topShift = IntVector.broadcast(INTS, 16).sub(pairShift);
        long i = from;
        for (long bound = from + SPECIES.loopBound(to - from); i < bound; i += LANES) {
            long at = i * Float.BYTES;
            long at16 = (shift + i) * Short.BYTES;
            if (WIDENS) {
                // The 16-bit elements, sign-extended.
                IntVector h = PAIRS
                        ? IntVector.broadcast(INTS, storage.get(PAIR, at16)).lanewise(LSHL, topShift).lanewise(ASHR, 16)
                        : (IntVector) ShortVector.fromMemorySegment(SHORTS, storage, at16, ORDER)
                                .convertShape(S2I, INTS, 0);
                IntVector bits;
                if (FLOAT16) {
                    IntVector shifted = h.and(Narrowing.PAYLOAD).lanewise(LSHL, Fp16.DROPPED);
                    IntVector infinityOrNan = shifted.add(Fp16.EXPONENT_31_CARRY).lanewise(LSHL, 3).lanewise(ASHR, 31)
                            .and(Narrowing.INFINITY);
                    bits = shifted.reinterpretAsFloats().mul(Fp16.WIDENING_SCALE).reinterpretAsInts()
                            .or(infinityOrNan).or(h.and(~Narrowing.MAGNITUDE));
                } else {
                    bits = h.lanewise(LSHL, Bf16.DROPPED);
                }
                bits.reinterpretAsFloats().intoMemorySegment(floats, at, ORDER);
            } else {
                IntVector random = lanes;
                if (STOCHASTIC || RANDOM_BITS) {
                    long index = origin + i;
                    IntVector low = lanes.add((int) index);
                    IntVector carry = IntVector.broadcast(INTS, (int) index).lanewise(AND_NOT, low).lanewise(LSHR, 31);
                    IntVector h = low.lanewise(XOR, key0);
                    h = h.lanewise(XOR, h.lanewise(LSHR, 16)).mul(RoundingBits.MIX_1);
                    h = h.lanewise(XOR, h.lanewise(LSHR, 13)).mul(RoundingBits.MIX_2);
                    h = h.lanewise(XOR, h.lanewise(LSHR, 16)).lanewise(XOR, carry.add((int) (index >>> 32) + key1));
                    h = h.lanewise(XOR, h.lanewise(LSHR, 16)).mul(RoundingBits.MIX_1);
                    h = h.lanewise(XOR, h.lanewise(LSHR, 13)).mul(RoundingBits.MIX_2);
                    random = h.lanewise(XOR, h.lanewise(LSHR, 16));
                }
                if (RANDOM_BITS) {
                    random.intoMemorySegment(floats, at, ORDER);
                } else {
                    IntVector x = FloatVector.fromMemorySegment(SPECIES, floats, at, ORDER).reinterpretAsInts();
                    IntVector a = x.and(Narrowing.MAGNITUDE);
                    IntVector nan = IntVector.broadcast(INTS, Narrowing.INFINITY).sub(a).lanewise(ASHR, 31);
                    IntVector result;
                    if (BFLOAT16_NEAREST) {
                        // Below NaN the rounding add cannot carry out of the magnitude, so it runs on the
                        // raw bits, sign included; a NaN keeps its top half, quieted.
                        IntVector top = x.lanewise(LSHR, Bf16.DROPPED);
                        IntVector rounded = x.add(top.and(1)).add((1 << (Bf16.DROPPED - 1)) - 1)
                                .lanewise(LSHR, Bf16.DROPPED);
                        result = rounded.lanewise(XOR, rounded.lanewise(XOR, top.or(Bf16.QUIET)).and(nan));
                    } else {
                        IntVector t = a;
                        if (FLOAT16) {
                            IntVector subnormal = a.reinterpretAsFloats().add(SUBNORMAL).reinterpretAsInts()
                                    .sub(SUBNORMAL_BITS);
                            if (!STOCHASTIC) {
                                subnormal = subnormal.lanewise(LSHL, Fp16.DROPPED);
                            }
                            IntVector normal = a.sub(Fp16.REBIAS);
                            IntVector below = a.sub(Fp16.MIN_NORMAL).lanewise(ASHR, 31);
                            t = normal.lanewise(XOR, normal.lanewise(XOR, subnormal).and(below));
                        }
                        IntVector increment = STOCHASTIC ? random.lanewise(LSHR, Integer.SIZE - DROPPED)
                                : t.lanewise(LSHR, DROPPED).and(1).add((1 << (DROPPED - 1)) - 1);
                        IntVector rounded = t.add(increment).lanewise(LSHR, DROPPED);
                        IntVector overflows = IntVector.broadcast(INTS, OVERFLOW - 1).sub(a).lanewise(ASHR, 31);
                        IntVector payload = a.lanewise(LSHR, PAYLOAD_SHIFT).and(Narrowing.PAYLOAD).or(QUIET);
                        result = rounded.min(MAX).sub(overflows).or(nan.and(payload))
                                .or(x.lanewise(LSHR, 16).and(Narrowing.SIGN));
                    }
                    if (PAIRS) {
                        storage.set(PAIR, at16, result.lanewise(LSHL, pairShift).reduceLanes(OR));
                    } else {
                        result.convertShape(I2S, SHORTS, 0).intoMemorySegment(storage, at16, ORDER);
                    }
                }
            }
        }
        if (RANDOM_BITS) {
            ScalarConversions.INSTANCE.randomBits(floats, i, to, key, origin);
        } else if (NARROWS) {
            ScalarConversions.INSTANCE.narrow(TYPE, ROUNDING, floats, storage, shift, i, to, key, origin);
        } else {
            ScalarConversions.INSTANCE.widen(TYPE, storage, shift, floats, i, to);
        }
    }
}
