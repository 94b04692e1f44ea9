package dev.gradus.testkit;

import dev.gradus.Kernels;
import dev.gradus.kernels.KernelProperties;
import dev.gradus.kernels.StepForm;
import dev.gradus.testing.property.Buffers;
import dev.gradus.testing.property.Property;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One width of the self-test, in a child JVM the self-test started with that width's options:
 * runs the built-in bitwise properties ({@link KernelProperties}) for each rule and prints a
 * {@link Verdict} per rule. Arguments: the kernels the JVM must have selected ({@code vector-256},
 * {@code chunked}, {@code scalar}), the rules ({@code all} or a comma-separated list), the cases of
 * the generated properties (0 for none), and the compiled cases in place, in the update form and
 * clipped (0 for none). Exits 1 if a verdict is FAIL.
 */
public final class SelfTestChildMain {

    private static final Pattern REPLAY_SEED = Pattern.compile("replay with -D" + Pattern.quote(Property.SEED_PROPERTY)
            + "=(-?\\d+)");

    private SelfTestChildMain() {
    }

    /**
     * Runs the properties of one width.
     *
     * @param args the expected kernels, the rules, the generated cases, the compiled cases per form
     */
    public static void main(String[] args) {
        String expected = args[0];
        List<String> rules = args[1].equals("all") ? KernelProperties.rules() : Arrays.asList(args[1].split(","));
        int tries = Integer.parseInt(args[2]);
        int[] compiled = {Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5])};
        boolean failed = false;
        for (String rule : rules) {
            Verdict verdict = verdict(rule, expected, tries, compiled);
            System.out.println(verdict.protocol());
            System.out.flush();
            failed |= verdict.status() == Verdict.Status.FAIL;
        }
        System.exit(failed ? 1 : 0);
    }

    private static Verdict verdict(String rule, String expected, int tries, int[] compiled) {
        String selected = Kernels.implementation();
        if (!selected.equals(expected)) {
            return new Verdict(rule, expected, Verdict.Status.FAIL, "the library selected the " + selected
                    + " kernels, not " + expected, List.of());
        }
        List<String> checked = new ArrayList<>();
        String check = "";
        try {
            if (tries > 0) {
                check = "generated";
                checked.add(check + " " + KernelProperties.selectedEqualsScalar(rule, tries).tries());
                check = "range splits";
                checked.add(check + " " + KernelProperties.rangeSplits(rule, tries).tries());
            }
            List<String> forms = new ArrayList<>();
            StepForm[] all = StepForm.values();
            for (int f = 0; f < all.length; f++) {
                if (compiled[f] > 0 && KernelProperties.hasForm(rule, all[f])) {
                    check = "compiled " + name(all[f]);
                    forms.add(name(all[f]) + " " + KernelProperties.compiledEqualsScalar(rule, all[f], compiled[f],
                            Buffers.Kind.NATIVE).tries());
                }
            }
            if (!forms.isEmpty()) {
                checked.add("compiled " + String.join(", ", forms));
            }
            return new Verdict(rule, expected, Verdict.Status.PASS, String.join("; ", checked), List.of());
        } catch (AssertionError | RuntimeException e) {
            Matcher seed = REPLAY_SEED.matcher(String.valueOf(e.getMessage()));
            String replay = seed.find() ? " (seed " + seed.group(1) + ")" : "";
            return new Verdict(rule, expected, Verdict.Status.FAIL, check + " failed" + replay,
                    String.valueOf(e.getMessage() != null ? e.getMessage() : e).lines().toList());
        }
    }

    private static String name(StepForm form) {
        return switch (form) {
            case IN_PLACE -> "in place";
            case UPDATE -> "update form";
            case CLIPPED -> "clipped";
        };
    }
}
