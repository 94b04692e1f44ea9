package dev.gradus.jmh.report;

import dev.gradus.jmh.StreamState;
import dev.gradus.jmh.report.model.Rule;
import dev.gradus.jmh.report.model.Variant;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The benchmark methods JMH can run, from the list its annotation processor generated at
 * compile time, and the {@link Rule}s among them: every class of this package that declares the
 * {@link Variant#GRADUS} method.
 *
 * @param benchmarks fully qualified benchmark methods, for example
 *                   {@code dev.gradus.jmh.AdamBenchmark.gradus}
 */
public record BenchmarkCatalog(List<String> benchmarks) {

    /** The methods, copied. */
    public BenchmarkCatalog {
        benchmarks = List.copyOf(benchmarks);
    }

    /** The benchmarks on the class path ({@code META-INF/BenchmarkList}). */
    public static BenchmarkCatalog load() {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        TreeSet<String> names = new TreeSet<>();
        for (BenchmarkListEntry entry : BenchmarkList.defaultList()
                .getAll(OutputFormatFactory.createFormatInstance(nowhere, VerboseMode.SILENT), List.of())) {
            names.add(entry.getUsername());
        }
        return new BenchmarkCatalog(List.copyOf(names));
    }

    /** The rules, in {@link Rule} order. */
    public List<Rule> rules() {
        String prefix = StreamState.class.getPackageName() + ".";
        String suffix = "." + Variant.GRADUS.method();
        return benchmarks.stream()
                .filter(name -> name.startsWith(prefix) && name.endsWith(suffix))
                .map(name -> Rule.ofBenchmarkClass(name.substring(0, name.length() - suffix.length())))
                .sorted()
                .toList();
    }

    /** How many methods JMH selects with the include pattern {@code regex}. */
    public int count(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return (int) benchmarks.stream().filter(name -> pattern.matcher(name).find()).count();
    }
}
