package dev.gradus.examples;

import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import java.util.SplittableRandom;

/**
 * A small multilayer perceptron for two-dimensional binary classification, with hand-written
 * backpropagation over {@code float[]}s:
 *
 * <pre>
 *   a1 = tanh(W1 x + b1)          W1: h x 2
 *   a2 = tanh(W2 a1 + b2)         W2: h x h
 *   p  = sigmoid(w3 . a2 + b3)
 *   L  = mean of -y log p - (1 - y) log(1 - p)
 *
 *   dz3 = (p - y) / B              dw3 += dz3 a2,          db3 += dz3
 *   dz2 = dz3 w3 * (1 - a2^2)      dW2 += dz2 a1^T,        db2 += dz2
 *   dz1 = W2^T dz2 * (1 - a1^2)    dW1 += dz1 x^T,         db1 += dz1
 * </pre>
 *
 * Each parameter and its gradient are {@code float[]}s that {@link #parameters()} and
 * {@link #gradients()} view as heap {@link MemorySegment}s, for an optimizer to update in place.
 * The gradients accumulate: zero them before each batch.
 */
final class Mlp {

    private final int hidden;
    private final float[] w1;
    private final float[] b1;
    private final float[] w2;
    private final float[] b2;
    private final float[] w3;
    private final float[] b3;
    private final float[] gw1;
    private final float[] gb1;
    private final float[] gw2;
    private final float[] gb2;
    private final float[] gw3;
    private final float[] gb3;
    private final float[] a1;
    private final float[] a2;
    private final float[] dz2;

    /**
     * A network with {@code hidden} units in each hidden layer, weights drawn with a standard
     * deviation of {@code 1 / sqrt(fan-in)} from {@code seed}, biases zero.
     */
    Mlp(int hidden, long seed) {
        this.hidden = hidden;
        SplittableRandom random = new SplittableRandom(seed);
        w1 = initial(random, hidden * 2, 2);
        b1 = new float[hidden];
        w2 = initial(random, hidden * hidden, hidden);
        b2 = new float[hidden];
        w3 = initial(random, hidden, hidden);
        b3 = new float[1];
        gw1 = new float[w1.length];
        gb1 = new float[hidden];
        gw2 = new float[w2.length];
        gb2 = new float[hidden];
        gw3 = new float[hidden];
        gb3 = new float[1];
        a1 = new float[hidden];
        a2 = new float[hidden];
        dz2 = new float[hidden];
    }

    /** {@return the parameters by name, as segments over this network's arrays} */
    SequencedMap<String, MemorySegment> parameters() {
        return named(w1, b1, w2, b2, w3, b3);
    }

    /** {@return the gradients, by the names of {@link #parameters()}} */
    SequencedMap<String, MemorySegment> gradients() {
        return named(gw1, gb1, gw2, gb2, gw3, gb3);
    }

    /**
     * Adds the gradient of the batch's mean loss to the gradients.
     *
     * @param rows  {@code x1, x2, y} per example
     * @param count the examples in the batch
     * @return the batch's mean loss before the update
     */
    double backward(float[] rows, int count) {
        double loss = 0;
        float scale = 1f / count;
        for (int n = 0; n < count; n++) {
            float x1 = rows[3 * n];
            float x2 = rows[3 * n + 1];
            float y = rows[3 * n + 2];
            float z3 = forward(x1, x2);
            loss += Logistic.logLoss(z3, y);
            float dz3 = ((float) Logistic.sigmoid(z3) - y) * scale;
            gb3[0] += dz3;
            for (int j = 0; j < hidden; j++) {
                gw3[j] += dz3 * a2[j];
                dz2[j] = dz3 * w3[j] * (1 - a2[j] * a2[j]);
                gb2[j] += dz2[j];
            }
            for (int i = 0; i < hidden; i++) {
                float da1 = 0;
                for (int j = 0; j < hidden; j++) {
                    gw2[j * hidden + i] += dz2[j] * a1[i];
                    da1 += w2[j * hidden + i] * dz2[j];
                }
                float dz1 = da1 * (1 - a1[i] * a1[i]);
                gb1[i] += dz1;
                gw1[2 * i] += dz1 * x1;
                gw1[2 * i + 1] += dz1 * x2;
            }
        }
        return loss / count;
    }

    /** {@return the mean loss on the first {@code count} rows} */
    double loss(float[] rows, int count) {
        double loss = 0;
        for (int n = 0; n < count; n++) {
            loss += Logistic.logLoss(forward(rows[3 * n], rows[3 * n + 1]), rows[3 * n + 2]);
        }
        return loss / count;
    }

    /** Fills {@code a1} and {@code a2} for input {@code (x1, x2)} and returns the output's logit. */
    private float forward(float x1, float x2) {
        for (int i = 0; i < hidden; i++) {
            a1[i] = (float) Math.tanh(w1[2 * i] * x1 + w1[2 * i + 1] * x2 + b1[i]);
        }
        float z3 = b3[0];
        for (int j = 0; j < hidden; j++) {
            float z = b2[j];
            for (int i = 0; i < hidden; i++) {
                z += w2[j * hidden + i] * a1[i];
            }
            a2[j] = (float) Math.tanh(z);
            z3 += w3[j] * a2[j];
        }
        return z3;
    }

    private static float[] initial(SplittableRandom random, int length, int fanIn) {
        float[] values = new float[length];
        double deviation = 1 / Math.sqrt(fanIn);
        for (int i = 0; i < length; i++) {
            values[i] = (float) (deviation * random.nextGaussian());
        }
        return values;
    }

    private static SequencedMap<String, MemorySegment> named(float[]... arrays) {
        String[] names = {"W1", "b1", "W2", "b2", "w3", "b3"};
        SequencedMap<String, MemorySegment> map = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            map.put(names[i], MemorySegment.ofArray(arrays[i]));
        }
        return map;
    }
}
