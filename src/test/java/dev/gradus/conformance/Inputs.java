package dev.gradus.conformance;

import java.util.List;

/**
 * The badly scaled inputs every conformance trajectory starts from and is driven by: per element a
 * parameter scale of 10^-4 .. 10^3 and a gradient scale of 10^-4 .. 10^3 (two elements 1e-8 and
 * 1e-10, where epsilon matters), a fixed bias and Gaussian noise, as
 * {@code src/test/python/pytorch_trajectories.py} drew them.
 *
 * @param initial   the parameters before step 1
 * @param gradients the gradient of step {@code t} at index {@code t - 1}
 */
record Inputs(float[] initial, List<float[]> gradients) {

    /** The inputs shared by every case. */
    static final Inputs SHARED = load("inputs.txt");

    /** Reads and checks an inputs resource. */
    static Inputs load(String name) {
        ResourceFile file = ResourceFile.read(name);
        int n = Integer.parseInt(file.single("n"));
        int steps = Integer.parseInt(file.single("steps"));
        Inputs inputs = new Inputs(ResourceFile.floats(file.single("w0")), file.floatRows("g"));
        if (inputs.initial().length != n || inputs.steps() != steps
                || inputs.gradients().stream().anyMatch(g -> g.length != n)) {
            throw new IllegalArgumentException(name + ": expected " + steps + " gradients of " + n + " floats");
        }
        return inputs;
    }

    /** The number of elements. */
    int size() {
        return initial.length;
    }

    /** The number of steps. */
    int steps() {
        return gradients.size();
    }
}
