package dev.gradus.testkit;

import dev.gradus.CustomRule;
import dev.gradus.testing.property.Buffers;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.Property;
import java.time.Duration;
import java.util.Objects;

/**
 * Proves that a {@link CustomRule}'s {@link CustomRule#vectorStep vectorStep} produces the bits of
 * its {@link CustomRule#scalarStep scalarStep}, with the property harness Gradus proves its own
 * kernels with. In a JUnit test:
 *
 * <pre>{@code
 * @Test
 * void vectorStepIsTheScalarStepBitForBit() {
 *     CustomRuleProperties.of(new MyRule(0.9f, 1e-4f)).check();
 * }
 *
 * @Test
 * void compiledVectorStepIsTheScalarStepBitForBit() {
 *     CustomRuleProperties.of(new MyRule(0.9f, 1e-4f)).checkCompiled();
 * }
 * }</pre>
 *
 * <p>{@link #check()} generates {@value Property#DEFAULT_TRIES} cases (or
 * {@code -Dgradus.property.tries}), each several steps of the rule, and compares after every step
 * the parameter and every state buffer of three copies: the scalar step over {@code [from, to)},
 * the vector step over {@code [from, to)}, and the vector step over consecutive pieces of
 * {@code [from, to)} in turn (a split must not change the bits). The cases vary:
 * <ul>
 *   <li>the range's length around vectors of 64, 128, 256 and 512 bits: empty, shorter than a
 *       vector, whole vectors, whole vectors and a tail, and a few large counts;</li>
 *   <li>where the range starts: at 0 or inside the buffers, whose start is itself 0 to 7 floats
 *       past a 64-byte boundary, so vectors are unaligned; elements after the range;</li>
 *   <li>values: either all well-scaled or mixed with NaN, infinities, signed zeros, subnormals,
 *       {@code MAX_VALUE} and random bit patterns; state from the rule's initial value or
 *       anywhere;</li>
 *   <li>heap and native memory; three to five steps from step 1, 2, 17, 1000 or {@code 2^40};
 *       learning rates from 0 to 1; the clip value and gradient scale of a {@link dev.gradus.CustomStep}
 *       (none, {@code 0.25}, {@code 1}, {@code MAX_VALUE}; 1, -1, 0.75, 0.001).</li>
 * </ul>
 * No step may write an element outside {@code [from, to)}, a guard float around a buffer or the
 * gradient. Coverage minima fail the check if too few cases were of a kind that matters.
 *
 * <p>A failure is an {@link AssertionError} whose message names the seed to replay, the case
 * shrunk to a simplest failing one (shorter, starting at 0, fewer steps, simpler values) and the
 * first differing element with both values and their bits, for example:
 *
 * <pre>
 * Property 'MyRule: vectorStep == scalarStep' failed on try 31 of 200; replay with
 * -Dgradus.property.seed=-4180379335227734870 (the case is then generated as try 0)
 * ...
 * Shrunk case (14 steps, 160 attempts): MyRule[...], ..., n=3, range [0, 3), ...
 * Shrunk failure: java.lang.AssertionError: vectorStep (expected: scalarStep), step 1: parameter:
 * 1 of 3 elements differ, first at index 2: expected 0.0 (0x00000000) but was 1.0 (0x3f800000)
 * </pre>
 *
 * Run the test again with {@code -Dgradus.property.seed=<seed>} to regenerate that case first.
 *
 * <p>{@link #checkCompiled()} checks the code C2 compiles: before each case the vector step runs
 * until a call allocates nothing on the heap (until then its vectors are heap objects, the Java
 * fallback of the Vector API), then every compared vector step must allocate nothing too. So the
 * vector step must allocate nothing once compiled; make no objects in it. It runs
 * {@value #COMPILED_TRIES} cases of one shape (C2 compiles for the shapes it has seen); a JVM
 * started with {@code -Xbatch} compiles in the test's thread, which makes the warm-up short and
 * steady. Both checks run at the width the rule's vector step uses; {@link ForcedWidths} runs
 * them in fresh JVMs at every width.
 *
 * <p>The checks need no test framework: call them from any test, or a {@code main}. They need
 * {@code --add-modules jdk.incubator.vector} like the vector step itself.
 */
public final class CustomRuleProperties {

    /** Cases of {@link #checkCompiled()} unless {@link #tries(int)} says otherwise. */
    public static final int COMPILED_TRIES = 16;
    /** How long the vector step may take to compile, per case, unless {@link #warmUpLimit} says otherwise. */
    public static final Duration DEFAULT_WARM_UP_LIMIT = Duration.ofSeconds(60);

    private final String name;
    private final Gen<? extends CustomRule> rules;
    private Integer tries;
    private Long seed;
    private Buffers.Kind memory = Buffers.Kind.NATIVE;
    private Duration warmUpLimit = DEFAULT_WARM_UP_LIMIT;

    private CustomRuleProperties(String name, Gen<? extends CustomRule> rules) {
        this.name = name;
        this.rules = rules;
    }

    /**
     * {@return the properties of {@code rule} with these hyperparameters}
     *
     * @param rule the rule
     */
    public static CustomRuleProperties of(CustomRule rule) {
        Objects.requireNonNull(rule, "rule");
        return new CustomRuleProperties(rule.getClass().getSimpleName(), Gen.constant(rule));
    }

    /**
     * {@return the properties of the rules {@code rules} generates, one for each case}: to vary
     * the hyperparameters, for example
     * {@code CustomRuleProperties.of("MyRule", random -> new MyRule(random.nextFloat(), 0f))}
     *
     * @param name  names the rule in failure messages
     * @param rules the rules; draw every random decision from the generator's argument
     */
    public static CustomRuleProperties of(String name, Gen<? extends CustomRule> rules) {
        return new CustomRuleProperties(Objects.requireNonNull(name, "name"), Objects.requireNonNull(rules, "rules"));
    }

    /**
     * Checks {@code tries} cases instead of {@link Property#defaultTries()} (by {@link #check()})
     * or {@value #COMPILED_TRIES} (by {@link #checkCompiled()}).
     *
     * @param tries the cases, {@code >= 1}
     * @return these properties
     * @throws IllegalArgumentException if {@code tries < 1}
     */
    public CustomRuleProperties tries(int tries) {
        if (tries < 1) {
            throw new IllegalArgumentException("tries must be positive: " + tries);
        }
        this.tries = tries;
        return this;
    }

    /**
     * Uses {@code seed} as base seed instead of a fresh one for each check, unless
     * {@code -Dgradus.property.seed} is set.
     *
     * @param seed the base seed
     * @return these properties
     */
    public CustomRuleProperties seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * Runs the cases of {@link #checkCompiled()} in {@code kind} memory (native by default): one
     * kind per JVM, as C2 compiles a loop for the memory it has seen.
     *
     * @param kind heap or native
     * @return these properties
     */
    public CustomRuleProperties memory(Buffers.Kind kind) {
        this.memory = Objects.requireNonNull(kind, "kind");
        return this;
    }

    /**
     * Lets the vector step of each case of {@link #checkCompiled()} take up to {@code limit} to
     * compile (default {@link #DEFAULT_WARM_UP_LIMIT}).
     *
     * @param limit how long the warm-up of a case may take
     * @return these properties
     */
    public CustomRuleProperties warmUpLimit(Duration limit) {
        this.warmUpLimit = Objects.requireNonNull(limit, "limit");
        return this;
    }

    /**
     * Checks that the vector step equals the scalar step bit for bit over generated ranges, splits,
     * memory and values, and writes nothing outside its range (see the class description).
     *
     * @return what was checked
     * @throws AssertionError naming the seed to replay, the shrunk case and the first differing
     *                        element if a case fails, or the kinds of cases there were too few of
     */
    public Property.Report check() {
        Property<CustomCase> property = GeneratedCustomProperty.of(name, rules)
                .tries(tries != null ? tries : Property.defaultTries());
        return seeded(property).check(GeneratedCustomProperty::check);
    }

    /**
     * Checks that the vector step, compiled by C2 with the Vector API intrinsics, equals the scalar
     * step bit for bit (see the class description).
     *
     * @return what was checked
     * @throws AssertionError naming the seed to replay, the shrunk case and the first differing
     *                        element if a case fails, or if the vector step still allocates after
     *                        its warm-up (it is not intrinsified, or not compiled)
     */
    public Property.Report checkCompiled() {
        Property<CustomCase> property = CompiledCustomProperty.of(name, rules, memory)
                .tries(tries != null ? tries : COMPILED_TRIES);
        Duration limit = warmUpLimit;
        CompiledCustomProperty.requireCompiled(rules, memory, limit);
        return seeded(property).check(c -> CompiledCustomProperty.check(c, limit));
    }

    private Property<CustomCase> seeded(Property<CustomCase> property) {
        return seed != null ? property.seed(seed) : property;
    }
}
