package dev.gradus.testkit;

import dev.gradus.kernels.KernelProperties;
import dev.gradus.testing.ChildExit;
import dev.gradus.testing.ChildJvm;
import dev.gradus.testing.property.Property;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The self-test: proves on this machine that Gradus' vector kernels produce the bits of its scalar
 * kernels, for every rule, at every vector width the CPU offers, in the code C2 compiles for this
 * CPU. For a vendor to check the guarantee on their fleet (AVX2, AVX-512, Arm NEON, SVE):
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp gradus-0.1.0.jar:gradus-0.1.0-tests.jar \
 *      dev.gradus.testkit.SelfTestMain [--quick] [--widths 128,256] [--rules adam,lion] [--seed S]
 * </pre>
 *
 * <p>Each width runs in a child JVM of its own, with {@code -Xbatch} (C2 compiles in the checking
 * thread): the forced scalar kernels, the chunked kernels that serve without the vector module,
 * and the vector kernels at each width from 64 bits up to the CPU's preferred species (wider ones
 * are not intrinsified, and the library never selects them). Per rule and width it runs the
 * built-in bitwise properties of {@link KernelProperties}: generated cases (lengths around the
 * vector, unaligned offsets, heap and native memory, NaN, infinities, signed zeros, subnormals),
 * splits of a range, and for vector widths up to the preferred one the compiled step in place, in
 * the update form and clipped, each step checked to allocate nothing (so it ran intrinsified). It
 * prints one line per rule and width:
 *
 * <pre>
 * rule      width       on this CPU              verdict  checked
 * adam      vector-256  intrinsified             PASS     generated 100; range splits 100; compiled in place 16, ...
 * adam      vector-512  preferred, intrinsified  PASS     generated 100; range splits 100; compiled in place 16, ...
 * </pre>
 *
 * A FAIL line names the check that failed and the options that replay it, followed by the shrunk
 * case and the first differing element. The exit status is 0 if every verdict is PASS, 1 if one
 * is FAIL, 2 for unknown options. {@code --quick} checks only the preferred width's compiled
 * in-place step, 4 cases per rule, in seconds; the full run takes a few minutes on two cores.
 */
public final class SelfTestMain {

    private static final String ROW = "%-9s %-11s %-24s %-7s  %s";

    private SelfTestMain() {
    }

    /**
     * Runs the self-test and exits with its status.
     *
     * @param args the options; {@code --help} lists them
     */
    public static void main(String[] args) {
        if (List.of(args).contains("--help")) {
            System.out.print(SelfTestOptions.USAGE);
            return;
        }
        SelfTestOptions options;
        try {
            options = SelfTestOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(SelfTestOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(run(options, System.out));
    }

    /**
     * Runs the self-test, printing to {@code out}.
     *
     * @return 0 if every verdict is PASS, else 1
     */
    static int run(SelfTestOptions options, PrintStream out) {
        long start = System.nanoTime();
        int preferred = VectorHardware.preferredBits();
        List<SelfTestWidth> widths = SelfTestWidth.plan(options, preferred);
        out.println("Gradus self-test: the vector kernels against the scalar kernels, bit for bit");
        out.println(Platform.jvmAndOs());
        out.println(Platform.cpu());
        out.println("Preferred float species: " + preferred + " bits (" + preferred / Float.SIZE + " lanes); widths: "
                + String.join(", ", widths.stream().map(SelfTestWidth::label).toList())
                + (options.quick() ? " (quick: compiled in-place step only)" : "") + "; seed " + options.seed());
        out.println();
        out.println(String.format(ROW, "rule", "width", "on this CPU", "verdict", "checked").stripTrailing());
        int passed = 0;
        int failed = 0;
        for (SelfTestWidth width : widths) {
            List<String> abnormal = new ArrayList<>();
            Map<String, Verdict> verdicts = check(width, options, abnormal);
            for (Verdict verdict : verdicts.values()) {
                if (print(verdict, width, options, out)) {
                    passed++;
                } else {
                    failed++;
                }
            }
            for (String report : abnormal) {
                failed++;
                out.println(String.format(ROW, "(all)", width.label(), width.onThisCpu(), "FAIL",
                        "the child JVM ended abnormally: " + report.lines().findFirst().orElse("")));
                report.lines().skip(1).forEach(line -> out.println("    " + line));
            }
        }
        VectorHardware.FORCIBLE_BITS.stream().filter(bits -> bits > preferred && options.widths().isEmpty()
                        && !options.quick())
                .forEach(bits -> out.println(String.format(ROW, "(all)", "vector-" + bits, "wider than preferred",
                        "SKIP", "not intrinsified on this CPU; the library never selects it")));
        out.println();
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        out.println("Verdict: " + (failed == 0 ? "PASS" : "FAIL") + ", " + passed + " of " + (passed + failed)
                + " rule-width pairs passed in " + seconds / 60 + " min " + seconds % 60 + " s");
        return failed == 0 ? 0 : 1;
    }

    /**
     * Runs the properties of {@code width}: the generated ones in a child JVM, the compiled ones in
     * another with {@code -Xbatch}.
     *
     * @return the verdict of each rule
     */
    private static Map<String, Verdict> check(SelfTestWidth width, SelfTestOptions options, List<String> abnormal) {
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        int tries = options.quick() && width.compiled() ? 0 : options.tries();
        if (tries > 0) {
            collect(runChild(width, options, tries, 0, 0), verdicts, abnormal);
        }
        if (width.compiled()) {
            collect(runChild(width, options, 0, options.quick() ? SelfTestOptions.QUICK_COMPILED_TRIES
                    : KernelProperties.COMPILED_TRIES, options.quick() ? 0
                    : KernelProperties.COMPILED_OTHER_FORM_TRIES), verdicts, abnormal);
        }
        return verdicts;
    }

    /** Prints a verdict's line, and for a failure the replay options and the failure; true if it passed. */
    private static boolean print(Verdict verdict, SelfTestWidth width, SelfTestOptions options, PrintStream out) {
        out.println(String.format(ROW, verdict.rule(), verdict.width(), width.onThisCpu(), verdict.status(),
                verdict.detail()));
        if (verdict.status() == Verdict.Status.PASS) {
            return true;
        }
        String seed = verdict.detail().replaceFirst(".*\\(seed (-?\\d+)\\).*", "$1");
        out.println("    replay: SelfTestMain --widths " + width.label().replace("vector-", "") + " --rules "
                + verdict.rule() + (options.quick() ? " --quick" : "")
                + (options.tries() != SelfTestOptions.DEFAULT_TRIES ? " --tries " + options.tries() : "") + " --seed "
                + (seed.equals(verdict.detail()) ? options.seed() : seed));
        verdict.details().forEach(line -> out.println("    " + line));
        return false;
    }

    /**
     * Adds the verdicts of a child to {@code verdicts}, each joined with the rule's verdict of an
     * earlier child, or its report to {@code abnormal} if it ended without reporting.
     */
    private static void collect(ChildExit child, Map<String, Verdict> verdicts, List<String> abnormal) {
        List<String> lines = child.stdout().lines().toList();
        int reported = 0;
        for (int i = 0; i < lines.size(); i++) {
            Optional<Verdict> verdict = Verdict.parse(lines, i);
            if (verdict.isPresent()) {
                reported++;
                verdicts.merge(verdict.get().rule(), verdict.get(), Verdict::and);
            }
        }
        if (child.timedOut() || child.exitCode() > 1 || child.exitCode() < 0 || child.exitCode() == 1 && reported == 0) {
            abnormal.add(child.report());
        }
    }

    /**
     * Runs the properties of {@code width} in a child JVM: the generated ones with {@code tries}
     * cases, the compiled ones with {@code inPlace} cases of the in-place step and
     * {@code otherForms} of the update form and the clipped step (with {@code -Xbatch}).
     */
    private static ChildExit runChild(SelfTestWidth width, SelfTestOptions options, int tries, int inPlace,
                                      int otherForms) {
        List<String> jvm = new ArrayList<>(width.childOptions(inPlace > 0));
        jvm.add("-D" + Property.SEED_PROPERTY + "=" + options.seed());
        try {
            return ChildJvm.of(SelfTestChildMain.class).withJvmOptions(jvm.toArray(String[]::new))
                    .withArguments(width.label(), options.rules().isEmpty() ? "all" : String.join(",", options.rules()),
                            Integer.toString(tries), Integer.toString(inPlace), Integer.toString(otherForms),
                            Integer.toString(otherForms))
                    .run(Duration.ofMinutes(options.timeoutMinutes()));
        } catch (IOException e) {
            return new ChildExit(-1, false, "", "the child JVM could not start: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ChildExit(-1, false, "", "interrupted");
        }
    }
}
