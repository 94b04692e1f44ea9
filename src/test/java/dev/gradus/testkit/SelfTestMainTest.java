package dev.gradus.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gradus.kernels.KernelProperties;
import dev.gradus.testing.PreferredWidth;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The self-test's quick run passes every rule at the preferred width in compiled code and says so
 * line by line (with the tries it ran: at least the quick run's, more where a fresh seed needed
 * more to meet a coverage minimum); a failing property gives a FAIL line with the options that replay it and exit
 * status 1; options are checked.
 */
class SelfTestMainTest {

    @Test
    void theQuickRunPassesEveryRuleAtThePreferredWidth() {
        assumeTrue(VectorHardware.vectorModuleLoaded(), "the run without the vector module adds nothing here");
        Run run = run("--quick");
        assertEquals(0, run.status(), run.output());
        String width = "vector-" + PreferredWidth.bits();
        for (String rule : KernelProperties.rules()) {
            assertTrue(run.output().matches("(?s).*\n" + rule + " +" + width + " +preferred, intrinsified +PASS +"
                    + "compiled in place \\d+\n.*"), rule + " in\n" + run.output());
        }
        assertTrue(run.output().contains("\nVerdict: PASS, " + KernelProperties.rules().size() + " of "
                + KernelProperties.rules().size() + " rule-width pairs passed in "), run.output());
    }

    @Test
    void aFailingPropertyGivesAFailLineWithItsReplayAndStatusOne() {
        // One try cannot cover the kinds of cases the generated property asks for: it fails.
        Run run = run("--widths", "scalar", "--rules", "sgd", "--tries", "1", "--seed", "7");
        assertEquals(1, run.status(), run.output());
        assertTrue(run.output().matches("(?s).*\nsgd +scalar +scalar kernels \\(forced\\) +FAIL +generated failed"
                + " \\(seed 7\\)\n    replay: SelfTestMain --widths scalar --rules sgd --tries 1 --seed 7\n"
                + "    Property 'sgd: selected kernels == scalar kernels' passed 4 tries but generated too few.*"),
                run.output());
        assertTrue(run.output().contains("\nVerdict: FAIL, 0 of 1 rule-width pairs passed in "), run.output());
    }

    @Test
    void optionsAreChecked() {
        SelfTestOptions options = SelfTestOptions.parse("--quick", "--widths", "64,scalar", "--rules", "adam",
                "--tries", "7", "--seed", "-3", "--timeout-minutes", "2");
        assertEquals(new SelfTestOptions(true, List.of("64", "scalar"), List.of("adam"), 7, -3, 2), options);
        assertThrows(IllegalArgumentException.class, () -> SelfTestOptions.parse("--widths", "96"));
        assertThrows(IllegalArgumentException.class, () -> SelfTestOptions.parse("--seed"));
        assertThrows(IllegalArgumentException.class, () -> SelfTestOptions.parse("--fast"));
    }

    @Test
    void thePlanIsEveryWidthUpToThePreferredOne() {
        SelfTestOptions all = SelfTestOptions.parse();
        assertEquals(List.of("scalar", "chunked", "vector-64", "vector-128", "vector-256"),
                SelfTestWidth.plan(all, 256).stream().map(SelfTestWidth::label).toList());
        assertEquals(List.of("scalar", "chunked", "vector-64", "vector-128", "vector-256", "vector-512",
                "vector-2048"), SelfTestWidth.plan(all, 2048).stream().map(SelfTestWidth::label).toList());
        assertEquals(List.of("vector-128"), SelfTestWidth.plan(SelfTestOptions.parse("--quick"), 128).stream()
                .map(SelfTestWidth::label).toList());
        SelfTestWidth wide = SelfTestWidth.plan(SelfTestOptions.parse("--widths", "512"), 256).getFirst();
        assertEquals(false, wide.compiled(), "512 bits on a 256-bit CPU is not intrinsified: " + wide);
    }

    private record Run(int status, String output) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = SelfTestMain.run(SelfTestOptions.parse(args), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(status, bytes.toString(StandardCharsets.UTF_8));
    }
}
