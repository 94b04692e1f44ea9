package dev.gradus.examples;

import dev.gradus.Kernels;
import dev.gradus.UpdateRule;
import dev.gradus.precision.StoragePlan;
import dev.gradus.precision.StorageType;
import dev.gradus.precision.Weights;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One rule stepping one parameter vector whose buffers are stored as a {@link StoragePlan} says,
 * through {@link Kernels#step(UpdateRule, double, long, StoragePlan, MemorySegment, MemorySegment,
 * MemorySegment, List)}: the low-precision counterpart of {@link RuleRun}.
 *
 * <p>Before step 1 the weights are the start rounded to nearest even (for
 * {@link Weights#FLOAT32_MASTER} the master is the start itself and the model copy its rounding),
 * a Kahan compensation is zero and every state buffer holds the rule's initial value. The model
 * computes with {@link #modelWeights}: the parameter for {@link Weights#ROUNDED} and
 * {@link Weights#KAHAN} (the rounded weight, not the sum with its compensation), the model copy
 * for {@link Weights#FLOAT32_MASTER}. Each step's float32 gradient is rounded to nearest even
 * into the plan's gradient type before the step.
 */
final class StoredRun {

    private final UpdateRule rule;
    private final StoragePlan plan;
    private final MemorySegment param;
    private final MemorySegment weightCopy;
    private final MemorySegment gradient;
    private final List<MemorySegment> state;
    private long step;
    private long gradientUnderflows;

    /**
     * A run of {@code rule} from {@code start} stored as {@code plan} says.
     *
     * @param rule  the update rule, elementwise
     * @param plan  the storage of the buffers
     * @param start the initial weights; not modified
     */
    StoredRun(UpdateRule rule, StoragePlan plan, float[] start) {
        int n = start.length;
        this.rule = rule;
        this.plan = plan;
        this.param = StoredBuffers.allocate(plan.paramBuffer(), n);
        StoredBuffers.write(plan.paramBuffer(), start, param);
        this.weightCopy = plan.hasWeightCopy() ? StoredBuffers.allocate(plan.parameter(), n) : null;
        if (plan.weights() == Weights.FLOAT32_MASTER) {
            StoredBuffers.write(plan.parameter(), start, weightCopy);
        }
        this.gradient = StoredBuffers.allocate(plan.gradient(), n);
        List<MemorySegment> buffers = new ArrayList<>();
        for (int k = 0; k < rule.stateBuffers(); k++) {
            float[] initial = new float[n];
            Arrays.fill(initial, rule.initialStateValue(k));
            MemorySegment buffer = StoredBuffers.allocate(plan.state(), n);
            StoredBuffers.write(plan.state(), initial, buffer);
            buffers.add(buffer);
        }
        this.state = List.copyOf(buffers);
    }

    /** Writes the weights the model computes with, widened, into {@code out}. */
    void modelWeights(float[] out) {
        if (plan.weights() == Weights.FLOAT32_MASTER) {
            StoredBuffers.read(plan.parameter(), weightCopy, out);
        } else {
            StoredBuffers.read(plan.parameter(), param, out);
        }
    }

    /**
     * Writes state buffer {@code k}, widened, into {@code out}.
     *
     * @param k   the buffer's index in the rule's order (Adam: 0 for {@code m}, 1 for {@code v})
     * @param out the floats, as many as the weights
     */
    void state(int k, float[] out) {
        StoredBuffers.read(plan.state(), state.get(k), out);
    }

    /**
     * Stores {@code g} in the plan's gradient type and takes the next step, {@code t = 1, 2, ...}.
     *
     * @param learningRate the step's learning rate
     * @param g            the float32 gradient at {@link #modelWeights}
     */
    void step(double learningRate, float[] g) {
        if (plan.gradient() != StorageType.FLOAT32) {
            for (float value : g) {
                if (value != 0 && StoredBuffers.stored(plan.gradient(), value) == 0) {
                    gradientUnderflows++;
                }
            }
        }
        StoredBuffers.write(plan.gradient(), g, gradient);
        Kernels.step(rule, learningRate, ++step, plan, param, weightCopy, gradient, state);
    }

    /** {@return the gradient elements so far that were not zero but were stored as zero (none in float32)} */
    long gradientUnderflows() {
        return gradientUnderflows;
    }
}
