package dev.gradus.jmh;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Param;

/**
 * The options of the throughput report, parsed from its command line ({@code -Dreport.args}).
 *
 * @param plan       forks and iterations
 * @param rules      the rules to run, in {@link Rule} order
 * @param sizes      the element counts to run
 * @param gcProfiler whether JMH's GC profiler reports the bytes allocated per step
 * @param help       whether to print {@link #usage()} and run nothing
 */
public record ReportOptions(Plan plan, List<Rule> rules, List<Integer> sizes, boolean gcProfiler,
                            boolean help) {

    /** The element counts of {@link StreamState#n}'s {@code @Param}. */
    public static final List<Integer> DEFAULT_SIZES = defaultSizes();

    /** The options' lists, copied. */
    public ReportOptions {
        rules = List.copyOf(rules);
        sizes = List.copyOf(sizes);
    }

    /**
     * Parses {@code --quick}, {@code --full}, {@code --rule a,b}, {@code --size n,m},
     * {@code --prof-gc}, {@code --no-prof-gc} and {@code --help} (values also as
     * {@code --rule=a,b}), and the undocumented {@code --smoke}.
     *
     * @throws IllegalArgumentException for an unknown option or a bad value
     */
    public static ReportOptions parse(String... args) {
        Plan plan = Plan.QUICK;
        List<Rule> rules = List.of(Rule.values());
        List<Integer> sizes = null;
        boolean gc = true;
        boolean help = false;
        List<String> words = new ArrayList<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                words.add(arg.substring(0, equals));
                words.add(arg.substring(equals + 1));
            } else if (!arg.isBlank()) {
                words.add(arg);
            }
        }
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "--quick" -> plan = Plan.QUICK;
                case "--full" -> plan = Plan.FULL;
                case "--smoke" -> plan = Plan.SMOKE;
                case "--rule" -> rules = parseRules(value(words, ++i, word));
                case "--size" -> sizes = parseSizes(value(words, ++i, word));
                case "--prof-gc" -> gc = true;
                case "--no-prof-gc" -> gc = false;
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("unknown option '" + word + "' (see --help)");
            }
        }
        if (sizes == null) {
            sizes = plan == Plan.SMOKE ? List.of(DEFAULT_SIZES.getFirst()) : DEFAULT_SIZES;
        }
        return new ReportOptions(plan, rules, sizes, gc, help);
    }

    /** The text of {@code --help}. */
    public static String usage() {
        return """
                Gradus throughput report: runs the JMH benchmarks of jmh/ and prints a table.

                  mvn -Preport verify [-Dreport.args="OPTIONS"]

                OPTIONS
                  --quick          %s (default)
                  --full           %s
                  --rule R[,R...]  rules to run, from: %s (default: all)
                  --size N[,N...]  elements per buffer (default: %s)
                  --prof-gc        report bytes allocated per step with JMH's GC profiler (default)
                  --no-prof-gc     leave the GC profiler out
                  --help           print this text
                Results: target/gradus-report/report.md and jmh-result.json
                """.formatted(Plan.QUICK.describe(), Plan.FULL.describe(),
                Arrays.stream(Rule.values()).map(Rule::id).collect(Collectors.joining(",")),
                DEFAULT_SIZES.stream().map(String::valueOf).collect(Collectors.joining(",")));
    }

    /** The number of benchmark runs: rules x variants x sizes. */
    public int benchmarkCount() {
        return rules.size() * Variant.values().length * sizes.size();
    }

    /** The expected wall time of the whole run. */
    public Duration estimatedDuration() {
        return plan.perBenchmark().multipliedBy(benchmarkCount());
    }

    /** The JMH include pattern selecting every variant of the chosen rules. */
    public String includeRegex() {
        return "^" + StreamState.class.getPackageName().replace(".", "\\.") + "\\.("
                + rules.stream().map(r -> r.benchmark().getSimpleName()).collect(Collectors.joining("|"))
                + ")\\.(" + Arrays.stream(Variant.values()).map(Variant::method).collect(Collectors.joining("|"))
                + ")$";
    }

    private static String value(List<String> words, int i, String option) {
        if (i >= words.size() || words.get(i).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return words.get(i);
    }

    private static List<Rule> parseRules(String list) {
        LinkedHashSet<Rule> rules = new LinkedHashSet<>();
        for (String id : list.split(",")) {
            rules.add(Rule.ofId(id));
        }
        return rules.stream().sorted().toList();
    }

    private static List<Integer> parseSizes(String list) {
        LinkedHashSet<Integer> sizes = new LinkedHashSet<>();
        for (String size : list.split(",")) {
            try {
                int n = Integer.parseInt(size.strip().replace("_", ""));
                if (n < 1) {
                    throw new NumberFormatException();
                }
                sizes.add(n);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--size: '" + size + "' is not a positive int");
            }
        }
        return List.copyOf(sizes);
    }

    private static List<Integer> defaultSizes() {
        try {
            String[] values = StreamState.class.getField("n").getAnnotation(Param.class).value();
            return Arrays.stream(values).map(Integer::valueOf).toList();
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }
}
