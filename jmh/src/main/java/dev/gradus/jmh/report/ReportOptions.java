package dev.gradus.jmh.report;

import dev.gradus.jmh.StreamState;
import dev.gradus.jmh.report.model.Rule;
import dev.gradus.jmh.report.model.Variant;
import dev.gradus.jmh.report.model.Verdict;
import dev.gradus.jmh.report.text.Progress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Param;

/**
 * The options of the throughput report, parsed from its command line ({@code -Dreport.args}).
 *
 * @param plan           forks, warm-up, iterations and attempts
 * @param rules          the rules to run, in {@link Rule} order
 * @param sizes          the element counts to run
 * @param threads        the thread counts to run, each a JMH run of its own
 * @param gcProfiler     whether JMH's GC profiler reports the bytes allocated per step (the checks
 *                       that a kernel ran compiled need it)
 * @param coldStart      the cold-start benchmarks to run, each with one set of parameters; empty
 *                       without {@code --cold-start}
 * @param from           a JMH result file to render instead of running anything, or {@code null}
 * @param ruleRuns       the rule benchmarks to run, in order: per thread count, per rule, per size,
 *                       the variants the rule's class has
 * @param help           whether to print {@link #usage} and run nothing
 */
public record ReportOptions(Plan plan, List<Rule> rules, List<Integer> sizes, List<Integer> threads,
                            boolean gcProfiler, List<ColdStartRun> coldStart, Path from, List<RuleRun> ruleRuns,
                            boolean help) {

    /** The element counts of {@link StreamState#n}'s {@code @Param}: the full plan's sizes. */
    public static final List<Integer> DEFAULT_SIZES = defaultSizes();
    /**
     * The quick plan's sizes: the smallest and the largest of {@link #DEFAULT_SIZES}, in cache and
     * out of it, so that every rule's fork gets the warm-up time its rows need within the budget.
     */
    public static final List<Integer> QUICK_SIZES = List.of(DEFAULT_SIZES.getFirst(), DEFAULT_SIZES.getLast());
    /**
     * The quick plan's variants: Gradus, the textbook loop and the roofline, the roofline once per
     * traffic (bytes per element), size and threads, shared by the rules with that traffic: its
     * kernel depends on the traffic alone. The scalar kernels' loop, the vector kernels' own
     * baseline, and every rule's own roofline run with {@code --full} (and {@code --smoke}); the
     * quick plan spends that time on warming the others up.
     */
    public static final List<Variant> QUICK_VARIANTS = List.of(Variant.GRADUS, Variant.TEXTBOOK_ARRAY,
            Variant.ROOFLINE);

    /**
     * One cold-start benchmark with one set of parameters, run with the plan's cold-start forks.
     *
     * @param benchmark the fully qualified benchmark method
     * @param params    the value of each parameter
     */
    public record ColdStartRun(String benchmark, Map<String, String> params) {
    }

    /** The options' lists, copied. */
    public ReportOptions {
        rules = List.copyOf(rules);
        sizes = List.copyOf(sizes);
        threads = List.copyOf(threads);
        coldStart = List.copyOf(coldStart);
        ruleRuns = List.copyOf(ruleRuns);
    }

    /**
     * Parses {@code --quick}, {@code --full}, {@code --rule a,b}, {@code --size n,m},
     * {@code --threads t,u}, {@code --prof-gc}, {@code --no-prof-gc}, {@code --cold-start},
     * {@code --from FILE} and {@code --help} (values also as {@code --rule=a,b}), and the
     * undocumented {@code --smoke}.
     *
     * @param catalog the benchmarks on the class path, which name the rules
     * @param args    the command line
     * @return the options
     * @throws IllegalArgumentException for an unknown option or a bad value
     */
    public static ReportOptions parse(BenchmarkCatalog catalog, String... args) {
        String planName = "quick";
        List<Rule> available = catalog.rules();
        List<Rule> rules = available;
        List<Integer> sizes = null;
        List<Integer> threads = List.of(1);
        boolean gc = true;
        boolean coldStart = false;
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
                case "--cold-start" -> coldStart = true;
                case "--from" -> from = Path.of(value(words, ++i, word));
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("unknown option '" + word + "' (see --help)");
            }
        }
        if (rules.isEmpty() && !help && from == null) {
            throw new IllegalArgumentException("no rule benchmarks found on the class path");
        }
        List<ColdStartRun> coldRuns = new ArrayList<>();
        if (coldStart) {
            if (catalog.coldStart().isEmpty() && !help && from == null) {
                throw new IllegalArgumentException("--cold-start: no single-shot benchmark on the class path "
                        + "(expected dev.gradus.jmh.ColdStartBenchmark, see jmh/README.md)");
            }
            for (BenchmarkCatalog.Entry entry : catalog.coldStart()) {
                BenchmarkCatalog.combinations(entry, sizes)
                        .forEach(params -> coldRuns.add(new ColdStartRun(entry.name(), params)));
            }
        }
        if (sizes == null) {
            sizes = switch (planName) {
                case "smoke" -> List.of(DEFAULT_SIZES.getFirst());
                case "full" -> DEFAULT_SIZES;
                default -> QUICK_SIZES;
            };
        }
        boolean quick = planName.equals("quick");
        List<RuleRun> runs = ruleRuns(catalog, rules, sizes, threads, quick ? QUICK_VARIANTS : List.of(Variant.values()),
                quick);
        Plan plan = switch (planName) {
            case "smoke" -> Plan.smoke();
            case "full" -> Plan.full();
            default -> Plan.quick(runs.size());
        };
        return new ReportOptions(plan, rules, sizes, threads, gc, coldRuns, from, runs, help);
    }

    /**
     * The text of {@code --help}.
     *
     * @param catalog the benchmarks on the class path
     * @return the options, the rules found and the time of a whole run in each plan
     */
    public static String usage(BenchmarkCatalog catalog) {
        ReportOptions quick = parse(catalog);
        ReportOptions full = parse(catalog, "--full");
        return """
                Gradus throughput report: runs the JMH benchmarks of jmh/, prints progress and a summary,
                and writes target/gradus-report/ (report.md, report.json, SVG charts, jmh-result.json,
                jmh-output.txt).

                  mvn -Preport verify [-Dreport.args="OPTIONS"]

                OPTIONS
                  --quick            gradus, textbookArray, and one roofline per traffic shared by the
                                     rules with that traffic (scalarSegments and every rule's own
                                     roofline with --full); 1 fork per benchmark, warmed up until
                                     compiled and steady (%s to
                                     %s), then JMH warmup %d x %d ms, measurement %d x I (default), I = 1 s or
                                     less (%d ms at least) so that one attempt at every benchmark leaves
                                     %.0f%% of %d min, where it can, for longer warm-ups and re-measurements;
                                     a result that allocates, ran uncompiled (under %.0f%% of its samples in
                                     C2 code), is bimodal or still warming is measured once more while that
                                     reserve lasts, then marked invalid; the rule benchmarks never take more
                                     than %d min in all, as long as a JVM starts in about 2 s
                  --full             %s
                  --rule R[,R...]    rules to run, from: %s (default: all)
                  --size N[,N...]    elements per buffer (default: %s quick, %s full)
                  --threads T[,T...] threads per benchmark, each with its own buffers (default: 1)
                  --prof-gc          bytes allocated per step, JMH's GC profiler (default; the check
                                     that a kernel ran compiled needs it)
                  --no-prof-gc       leave the GC profiler out
                  --cold-start       also run the single-shot cold-start benchmarks (%s), %d forks each
                                     quick, %d full
                  --from FILE        render the report from a JMH result file; run nothing
                  --help             print this text

                All rules on 1 thread are %d benchmarks quick: about %s on a quiet machine
                (I = %d ms), at most %s; %d full: about %s, more when the machine is busy, as
                warm-ups wait for the JIT.
                """.formatted(Plan.words(quick.plan().adaptiveMin()), Plan.words(quick.plan().adaptiveMax()),
                quick.plan().warmupIterations(), quick.plan().warmupTime().toMillis(),
                quick.plan().measurementIterations(), Plan.QUICK_SHORTEST_ITERATION.toMillis(),
                100 * Plan.QUICK_RESERVE_SHARE, Plan.QUICK_BUDGET.toMinutes(), Verdict.MIN_C2_PERCENT,
                Plan.QUICK_BUDGET.toMinutes(), Plan.full().describe(),
                catalog.rules().stream().map(Rule::id).collect(Collectors.joining(",")),
                QUICK_SIZES.stream().map(String::valueOf).collect(Collectors.joining(",")),
                DEFAULT_SIZES.stream().map(String::valueOf).collect(Collectors.joining(",")),
                catalog.coldStart().isEmpty() ? "none found" : catalog.coldStart().size() + " methods found",
                quick.plan().coldForks(), Plan.full().coldForks(),
                quick.benchmarkCount(), Progress.approximately(quick.estimatedDuration()),
                quick.plan().measurementTime().toMillis(), Progress.approximately(quick.worstCase()),
                full.benchmarkCount(), Progress.approximately(full.estimatedDuration()));
    }

    /**
     * The expected wall time of the whole run on a quiet machine.
     *
     * @return the estimate
     */
    public Duration estimatedDuration() {
        return plan.perBenchmark().multipliedBy(benchmarkCount())
                .plus(plan.perColdStart().multipliedBy(coldStart.size()));
    }

    /**
     * The longest the whole run can take as planned: the rule benchmarks' {@link Plan#worstCase}
     * (with the quick plan its budget) and the cold-start runs' expected time.
     *
     * @return the worst case
     */
    public Duration worstCase() {
        return plan.worstCase(benchmarkCount()).plus(plan.perColdStart().multipliedBy(coldStart.size()));
    }

    /**
     * The number of rule benchmark runs: methods x sizes x thread counts.
     *
     * @return the size of {@link #ruleRuns()}
     */
    public int benchmarkCount() {
        return ruleRuns.size();
    }

    private static List<RuleRun> ruleRuns(BenchmarkCatalog catalog, List<Rule> rules, List<Integer> sizes,
                                          List<Integer> threads, List<Variant> variants, boolean shareRooflines) {
        List<RuleRun> runs = new ArrayList<>();
        Set<String> rooflines = new HashSet<>();
        for (int t : threads) {
            for (Rule rule : rules) {
                for (int n : sizes) {
                    for (Variant variant : variants) {
                        RuleRun run = new RuleRun(rule, variant, n, t);
                        boolean exists = catalog.count("^" + run.benchmark().replace(".", "\\.") + "$") > 0;
                        boolean shared = shareRooflines && variant == Variant.ROOFLINE
                                && !Double.isNaN(rule.bytesPerElement());
                        // Only a roofline that runs stands for its traffic: a class without one leaves it to the next.
                        if (exists && (!shared || rooflines.add(rule.bytesPerElement() + " " + n + " " + t))) {
                            runs.add(run);
                        }
                    }
                }
            }
        }
        return runs;
    }

    /**
     * One variant of one rule at one size and thread count.
     *
     * @param rule    the rule
     * @param variant the variant
     * @param n       elements per buffer
     * @param threads threads running it at once
     */
    public record RuleRun(Rule rule, Variant variant, int n, int threads) {

        /**
         * The benchmark method.
         *
         * @return the fully qualified method, for example {@code dev.gradus.jmh.AdamBenchmark.gradus}
         */
        public String benchmark() {
            return rule.benchmarkClass() + "." + variant.method();
        }
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
