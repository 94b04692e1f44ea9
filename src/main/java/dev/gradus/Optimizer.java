package dev.gradus;

import dev.gradus.internal.ArgumentChecks;
import dev.gradus.internal.KernelProvider;
import dev.gradus.internal.KernelSet;
import dev.gradus.internal.ParallelRegion;
import dev.gradus.internal.RuleSteps;
import dev.gradus.internal.SegmentChecks;
import dev.gradus.internal.WorkPlan;
import dev.gradus.schedule.ConstantSchedule;
import dev.gradus.schedule.Schedule;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

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
 *         backward();            // writes g1, gb1, ...
 *         optimizer.step();
 *     }
 * }
 * }</pre>
 *
 * <p>Each parameter is a values segment and a gradient segment the caller owns (native or heap,
 * any slice), registered under a unique name, optionally in a {@link ParameterGroup} with its own
 * rule, learning-rate factor or weight decay. The optimizer allocates the rule's state for it,
 * zeroed (AdaGrad's accumulator: its initial value) and 64-byte aligned, and frees it on
 * {@link #close()}. {@link #step()} advances the {@code long} step counter {@code t} (1 on the
 * first step), evaluates the schedule at {@code t} and updates every parameter; state can be read
 * with {@link #state(String, int)}.
 *
 * <p><b>Threads.</b> A step is one parallel region over the elements of all parameters taken as
 * one sequence, cut into contiguous shares on 64-byte boundaries, one per worker; the calling
 * thread is one of the workers. Steps of fewer than {@link Builder#parallelThreshold(long)}
 * elements in all run on the calling thread alone. Results are bit-for-bit the same for any
 * number of threads. Parameter segments must then be accessible from any thread (global, auto or
 * shared arenas, or heap); confined ones are rejected at {@link #add} when the optimizer has more
 * than one thread.
 *
 * <p><b>Thread safety.</b> One optimizer is meant to be driven by one thread at a time. Calling
 * {@link #step()}, {@link #add} or {@link #close()} while a step runs on another thread throws
 * {@link IllegalStateException}; independent optimizers may step concurrently.
 *
 * <p><b>Allocation.</b> {@code step()} allocates nothing once the parameters are registered, but
 * for the 20 KiB of scratch arrays each worker thread allocates on its first step while the
 * vector kernels warm up (see {@code docs/startup.md}).
 */
public final class Optimizer implements AutoCloseable {

    /** Steps below this many elements in all run on the calling thread; see {@link Builder#parallelThreshold}. */
    public static final long DEFAULT_PARALLEL_THRESHOLD = 1 << 18;

    private final UpdateRule rule;
    private final Schedule schedule;
    private final long parallelThreshold;
    private final NonFinitePolicy nonFinitePolicy;
    private final ParallelRegion region;
    private KernelSet kernels = KernelProvider.kernels();
    private final Arena arena = Arena.ofShared();
    private final StateAllocator allocator = new StateAllocator(arena);
    private final Map<String, OptimizerParameter> byName = new LinkedHashMap<>();
    private final AtomicBoolean busy = new AtomicBoolean();
    private OptimizerParameter[] parameters = new OptimizerParameter[0];
    private double[] learningRates = new double[0];
    private WorkPlan parallelPlan;
    private WorkPlan serialPlan;
    private long totalElements;
    private long step;
    private long skippedSteps;
    private long currentStep;
    private boolean closed;
    private final IntConsumer parallelShare = new ParallelShare();

    private Optimizer(Builder builder) {
        this.rule = builder.rule;
        this.schedule = builder.schedule;
        this.parallelThreshold = builder.parallelThreshold;
        this.nonFinitePolicy = builder.nonFinitePolicy;
        this.region = new ParallelRegion(builder.threads, builder.executor);
        rebuildPlans();
    }

    /** A builder of an optimizer following {@code rule} at a constant {@code learningRate}. */
    public static Builder builder(UpdateRule rule, double learningRate) {
        return builder(rule, new ConstantSchedule(learningRate));
    }

    /** A builder of an optimizer following {@code rule} at the rates of {@code schedule}. */
    public static Builder builder(UpdateRule rule, Schedule schedule) {
        return new Builder(ArgumentChecks.requireNonNull("rule", rule), ArgumentChecks.requireNonNull("schedule", schedule));
    }

    /** Registers a parameter with the optimizer's rule and learning rate. */
    public void add(String name, MemorySegment values, MemorySegment gradient) {
        add(name, values, gradient, ParameterGroup.named("default"));
    }

    /**
     * Registers a parameter in {@code group} and allocates its state.
     *
     * @param name     a name unique in this optimizer
     * @param values   the parameter's values; written by every step
     * @param gradient its gradient, as long as {@code values}; read by every step, never written
     * @throws IllegalArgumentException if the name is taken, the buffers are of different lengths,
     *                                  not whole floats, read-only, overlapping each other or
     *                                  another parameter, or confined while the optimizer has
     *                                  several threads
     */
    public void add(String name, MemorySegment values, MemorySegment gradient, ParameterGroup group) {
        ArgumentChecks.requireNonNull("name", name);
        ArgumentChecks.requireNonNull("group", group);
        acquire("add");
        try {
            if (byName.containsKey(name)) {
                throw new IllegalArgumentException("a parameter named " + name + " is already registered");
            }
            long n = SegmentChecks.requireWritableFloats("values", values);
            SegmentChecks.requireSameLength("gradient", SegmentChecks.requireFloats("gradient", gradient), n);
            SegmentChecks.requireDisjoint("values", values, "gradient", gradient);
            for (OptimizerParameter other : parameters) {
                SegmentChecks.requireDisjoint("values", values, other.name() + " values", other.values());
                SegmentChecks.requireDisjoint("values", values, other.name() + " gradient", other.gradient());
                SegmentChecks.requireDisjoint(other.name() + " values", other.values(), "gradient", gradient);
            }
            if (region.workers() > 1) {
                requireShared("values", values);
                requireShared("gradient", gradient);
            }
            UpdateRule parameterRule = group.resolve(rule);
            MemorySegment[] state = new MemorySegment[3];
            for (int i = 0; i < parameterRule.stateBuffers(); i++) {
                state[i] = allocator.allocate(n, parameterRule.initialStateValue(i));
            }
            OptimizerParameter parameter = new OptimizerParameter(name, values, gradient, parameterRule,
                    group.learningRateFactor(), state[0], state[1], state[2]);
            prepareKernels(parameter);
            byName.put(name, parameter);
            parameters = byName.values().toArray(new OptimizerParameter[0]);
            learningRates = new double[parameters.length];
            rebuildPlans();
        } finally {
            busy.set(false);
        }
    }

    /** Starts warming the kernels of {@code parameter}'s steps now, ahead of the first step. */
    private void prepareKernels(OptimizerParameter parameter) {
        KernelProvider.prepare(parameter.rule(), schedule.learningRate(step + 1) * parameter.learningRateFactor(),
                parameter.values(), parameter.gradient(), parameter.state0(), parameter.state1(), parameter.state2());
        if (nonFinitePolicy != NonFinitePolicy.PROPAGATE) {
            KernelProvider.prepareScan(parameter.gradient());
        }
    }

    private static void requireShared(String name, MemorySegment segment) {
        if (!segment.isAccessibleBy(new Thread(() -> { }))) {
            throw new IllegalArgumentException(name + " is confined to its owner thread, but the optimizer steps "
                    + "with several threads: use a shared, global or auto arena, or one thread");
        }
    }

    private void rebuildPlans() {
        long[] lengths = new long[parameters.length];
        for (int p = 0; p < parameters.length; p++) {
            lengths[p] = parameters[p].length();
        }
        totalElements = WorkPlan.total(lengths);
        serialPlan = WorkPlan.of(lengths, 1);
        parallelPlan = WorkPlan.of(lengths, region.workers());
    }

    /**
     * Advances the step counter to {@code t + 1} and updates every parameter with the schedule's
     * learning rate at that step (times its group's factor).
     *
     * <p>Under {@link NonFinitePolicy#SKIP} a step whose gradients hold NaN or an infinity changes
     * nothing but {@link #skippedSteps()}.
     *
     * @throws IllegalStateException       if the optimizer is closed, a step runs on another thread,
     *                                     or a parameter's segment was closed (checked before
     *                                     anything is written)
     * @throws NonFiniteGradientException under {@link NonFinitePolicy#THROW}, naming the first
     *                                     parameter and index whose gradient is not finite; nothing
     *                                     was modified
     */
    public void step() {
        acquire("step");
        try {
            for (OptimizerParameter parameter : parameters) {
                requireUsable(parameter);
            }
            long t = step + 1;
            kernels = KernelProvider.kernels();
            if (nonFinitePolicy != NonFinitePolicy.PROPAGATE && !gradientsFinite(t)) {
                skippedSteps++;
                return;
            }
            double learningRate = schedule.learningRate(t);
            for (int p = 0; p < parameters.length; p++) {
                learningRates[p] = learningRate * parameters[p].learningRateFactor();
            }
            currentStep = t;
            if (totalElements < parallelThreshold || region.workers() == 1) {
                runShare(serialPlan, 0);
            } else {
                region.run(parallelShare);
            }
            step = t;
        } finally {
            busy.set(false);
        }
    }

    /** Whether every gradient is finite; under {@link NonFinitePolicy#THROW} it throws instead of answering false. */
    private boolean gradientsFinite(long t) {
        for (OptimizerParameter parameter : parameters) {
            long bad = kernels.firstNonFinite(parameter.gradient(), 0, parameter.length());
            if (bad >= 0) {
                if (nonFinitePolicy == NonFinitePolicy.THROW) {
                    throw new NonFiniteGradientException(parameter.name(), bad,
                            parameter.gradient().getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, bad), t);
                }
                return false;
            }
        }
        return true;
    }

    /**
     * Worker {@code w}'s share of the current step. A class rather than a lambda: the first lambda
     * of a JVM links a bootstrap method, milliseconds a program would wait for at its first
     * {@code build()}.
     */
    private final class ParallelShare implements IntConsumer {
        @Override
        public void accept(int w) {
            runShare(parallelPlan, w);
        }
    }

    private void runShare(WorkPlan plan, int worker) {
        for (int k = 0; k < plan.pieces(worker); k++) {
            int p = plan.parameter(worker, k);
            OptimizerParameter parameter = parameters[p];
            RuleSteps.step(kernels, parameter.rule(), learningRates[p], currentStep, parameter.values(),
                    parameter.gradient(), parameter.state0(), parameter.state1(), parameter.state2(),
                    plan.from(worker, k), plan.to(worker, k));
        }
    }

    private static void requireUsable(OptimizerParameter parameter) {
        if (!parameter.values().scope().isAlive() || !parameter.gradient().scope().isAlive()) {
            throw new IllegalStateException("the arena of parameter " + parameter.name() + " is already closed");
        }
        if (!parameter.values().isAccessibleBy(Thread.currentThread())
                || !parameter.gradient().isAccessibleBy(Thread.currentThread())) {
            throw new WrongThreadException("parameter " + parameter.name() + " is confined to another thread than "
                    + Thread.currentThread().getName());
        }
    }

    private void acquire(String operation) {
        if (!busy.compareAndSet(false, true)) {
            throw new IllegalStateException(operation + "() called while a step runs on another thread: "
                    + "an optimizer is driven by one thread at a time");
        }
        if (closed) {
            busy.set(false);
            throw new IllegalStateException(operation + "() called on a closed optimizer");
        }
    }

    /** The number of steps taken: 0 before the first, {@code t} after step {@code t}. */
    public long stepCount() {
        return step;
    }

    /** The number of steps skipped for non-finite gradients under {@link NonFinitePolicy#SKIP}. */
    public long skippedSteps() {
        return skippedSteps;
    }

    /** What a step does with non-finite gradients. */
    public NonFinitePolicy nonFinitePolicy() {
        return nonFinitePolicy;
    }

    /** The rule every parameter without a group rule follows. */
    public UpdateRule rule() {
        return rule;
    }

    /** The learning-rate schedule. */
    public Schedule schedule() {
        return schedule;
    }

    /** The number of workers of a step, the calling thread included. */
    public int threads() {
        return region.workers();
    }

    /** The names of the registered parameters, in registration order. */
    public List<String> parameterNames() {
        return List.copyOf(byName.keySet());
    }

    /** The rule parameter {@code name} follows (its group's, with the group's weight decay). */
    public UpdateRule rule(String name) {
        return parameter(name).rule();
    }

    /**
     * A read-only view of state buffer {@code index} of parameter {@code name}, in the order the
     * rule's Javadoc lists them; valid until {@link #close()}.
     *
     * @throws IllegalArgumentException  if no parameter has that name
     * @throws IndexOutOfBoundsException if the rule keeps fewer buffers
     */
    public MemorySegment state(String name, int index) {
        OptimizerParameter parameter = parameter(name);
        Objects.checkIndex(index, parameter.rule().stateBuffers());
        return parameter.state(index).asReadOnly();
    }

    private OptimizerParameter parameter(String name) {
        OptimizerParameter parameter = byName.get(ArgumentChecks.requireNonNull("name", name));
        if (parameter == null) {
            throw new IllegalArgumentException("no parameter named " + name + " is registered");
        }
        return parameter;
    }

    /** The registered parameters in registration order, for checkpoints. */
    List<OptimizerParameter> registered() {
        return List.of(parameters);
    }

    /**
     * Runs {@code action} with the optimizer held as by a step: no step, registration or close
     * runs meanwhile, and a concurrent one fails with {@link IllegalStateException}.
     */
    <T> T exclusively(String operation, Supplier<T> action) {
        acquire(operation);
        try {
            return action.get();
        } finally {
            busy.set(false);
        }
    }

    /** Sets the step counter, for a checkpoint restored under {@link #exclusively}. */
    void restoreStepCount(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("step count must be >= 0, got " + steps);
        }
        step = steps;
    }

    /** Sets the skip counter, for a checkpoint restored under {@link #exclusively}. */
    void restoreSkippedSteps(long skipped) {
        if (skipped < 0) {
            throw new IllegalArgumentException("skipped step count must be >= 0, got " + skipped);
        }
        skippedSteps = skipped;
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
            region.close();
            arena.close();
        } finally {
            busy.set(false);
        }
    }

    /** Options of an {@link Optimizer}. */
    public static final class Builder {

        private final UpdateRule rule;
        private final Schedule schedule;
        private int threads = 1;
        private Executor executor;
        private long parallelThreshold = DEFAULT_PARALLEL_THRESHOLD;
        private NonFinitePolicy nonFinitePolicy = NonFinitePolicy.PROPAGATE;

        private Builder(UpdateRule rule, Schedule schedule) {
            this.rule = rule;
            this.schedule = schedule;
        }

        /** Steps with {@code count >= 1} workers: the calling thread and {@code count - 1} threads of the optimizer's own. */
        public Builder threads(int count) {
            this.threads = (int) ArgumentChecks.requireCount("threads", count);
            this.executor = null;
            return this;
        }

        /** Steps with {@code parallelism >= 1} workers: the calling thread and {@code parallelism - 1} tasks of {@code executor}. */
        public Builder executor(Executor executor, int parallelism) {
            this.executor = ArgumentChecks.requireNonNull("executor", executor);
            this.threads = (int) ArgumentChecks.requireCount("parallelism", parallelism);
            return this;
        }

        /** Steps of fewer elements than this (in all parameters) run on the calling thread alone. */
        public Builder parallelThreshold(long elements) {
            if (elements < 0) {
                throw new IllegalArgumentException("parallelThreshold must be >= 0, got " + elements);
            }
            this.parallelThreshold = elements;
            return this;
        }

        /** What a step does when a gradient holds NaN or an infinity; default {@link NonFinitePolicy#PROPAGATE}. */
        public Builder nonFinite(NonFinitePolicy policy) {
            this.nonFinitePolicy = ArgumentChecks.requireNonNull("policy", policy);
            return this;
        }

        /** The optimizer, with no parameters yet. */
        public Optimizer build() {
            return new Optimizer(this);
        }
    }
}
