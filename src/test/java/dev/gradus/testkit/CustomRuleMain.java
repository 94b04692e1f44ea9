package dev.gradus.testkit;

import dev.gradus.testing.PreferredWidth;
import dev.gradus.testing.property.Property;

/**
 * The child JVM of {@link ForcedWidths}: checks the rules of one class at the width this JVM
 * forces. Arguments: the class (see {@link RuleSource}), the generated cases, the compiled cases
 * (0 for none), and optionally a base seed. Prints one line, {@code generated N cases, compiled M
 * cases}, and exits 0 if every case passed; otherwise prints the failure and exits 1.
 */
public final class CustomRuleMain {

    private CustomRuleMain() {
    }

    /**
     * Runs the checks.
     *
     * @param args the class, the generated cases, the compiled cases, and optionally a base seed
     */
    public static void main(String[] args) {
        int tries = Integer.parseInt(args[1]);
        int compiledTries = Integer.parseInt(args[2]);
        StringBuilder summary = new StringBuilder();
        try {
            Property.Report generated = properties(args).tries(tries).check();
            summary.append("generated ").append(generated.tries()).append(" cases");
            int bits = Integer.getInteger("gradus.vector.bits", PreferredWidth.bits());
            if (compiledTries == 0) {
                summary.append(", compiled code not checked");
            } else if (bits > PreferredWidth.bits()) {
                summary.append(", compiled code not checked: wider than the preferred species (")
                        .append(PreferredWidth.bits()).append(" bits), not intrinsified");
            } else {
                Property.Report compiled = properties(args).tries(compiledTries).checkCompiled();
                summary.append(", compiled ").append(compiled.tries()).append(" cases");
            }
        } catch (AssertionError e) {
            System.out.println(e.getMessage());
            System.exit(1);
        }
        System.out.println(summary);
    }

    private static CustomRuleProperties properties(String[] args) {
        CustomRuleProperties properties = RuleSource.load(args[0]);
        return args.length > 3 ? properties.seed(Long.parseLong(args[3])) : properties;
    }
}
