package dev.gradus.jmh;

/**
 * Adam with bfloat16 buffers as a Java user would write it over {@code short[]} and
 * {@code float[]}: the baselines of the stored benchmarks ({@link StoredAdamBenchmark}). A
 * bfloat16 is the upper half of a float's bits: widening shifts it back, narrowing rounds to
 * nearest even by adding {@code 0x7fff} plus the lowest kept bit (NaN kept a quiet NaN), or
 * stochastically by adding 16 random bits from a hash of the element's index and the step. Each
 * loop is Algorithm 1 of the paper on the widened values ({@link Textbook#adam}'s arithmetic).
 */
final class StoredTextbook {

    private StoredTextbook() {
    }

    /** Step {@code t} with float32 weights and gradients and bfloat16 {@code m}, {@code v}. */
    static void state(float[] w, float[] g, short[] m, short[] v, long t, float lr, float b1, float b2, float eps,
                      boolean stochastic) {
        float bc1 = (float) (1 - Math.pow(b1, t));
        float bc2 = (float) (1 - Math.pow(b2, t));
        for (int i = 0; i < w.length; i++) {
            w[i] -= moments(g[i], m, v, i, t, bc1, bc2, lr, b1, b2, eps, stochastic);
        }
    }

    /** Step {@code t} with bfloat16 weights rounded to nearest, float32 gradients, bfloat16 {@code m}, {@code v}. */
    static void rounded(short[] w, float[] g, short[] m, short[] v, long t, float lr, float b1, float b2, float eps) {
        float bc1 = (float) (1 - Math.pow(b1, t));
        float bc2 = (float) (1 - Math.pow(b2, t));
        for (int i = 0; i < w.length; i++) {
            w[i] = nearest(widen(w[i]) - moments(g[i], m, v, i, t, bc1, bc2, lr, b1, b2, eps, false));
        }
    }

    /** {@code values} narrowed to nearest, element by element. */
    static short[] halves(float[] values) {
        short[] halves = new short[values.length];
        for (int i = 0; i < values.length; i++) {
            halves[i] = nearest(values[i]);
        }
        return halves;
    }

    /**
     * Step {@code t} with bfloat16 weights and a bfloat16 Kahan compensation {@code c}, on the
     * float32 gradient {@code g} or, if not null, the bfloat16 gradient {@code gHalf}.
     */
    static void kahan(short[] w, short[] c, float[] g, short[] gHalf, short[] m, short[] v, long t, float lr,
                      float b1, float b2, float eps) {
        float bc1 = (float) (1 - Math.pow(b1, t));
        float bc2 = (float) (1 - Math.pow(b2, t));
        for (int i = 0; i < w.length; i++) {
            float sum = widen(w[i]) + widen(c[i]);
            float gi = gHalf != null ? widen(gHalf[i]) : g[i];
            sum -= moments(gi, m, v, i, t, bc1, bc2, lr, b1, b2, eps, false);
            w[i] = nearest(sum);
            c[i] = nearest(sum - widen(w[i]));
        }
    }

    /** Step {@code t} of a float32 master, its bfloat16 copy {@code model} written in the same loop. */
    static void master(float[] master, short[] model, float[] g, short[] m, short[] v, long t, float lr, float b1,
                       float b2, float eps) {
        float bc1 = (float) (1 - Math.pow(b1, t));
        float bc2 = (float) (1 - Math.pow(b2, t));
        for (int i = 0; i < master.length; i++) {
            master[i] -= moments(g[i], m, v, i, t, bc1, bc2, lr, b1, b2, eps, false);
            model[i] = nearest(master[i]);
        }
    }

    /** Advances element {@code i}'s moments, stored back as bfloat16, and returns its step {@code lr * mHat / (sqrt(vHat) + eps)}. */
    private static float moments(float gi, short[] m, short[] v, int i, long t, float bc1, float bc2, float lr,
                                 float b1, float b2, float eps, boolean stochastic) {
        float mi = b1 * widen(m[i]) + (1 - b1) * gi;
        float vi = b2 * widen(v[i]) + (1 - b2) * gi * gi;
        m[i] = stochastic ? stochastic(mi, i, t) : nearest(mi);
        v[i] = stochastic ? stochastic(vi, i + 0x4000_0000L, t) : nearest(vi);
        return lr * (mi / bc1) / ((float) Math.sqrt(vi / bc2) + eps);
    }

    static float widen(short h) {
        return Float.intBitsToFloat(h << 16);
    }

    static short nearest(float x) {
        int bits = Float.floatToRawIntBits(x);
        if (Float.isNaN(x)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        return (short) ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16);
    }

    private static short stochastic(float x, long index, long t) {
        int bits = Float.floatToRawIntBits(x);
        if (Float.isNaN(x)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        long z = (index + t * 0x9e3779b97f4a7c15L) * 0xbf58476d1ce4e5b9L;
        return (short) ((bits + ((int) (z >>> 48) & 0xffff)) >>> 16);
    }
}
