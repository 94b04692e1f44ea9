package dev.gradus;

/**
 * An update rule defined outside Gradus: the user supplies its per-element formula twice, as a
 * plain Java kernel that defines its bits and as a Vector API kernel that must produce the same
 * bits, and {@link Optimizer} runs it with parameter groups, schedules, threads, clipping, the
 * non-finite policy and checkpoints, as it runs the built-in rules. {@link Kernels#step} runs it
 * on buffers a framework owns.
 *
 * <p>A custom rule is usually a record of its hyperparameters, validated in its constructor, that
 * implements this interface. Its kernels are called on element ranges {@code [from, to)} of the
 * buffers a {@link CustomStep} names, and must:
 * <ul>
 *   <li>read and write only elements {@code [from, to)} of those buffers, each element depending
 *       only on the same element of every buffer and on the step's scalars, so that any split of a
 *       step into ranges, on any number of threads, gives the same bits;</li>
 *   <li>give the same bits from {@link #scalarStep} and {@link #vectorStep} for every input, at
 *       every vector width (the test kit proves this; see the README);</li>
 *   <li>form the gradient as {@code min(max(g, -clipValue), clipValue) * gradientScale} when
 *       {@link CustomStep#clipped()} is on, so that clipping by value and by norm apply;</li>
 *   <li>allocate nothing and keep no reference to the step after returning, since Gradus reuses it;</li>
 *   <li>leave every buffer as it is for an empty range, which {@link Optimizer#add} uses to
 *       prepare the kernels.</li>
 * </ul>
 * Per-step scalars (bias corrections, decay factors) are derived inside the kernels from
 * {@link CustomStep#step()} and {@link CustomStep#learningRate()}; both kernels must derive the same
 * floats, best through one shared method.
 *
 * <p><b>Which kernel runs.</b> Where Gradus's own vector kernels serve (see
 * {@link Kernels#implementation()}), the first calls of a JVM run {@link #scalarStep} until the
 * vector kernels are loaded, about a second after the first call, and later calls run
 * {@link #vectorStep}; the JIT compiles the user's vector loop as it runs, so its first calls run
 * slower than its compiled speed (Gradus does not warm user kernels in the background). Where the
 * scalar kernels serve (no {@code jdk.incubator.vector} module, no C2, or
 * {@code -Dgradus.kernels=scalar}), {@link #scalarStep} runs throughout and {@link #vectorStep} is
 * never called, so the class holding the Vector API code need not load: keep that code in a class
 * of its own that only {@code vectorStep} refers to.
 *
 * <p>Not supported: {@link Kernels#update} (the update form) and {@link GradientClipping} with a
 * rule that takes norms of its own. A custom rule keeps at most {@value #MAX_STATE_BUFFERS} state
 * buffers, each one float per parameter element.
 */
public non-sealed interface CustomRule extends UpdateRule {

    /** The most state buffers a custom rule keeps: {@value}. */
    int MAX_STATE_BUFFERS = 3;

    /**
     * The rule's name and hyperparameters, as checkpoints record them: a checkpoint loads only into
     * an optimizer whose rule has the same description. It must not change from run to run.
     *
     * @return the description; by default {@link Object#toString()}, a record's name and components
     */
    default String description() {
        return toString();
    }

    /**
     * Steps elements {@code [from, to)} with plain Java arithmetic; this kernel defines the rule's
     * bits.
     *
     * @param step the buffers and scalars of the step; valid only during the call
     * @param from the first element, inclusive
     * @param to   one past the last element
     */
    void scalarStep(CustomStep step, long from, long to);

    /**
     * Steps elements {@code [from, to)} with the Vector API, giving exactly the bits of
     * {@link #scalarStep}.
     *
     * @param step the buffers and scalars of the step; valid only during the call
     * @param from the first element, inclusive
     * @param to   one past the last element
     */
    void vectorStep(CustomStep step, long from, long to);
}
