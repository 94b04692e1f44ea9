package dev.gradus.jmh;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Streaming kernels with the memory traffic of an update rule and trivial math: the roofline a
 * rule's kernel could reach if its arithmetic were free. Each written buffer {@code x} becomes
 * {@code g - x}, one subtraction per element and buffer, so values only flip between two
 * states and never grow; the gradient is read, never written. Vector API over
 * {@link FloatVector#SPECIES_PREFERRED}, with a scalar tail. One method per buffer count, written
 * out: a loop over an array of buffers inside the vector loop would slow the ceiling itself.
 */
public final class StreamKernels {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    /** As many int lanes as {@link #SPECIES} has float lanes: one vector holds two 16-bit elements a lane. */
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;

    private StreamKernels() {
    }

    /** SGD's traffic, 12 bytes per element: reads {@code w, g}, writes {@code w}. */
    public static void readTwoWriteOne(MemorySegment w, MemorySegment g, long n) {
        long i = 0;
        for (long bound = SPECIES.loopBound(n); i < bound; i += LANES) {
            long at = i * Float.BYTES;
            FloatVector gv = load(g, at);
            gv.sub(load(w, at)).intoMemorySegment(w, at, ORDER);
        }
        for (; i < n; i++) {
            long at = i * Float.BYTES;
            w.set(FLOAT, at, g.get(FLOAT, at) - w.get(FLOAT, at));
        }
    }

    /** 20 bytes per element (momentum, AdaGrad, RMSProp): reads {@code w, g, s}, writes {@code w, s}. */
    public static void readThreeWriteTwo(MemorySegment w, MemorySegment g, MemorySegment s, long n) {
        long i = 0;
        for (long bound = SPECIES.loopBound(n); i < bound; i += LANES) {
            long at = i * Float.BYTES;
            FloatVector gv = load(g, at);
            gv.sub(load(w, at)).intoMemorySegment(w, at, ORDER);
            gv.sub(load(s, at)).intoMemorySegment(s, at, ORDER);
        }
        for (; i < n; i++) {
            long at = i * Float.BYTES;
            float gs = g.get(FLOAT, at);
            w.set(FLOAT, at, gs - w.get(FLOAT, at));
            s.set(FLOAT, at, gs - s.get(FLOAT, at));
        }
    }

    /** Adam's traffic, 28 bytes per element: reads {@code w, g, m, v}, writes {@code w, m, v}. */
    public static void readFourWriteThree(MemorySegment w, MemorySegment g, MemorySegment m,
                                          MemorySegment v, long n) {
        long i = 0;
        for (long bound = SPECIES.loopBound(n); i < bound; i += LANES) {
            long at = i * Float.BYTES;
            FloatVector gv = load(g, at);
            gv.sub(load(w, at)).intoMemorySegment(w, at, ORDER);
            gv.sub(load(m, at)).intoMemorySegment(m, at, ORDER);
            gv.sub(load(v, at)).intoMemorySegment(v, at, ORDER);
        }
        for (; i < n; i++) {
            long at = i * Float.BYTES;
            float gs = g.get(FLOAT, at);
            w.set(FLOAT, at, gs - w.get(FLOAT, at));
            m.set(FLOAT, at, gs - m.get(FLOAT, at));
            v.set(FLOAT, at, gs - v.get(FLOAT, at));
        }
    }

    /** 36 bytes per element (AMSGrad, centered RMSProp with momentum): reads 5 buffers, writes all but {@code g}. */
    public static void readFiveWriteFour(MemorySegment w, MemorySegment g, MemorySegment a, MemorySegment b,
                                         MemorySegment c, long n) {
        long i = 0;
        for (long bound = SPECIES.loopBound(n); i < bound; i += LANES) {
            long at = i * Float.BYTES;
            FloatVector gv = load(g, at);
            gv.sub(load(w, at)).intoMemorySegment(w, at, ORDER);
            gv.sub(load(a, at)).intoMemorySegment(a, at, ORDER);
            gv.sub(load(b, at)).intoMemorySegment(b, at, ORDER);
            gv.sub(load(c, at)).intoMemorySegment(c, at, ORDER);
        }
        for (; i < n; i++) {
            long at = i * Float.BYTES;
            float gs = g.get(FLOAT, at);
            w.set(FLOAT, at, gs - w.get(FLOAT, at));
            a.set(FLOAT, at, gs - a.get(FLOAT, at));
            b.set(FLOAT, at, gs - b.get(FLOAT, at));
            c.set(FLOAT, at, gs - c.get(FLOAT, at));
        }
    }

    /**
     * 16 bytes per element (Adam with bfloat16 weights and state, float32 gradients): reads
     * {@code g}, reads and writes the float stream {@code s} (two 16-bit buffers' bytes) and the
     * 16-bit stream {@code h}, which advances one vector per two of the float streams; {@code h}
     * takes {@code h ^ bits(g)}, integer math, so no float value of its bytes is ever formed.
     */
    public static void readTwoWriteOnePlusHalf(MemorySegment g, MemorySegment s, MemorySegment h, long n) {
        long i = 0;
        for (long bound = n - n % (2L * LANES); i < bound; i += 2L * LANES) {
            long at = i * Float.BYTES;
            FloatVector g0 = load(g, at);
            FloatVector g1 = load(g, at + LANES * Float.BYTES);
            g0.sub(load(s, at)).intoMemorySegment(s, at, ORDER);
            g1.sub(load(s, at + LANES * Float.BYTES)).intoMemorySegment(s, at + LANES * Float.BYTES, ORDER);
            long half = i * Short.BYTES;
            IntVector.fromMemorySegment(INTS, h, half, ORDER).lanewise(VectorOperators.XOR, g0.reinterpretAsInts())
                    .intoMemorySegment(h, half, ORDER);
        }
        for (; i < n; i++) {
            long at = i * Float.BYTES;
            float gs = g.get(FLOAT, at);
            s.set(FLOAT, at, gs - s.get(FLOAT, at));
            h.set(SHORT, i * Short.BYTES, (short) (h.get(SHORT, i * Short.BYTES) ^ Float.floatToRawIntBits(gs)));
        }
    }

    /**
     * 22 bytes per element (Adam with a float32 master, its bfloat16 model copy and bfloat16
     * state): {@link #readThreeWriteTwo}'s traffic on {@code w, g, s} plus the 16-bit stream
     * {@code h}, written and not read, one vector per two of the float streams.
     */
    public static void readThreeWriteTwoPlusHalfWrite(MemorySegment w, MemorySegment g, MemorySegment s,
                                                      MemorySegment h, long n) {
        long i = 0;
        for (long bound = n - n % (2L * LANES); i < bound; i += 2L * LANES) {
            long at = i * Float.BYTES;
            long next = at + LANES * Float.BYTES;
            FloatVector g0 = load(g, at);
            FloatVector g1 = load(g, next);
            FloatVector w0 = g0.sub(load(w, at));
            w0.intoMemorySegment(w, at, ORDER);
            g1.sub(load(w, next)).intoMemorySegment(w, next, ORDER);
            g0.sub(load(s, at)).intoMemorySegment(s, at, ORDER);
            g1.sub(load(s, next)).intoMemorySegment(s, next, ORDER);
            w0.reinterpretAsInts().intoMemorySegment(h, i * Short.BYTES, ORDER);
        }
        for (; i < n; i++) {
            long at = i * Float.BYTES;
            float gs = g.get(FLOAT, at);
            float ws = gs - w.get(FLOAT, at);
            w.set(FLOAT, at, ws);
            s.set(FLOAT, at, gs - s.get(FLOAT, at));
            h.set(SHORT, i * Short.BYTES, (short) Float.floatToRawIntBits(ws));
        }
    }

    /**
     * 18 bytes per element (Adam on bfloat16 Kahan weights, gradient and state): {@code w} and
     * {@code s} read and written, the 16-bit stream {@code h} read, one vector per two of the
     * float streams.
     */
    public static void readTwoWriteTwoPlusHalfRead(MemorySegment w, MemorySegment s, MemorySegment h, long n) {
        long i = 0;
        for (long bound = n - n % (2L * LANES); i < bound; i += 2L * LANES) {
            long at = i * Float.BYTES;
            long next = at + LANES * Float.BYTES;
            FloatVector x = IntVector.fromMemorySegment(INTS, h, i * Short.BYTES, ORDER).reinterpretAsFloats();
            x.sub(load(w, at)).intoMemorySegment(w, at, ORDER);
            x.sub(load(w, next)).intoMemorySegment(w, next, ORDER);
            x.sub(load(s, at)).intoMemorySegment(s, at, ORDER);
            x.sub(load(s, next)).intoMemorySegment(s, next, ORDER);
        }
        for (; i < n; i++) {
            long at = i * Float.BYTES;
            float hs = Float.intBitsToFloat(h.get(SHORT, i * Short.BYTES));
            w.set(FLOAT, at, hs - w.get(FLOAT, at));
            s.set(FLOAT, at, hs - s.get(FLOAT, at));
        }
    }

    private static FloatVector load(MemorySegment segment, long byteOffset) {
        return FloatVector.fromMemorySegment(SPECIES, segment, byteOffset, ORDER);
    }
}
