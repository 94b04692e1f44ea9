package dev.gradus.jmh.report;

import dev.gradus.jmh.StreamState;
import dev.gradus.jmh.report.model.JmhResult;
import dev.gradus.jmh.report.model.Rule;
import dev.gradus.jmh.report.model.Variant;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The benchmark methods JMH can run, from the list its annotation processor generated at
 * compile time: the {@link Rule}s among them (every class of the benchmark package that declares
 * the {@link Variant#GRADUS} method) and the cold-start benchmarks (every single-shot method of
 * the package).
 *
 * @param benchmarks the benchmark methods, by name
 */
public record BenchmarkCatalog(List<Entry> benchmarks) {

    /**
     * One benchmark method.
     *
     * @param name   the fully qualified method, for example {@code dev.gradus.jmh.AdamBenchmark.gradus}
     * @param mode   JMH's short name of its mode, for example {@code avgt} or {@code ss}
     * @param params its {@code @Param} values by name, in JMH's order
     */
    public record Entry(String name, String mode, Map<String, List<String>> params) {

        /** The parameters, copied. */
        public Entry {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }

        /**
         * An {@code AverageTime} method without parameters, for tests.
         *
         * @param name the fully qualified method
         * @return the entry
         */
        public static Entry averageTime(String name) {
            return new Entry(name, JmhResult.AVERAGE_TIME, Map.of());
        }
    }

    /** The entries, copied and sorted by name. */
    public BenchmarkCatalog {
        benchmarks = benchmarks.stream().sorted(Comparator.comparing(Entry::name)).toList();
    }

    /**
     * The benchmarks on the class path ({@code META-INF/BenchmarkList}).
     *
     * @return the catalog
     */
    public static BenchmarkCatalog load() {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        Map<String, Entry> entries = new TreeMap<>();
        for (BenchmarkListEntry entry : BenchmarkList.defaultList()
                .getAll(OutputFormatFactory.createFormatInstance(nowhere, VerboseMode.SILENT), List.of())) {
            Map<String, List<String>> params = new LinkedHashMap<>();
            entry.getParams().orElse(Map.of()).forEach((key, values) -> params.put(key, Arrays.asList(values)));
            entries.put(entry.getUsername(), new Entry(entry.getUsername(), entry.getMode().shortLabel(), params));
        }
        return new BenchmarkCatalog(List.copyOf(entries.values()));
    }

    /**
     * The rules: the classes of the benchmark package with a {@link Variant#GRADUS} method.
     *
     * @return the rules, in {@link Rule} order
     */
    public List<Rule> rules() {
        String suffix = "." + Variant.GRADUS.method();
        return benchmarks.stream().map(Entry::name)
                .filter(name -> inPackage(name) && name.endsWith(suffix))
                .map(name -> Rule.ofBenchmarkClass(name.substring(0, name.length() - suffix.length())))
                .sorted()
                .toList();
    }

    /**
     * The cold-start benchmarks: the single-shot methods of the benchmark package.
     *
     * @return the entries, by name
     */
    public List<Entry> coldStart() {
        return benchmarks.stream().filter(e -> inPackage(e.name()) && JmhResult.SINGLE_SHOT.equals(e.mode())).toList();
    }

    /**
     * How many methods an include pattern selects.
     *
     * @param regex a JMH include pattern, matched anywhere in the name
     * @return the count
     */
    public int count(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return (int) benchmarks.stream().filter(e -> pattern.matcher(e.name()).find()).count();
    }

    /**
     * Every combination of the values of an entry's parameters, the values of {@code n} limited to
     * {@code sizes} when given.
     *
     * @param entry the benchmark
     * @param sizes the values of {@code n} to keep, or {@code null} for all
     * @return one map per combination, in JMH's order
     */
    public static List<Map<String, String>> combinations(Entry entry, List<Integer> sizes) {
        List<Map<String, String>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> param : entry.params().entrySet()) {
            List<String> values = param.getKey().equals("n") && sizes != null
                    ? param.getValue().stream().filter(v -> sizes.stream().map(String::valueOf).toList().contains(v))
                            .toList()
                    : param.getValue();
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : combinations) {
                for (String value : values) {
                    Map<String, String> extended = new LinkedHashMap<>(partial);
                    extended.put(param.getKey(), value);
                    next.add(extended);
                }
            }
            combinations = next;
        }
        return combinations;
    }

    private static boolean inPackage(String name) {
        String prefix = StreamState.class.getPackageName() + ".";
        return name.startsWith(prefix) && name.indexOf('.', prefix.length()) == name.lastIndexOf('.');
    }
}
