package dev.gradus.conformance;

import dev.gradus.UpdateRule;
import java.util.List;

/**
 * One PyTorch trajectory: what torch ran, the Gradus rule that should equal it, and the
 * parameters torch computed after every step from the {@linkplain Inputs shared inputs}.
 *
 * @param name         the case name (its resource is {@code <name>.txt})
 * @param torchVersion {@code torch.__version__} of the run
 * @param optimizer    torch's optimizer class and its resolved arguments
 * @param rule         the Gradus rule of the {@code gradus} line
 * @param learningRate the learning rate of every step
 * @param inputs       the initial parameters and the gradients
 * @param expected     torch's parameters after step {@code t} at index {@code t - 1}
 */
record TorchCase(String name, String torchVersion, String optimizer, UpdateRule rule, double learningRate,
                 Inputs inputs, List<float[]> expected) {

    /** The names of every case, in the order of {@code cases.txt}. */
    static List<String> names() {
        return ResourceFile.read("cases.txt").lines().keySet().stream().toList();
    }

    /** Reads and checks case {@code name}. */
    static TorchCase load(String name) {
        ResourceFile file = ResourceFile.read(name + ".txt");
        Inputs inputs = file.single("inputs").equals("inputs.txt") ? Inputs.SHARED : Inputs.load(file.single("inputs"));
        TorchCase c = new TorchCase(file.single("case"), file.single("torch"), file.single("optimizer"),
                RuleSpec.parse(file.single("gradus")), Double.parseDouble(file.single("lr")), inputs,
                file.floatRows("w"));
        if (!c.name().equals(name) || c.expected().size() != inputs.steps()
                || c.expected().stream().anyMatch(w -> w.length != inputs.size())) {
            throw new IllegalArgumentException(name + ".txt: expected case " + name + " with " + inputs.steps()
                    + " parameter rows of " + inputs.size() + " floats");
        }
        return c;
    }

    @Override
    public String toString() {
        return name;
    }
}
