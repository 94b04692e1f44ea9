package dev.gradus.jmh.report;

import dev.gradus.jmh.StreamState;
import dev.gradus.jmh.report.model.Rule;
import dev.gradus.jmh.report.model.Variant;
import dev.gradus.jmh.report.text.ProgressFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Param;

/**
 * The options of the throughput report, parsed from its command line ({@code -Dreport.args}).
 *
 * @param plan           forks and iterations
 * @param rules          the rules to run, in {@link Rule} order
 * @param sizes          the element counts to run
 * @param threads        the thread counts to run, each a JMH run of its own
 * @param gcProfiler     whether JMH's GC profiler reports the bytes allocated per step
 * @param from           a JMH result file to render instead of running anything, or {@code null}
 * @param benchmarkCount the number of benchmark runs: methods x sizes x thread counts
 * @param help           whether to print {@link #usage} and run nothing
 */
public record ReportOptions(Plan plan, List<Rule> rules, List<Integer> sizes, List<Integer> threads,
                            boolean gcProfiler, Path from, int benchmarkCount, boolean help) {

    /** The element counts of {@link StreamState#n}'s {@code @Param}. */
    public static final List<Integer> DEFAULT_SIZES = defaultSizes();

    /** The options' lists, copied. */
    public ReportOptions {
        rules = List.copyOf(rules);
        sizes = List.copyOf(sizes);
        threads = List.copyOf(threads);
    }

    /**
     * Parses {@code --quick}, {@code --full}, {@code --rule a,b}, {@code --size n,m},
     * {@code --threads t,u}, {@code --prof-gc}, {@code --no-prof-gc}, {@code --from FILE} and
     * {@code --help} (values also as {@code --rule=a,b}), and the undocumented {@code --smoke}.
     * Rules are those of {@code catalog}.
     *
     * @throws IllegalArgumentException for an unknown option or a bad value
     */
    public static ReportOptions parse(BenchmarkCatalog catalog, String... args) {
        String planName = "quick";
        List<Rule> available = catalog.rules();
        List<Rule> rules = available;
        List<Integer> sizes = null;
        List<Integer> threads = List.of(1);
        boolean gc = true;
        Path from = null;
        boolean help = false;
        List<String> words = words(args);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "--quick", "--full", "--smoke" -> planName = word.substring(2);
                case "--rule" -> rules = parseRules(available, value(words, ++i, word));
                case "--size" -> sizes = positiveInts(word, value(words, ++i, word));
                case "--threads" -> threads = positiveInts(word, value(words, ++i, word));
                case "--prof-gc" -> gc = true;
                case "--no-prof-gc" -> gc = false;
                case "--from" -> from = Path.of(value(words, ++i, word));
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("unknown option '" + word + "' (see --help)");
            }
        }
        if (rules.isEmpty() && !help && from == null) {
            throw new IllegalArgumentException("no rule benchmarks found on the class path");
        }
        if (sizes == null) {
            sizes = planName.equals("smoke") ? List.of(DEFAULT_SIZES.getFirst()) : DEFAULT_SIZES;
        }
        int count = catalog.count(includeRegex(rules)) * sizes.size() * threads.size();
        Plan plan = switch (planName) {
            case "smoke" -> Plan.smoke();
            case "full" -> Plan.full();
            default -> Plan.quick(count);
        };
        return new ReportOptions(plan, rules, sizes, threads, gc, from, count, help);
    }

    /** The text of {@code --help}, naming the rules of {@code catalog} and the time of a whole run. */
    public static String usage(BenchmarkCatalog catalog) {
        ReportOptions quick = parse(catalog);
        ReportOptions full = parse(catalog, "--full");
        return """
                Gradus throughput report: runs the JMH benchmarks of jmh/, prints a summary and
                writes target/gradus-report/ (report.md, report.json, SVG charts, jmh-result.json).

                  mvn -Preport verify [-Dreport.args="OPTIONS"]

                OPTIONS
                  --quick            1 fork, warmup %d x 1 s, measurement %d x I (default), I = 1 s,
                                     or less (%d ms at least) to keep the run within %d min
                  --full             %s
                  --rule R[,R...]    rules to run, from: %s (default: all)
                  --size N[,N...]    elements per buffer (default: %s)
                  --threads T[,T...] threads per benchmark, each with its own buffers (default: 1)
                  --prof-gc          report bytes allocated per step with JMH's GC profiler (default)
                  --no-prof-gc       leave the GC profiler out
                  --from FILE        render the report from a JMH result file; run nothing
                  --help             print this text

                All rules and sizes on 1 thread are %d benchmarks: about %s quick (I = %d ms),
                about %s full.
                """.formatted(quick.plan().warmupIterations(), quick.plan().measurementIterations(),
                Plan.QUICK_SHORTEST_ITERATION.toMillis(), Plan.QUICK_BUDGET.toMinutes(), Plan.full().describe(),
                catalog.rules().stream().map(Rule::id).collect(Collectors.joining(",")),
                DEFAULT_SIZES.stream().map(String::valueOf).collect(Collectors.joining(",")),
                quick.benchmarkCount(), ProgressFormat.approximately(quick.estimatedDuration()),
                quick.plan().measurementTime().toMillis(), ProgressFormat.approximately(full.estimatedDuration()));
    }

    /** The expected wall time of the whole run. */
    public Duration estimatedDuration() {
        return plan.perBenchmark().multipliedBy(benchmarkCount);
    }

    /** The JMH include pattern selecting every variant of the chosen rules. */
    public String includeRegex() {
        return includeRegex(rules);
    }

    private static String includeRegex(List<Rule> rules) {
        return "^(" + rules.stream().map(r -> r.benchmarkClass().replace(".", "\\."))
                .collect(Collectors.joining("|"))
                + ")\\.(" + Arrays.stream(Variant.values()).map(Variant::method).collect(Collectors.joining("|"))
                + ")$";
    }

    private static List<String> words(String... args) {
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
        return words;
    }

    private static String value(List<String> words, int i, String option) {
        if (i >= words.size() || words.get(i).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return words.get(i);
    }

    private static List<Rule> parseRules(List<Rule> available, String list) {
        Function<String, Rule> byId = id -> available.stream()
                .filter(rule -> rule.id().equalsIgnoreCase(id.strip()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown rule '" + id + "', expected one of "
                        + available.stream().map(Rule::id).toList()));
        LinkedHashSet<Rule> rules = new LinkedHashSet<>();
        for (String id : list.split(",")) {
            rules.add(byId.apply(id));
        }
        return rules.stream().sorted().toList();
    }

    private static List<Integer> positiveInts(String option, String list) {
        LinkedHashSet<Integer> values = new LinkedHashSet<>();
        for (String item : list.split(",")) {
            try {
                int value = Integer.parseInt(item.strip().replace("_", ""));
                if (value < 1) {
                    throw new NumberFormatException();
                }
                values.add(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": '" + item + "' is not a positive int");
            }
        }
        return List.copyOf(values);
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
