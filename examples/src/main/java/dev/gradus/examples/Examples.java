package dev.gradus.examples;

import dev.gradus.Kernels;
import dev.gradus.examples.chart.Figure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Runs the examples and writes their charts:
 *
 * <pre>
 *   mvn -q -Pexamples test -Dexample=bowl                      # one example, into target/guide
 *   mvn -q -Pexamples test                                     # all of them
 *   mvn -q -Pexamples test -Dexample.out=docs/guide            # regenerate the guide's charts
 * </pre>
 *
 * Arguments: example names ({@code bowl}, {@code ewma}, {@code schedules}, {@code batches},
 * {@code mlp}, {@code precision}, or {@code all}), then optionally {@code --out DIR}.
 */
public final class Examples {

    /** An example: its name (also its file name) and what it draws. */
    private enum Entry {
        BOWL("bowl", () -> BowlTrajectories.run(BowlTrajectories.STEPS).figure()),
        EWMA("ewma", () -> EwmaSmoothing.run(EwmaSmoothing.DAYS).figure()),
        SCHEDULES("schedules", () -> DecaySchedules.run(DecaySchedules.EPOCHS).figure()),
        BATCHES("batches", () -> BatchSizes.run(BatchSizes.FULL).figure()),
        MLP("mlp", () -> MlpTraining.run(MlpTraining.FULL).figure()),
        PRECISION("precision", () -> {
            PrecisionStudy.Result result = PrecisionStudy.run(PrecisionStudy.FULL);
            PrecisionStudy.print(result, System.out);
            return result.figure();
        });

        private final String file;
        private final Supplier<Figure> figure;

        Entry(String file, Supplier<Figure> figure) {
            this.file = file;
            this.figure = figure;
        }
    }

    private Examples() {
    }

    /**
     * Runs the named examples.
     *
     * @param args example names or {@code all}, then optionally {@code --out DIR} (default
     *             {@code target/guide})
     * @throws IOException if a chart cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of("target", "guide");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) {
                out = Path.of(args[++i]);
            } else if (!args[i].isBlank()) {
                names.addAll(Arrays.asList(args[i].split(",")));
            }
        }
        if (names.isEmpty() || names.contains("all")) {
            names = Arrays.stream(Entry.values()).map(e -> e.file).toList();
        }
        System.out.println("Gradus kernels: " + Kernels.implementation());
        for (String name : names) {
            Entry entry = Arrays.stream(Entry.values()).filter(e -> e.file.equals(name.trim().toLowerCase(Locale.ROOT)))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown example '" + name
                            + "'; known: bowl, ewma, schedules, batches, mlp, precision, all"));
            long start = System.nanoTime();
            Path file = entry.figure.get().write(out.resolve(entry.file + ".svg"));
            System.out.printf(Locale.ROOT, "%-9s -> %s (%.1f s)%n", entry.file, file, (System.nanoTime() - start) / 1e9);
        }
    }
}
