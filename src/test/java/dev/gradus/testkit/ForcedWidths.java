package dev.gradus.testkit;

import dev.gradus.testing.ChildExit;
import dev.gradus.testing.ChildJvm;
import dev.gradus.testing.property.Property;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs {@link CustomRuleProperties#check()} and {@link CustomRuleProperties#checkCompiled()} in a
 * fresh JVM per vector width, each started with {@code -Dgradus.vector.bits=<width>} and
 * {@code -Xbatch} (C2 compiles in the checking thread), so that a rule whose vector step takes its
 * species from that property is proven at every width, in compiled code, on this CPU:
 *
 * <pre>{@code
 * @Test
 * void vectorStepIsTheScalarStepAtEveryWidth() {
 *     ForcedWidths.of(MyRules.class).check();   // 64 bits up to the CPU's preferred width
 * }
 * }</pre>
 *
 * The child JVMs make the rules again from their class: a {@link dev.gradus.CustomRule}, or a
 * {@link dev.gradus.testing.property.Gen} of them, with a public constructor without parameters,
 * on this JVM's class path. The vector step sees the width as {@code Integer.getInteger("gradus.vector.bits")}:
 *
 * <pre>{@code
 * static final VectorSpecies<Float> SPECIES = Integer.getInteger("gradus.vector.bits") == null
 *         ? FloatVector.SPECIES_PREFERRED
 *         : VectorSpecies.of(float.class, VectorShape.forBitSize(Integer.getInteger("gradus.vector.bits")));
 * }</pre>
 *
 * Compiled code is not checked at a width above the CPU's preferred one, which C2 does not
 * intrinsify. A {@code -Dgradus.property.seed} of this JVM is passed on to the children.
 */
public final class ForcedWidths {

    /** How long one width may take unless {@link #timeout} says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    private final String source;
    private List<Integer> widths;
    private int tries = Property.defaultTries();
    private int compiledTries = CustomRuleProperties.COMPILED_TRIES;
    private Long seed;
    private Duration timeout = DEFAULT_TIMEOUT;

    private ForcedWidths(String source) {
        this.source = source;
    }

    /**
     * {@return the checks of the rules {@code source} makes, at every width from 64 bits up to the
     * CPU's preferred one}
     *
     * @param source a {@link dev.gradus.CustomRule} or a {@link dev.gradus.testing.property.Gen} of
     *               them, with a public constructor without parameters
     * @throws IllegalArgumentException if {@code source} is neither, or cannot be made
     */
    public static ForcedWidths of(Class<?> source) {
        return new ForcedWidths(RuleSource.nameOf(Objects.requireNonNull(source, "source")));
    }

    /**
     * Checks at these widths instead.
     *
     * @param bits widths in bits, each 64, 128, 256 or 512
     * @return these checks
     * @throws IllegalArgumentException if a width is not one of those
     */
    public ForcedWidths widths(int... bits) {
        this.widths = VectorHardware.forcible(bits);
        return this;
    }

    /**
     * Generates {@code tries} cases per width instead of {@link Property#defaultTries()}.
     *
     * @param tries the cases, {@code >= 1}
     * @return these checks
     */
    public ForcedWidths tries(int tries) {
        this.tries = Math.max(1, tries);
        return this;
    }

    /**
     * Runs {@code tries} compiled cases per width instead of
     * {@value CustomRuleProperties#COMPILED_TRIES}; 0 checks no compiled code.
     *
     * @param tries the cases, {@code >= 0}
     * @return these checks
     */
    public ForcedWidths compiledTries(int tries) {
        this.compiledTries = Math.max(0, tries);
        return this;
    }

    /**
     * Uses {@code seed} as the base seed of every check, unless {@code -Dgradus.property.seed} is set.
     *
     * @param seed the base seed
     * @return these checks
     */
    public ForcedWidths seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * Lets each width take up to {@code timeout} (default {@link #DEFAULT_TIMEOUT}).
     *
     * @param timeout how long one child JVM may run
     * @return these checks
     */
    public ForcedWidths timeout(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /**
     * Runs the checks, one child JVM per width in turn.
     *
     * @return per width, {@code <bits>-bit: <what was checked>}
     * @throws AssertionError naming every failing width with the child's report (seed to replay,
     *                        shrunk case, first differing element)
     */
    public List<String> check() {
        List<String> passed = new ArrayList<>();
        StringBuilder failures = new StringBuilder();
        for (int bits : widths != null ? widths : VectorHardware.upTo(VectorHardware.preferredBits())) {
            ChildExit child = run(bits);
            String result = lastLine(child.stdout());
            if (child.exitCode() == 0 && !child.timedOut()) {
                passed.add(bits + "-bit: " + result);
            } else {
                failures.append("\n\nAt ").append(bits).append(" bits (-Dgradus.vector.bits=").append(bits)
                        .append(", -Xbatch), ").append(child.report());
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(source + ": vectorStep != scalarStep at forced widths" + failures
                    + (passed.isEmpty() ? "" : "\n\nPassed: " + String.join("; ", passed)));
        }
        return passed;
    }

    /** The child's summary: its last line (the JVM's warning of the incubator module comes first). */
    private static String lastLine(String output) {
        String[] lines = output.strip().split("\\R");
        return lines[lines.length - 1];
    }

    private ChildExit run(int bits) {
        List<String> options = new ArrayList<>(List.of("--add-modules", VectorHardware.VECTOR_MODULE, "-Xbatch",
                "-Xss2m", "-Dgradus.vector.bits=" + bits));
        String replay = System.getProperty(Property.SEED_PROPERTY);
        if (replay != null) {
            options.add("-D" + Property.SEED_PROPERTY + "=" + replay);
        }
        List<String> arguments = new ArrayList<>(List.of(source, Integer.toString(tries),
                Integer.toString(compiledTries)));
        if (seed != null) {
            arguments.add(Long.toString(seed));
        }
        try {
            return ChildJvm.of(CustomRuleMain.class).withJvmOptions(options.toArray(String[]::new))
                    .withArguments(arguments.toArray(String[]::new)).withMergedStderr().run(timeout);
        } catch (IOException e) {
            throw new IllegalStateException("the child JVM of " + bits + " bits could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
