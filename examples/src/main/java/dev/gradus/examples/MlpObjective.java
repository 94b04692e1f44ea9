package dev.gradus.examples;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * The {@link Mlp} of {@link MlpTraining} as an {@link Objective}: the same two spirals, initial
 * weights and mini-batches (of {@link MlpTraining#BATCH} examples, shuffled with
 * {@link MlpTraining#DATA_SEED}), its six parameters {@code W1, b1, W2, b2, w3, b3} laid end to
 * end in one vector. Step {@code t}'s gradient is the backpropagated gradient of the mean loss of
 * mini-batch {@code t}; the loss is the mean over the whole training set.
 */
final class MlpObjective implements Objective {

    private final float[] data;
    private final Mlp network;
    private final List<MemorySegment> parameters;
    private final List<MemorySegment> gradients;
    private final BatchSequence batches;
    private final float[] start;

    /**
     * The network and data of a {@link MlpTraining} run of this size.
     *
     * @param size the examples and hidden units (its steps are the caller's)
     */
    MlpObjective(MlpTraining.Size size) {
        this.data = MlpTraining.twoSpirals(size.examples());
        this.network = new Mlp(size.hidden(), MlpTraining.WEIGHT_SEED);
        this.parameters = List.copyOf(network.parameters().values());
        this.gradients = List.copyOf(network.gradients().values());
        this.batches = new BatchSequence(data, 3, MlpTraining.BATCH, MlpTraining.DATA_SEED);
        int n = parameters.stream().mapToInt(p -> (int) (p.byteSize() / Float.BYTES)).sum();
        this.start = new float[n];
        copy(parameters, start, false);
    }

    @Override
    public float[] start() {
        return start.clone();
    }

    @Override
    public void gradient(long t, float[] w, float[] g) {
        copy(parameters, w, true);
        gradients.forEach(s -> s.fill((byte) 0));
        int rows = batches.gather(t);
        network.backward(batches.rows(), rows);
        copy(gradients, g, false);
    }

    @Override
    public double loss(float[] w) {
        copy(parameters, w, true);
        return network.loss(data, data.length / 3);
    }

    /** Copies {@code flat} into the segments one after the other ({@code in}), or the segments into it. */
    private static void copy(List<MemorySegment> segments, float[] flat, boolean in) {
        int offset = 0;
        for (MemorySegment segment : segments) {
            int count = (int) (segment.byteSize() / Float.BYTES);
            if (in) {
                MemorySegment.copy(flat, offset, segment, ValueLayout.JAVA_FLOAT, 0, count);
            } else {
                MemorySegment.copy(segment, ValueLayout.JAVA_FLOAT, 0, flat, offset, count);
            }
            offset += count;
        }
    }
}
