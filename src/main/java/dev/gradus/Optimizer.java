package dev.gradus;

import dev.gradus.internal.AdafactorStep;
import dev.gradus.internal.ScheduleFreeAveraging;
import dev.gradus.internal.ScheduleFreeStep;
import dev.gradus.internal.ScheduleFreeViews;
import dev.gradus.internal.ArgumentChecks;
import dev.gradus.internal.Factoring;
import dev.gradus.internal.FiniteCheck;
import dev.gradus.internal.GradientNorms;
import dev.gradus.internal.KernelProvider;
import dev.gradus.internal.KernelSet;
import dev.gradus.internal.LayerNorms;
import dev.gradus.internal.LayerWise;
import dev.gradus.internal.OptimizerAccess;
import dev.gradus.internal.ParallelRegion;
import dev.gradus.internal.PassSharing;
import dev.gradus.internal.ParameterRegistry;
import dev.gradus.internal.RegisteredParameter;
import dev.gradus.internal.Roster;
import dev.gradus.internal.RuleSteps;
import dev.gradus.internal.WorkPlan;
import dev.gradus.internal.precision.StoredReductions;
import dev.gradus.internal.precision.StoredViews;
import dev.gradus.internal.precision.TiledAdafactor;
import dev.gradus.internal.precision.TiledLayerWise;
import dev.gradus.internal.precision.TiledStep;
import dev.gradus.precision.StorageType;
import dev.gradus.schedule.ConstantSchedule;
import dev.gradus.schedule.Schedule;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The stateful optimizer: register a model's parameters once, call {@link #step()} after each
 * backward pass.
 *
 * <pre>{@code
 * try (Optimizer optimizer = Optimizer.builder(Adam.adamW(), new CosineAnnealing(1e-3, 1e-5, 10_000))
 *         .threads(2)
 *         .build()) {
 *     ParameterGroup noDecay = ParameterGroup.named("biases").withWeightDecay(0);
 *     optimizer.add("conv1.weight", w1, g1);
 *     optimizer.add("conv1.bias", b1, gb1, noDecay);
 *     for (...) {
 *         optimizer.zeroGradients();
 *         backward();            // adds into g1, gb1, ...
 *         optimizer.step();
 *     }
 * }
 * }</pre>
 *
 * <p>Each parameter is a values segment and a gradient segment the caller owns (native or heap,
 * any slice), registered under a unique name, optionally in a {@link ParameterGroup} with its own
 * rule, learning-rate factor or weight decay. The optimizer allocates the rule's state for it,
 * zeroed (AdaGrad's accumulator: its initial value) and 64-byte aligned, and frees it on
 * {@link #remove} or {@link #close()}. State can be read with {@link #state(String, String)}.
 * Registering and removing take amortized {@code O(log n)} time for {@code n} parameters.
 *
 * <p><b>Two step counts.</b> {@link #stepCount()} counts the optimizer's steps: {@link #step()}
 * advances it to {@code t} and evaluates the schedule at {@code t}, whatever each parameter's
 * history. {@link #stepCount(String)} counts the steps one parameter has taken: the steps since it
 * was registered, less those it was {@linkplain #freeze(String) frozen} for. Its next update is
 * its own step {@code stepCount(name) + 1}, which is the {@code t} of its rule's bias corrections
 * and of momentum's first-step copy, as in PyTorch, where each parameter's state counts its own
 * steps: a parameter added after {@code k} steps gets the bias-corrected first step of a fresh
 * Adam, at the schedule's rate of step {@code k + 1}.
 *
 * <p><b>Checked before anything is written.</b> A step checks that every unfrozen parameter's
 * buffers are alive and, for each of them, that the learning rate it will use (the schedule's
 * rate times its group's factor) is finite and {@code >= 0} as the {@code float} the kernels
 * receive. A failure throws with parameters, state and counters unchanged.
 *
 * <p><b>Failed optimizer.</b> What cannot be checked beforehand (a parameter's arena closed by
 * another thread while the step runs, a worker running out of memory) stops a step part-way,
 * with some parameters and state updated and the counters not advanced. The optimizer is then
 * <i>failed</i>: {@link #step()} and {@link dev.gradus.checkpoint.Checkpoint#save} throw
 * {@link IllegalStateException} rather than go on from or persist a torn state, until
 * {@link dev.gradus.checkpoint.Checkpoint#load} restores the state and counters (restore the
 * parameter values from the same point yourself). Everything else keeps working.
 *
 * <p><b>Threads.</b> A step is one parallel region over the elements of all unfrozen parameters
 * taken as one sequence, cut into contiguous shares on 64-byte boundaries, one per worker; the
 * calling thread is one of the workers. Small steps run on the calling thread alone, since waking
 * the other workers costs more than they save: see {@link Builder#parallelThreshold(long)} for
 * the sizes, which by default depend on whether the workers are still awake from the previous
 * pass. Results are bit-for-bit the same for any number of threads. {@link #zeroGradients()} shares the
 * gradients the same way. Parameter segments must then be accessible from any thread (global,
 * auto or shared arenas, or heap); confined ones are rejected at {@link #add} when the optimizer
 * has more than one thread.
 *
 * <p><b>Thread safety.</b> One optimizer is meant to be driven by one thread at a time. An
 * operation that changes it ({@link #step()}, {@link #zeroGradients()}, {@link #add},
 * {@link #remove}, {@link #freeze(String)}, {@link #unfreeze(String)}, {@link #close()}, checkpoint
 * save and load) called while another one runs throws {@link IllegalStateException} naming the
 * one that runs; independent optimizers may step concurrently. The accessors read plain fields:
 * call them from the thread that drives the optimizer, or after it.
 *
 * <p><b>Allocation.</b> {@code step()} and {@code zeroGradients()} allocate nothing once the
 * first step after the last change of the parameters has laid out the work, but for the 20 KiB
 * of scratch arrays each worker thread allocates on its first step while the vector kernels warm
 * up (see {@code docs/startup.md}).
 */
public final class Optimizer implements AutoCloseable {

    /**
     * By default, a pass of at least this many elements is shared among the workers when the
     * previous pass ended less than 50 us earlier, so the workers are still spinning; see
     * {@link Builder#parallelThreshold}.
     */
    public static final long DEFAULT_PARALLEL_THRESHOLD = 1 << 16;

    /**
     * By default, a pass of at least this many elements is shared among the workers even when they
     * have parked and must be woken; see {@link Builder#parallelThreshold}.
     */
    public static final long DEFAULT_PARKED_THRESHOLD = 1 << 22;

    private static final ParameterGroup DEFAULT_GROUP = ParameterGroup.named("default");

    private final UpdateRule rule;
    private final Schedule schedule;
    private final PassSharing sharing;
    /** When the last pass ended ({@link System#nanoTime()}): its workers spin for a while after it. */
    private long lastPassEnd;
    private final NonFinitePolicy nonFinitePolicy;
    private final GradientClipping clipping;
    /** The clipping's {@link GradientClipping#valueLimit()}, {@code +inf} without. */
    private final float clipValue;
    private final GradientNorms norms;
    private final FiniteCheck finiteCheck;
    private final ParallelRegion region;
    private KernelSet kernels = KernelProvider.kernels();
    private final ParameterRegistry registry;
    private final AtomicReference<String> running = new AtomicReference<>();
    private long step;
    private long skippedSteps;
    private boolean closed;
    private String failure;
    private Roster current;
    private WorkPlan currentPlan;
    private volatile boolean writing;
    private final IntConsumer updateShare = new Share(Share.UPDATE);
    private final IntConsumer zeroShare = new Share(Share.ZERO);
    private final IntConsumer normShare = new Share(Share.NORMS);
    private final IntConsumer finiteShare = new Share(Share.FINITE);
    private final IntConsumer layerPrepareShare = new Share(Share.LAYER_PREPARE);
    private final IntConsumer layerNormShare = new Share(Share.LAYER_NORMS);
    private final LayerNorms layers = new LayerNorms();

    static {
        OptimizerAccess.install(new CheckpointAccess());
    }

    private Optimizer(Builder builder) {
        this.rule = builder.rule;
        this.schedule = builder.schedule;
        this.sharing = new PassSharing(builder.parallelThreshold, DEFAULT_PARALLEL_THRESHOLD, DEFAULT_PARKED_THRESHOLD);
        this.lastPassEnd = System.nanoTime() - ParallelRegion.SPIN_NANOS;
        this.nonFinitePolicy = builder.nonFinitePolicy;
        this.region = ParallelRegion.of(builder.threads, builder.executor, builder.startTimeout);
        this.registry = new ParameterRegistry(region.workers());
        this.clipping = builder.clipping;
        this.clipValue = clipping == null ? Float.POSITIVE_INFINITY : clipping.valueLimit();
        this.norms = clipping == null || !clipping.byNorm() ? null : new GradientNorms(clipping);
        this.finiteCheck = new FiniteCheck(region.workers());
    }

    /**
     * A builder of an optimizer following {@code rule} at a constant {@code learningRate}.
     *
     * @param rule         the rule of every parameter without a group rule
     * @param learningRate the rate of every step, finite and {@code >= 0}
     * @return the builder
     * @throws NullPointerException     if {@code rule} is null
     * @throws IllegalArgumentException if the rate is negative or not finite
     */
    public static Builder builder(UpdateRule rule, double learningRate) {
        return builder(rule, new ConstantSchedule(learningRate));
    }

    /**
     * A builder of an optimizer following {@code rule} at the rates of {@code schedule}.
     *
     * @param rule     the rule of every parameter without a group rule
     * @param schedule the learning rate of each step
     * @return the builder
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(UpdateRule rule, Schedule schedule) {
        return new Builder(ArgumentChecks.requireNonNull("rule", rule), ArgumentChecks.requireNonNull("schedule", schedule));
    }

    /**
     * Registers a parameter with the optimizer's rule and learning rate, in the group
     * {@code ParameterGroup.named("default")}.
     *
     * @param name     a name unique in this optimizer
     * @param values   the parameter's values; written by every step
     * @param gradient its gradient, as long as {@code values}; read by every step
     * @throws IllegalArgumentException as {@link #add(String, MemorySegment, MemorySegment, ParameterGroup)}
     * @throws IllegalStateException    if the optimizer is closed or another operation runs
     */
    public void add(String name, MemorySegment values, MemorySegment gradient) {
        add(name, values, gradient, DEFAULT_GROUP);
    }

    /**
     * Registers a parameter in {@code group} and allocates its state. Its own step count starts
     * at 0 whatever the optimizer's: its first update is bias-corrected as step 1.
     *
     * @param name     a name unique in this optimizer
     * @param values   the parameter's values; written by every step
     * @param gradient its gradient, as long as {@code values}; read by every step and written by
     *                 {@link #zeroGradients()}; may be read-only if that is never called
     * @param group    the group giving its rule, learning-rate factor and weight decay
     * @throws IllegalArgumentException if the name is taken, the buffers are of different lengths,
     *                                  not whole floats, the values read-only, the buffers
     *                                  overlapping each other or a buffer of another parameter
     *                                  (values, gradient if either is written, or state: a view
     *                                  from {@link #state(String, String)} is refused), or confined
     *                                  while the optimizer has several threads; the message names
     *                                  both overlapping buffers; or if the group's rule is
     *                                  {@link Lars} and the optimizer clips by value
     * @throws NullPointerException     if an argument is null
     * @throws IllegalStateException    if the optimizer is closed, another operation runs, or a
     *                                  buffer's arena is closed
     * @throws WrongThreadException     if a buffer is confined to another thread
     */
    public void add(String name, MemorySegment values, MemorySegment gradient, ParameterGroup group) {
        register(name, values, gradient, group, null);
    }

    /**
     * {@link #add(String, MemorySegment, MemorySegment, ParameterGroup) add} with the parameter's
     * shape, outermost dimension first, as a framework's tensor has it: {@link Adafactor} factors
     * the second moments of each matrix of its last two dimensions (the others are a batch of
     * matrices) and sizes its state by them; other rules ignore the shape. Without a shape, or
     * with one dimension, a parameter is a vector.
     *
     * @param name     a name unique in this optimizer
     * @param values   the parameter's values; written by every step
     * @param gradient its gradient, as long as {@code values}
     * @param group    the group giving its rule, learning-rate factor and weight decay
     * @param shape    its dimensions, each {@code >= 1}, whose product is its number of floats
     * @throws IllegalArgumentException as {@code add} does, and if the shape does not multiply to
     *                                  the parameter's length or has a dimension below 1
     * @throws NullPointerException     if an argument is null
     * @throws IllegalStateException    as {@code add} does
     * @throws WrongThreadException     if a buffer is confined to another thread
     */
    public void add(String name, MemorySegment values, MemorySegment gradient, ParameterGroup group, long... shape) {
        register(name, values, gradient, group, ArgumentChecks.requireNonNull("shape", shape).clone());
    }

    /**
     * {@link #add(String, MemorySegment, MemorySegment, ParameterGroup, long...) add} in the default
     * group, with the parameter's shape.
     *
     * @param name     a name unique in this optimizer
     * @param values   the parameter's values; written by every step
     * @param gradient its gradient, as long as {@code values}
     * @param shape    its dimensions, each {@code >= 1}, whose product is its number of floats
     * @throws IllegalArgumentException as the shaped {@code add} does
     * @throws NullPointerException     if an argument is null
     * @throws IllegalStateException    as {@code add} does
     * @throws WrongThreadException     if a buffer is confined to another thread
     */
    public void add(String name, MemorySegment values, MemorySegment gradient, long... shape) {
        add(name, values, gradient, DEFAULT_GROUP, shape);
    }

    private void register(String name, MemorySegment values, MemorySegment gradient, ParameterGroup group,
                          long[] shape) {
        ArgumentChecks.requireNonNull("name", name);
        ArgumentChecks.requireNonNull("group", group);
        acquire("add");
        try {
            UpdateRule resolved = group.resolve(rule);
            if ((resolved instanceof Lars || resolved instanceof Adafactor) && clipValue != Float.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("parameter " + name + ": " + resolved.getClass().getSimpleName()
                        + " cannot clip by value (its step takes sums of squares of the gradient, not of the clamped"
                        + " one), got " + clipping);
            }
            RegisteredParameter parameter = registry.register(name, values, gradient, group, resolved, shape);
            prepareKernels(parameter);
        } finally {
            release();
        }
    }

    /** Starts warming the kernels of {@code parameter}'s steps now, ahead of the first step. */
    private void prepareKernels(RegisteredParameter parameter) {
        if (!parameter.stored()) {
            KernelProvider.prepare(parameter.rule(), schedule.learningRate(step + 1) * parameter.learningRateFactor(),
                    parameter.values(), parameter.gradient(), parameter.state0(), parameter.state1(),
                    parameter.state2(), clipping != null);
        }
        if (parameter.storage().gradient() != StorageType.FLOAT32) {
            return;
        }
        if (nonFinitePolicy != NonFinitePolicy.PROPAGATE || clipping != null && clipping.errorIfNonFinite()) {
            KernelProvider.prepareScan(parameter.gradient());
        }
        if (norms != null) {
            KernelProvider.prepareNorm(parameter.gradient(), clipping.norm() == GradientClipping.Norm.L2);
        }
    }

    /**
     * Unregisters parameter {@code name} and frees its state; the name can be registered again
     * (with fresh state and step count). Its buffers stay the caller's, untouched. Views of its
     * state from {@link #state(String, String)} must no longer be used: they may throw
     * {@link IllegalStateException} when read.
     *
     * @param name a registered parameter's name
     * @throws IllegalArgumentException if no parameter has that name
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalStateException    if the optimizer is closed or another operation runs
     */
    public void remove(String name) {
        ArgumentChecks.requireNonNull("name", name);
        acquire("remove");
        try {
            registry.remove(name);
        } finally {
            release();
        }
    }

    /**
     * Freezes parameter {@code name}: steps leave its values and state bit-for-bit unchanged and
     * do not advance its own step count (the optimizer's count advances). Its gradient is not
     * scanned for non-finite values. Freezing a frozen parameter does nothing.
     *
     * @param name a registered parameter's name
     * @throws IllegalArgumentException if no parameter has that name
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalStateException    if the optimizer is closed or another operation runs
     */
    public void freeze(String name) {
        setFrozen(name, true);
    }

    /**
     * Unfreezes parameter {@code name}: the next step updates it again, as its own step
     * {@link #stepCount(String)} {@code + 1}. Unfreezing an unfrozen parameter does nothing.
     *
     * @param name a registered parameter's name
     * @throws IllegalArgumentException if no parameter has that name
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalStateException    if the optimizer is closed or another operation runs
     */
    public void unfreeze(String name) {
        setFrozen(name, false);
    }

    /**
     * Freezes every parameter registered in {@code group} (a group equal to it), as
     * {@link #freeze(String)}.
     *
     * @param group the group
     * @throws IllegalArgumentException if no parameter is registered in that group
     * @throws NullPointerException     if {@code group} is null
     * @throws IllegalStateException    if the optimizer is closed or another operation runs
     */
    public void freeze(ParameterGroup group) {
        setFrozen(group, true);
    }

    /**
     * Unfreezes every parameter registered in {@code group} (a group equal to it), as
     * {@link #unfreeze(String)}.
     *
     * @param group the group
     * @throws IllegalArgumentException if no parameter is registered in that group
     * @throws NullPointerException     if {@code group} is null
     * @throws IllegalStateException    if the optimizer is closed or another operation runs
     */
    public void unfreeze(ParameterGroup group) {
        setFrozen(group, false);
    }

    private void setFrozen(String name, boolean frozen) {
        ArgumentChecks.requireNonNull("name", name);
        acquire(frozen ? "freeze" : "unfreeze");
        try {
            RegisteredParameter parameter = registry.get(name);
            if (parameter.frozen() != frozen) {
                parameter.frozen(frozen);
                registry.changed();
            }
        } finally {
            release();
        }
    }

    private void setFrozen(ParameterGroup group, boolean frozen) {
        ArgumentChecks.requireNonNull("group", group);
        acquire(frozen ? "freeze" : "unfreeze");
        try {
            List<RegisteredParameter> members = registry.parameters().stream()
                    .filter(p -> p.group().equals(group)).toList();
            if (members.isEmpty()) {
                throw new IllegalArgumentException("no parameter is registered in group " + group.name()
                        + " (" + group + ")");
            }
            members.forEach(p -> p.frozen(frozen));
            registry.changed();
        } finally {
            release();
        }
    }

    /**
     * Whether parameter {@code name} is frozen.
     *
     * @param name a registered parameter's name
     * @return true if steps leave it alone
     * @throws IllegalArgumentException if no parameter has that name
     * @throws NullPointerException     if {@code name} is null
     */
    public boolean isFrozen(String name) {
        return registry.get(name).frozen();
    }

    /**
     * Advances the optimizer's step count to {@code t + 1} and updates every unfrozen parameter
     * with the schedule's learning rate at that step times its group's factor, as its own next
     * step ({@link #stepCount(String)} {@code + 1}).
     *
     * <p>Under {@link NonFinitePolicy#SKIP} a step whose gradients hold NaN or an infinity changes
     * nothing but {@link #skippedSteps()}.
     *
     * @throws IllegalStateException       if the optimizer is closed or failed (see the class
     *                                     comment), another operation runs, a parameter's segment
     *                                     was closed (checked before anything is written), the step
     *                                     count is {@link Long#MAX_VALUE}, or the step stopped
     *                                     part-way, which leaves the optimizer failed
     * @throws IllegalArgumentException    if a parameter's learning rate (schedule times factor)
     *                                     is not finite or negative as a {@code float}; the
     *                                     message names the value, the step and the parameter,
     *                                     and nothing was modified
     * @throws NonFiniteGradientException under {@link NonFinitePolicy#THROW}, naming the first
     *                                     parameter and index whose gradient is not finite; nothing
     *                                     was modified
     * @throws StepAbortedException       if the step's workers could not all start (see
     *                                     {@link Builder#executor}); nothing was modified
     */
    public void step() {
        acquire("step");
        try {
            requireNotFailed("step");
            Roster roster = registry.stepping();
            for (int p = 0; p < roster.size(); p++) {
                RegisteredParameter parameter = roster.parameter(p);
                requireUsable(parameter, "values", parameter.values());
                requireUsable(parameter, "gradient", parameter.gradient());
            }
            if (step == Long.MAX_VALUE) {
                throw new IllegalStateException("the step count is Long.MAX_VALUE: no step can follow");
            }
            long t = step + 1;
            kernels = KernelProvider.kernels();
            if (!gradientsUsable(roster, t)) {
                skippedSteps = Math.addExact(skippedSteps, 1);
                return;
            }
            double learningRate = schedule.learningRate(t);
            for (int p = 0; p < roster.size(); p++) {
                RegisteredParameter parameter = roster.parameter(p);
                roster.prepare(p, requireUsableRate(learningRate, parameter, t), parameter.stepCount() + 1);
            }
            updateAll(roster, t);
            for (int p = 0; p < roster.size(); p++) {
                RegisteredParameter parameter = roster.parameter(p);
                if (ScheduleFreeAveraging.is(parameter.rule())) {
                    // Once every range of the parameter has stepped, each having read the previous step's.
                    ScheduleFreeAveraging.commit(parameter.rule(), roster.learningRate(p), roster.step(p),
                            parameter.state(ScheduleFreeAveraging.index(parameter.rule())));
                }
                parameter.stepCount(roster.step(p));
            }
            step = t;
        } finally {
            release();
        }
    }

    /**
     * The learning rate a parameter's kernels receive: the schedule's rate times its group's
     * factor, which must be finite and {@code >= 0} once narrowed to {@code float}, and must not
     * make a per-step scalar of the rule overflow ({@link ArgumentChecks#requireLearningRate}).
     */
    private static double requireUsableRate(double scheduled, RegisteredParameter parameter, long t) {
        double rate = scheduled * parameter.learningRateFactor();
        float received = (float) rate;
        if (!(received >= 0f) || received == Float.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("the learning rate of parameter " + parameter.name() + " in step " + t
                    + " is " + rate + " (the schedule's " + scheduled + " times the group's factor "
                    + parameter.learningRateFactor() + "), " + received + " as a float: it must be finite and >= 0");
        }
        return ArgumentChecks.requireLearningRate(parameter.rule(), rate, t, parameter.name());
    }

    /**
     * Computes the clipping norms, if clipping is on, and checks the gradients as the non-finite
     * policy asks, both in a pass over the workers: whether the step may go on. It throws instead
     * of answering false under {@link NonFinitePolicy#THROW}, and with clipping's
     * {@code errorIfNonFinite} whatever the policy. With clipping the norm pass finds a non-finite
     * gradient at no extra read (its norm is not finite); only then is the first one searched for.
     */
    private boolean gradientsUsable(Roster roster, long t) {
        boolean mustThrow = nonFinitePolicy == NonFinitePolicy.THROW
                || clipping != null && clipping.errorIfNonFinite();
        if (norms != null) {
            norms.prepare(roster);
            pass(roster, normShare);
            if (norms.finish()) {
                return true;
            }
            if (!mustThrow) {
                return nonFinitePolicy == NonFinitePolicy.PROPAGATE;
            }
        } else if (!mustThrow && nonFinitePolicy == NonFinitePolicy.PROPAGATE) {
            return true;
        }
        pass(roster, finiteShare);
        int w = finiteCheck.first(currentPlan.workers());
        if (w < 0) {
            return true;
        }
        if (mustThrow) {
            RegisteredParameter parameter = roster.parameter(finiteCheck.parameter(w));
            long bad = finiteCheck.index(w);
            throw new NonFiniteGradientException(parameter.name(), bad,
                    StoredReductions.get(parameter.storage().gradient(), parameter.gradient(), bad), t);
        }
        return false;
    }

    /**
     * Worker {@code w}'s share of the current pass, updating or zeroing. A class rather than a
     * lambda: the first lambda of a JVM links a bootstrap method, milliseconds a program would wait
     * for at its first {@code build()}.
     */
    private final class Share implements IntConsumer {
        static final int UPDATE = 0;
        static final int ZERO = 1;
        static final int NORMS = 2;
        static final int FINITE = 3;
        static final int LAYER_PREPARE = 4;
        static final int LAYER_NORMS = 5;

        private final int kind;

        Share(int kind) {
            this.kind = kind;
        }

        @Override
        public void accept(int w) {
            switch (kind) {
                case UPDATE -> update(currentPlan, w);
                case ZERO -> zero(currentPlan, w);
                case NORMS -> norms.share(kernels, current, currentPlan, w);
                case FINITE -> finiteCheck.share(kernels, current, currentPlan, w);
                case LAYER_PREPARE -> {
                    writing = true;
                    layers.prepareShare(kernels, current, currentPlan, w, clipValue, norms);
                }
                default -> layers.normShare(kernels, current, currentPlan, w);
            }
        }
    }

    /**
     * Runs the updates, after the first pass and the norms of layer-wise rules
     * ({@link LayerNorms}); if they stop after a share started writing, the optimizer is failed.
     */
    private void updateAll(Roster roster, long t) {
        writing = false;
        try {
            layers.prepare(roster);
            if (layers.any()) {
                if (layers.anyLamb()) {
                    pass(roster, layerPrepareShare);
                }
                pass(roster, layerNormShare);
                layers.finish(roster, norms);
            }
            pass(roster, updateShare);
        } catch (RuntimeException | Error e) {
            if (!writing) {
                throw e;
            }
            failure = "step " + t + " stopped part-way (" + e + ") after it had updated some parameters and state";
            if (e instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(failure + "; the optimizer is failed: restore a checkpoint to go on", e);
        }
    }

    /** One pass over {@code roster}: on the calling thread alone for few elements, else over every worker. */
    private void pass(Roster roster, IntConsumer share) {
        boolean parallel = sharing.shared(region.workers(), roster.elements(), System.nanoTime() - lastPassEnd);
        try {
            runPass(roster, share, parallel);
        } finally {
            lastPassEnd = System.nanoTime();
        }
    }

    private void runPass(Roster roster, IntConsumer share, boolean parallel) {
        current = roster;
        if (!parallel) {
            currentPlan = roster.serialPlan();
            share.accept(0);
        } else {
            currentPlan = roster.parallelPlan();
            region.run(share);
        }
    }

    private void update(WorkPlan plan, int worker) {
        writing = true;
        Roster roster = current;
        for (int k = 0; k < plan.pieces(worker); k++) {
            int p = plan.parameter(worker, k);
            RegisteredParameter parameter = roster.parameter(p);
            float clipScale = norms == null ? 1f : norms.factor(p);
            if (parameter.rule() instanceof Adafactor adafactor) {
                // Whole, by the worker holding its first element: its row averages need every row.
                if (plan.from(worker, k) == 0 && parameter.stored()) {
                    Factoring shape = parameter.factoring();
                    TiledAdafactor.step(kernels, adafactor, roster.learningRate(p), roster.step(p), parameter.storage(),
                            parameter.steppedWeights(), parameter.weightCopy(), parameter.gradient(), shape.rows(),
                            shape.columns(), parameter.state0(), parameter.state1(), parameter.state2(),
                            parameter.length(), 0, parameter.length(), clipScale, clipping != null);
                } else if (plan.from(worker, k) == 0) {
                    AdafactorStep.step(kernels, adafactor, roster.learningRate(p), roster.step(p), parameter.values(),
                            parameter.gradient(), parameter.factoring(), parameter.state0(), parameter.state1(),
                            parameter.state2(), 0, parameter.length(), clipScale, clipping != null);
                }
                continue;
            }
            if (LayerWise.is(parameter.rule()) && parameter.stored()) {
                TiledLayerWise.finish(kernels, parameter.rule(), roster.learningRate(p), roster.step(p),
                        parameter.storage(), parameter.steppedWeights(), parameter.weightCopy(), parameter.gradient(),
                        parameter.state0(), parameter.state2(), plan.from(worker, k), plan.to(worker, k), clipValue,
                        clipScale, layers.ratio(p));
            } else if (LayerWise.is(parameter.rule())) {
                LayerWise.finish(kernels, parameter.rule(), roster.learningRate(p), parameter.values(),
                        parameter.gradient(), parameter.state0(), parameter.state2(), plan.from(worker, k),
                        plan.to(worker, k), clipValue, clipScale, layers.ratio(p));
            } else if (parameter.stored()) {
                TiledStep.step(kernels, parameter.rule(), roster.learningRate(p), roster.step(p), parameter.storage(),
                        parameter.steppedWeights(), parameter.weightCopy(), parameter.gradient(), null, parameter.state0(),
                        parameter.state1(), parameter.state2(), plan.from(worker, k), plan.to(worker, k),
                        clipping != null, clipValue, clipScale);
            } else if (clipping == null) {
                RuleSteps.step(kernels, parameter.rule(), roster.learningRate(p), roster.step(p), parameter.values(),
                        null, parameter.gradient(), parameter.state0(), parameter.state1(), parameter.state2(),
                        plan.from(worker, k), plan.to(worker, k));
            } else {
                RuleSteps.step(kernels, parameter.rule(), roster.learningRate(p), roster.step(p), parameter.values(),
                        null, parameter.gradient(), parameter.state0(), parameter.state1(), parameter.state2(),
                        plan.from(worker, k), plan.to(worker, k), clipValue, clipScale);
            }
        }
    }

    /**
     * Sets every element of every registered gradient, frozen parameters' included, to
     * {@code +0.0f}, as {@code optimizer.zero_grad(set_to_none=False)} does in PyTorch: call it
     * before a backward pass that adds into the gradients. Large models are zeroed in parallel,
     * in the same shares as a step; each share is a loop of float stores that C2 compiles to vector
     * stores.
     *
     * @throws IllegalStateException if the optimizer is closed, another operation runs, or a
     *                               gradient is read-only or its arena closed (checked before
     *                               anything is written)
     */
    public void zeroGradients() {
        acquire("zeroGradients");
        try {
            Roster roster = registry.all();
            for (int p = 0; p < roster.size(); p++) {
                RegisteredParameter parameter = roster.parameter(p);
                requireUsable(parameter, "gradient", parameter.gradient());
                if (parameter.gradient().isReadOnly()) {
                    throw new IllegalStateException("the gradient of " + parameter.name()
                            + " is read-only: zeroGradients() cannot clear it");
                }
            }
            pass(roster, zeroShare);
        } finally {
            release();
        }
    }

    private void zero(WorkPlan plan, int worker) {
        Roster roster = current;
        for (int k = 0; k < plan.pieces(worker); k++) {
            RegisteredParameter parameter = roster.parameter(plan.parameter(worker, k));
            zero(parameter.gradient(), parameter.storage().gradient(), plan.from(worker, k), plan.to(worker, k));
        }
    }

    /**
     * Stores {@code +0.0} in elements {@code [from, to)} of a buffer of {@code type} (all bits 0
     * in every type): a loop C2 vectorizes, about 4x faster in cache than
     * {@link MemorySegment#fill} (measured with {@code ZeroGradientsBenchmark}).
     */
    private static void zero(MemorySegment segment, StorageType type, long from, long to) {
        if (type == StorageType.FLOAT32) {
            for (long i = from; i < to; i++) {
                segment.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i, 0f);
            }
        } else {
            for (long i = from; i < to; i++) {
                segment.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i, (short) 0);
            }
        }
    }

    private static void requireUsable(RegisteredParameter parameter, String what, MemorySegment segment) {
        if (!segment.scope().isAlive()) {
            throw new IllegalStateException("the arena of parameter " + parameter.name() + " is already closed (its "
                    + what + ")");
        }
        if (!segment.isAccessibleBy(Thread.currentThread())) {
            throw new WrongThreadException("parameter " + parameter.name() + " is confined to another thread than "
                    + Thread.currentThread().getName() + " (its " + what + ")");
        }
    }

    private void requireNotFailed(String operation) {
        if (failure != null) {
            throw new IllegalStateException(operation + "() refused: the optimizer is failed, " + failure
                    + "; restore the parameters and load a checkpoint (Checkpoint.load) to go on");
        }
    }

    private void acquire(String operation) {
        while (!running.compareAndSet(null, operation)) {
            String other = running.get();
            if (other != null) {
                throw new IllegalStateException(operation + "() called while " + other + "() runs: "
                        + "an optimizer is driven by one thread at a time");
            }
        }
        if (closed) {
            release();
            throw new IllegalStateException(operation + "() called on a closed optimizer");
        }
    }

    private void release() {
        running.set(null);
    }

    /**
     * The optimizer's step count: 0 before the first step, {@code t} after step {@code t}. The
     * schedule follows it. Skipped steps do not count.
     *
     * @return the number of steps taken
     */
    public long stepCount() {
        return step;
    }

    /**
     * The step count of parameter {@code name}: the steps it has taken since it was registered,
     * less those it was frozen for. Its next update is its step {@code stepCount(name) + 1}, the
     * {@code t} of its rule's bias corrections.
     *
     * @param name a registered parameter's name
     * @return its step count, at most {@link #stepCount()}
     * @throws IllegalArgumentException if no parameter has that name
     * @throws NullPointerException     if {@code name} is null
     */
    public long stepCount(String name) {
        return registry.get(name).stepCount();
    }

    /**
     * The number of steps skipped for non-finite gradients under {@link NonFinitePolicy#SKIP}.
     *
     * @return the count
     */
    public long skippedSteps() {
        return skippedSteps;
    }

    /**
     * The learning rate the next step will take from the schedule: {@code schedule().learningRate(
     * stepCount() + 1)}, before any group factor. Valid before the first step as after any.
     *
     * @return the scheduled rate of the next step
     * @throws IllegalStateException if the step count is {@link Long#MAX_VALUE}
     */
    public double learningRate() {
        if (step == Long.MAX_VALUE) {
            throw new IllegalStateException("the step count is Long.MAX_VALUE: no step can follow");
        }
        return schedule.learningRate(step + 1);
    }

    /**
     * The learning rate the next step will give parameter {@code name} (frozen or not):
     * {@link #learningRate()} times its group's factor, the rate its kernels receive (narrowed to
     * {@code float}).
     *
     * @param name a registered parameter's name
     * @return its rate in the next step
     * @throws IllegalArgumentException if no parameter has that name
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalStateException    if the step count is {@link Long#MAX_VALUE}
     */
    public double learningRate(String name) {
        return learningRate() * registry.get(name).learningRateFactor();
    }

    /**
     * The learning rate the next step will give the parameters of {@code group}:
     * {@link #learningRate()} times the group's factor.
     *
     * @param group a group, registered or not
     * @return the rate of its parameters in the next step
     * @throws NullPointerException  if {@code group} is null
     * @throws IllegalStateException if the step count is {@link Long#MAX_VALUE}
     */
    public double learningRate(ParameterGroup group) {
        return learningRate() * ArgumentChecks.requireNonNull("group", group).learningRateFactor();
    }

    /**
     * The clipping of the gradients, if any.
     *
     * @return the settings, or null without clipping
     */
    public GradientClipping clipping() {
        return clipping;
    }

    /**
     * The norm of all the gradients the last step measured for clipping by norm ({@link GradientClipping#norm()}),
     * as logged by training loops: NaN before the first step or with a non-finite gradient. A
     * skipped step measured it too.
     *
     * @return the norm, in double
     * @throws IllegalStateException if the optimizer does not clip by norm
     */
    public double gradientNorm() {
        return requireNorms().norm();
    }

    /**
     * The norm of parameter {@code name}'s gradient in the last step.
     *
     * @param name the parameter
     * @return the norm, NaN if the last step did not measure it (the parameter was frozen or added since)
     * @throws IllegalStateException    if the optimizer does not clip by norm
     * @throws IllegalArgumentException if no parameter has that name
     * @throws NullPointerException     if {@code name} is null
     */
    public double gradientNorm(String name) {
        RegisteredParameter parameter = registry.get(name);
        return requireNorms().parameterNorm(parameter);
    }

    private GradientNorms requireNorms() {
        if (norms == null) {
            throw new IllegalStateException(clipping == null
                    ? "the optimizer does not clip: see Optimizer.Builder.clipping"
                    : "the optimizer clips by value and measures no norm: " + clipping);
        }
        return norms;
    }

    /**
     * What a step does with non-finite gradients.
     *
     * @return the policy
     */
    public NonFinitePolicy nonFinitePolicy() {
        return nonFinitePolicy;
    }

    /**
     * The rule every parameter without a group rule follows.
     *
     * @return the rule
     */
    public UpdateRule rule() {
        return rule;
    }

    /**
     * The learning-rate schedule.
     *
     * @return the schedule
     */
    public Schedule schedule() {
        return schedule;
    }

    /**
     * The number of workers of a step, the calling thread included.
     *
     * @return the number of workers
     */
    public int threads() {
        return region.workers();
    }

    /**
     * The names of the registered parameters, in registration order.
     *
     * @return a fresh, unmodifiable list
     */
    public List<String> parameterNames() {
        return registry.parameters().stream().map(RegisteredParameter::name).toList();
    }

    /**
     * The rule parameter {@code name} follows (its group's, with the group's weight decay).
     *
     * @param name a registered parameter's name
     * @return its rule
     * @throws IllegalArgumentException if no parameter has that name
     * @throws NullPointerException     if {@code name} is null
     */
    public UpdateRule rule(String name) {
        return registry.get(name).rule();
    }

    /**
     * A read-only view of state buffer {@code index} of parameter {@code name}, in the order the
     * rule's Javadoc lists them; valid until the parameter is removed or the optimizer closed. It
     * cannot be registered as a parameter's values or gradient.
     *
     * @param name  a registered parameter's name
     * @param index the buffer's position in its rule's state
     * @return the view
     * @throws IllegalArgumentException  if no parameter has that name
     * @throws IndexOutOfBoundsException if the rule keeps fewer buffers
     * @throws NullPointerException      if {@code name} is null
     */
    public MemorySegment state(String name, int index) {
        RegisteredParameter parameter = registry.get(name);
        Objects.checkIndex(index, parameter.rule().stateBuffers());
        return parameter.state(index).asReadOnly();
    }

    /**
     * A read-only view of the state buffer named {@code stateName} of parameter {@code name}, as
     * its rule names it ({@link UpdateRule#stateName(int)}: Adam's {@code "m"}, {@code "v"},
     * {@code "vmax"}; {@code "velocity"}; {@code "accumulator"}; RMSProp's
     * {@code "squareAverage"}, {@code "gradientAverage"}, {@code "momentumBuffer"}), as
     * {@link #state(String, int)}.
     *
     * @param name      a registered parameter's name
     * @param stateName the name of one of its rule's state buffers
     * @return the view
     * @throws IllegalArgumentException if no parameter has that name, or its rule keeps no buffer
     *                                  of that name (the message lists those it keeps)
     * @throws NullPointerException     if an argument is null
     */
    public MemorySegment state(String name, String stateName) {
        RegisteredParameter parameter = registry.get(name);
        ArgumentChecks.requireNonNull("stateName", stateName);
        UpdateRule parameterRule = parameter.rule();
        for (int i = 0; i < parameterRule.stateBuffers(); i++) {
            if (parameterRule.stateName(i).equals(stateName)) {
                return parameter.state(i).asReadOnly();
            }
        }
        throw new IllegalArgumentException("parameter " + name + " keeps no state named " + stateName + ": its rule "
                + parameterRule.getClass().getSimpleName() + " keeps "
                + IntStream.range(0, parameterRule.stateBuffers()).mapToObj(parameterRule::stateName).toList());
    }

    /**
     * Writes the evaluation view of a parameter stepped by a schedule-free rule
     * ({@link ScheduleFreeAdamW}, {@link ScheduleFreeSgd}) into {@code out}:
     * {@code x = lerp(y, z, 1 - 1/b1)}, the averaged weights to evaluate the model at, with
     * {@code y} the parameter's values (which always hold the training view) and {@code z} its
     * state; {@code y} itself before its first step. The parameter and its state are not modified,
     * so training goes on from the same bits, and a checkpoint holds {@code y} and {@code z}
     * whenever it is saved. PyTorch's {@code optimizer.eval()} overwrites the parameter with
     * {@code x} and {@code train()} interpolates back, which recovers {@code y} only up to two
     * roundings; {@link Kernels#scheduleFreeEvaluation} and {@link Kernels#scheduleFreeTraining}
     * do that for a framework that needs it.
     *
     * <p>For a parameter stored in 16 bits ({@link ParameterGroup#withStorage}), {@code x} is still
     * written in float32, from {@code y} as the step sees it (the widened values, with Kahan
     * compensation {@code p + c} in float, or the float32 master) and the widened {@code z}: the
     * bits a float32 parameter holding those values would give. Narrow it as the model needs.
     *
     * @param name a registered parameter's name
     * @param out  receives {@code x} in float32: writable, holding as many floats as the parameter has
     *             elements, sharing no byte with any buffer of the optimizer (values, gradients, state)
     * @throws IllegalArgumentException if no parameter has that name, its rule is not schedule-free,
     *                                  or {@code out} is read-only, of another length or overlaps a buffer
     *                                  of the optimizer
     * @throws IllegalStateException    if the optimizer is closed or another operation runs, or a
     *                                  segment's arena is closed
     * @throws NullPointerException     if an argument is null
     */
    public void evaluationWeights(String name, MemorySegment out) {
        acquire("evaluationWeights");
        try {
            RegisteredParameter parameter = registry.get(name);
            ScheduleFreeViews.requireEvaluationTarget(parameter, out, registry.parameters());
            double weight = ScheduleFreeStep.evaluationWeight(parameter.rule());
            if (parameter.stored()) {
                StoredViews.evaluationWeights(KernelProvider.kernels(), parameter.storage(),
                        parameter.steppedWeights(), parameter.weightCopy(),
                        parameter.stepCount() == 0 ? null : parameter.state0(), out, parameter.length(), weight);
            } else {
                MemorySegment values = parameter.values();
                ScheduleFreeStep.lerp(KernelProvider.kernels(), out, values,
                        parameter.stepCount() == 0 ? values : parameter.state0(), 0, parameter.length(), weight);
            }
        } finally {
            release();
        }
    }

    /** Stops the worker threads and frees every state buffer. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        acquire("close");
        try {
            closed = true;
            try {
                region.close();
            } finally {
                registry.close();
            }
        } finally {
            release();
        }
    }

    /** The internals {@code dev.gradus.checkpoint} reaches through {@link OptimizerAccess}. */
    private static final class CheckpointAccess extends OptimizerAccess {

        @Override
        public List<RegisteredParameter> registered(Optimizer optimizer) {
            return List.copyOf(optimizer.registry.parameters());
        }

        /** Holds the optimizer; anything but a load is refused while the optimizer is failed. */
        @Override
        public <T> T exclusively(Optimizer optimizer, String operation, Supplier<T> action) {
            optimizer.acquire(operation);
            try {
                if (!operation.equals("load")) {
                    optimizer.requireNotFailed(operation);
                }
                return action.get();
            } finally {
                optimizer.release();
            }
        }

        @Override
        public long parameterStepCount(Optimizer optimizer, String name) {
            return optimizer.registry.get(name).stepCount();
        }

        /** Checks every count, then sets them all and clears a failure. */
        @Override
        public void restoreCounters(Optimizer optimizer, long stepCount, long skippedSteps,
                                    Map<String, Long> parameterStepCounts) {
            requireContinuable("stepCount", stepCount);
            requireContinuable("skippedSteps", skippedSteps);
            List<RegisteredParameter> parameters = registered(optimizer);
            if (!parameterStepCounts.isEmpty()) {
                requireCounts(parameters, stepCount, parameterStepCounts);
            }
            for (RegisteredParameter parameter : parameters) {
                parameter.stepCount(parameterStepCounts.isEmpty() ? stepCount : parameterStepCounts.get(parameter.name()));
            }
            optimizer.step = stepCount;
            optimizer.skippedSteps = skippedSteps;
            optimizer.failure = null;
        }

        private static void requireContinuable(String name, long count) {
            if (count < 0 || count == Long.MAX_VALUE) {
                throw new IllegalArgumentException(name + " must be in [0, Long.MAX_VALUE - 1] so that counting can "
                        + "go on, got " + count);
            }
        }

        /** Requires a count in {@code [0, stepCount]} for every registered parameter, and for no other name. */
        private static void requireCounts(List<RegisteredParameter> parameters, long stepCount, Map<String, Long> counts) {
            for (RegisteredParameter parameter : parameters) {
                Long count = counts.get(parameter.name());
                if (count == null || count < 0 || count > stepCount) {
                    throw new IllegalArgumentException("the step count of parameter " + parameter.name()
                            + " must be in [0, " + stepCount + "] (the optimizer's), got " + count);
                }
            }
            if (counts.size() != parameters.size()) {
                Set<String> registered = new HashSet<>();
                parameters.forEach(p -> registered.add(p.name()));
                throw new IllegalArgumentException("step counts were given for parameters that are not registered: "
                        + counts.keySet().stream().filter(name -> !registered.contains(name)).toList());
            }
        }
    }

    /** Options of an {@link Optimizer}. */
    public static final class Builder {

        private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(10);

        private final UpdateRule rule;
        private final Schedule schedule;
        private int threads = 1;
        private Executor executor;
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private long parallelThreshold = PassSharing.ADAPTIVE;
        private NonFinitePolicy nonFinitePolicy = NonFinitePolicy.PROPAGATE;
        private GradientClipping clipping;

        private Builder(UpdateRule rule, Schedule schedule) {
            this.rule = rule;
            this.schedule = schedule;
        }

        /**
         * Steps with {@code count >= 1} workers: the calling thread and {@code count - 1} daemon
         * threads of the optimizer's own, started by {@link #build()} and stopped by
         * {@link Optimizer#close()}. Replaces an {@link #executor}.
         *
         * @param count the number of workers, the calling thread included
         * @return this builder
         * @throws IllegalArgumentException if {@code count < 1}
         */
        public Builder threads(int count) {
            this.threads = (int) ArgumentChecks.requireCount("threads", count);
            this.executor = null;
            return this;
        }

        /**
         * Steps with {@code parallelism >= 1} workers: the calling thread and {@code parallelism - 1}
         * tasks of {@code executor}, handed to it on every parallel step. Replaces {@link #threads}.
         *
         * <p>No worker starts its share before all have started, so a step either runs on all
         * workers or changes nothing. The executor must therefore run the {@code parallelism - 1}
         * tasks at once, each on a thread other than the caller's, within the
         * {@linkplain #startTimeout start timeout}; or run a task on the calling thread while it is
         * handed over ({@code Runnable::run}, a caller-runs policy), whose share then runs on the
         * caller. Otherwise {@link Optimizer#step()} throws {@link StepAbortedException} with
         * nothing modified: when {@code execute} throws (a rejection), when a task does not start
         * in time (dropped, or queued behind busy threads), and at once when {@code step()} is
         * called on a thread that ran one of these tasks before (a step from one of the executor's
         * own tasks would wait for tasks queued behind it). A task the executor runs late does
         * nothing. The executor stays the caller's: {@link Optimizer#close()} does not shut it down.
         *
         * @param executor    runs the workers' tasks
         * @param parallelism the number of workers, the calling thread included
         * @return this builder
         * @throws NullPointerException     if {@code executor} is null
         * @throws IllegalArgumentException if {@code parallelism < 1}
         */
        public Builder executor(Executor executor, int parallelism) {
            this.executor = ArgumentChecks.requireNonNull("executor", executor);
            this.threads = (int) ArgumentChecks.requireCount("parallelism", parallelism);
            return this;
        }

        /**
         * How long a parallel step waits for all of its workers to start before it gives up with a
         * {@link StepAbortedException}, modifying nothing; 10 seconds unless set. It bounds how long
         * a step can hang on an executor that drops or queues its tasks. Longer than about 73 years
         * counts as 73 years.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws NullPointerException     if {@code timeout} is null
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = ParallelRegion.requireStartTimeout(timeout);
            return this;
        }

        /**
         * Fixes the size below which a pass runs on the calling thread alone, without the other
         * workers: a {@link Optimizer#step() step} of fewer than {@code elements} elements in all
         * unfrozen parameters, or a {@link Optimizer#zeroGradients() zeroing} of fewer than
         * {@code elements} gradient elements in all parameters; {@code 0} shares every pass among
         * all workers. Has no effect with one worker. Results are bit-for-bit the same either way.
         *
         * <p>Unless set, the threshold adapts to what waking the workers costs. After a pass, the
         * optimizer's own worker threads spin for {@code 50 us} before they park, and a parked
         * thread takes tens to hundreds of microseconds to wake on a virtual machine. So a pass
         * is shared if it has at least {@link Optimizer#DEFAULT_PARALLEL_THRESHOLD} (2<sup>16</sup>)
         * elements and the previous pass ended less than {@code 50 us} before (steps back to back),
         * or at least {@link Optimizer#DEFAULT_PARKED_THRESHOLD} (2<sup>22</sup>) elements whatever
         * the pause (a step after a forward and backward pass). Measured on a 2-core Zen 5: Adam
         * at 128K floats took 26.8 us on one thread and 17.9 us on two back to back, but two
         * threads lost at 1M floats after a 0.2 ms pause (docs/decisions/0012).
         *
         * @param elements the threshold, in elements (floats) summed over the parameters;
         *                 {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException if {@code elements < 0}
         */
        public Builder parallelThreshold(long elements) {
            if (elements < 0) {
                throw new IllegalArgumentException("parallelThreshold must be >= 0, got " + elements);
            }
            this.parallelThreshold = elements;
            return this;
        }

        /**
         * What a {@link Optimizer#step() step} does when a gradient holds NaN or an infinity;
         * {@link NonFinitePolicy#PROPAGATE} unless set.
         *
         * @param policy propagate the values, skip the step, or throw
         *               {@link NonFiniteGradientException}
         * @return this builder
         * @throws NullPointerException if {@code policy} is null
         */
        public Builder nonFinite(NonFinitePolicy policy) {
            this.nonFinitePolicy = ArgumentChecks.requireNonNull("policy", policy);
            return this;
        }

        /**
         * Clips the gradients by their norm or by value in every {@link Optimizer#step() step}
         * ({@link GradientClipping}); none unless set. The norms are computed by the step's workers
         * and have the same bits for any number of threads; the clip factor, or the clamp, is
         * applied inside the update kernels, and the gradients are not written. The norm of each
         * step is {@link Optimizer#gradientNorm()}. {@link Lars} cannot clip by value: its trust
         * ratio takes the norm of the gradient, not of the clamped one; {@link #build()} says so.
         *
         * @param settings the norm, its scope, the largest norm let through and the convention, or the largest value
         * @return this builder
         * @throws NullPointerException if {@code settings} is null
         */
        public Builder clipping(GradientClipping settings) {
            this.clipping = ArgumentChecks.requireNonNull("clipping", settings);
            return this;
        }

        /**
         * The optimizer, with no parameters yet, and its threads started.
         *
         * @return the optimizer
         * @throws OutOfMemoryError if a thread of its own cannot be started (those already started
         *                          are stopped first); likewise any exception of thread creation
         */
        public Optimizer build() {
            return new Optimizer(this);
        }
    }
}
