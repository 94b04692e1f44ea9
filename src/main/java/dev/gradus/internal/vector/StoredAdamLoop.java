package dev.gradus.internal.vector;

import static dev.gradus.internal.vector.Vectors.LANES;
import static dev.gradus.internal.vector.Vectors.ORDER;
import static dev.gradus.internal.vector.Vectors.SPECIES;
import static jdk.incubator.vector.FloatVector.fromMemorySegment;
import static jdk.incubator.vector.VectorOperators.I2S;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.NE;
import static jdk.incubator.vector.VectorOperators.S2I;

import dev.gradus.internal.precision.Bf16;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Adam with {@code m} and {@code v} stored as bfloat16, in one pass, on float32 weights or on
 * bfloat16 Kahan-compensated ones, with a float32 or bfloat16 gradient: each vector of a 16-bit
 * buffer is widened as it is loaded, the moments are stepped with {@link RuleLoop}'s Adam
 * operations in their order and narrowed to nearest even with {@link ConversionLoop}'s rounding
 * before they are stored (a NaN, found as unequal to itself, takes its quieted top half by a
 * blend where that loop masks); the weights' step uses the moments before narrowing, as the tiled
 * step does, so every element gets the tiled step's bits. 20 bytes an element move instead of 28
 * for float32 state, and no tile.
 *
 * <p>With Kahan-compensated weights ({@link LoopOptions#KAHAN_WEIGHTS}) the weight stepped is
 * {@code w = p + c} of the widened parameter {@code p} and compensation {@code c}; the result
 * {@code w'} is stored as {@code p' = bf16(w')} and {@code c' = bf16(w' - p')}, the widened
 * {@code p'} taken from the rounded bits before they are narrowed: 20 bytes an element, 18 with
 * a bfloat16 gradient ({@link LoopOptions#BF16_GRADIENT}). The tiles form the same values as
 * {@code p - (-1 * c)} and {@code w' - 1 * p'} through gradient descent: equal for every finite
 * value, and a NaN stays a NaN either way (decision 0030).
 *
 * <p>The template of the {@link Specializations}, copied per option set of {@link LoopOptions}:
 * {@link LoopOptions#SCALED}, {@link LoopOptions#COUPLED_DECAY}, {@link LoopOptions#EPSILON_INSIDE},
 * {@link LoopOptions#DECOUPLED_DECAY}, {@link LoopOptions#KAHAN_WEIGHTS},
 * {@link LoopOptions#BF16_GRADIENT} and the kind of memory
 * ({@link LoopOptions#storedSegments}). Its loop calls only the JDK's vector methods, the
 * conversions written out in it: a helper taking vectors that C2 does not inline passes them
 * boxed (decision 0026). The loop steps the whole vectors of the range and leaves the rest to
 * the caller. It needs at least four lanes, whose 16-bit elements fill a short vector of half the
 * width; a 64-bit species is not run here.
 *
 * <p>The per-step scalars are those of {@code KernelSet.adam}: {@code beta1, oneMinusBeta1,
 * beta2, oneMinusBeta2, stepSize, secondMomentScale, epsilon} and the decay arguments.
 */
final class StoredAdamLoop implements Loops.StoredAdam {

    private static final int OPTIONS = Specializations.options(MethodHandles.lookup());
    private static final Class<? extends MemorySegment> FLOATS = LoopOptions.segmentClass(OPTIONS);
    private static final Class<? extends MemorySegment> STORAGE = LoopOptions.storageClass(OPTIONS);
    private static final boolean KAHAN = LoopOptions.has(OPTIONS, LoopOptions.KAHAN_WEIGHTS);
    private static final boolean BF16_GRADIENT = LoopOptions.has(OPTIONS, LoopOptions.BF16_GRADIENT);
    /** The class of the weights: 16-bit with Kahan-compensated weights. */
    private static final Class<? extends MemorySegment> WEIGHTS = KAHAN ? STORAGE : FLOATS;
    private static final Class<? extends MemorySegment> GRADIENTS = BF16_GRADIENT ? STORAGE : FLOATS;
    private static final boolean SCALED = LoopOptions.has(OPTIONS, LoopOptions.SCALED);
    private static final boolean COUPLED_DECAY = LoopOptions.has(OPTIONS, LoopOptions.COUPLED_DECAY);
    private static final boolean EPSILON_INSIDE = LoopOptions.has(OPTIONS, LoopOptions.EPSILON_INSIDE);
    private static final boolean DECOUPLED_DECAY = LoopOptions.has(OPTIONS, LoopOptions.DECOUPLED_DECAY);

    private static final VectorSpecies<Integer> INTS = SPECIES.withLanes(int.class);
    private static final VectorSpecies<Short> SHORTS =
            VectorSpecies.of(short.class, VectorShape.forBitSize(Math.max(SPECIES.vectorBitSize() / 2, 64)));
    /** Below it, the rounding add of a bfloat16 cannot carry out of the magnitude. */
    private static final int HALF_BELOW = (1 << (Bf16.DROPPED - 1)) - 1;
    /** The bits a bfloat16 keeps of a float. */
    private static final int HIGH_HALF = -1 << Bf16.DROPPED;

    @Override
    public long run(MemorySegment param, MemorySegment compensation, MemorySegment gradient, MemorySegment m,
                    MemorySegment v, long from, long to, float beta1, float oneMinusBeta1, float beta2,
                    float oneMinusBeta2, float stepSize, float secondMomentScale, float epsilon, float decayFactor,
                    float clipValue, float factor, float weightDecay) {
        // Cast to the classes of this copy's kind of memory, constants: see LoopOptions.
        param = WEIGHTS.cast(param);
        compensation = STORAGE.cast(compensation);
        gradient = GRADIENTS.cast(gradient);
        m = STORAGE.cast(m);
        v = STORAGE.cast(v);
        long i = from;
        for (long bound = from + SPECIES.loopBound(to - from); i < bound; i += LANES) {
            long at = i * Float.BYTES;
            long at16 = i * Short.BYTES;
            FloatVector w;
            FloatVector g;
            if (KAHAN) {
                w = ((IntVector) ShortVector.fromMemorySegment(SHORTS, param, at16, ORDER)
                        .convertShape(S2I, INTS, 0)).lanewise(LSHL, Bf16.DROPPED).reinterpretAsFloats()
                        .add(((IntVector) ShortVector.fromMemorySegment(SHORTS, compensation, at16, ORDER)
                                .convertShape(S2I, INTS, 0)).lanewise(LSHL, Bf16.DROPPED).reinterpretAsFloats());
            } else {
                w = fromMemorySegment(SPECIES, param, at, ORDER);
            }
            if (BF16_GRADIENT) {
                g = ((IntVector) ShortVector.fromMemorySegment(SHORTS, gradient, at16, ORDER)
                        .convertShape(S2I, INTS, 0)).lanewise(LSHL, Bf16.DROPPED).reinterpretAsFloats();
            } else {
                g = fromMemorySegment(SPECIES, gradient, at, ORDER);
            }
            if (SCALED) {
                g = g.max(-clipValue).min(clipValue).mul(factor);
            }
            if (COUPLED_DECAY) {
                g = g.add(w.mul(weightDecay));
            }
            FloatVector m1 = ((IntVector) ShortVector.fromMemorySegment(SHORTS, m, at16, ORDER)
                    .convertShape(S2I, INTS, 0)).lanewise(LSHL, Bf16.DROPPED).reinterpretAsFloats()
                    .mul(beta1).add(g.mul(oneMinusBeta1));
            FloatVector v1 = ((IntVector) ShortVector.fromMemorySegment(SHORTS, v, at16, ORDER)
                    .convertShape(S2I, INTS, 0)).lanewise(LSHL, Bf16.DROPPED).reinterpretAsFloats()
                    .mul(beta2).add(g.mul(g).mul(oneMinusBeta2));
            // Nearest even on the raw bits, sign included (below NaN it cannot carry out of the
            // magnitude); a NaN, unequal to itself, keeps its top half, quieted.
            IntVector xm = m1.reinterpretAsInts();
            IntVector topM = xm.lanewise(LSHR, Bf16.DROPPED);
            xm.add(topM.and(1)).add(HALF_BELOW).lanewise(LSHR, Bf16.DROPPED)
                    .blend(topM.or(Bf16.QUIET), m1.compare(NE, m1).cast(INTS))
                    .convertShape(I2S, SHORTS, 0).intoMemorySegment(m, at16, ORDER);
            IntVector xv = v1.reinterpretAsInts();
            IntVector topV = xv.lanewise(LSHR, Bf16.DROPPED);
            xv.add(topV.and(1)).add(HALF_BELOW).lanewise(LSHR, Bf16.DROPPED)
                    .blend(topV.or(Bf16.QUIET), v1.compare(NE, v1).cast(INTS))
                    .convertShape(I2S, SHORTS, 0).intoMemorySegment(v, at16, ORDER);
            FloatVector denominator = EPSILON_INSIDE
                    ? v1.mul(secondMomentScale).add(epsilon).sqrt()
                    : v1.sqrt().mul(secondMomentScale).add(epsilon);
            FloatVector step = m1.div(denominator).mul(stepSize);
            FloatVector next = (DECOUPLED_DECAY ? w.mul(decayFactor) : w).sub(step);
            if (KAHAN) {
                IntVector xw = next.reinterpretAsInts();
                IntVector topW = xw.lanewise(LSHR, Bf16.DROPPED);
                IntVector rounded = xw.add(topW.and(1)).add(HALF_BELOW);
                rounded.lanewise(LSHR, Bf16.DROPPED).blend(topW.or(Bf16.QUIET), next.compare(NE, next).cast(INTS))
                        .convertShape(I2S, SHORTS, 0).intoMemorySegment(param, at16, ORDER);
                // The rounded weights, widened: next's NaN, the first operand, wins over theirs.
                FloatVector c1 = next.sub(rounded.and(HIGH_HALF).reinterpretAsFloats());
                IntVector xc = c1.reinterpretAsInts();
                IntVector topC = xc.lanewise(LSHR, Bf16.DROPPED);
                xc.add(topC.and(1)).add(HALF_BELOW).lanewise(LSHR, Bf16.DROPPED)
                        .blend(topC.or(Bf16.QUIET), c1.compare(NE, c1).cast(INTS))
                        .convertShape(I2S, SHORTS, 0).intoMemorySegment(compensation, at16, ORDER);
            } else {
                next.intoMemorySegment(param, at, ORDER);
            }
        }
        return i;
    }
}
