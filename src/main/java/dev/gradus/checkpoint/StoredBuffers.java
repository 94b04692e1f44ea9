package dev.gradus.checkpoint;

import dev.gradus.internal.RegisteredParameter;
import dev.gradus.internal.StateMemory;
import dev.gradus.precision.StoragePlan;
import dev.gradus.precision.StorageType;
import dev.gradus.precision.Weights;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The buffers a checkpoint holds for one parameter besides its values, in file order: the rule's
 * state buffers, then the optimizer's weights' buffer where the storage keeps one (the float32
 * {@code master} or the Kahan {@code compensation}), with their element counts and sizes.
 */
final class StoredBuffers {

    private StoredBuffers() {
    }

    /** The number of state sections of {@code parameter}. */
    static int count(RegisteredParameter parameter) {
        return parameter.rule().stateBuffers() + (parameter.ownWeights() == null ? 0 : 1);
    }

    /** State section {@code i} of {@code parameter}. */
    static MemorySegment buffer(RegisteredParameter parameter, int i) {
        return i < parameter.rule().stateBuffers() ? parameter.state(i) : parameter.ownWeights();
    }

    /** The names of the state sections. */
    static List<String> names(RegisteredParameter parameter) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < parameter.rule().stateBuffers(); i++) {
            names.add(parameter.rule().stateName(i));
        }
        if (parameter.ownWeights() != null) {
            names.add(weightsName(parameter.storage()));
        }
        return names;
    }

    /** The name of the optimizer's weights' buffer in a checkpoint. */
    static String weightsName(StoragePlan plan) {
        return plan.weights() == Weights.KAHAN ? "compensation" : "master";
    }

    /** The element counts of the state sections. */
    static List<Long> elements(RegisteredParameter parameter) {
        List<Long> counts = new ArrayList<>();
        for (int i = 0; i < count(parameter); i++) {
            counts.add(buffer(parameter, i).byteSize() / type(parameter, i).bytes());
        }
        return counts;
    }

    /** The element sizes of the values, then of each state section. */
    static List<Integer> elementBytes(RegisteredParameter parameter) {
        List<Integer> sizes = new ArrayList<>();
        sizes.add(parameter.storage().parameter().bytes());
        for (int i = 0; i < count(parameter); i++) {
            sizes.add(type(parameter, i).bytes());
        }
        return sizes;
    }

    /** The type of state section {@code i}. */
    static StorageType type(RegisteredParameter parameter, int i) {
        return i < parameter.rule().stateBuffers()
                ? StateMemory.stateType(parameter.rule(), i, parameter.storage())
                : StateMemory.weightsType(parameter.storage());
    }
}
