package dev.gradus.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import dev.gradus.NonFinitePolicy;
import dev.gradus.ParameterGroup;
import dev.gradus.UpdateRule;
import dev.gradus.schedule.ConstantSchedule;
import dev.gradus.schedule.Schedule;
import java.lang.foreign.Arena;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A DJL {@link Optimizer} backed by a Gradus {@link dev.gradus.Optimizer}: Gradus's update rules,
 * learning-rate schedules, parameter groups, non-finite policy and checkpoints, inside DJL's
 * {@code Trainer}.
 *
 * <pre>{@code
 * Block block = ...;
 * try (GradusOptimizer optimizer = GradusOptimizer.builder(Adam.DEFAULT, new CosineAnnealing(1e-3, 1e-5, steps))
 *         .block(block)
 *         .threads(1)      // more only on cores libtorch's own threads leave free
 *         .build()) {
 *     model.setBlock(block);
 *     try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(optimizer))) {
 *         trainer.initialize(inputShape);
 *         EasyTrain.fit(trainer, epochs, dataset, null);
 *     }
 * }
 * }</pre>
 *
 * <p><b>One Gradus step per DJL step.</b> DJL's {@code Trainer.step()} calls
 * {@link #update(String, NDArray, NDArray)} once per parameter that requires a gradient. Each call
 * takes the parameter's gradient; the call that brings the last of the parameters the optimizer
 * expects runs one {@link dev.gradus.Optimizer#step()} over all of them. The weights are
 * therefore updated when the trainer's step returns, as with DJL's own optimizers, and the result
 * is, bit for bit, that of a Gradus {@code Optimizer} stepped over the same weights and gradients:
 * for Adam, with {@code t} each parameter's own step count and {@code lr_t} the schedule's rate
 * times its group's factor,
 * <pre>
 *   m = b1 m + (1 - b1) g,   v = b2 v + (1 - b2) g^2,
 *   m_hat = m / (1 - b1^t),  v_hat = v / (1 - b2^t),
 *   w = w - lr_t m_hat / (sqrt(v_hat) + eps)
 * </pre>
 * in the operation order of {@link dev.gradus.Adam}'s Javadoc, and likewise for every other
 * {@link UpdateRule}. A step that a {@link NonFinitePolicy} skips leaves every weight unchanged;
 * one it rejects throws {@link dev.gradus.NonFiniteGradientException} from that last
 * {@code update} call, with nothing changed.
 *
 * <p><b>Which parameters a step expects.</b> Those {@linkplain Builder#block(Block) declared from
 * a block} whose {@link Parameter#requiresGradient()} is true when the step's first
 * {@code update} arrives, and those {@linkplain Builder#parameter(String, String, ParameterGroup)
 * declared one by one}. A parameter registered earlier that a step does not update (DJL froze it)
 * is {@linkplain dev.gradus.Optimizer#freeze(String) frozen} in Gradus for that step: its values,
 * state and own step count stay. An {@code update} of a parameter that was not declared, or a
 * second {@code update} of a parameter before the step ran, throws, naming the parameters.
 *
 * <p><b>Memory.</b> A parameter is registered with Gradus under its name (a block's parameter
 * path) on its first {@code update}, or by {@link #bind()}. A dense, contiguous {@code float32}
 * PyTorch tensor on the CPU is registered <i>zero copy</i>: Gradus's kernels read and write the
 * tensor's own memory, through a segment over the direct buffer of
 * {@code PtNDArray.toByteBuffer(true)}, and the step updates it in place. Any other weight (another
 * engine, another device, a non-contiguous view) and any weight of an optimizer built with
 * {@link Builder#zeroCopy(boolean) zeroCopy(false)} is <i>copied</i>: its values are copied into a
 * segment of the adapter's on each {@code update} and written back with {@link NDArray#set} after
 * the step, with the same result. The gradient is always copied into a segment of the adapter's,
 * once per step (one read and one write of the gradient; Adam's step itself reads four buffers
 * and writes three): DJL passes {@code update} a fresh, reduced copy of the gradient on every step
 * and closes it when {@code update} returns, before the Gradus step runs.
 *
 * <p><b>Gradients.</b> PyTorch adds each backward pass into a tensor's gradient, and DJL's own
 * PyTorch optimizers reset it in {@code update}. So does this one: after copying the gradient, it
 * zeroes the gradient of a PyTorch weight that has one.
 *
 * <p><b>Checkpoints.</b> {@link #gradus()} is the Gradus optimizer, named by parameter paths, for
 * {@link dev.gradus.checkpoint.Checkpoint#save} and {@link dev.gradus.checkpoint.Checkpoint#load}.
 * To resume, build the optimizer over the same block, {@link #bind()} it once the trainer has
 * initialized the parameters, then load: the state, the step counts and, for zero-copy
 * parameters, the values saved with them are restored in place. Restore copied parameters'
 * values through DJL (their next {@code update} reads them from the weight array).
 *
 * <p><b>Threads.</b> {@code update}, {@code bind} and {@code close} are synchronized; the step
 * runs on the Gradus optimizer's workers ({@link Builder#threads(int)}).
 *
 * <p><b>Not supported:</b> DJL's own rescaling, clipping, weight decay and first update number
 * ({@code setRescaleGrad}, {@code optClipGrad}, {@code optWeightDecays}, {@code optBeginNumUpdate}
 * throw): the Gradus rule and groups say what the step does. Parameters held on several devices
 * at once (DJL calls {@code update} once per device) are refused by the second call.
 */
public final class GradusOptimizer extends Optimizer implements AutoCloseable {

    private final dev.gradus.Optimizer gradus;
    private final Map<String, Declared> declared;
    private final boolean zeroCopy;
    private final Arena arena = Arena.ofShared();
    private final Map<String, Binding> bindings = new LinkedHashMap<>();
    private final Set<String> arrived = new HashSet<>();
    private Set<String> expected;
    private boolean closed;

    private GradusOptimizer(Builder builder) {
        super(builder);
        this.declared = Map.copyOf(builder.declared);
        this.zeroCopy = builder.zeroCopy;
        this.gradus = builder.gradus.build();
    }

    /**
     * A builder of an optimizer following {@code rule} at the rates of {@code schedule}, the
     * schedule's step being the Gradus optimizer's step count.
     *
     * @param rule     the rule of every parameter without a group rule
     * @param schedule the learning rate of each step
     * @return the builder
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(UpdateRule rule, Schedule schedule) {
        return new Builder(dev.gradus.Optimizer.builder(rule, schedule));
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
     * Takes the gradient of one parameter; the call that brings the last parameter this step
     * expects runs the Gradus step over all of them (see the class Javadoc). Registers the
     * parameter on its first call.
     *
     * @param parameterId the DJL parameter's id
     * @param weight      its array, {@code float32}; updated in place (zero copy) or through a copy
     * @param grad        its gradient, {@code float32}, as many elements; read before the call returns
     * @throws IllegalArgumentException if the parameter was not declared, an array is not
     *                                  {@code float32}, or the sizes differ from the registered ones
     * @throws IllegalStateException    if the parameter was already updated in this step (the
     *                                  step's pending updates are dropped), the optimizer is closed,
     *                                  a zero-copy weight array was replaced or closed, or the Gradus
     *                                  step refuses (see {@link dev.gradus.Optimizer#step()})
     * @throws dev.gradus.NonFiniteGradientException under {@link NonFinitePolicy#THROW}
     */
    @Override
    public synchronized void update(String parameterId, NDArray weight, NDArray grad) {
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(grad, "grad");
        Declared parameter = declaredOrThrow(parameterId);
        if (expected == null) {
            expected = expectedParameters();
        }
        if (arrived.contains(parameterId)) {
            List<String> missing = expected.stream().filter(id -> !arrived.contains(id))
                    .map(id -> declared.get(id).name()).sorted().toList();
            arrived.clear();
            expected = null;
            throw new IllegalStateException("parameter " + parameter.name() + " was updated twice before the step "
                    + "ran; the step still expected " + missing + " (declare only the parameters the trainer "
                    + "updates, on one device); the updates of this step were dropped");
        }
        Binding binding = bindings.get(parameterId);
        if (binding == null) {
            binding = register(parameterId, parameter, weight);
        }
        binding.stage(weight, grad);
        zeroGradient(weight);
        arrived.add(parameterId);
        expected.add(parameterId);
        if (arrived.containsAll(expected)) {
            try {
                step();
            } finally {
                arrived.clear();
                expected = null;
            }
        }
    }

    /**
     * Registers with Gradus, now, every parameter declared from a block whose array is
     * initialized (by {@code Trainer.initialize}) and not yet registered: before a
     * {@link dev.gradus.checkpoint.Checkpoint#load}, which needs the parameters registered. A
     * parameter in a {@code Trainer} on one CPU is updated with the array bound here.
     *
     * @throws IllegalStateException    if the optimizer is closed
     * @throws IllegalArgumentException if an array is not {@code float32}
     */
    public synchronized void bind() {
        requireOpen();
        declared.forEach((id, parameter) -> {
            if (parameter.parameter() != null && parameter.parameter().isInitialized() && !bindings.containsKey(id)) {
                register(id, parameter, parameter.parameter().getArray());
            }
        });
    }

    /**
     * Registers parameter {@code parameterId} with Gradus, now, over {@code weight}: before a
     * {@link dev.gradus.checkpoint.Checkpoint#load}, which needs the parameters registered.
     *
     * @param parameterId a declared parameter's id, not yet registered
     * @param weight      the array its updates will pass, {@code float32}
     * @throws IllegalArgumentException if the parameter was not declared or is registered, or the
     *                                  array is not {@code float32}
     * @throws IllegalStateException    if the optimizer is closed
     */
    public synchronized void bind(String parameterId, NDArray weight) {
        Objects.requireNonNull(weight, "weight");
        Declared parameter = declaredOrThrow(parameterId);
        if (bindings.containsKey(parameterId)) {
            throw new IllegalArgumentException("parameter " + parameter.name() + " is already registered");
        }
        register(parameterId, parameter, weight);
    }

    /**
     * Whether parameter {@code parameterId} is updated in place, in its array's own memory.
     *
     * @param parameterId a registered parameter's id
     * @return true for zero copy, false for copy in, copy out
     * @throws IllegalArgumentException if the parameter is not registered
     */
    public synchronized boolean isZeroCopy(String parameterId) {
        Binding binding = bindings.get(parameterId);
        if (binding == null) {
            throw new IllegalArgumentException("no parameter with id " + parameterId + " is registered");
        }
        return binding.zeroCopy();
    }

    /**
     * The name of parameter {@code parameterId} in the Gradus optimizer.
     *
     * @param parameterId a declared parameter's id
     * @return its name: its block path, or the name it was declared with
     * @throws IllegalArgumentException if the parameter was not declared
     */
    public String name(String parameterId) {
        return declaredOrThrow(parameterId).name();
    }

    /**
     * The Gradus optimizer behind this one: for its step counts, learning rates, state,
     * {@linkplain dev.gradus.checkpoint.Checkpoint checkpoints} and freezing. Its parameters are
     * registered by this optimizer; adding or removing its parameters directly, or stepping it,
     * breaks the correspondence with DJL's.
     *
     * @return the Gradus optimizer
     */
    public dev.gradus.Optimizer gradus() {
        return gradus;
    }

    /** Stops the Gradus optimizer's threads and frees its state and the adapter's segments. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            gradus.close();
        } finally {
            arena.close();
        }
    }

    private void step() {
        for (Map.Entry<String, Binding> entry : bindings.entrySet()) {
            String name = entry.getValue().name();
            boolean frozen = !arrived.contains(entry.getKey());
            if (gradus.isFrozen(name) != frozen) {
                if (frozen) {
                    gradus.freeze(name);
                } else {
                    gradus.unfreeze(name);
                }
            }
            if (!frozen) {
                entry.getValue().requireOpen();
            }
        }
        gradus.step();
        for (String id : arrived) {
            bindings.get(id).writeBack();
        }
    }

    private Binding register(String parameterId, Declared parameter, NDArray weight) {
        requireOpen();
        Binding binding = Binding.of(parameter.name(), weight, arena, zeroCopy);
        gradus.add(parameter.name(), binding.values(), binding.gradient(), parameter.group());
        bindings.put(parameterId, binding);
        return binding;
    }

    /** PyTorch accumulates gradients; DJL's PyTorch optimizers zero them in {@code update}. */
    private static void zeroGradient(NDArray weight) {
        if (weight instanceof PtNDArray tensor && tensor.hasGradient()) {
            JniUtils.zeroGrad(tensor);
        }
    }

    private Set<String> expectedParameters() {
        requireOpen();
        Set<String> ids = new HashSet<>();
        declared.forEach((id, parameter) -> {
            if (parameter.parameter() == null || parameter.parameter().requiresGradient()) {
                ids.add(id);
            }
        });
        return ids;
    }

    private Declared declaredOrThrow(String parameterId) {
        Objects.requireNonNull(parameterId, "parameterId");
        Declared parameter = declared.get(parameterId);
        if (parameter == null) {
            throw new IllegalArgumentException("parameter id " + parameterId + " was not declared: build the "
                    + "optimizer with block(...) over the trained block, or parameter(id, name, group)");
        }
        return parameter;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the optimizer is closed");
        }
    }

    /** A parameter the optimizer expects: its Gradus name and group, and its DJL parameter if known. */
    private record Declared(String name, ParameterGroup group, Parameter parameter) {
    }

    /**
     * Options of a {@link GradusOptimizer}: those of the Gradus optimizer behind it, and the
     * parameters it updates.
     */
    public static final class Builder extends OptimizerBuilder<Builder> {

        private static final ParameterGroup DEFAULT_GROUP = ParameterGroup.named("default");

        private final dev.gradus.Optimizer.Builder gradus;
        private final Map<String, Declared> declared = new LinkedHashMap<>();
        private final Set<String> names = new HashSet<>();
        private ParameterGrouping grouping = (path, parameter) -> DEFAULT_GROUP;
        private boolean zeroCopy = true;

        private Builder(dev.gradus.Optimizer.Builder gradus) {
            this.gradus = gradus;
        }

        /**
         * Declares every parameter of {@code block}, named by its path
         * ({@code block.getParameters()}), in the group {@link #groups} gives it at this call.
         *
         * @param block the block the trainer trains
         * @return this builder
         * @throws IllegalArgumentException if a parameter or a name is declared already
         */
        public Builder block(Block block) {
            for (Pair<String, Parameter> entry : block.getParameters()) {
                String path = entry.getKey();
                Parameter parameter = entry.getValue();
                declare(parameter.getId(), path, Objects.requireNonNull(grouping.groupOf(path, parameter),
                        "the group of " + path), parameter);
            }
            return this;
        }

        /**
         * How {@link #block(Block)} assigns parameters to groups; every parameter in
         * {@code ParameterGroup.named("default")} unless set. Applies to the blocks declared after it.
         *
         * @param grouping the group of each parameter
         * @return this builder
         */
        public Builder groups(ParameterGrouping grouping) {
            this.grouping = Objects.requireNonNull(grouping, "grouping");
            return this;
        }

        /**
         * Declares one parameter, expected on every step, in {@code ParameterGroup.named("default")}.
         *
         * @param parameterId the id {@code update} receives
         * @param name        its name in the Gradus optimizer
         * @return this builder
         * @throws IllegalArgumentException if the id or the name is declared already
         */
        public Builder parameter(String parameterId, String name) {
            return parameter(parameterId, name, DEFAULT_GROUP);
        }

        /**
         * Declares one parameter, expected on every step, in {@code group}.
         *
         * @param parameterId the id {@code update} receives
         * @param name        its name in the Gradus optimizer
         * @param group       its group
         * @return this builder
         * @throws IllegalArgumentException if the id or the name is declared already
         */
        public Builder parameter(String parameterId, String name, ParameterGroup group) {
            return declare(parameterId, name, group, null);
        }

        private Builder declare(String parameterId, String name, ParameterGroup group, Parameter parameter) {
            Objects.requireNonNull(parameterId, "parameterId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(group, "group");
            if (declared.containsKey(parameterId)) {
                throw new IllegalArgumentException("parameter id " + parameterId + " is declared already");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("parameter name " + name + " is declared already");
            }
            declared.put(parameterId, new Declared(name, group, parameter));
            return this;
        }

        /**
         * Whether a dense, contiguous {@code float32} PyTorch tensor on the CPU is updated in its own
         * memory (true unless set) or through copies like any other array.
         *
         * @param enabled false to copy every parameter
         * @return this builder
         */
        public Builder zeroCopy(boolean enabled) {
            this.zeroCopy = enabled;
            return this;
        }

        /**
         * Steps with {@code count} workers, as {@link dev.gradus.Optimizer.Builder#threads(int)}.
         * In a training loop the workers share the cores with libtorch's intra-op threads: where
         * no core is left over, more than one worker can slow the forward and backward passes
         * more than it speeds up the step.
         *
         * @param count the number of workers, the calling thread included
         * @return this builder
         * @throws IllegalArgumentException if {@code count < 1}
         */
        public Builder threads(int count) {
            gradus.threads(count);
            return this;
        }

        /**
         * The step size below which one thread steps, as
         * {@link dev.gradus.Optimizer.Builder#parallelThreshold(long)}.
         *
         * @param elements the threshold, {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException if {@code elements < 0}
         */
        public Builder parallelThreshold(long elements) {
            gradus.parallelThreshold(elements);
            return this;
        }

        /**
         * What a step does with a non-finite gradient, as
         * {@link dev.gradus.Optimizer.Builder#nonFinite(NonFinitePolicy)}.
         *
         * @param policy propagate, skip the step, or throw
         * @return this builder
         * @throws NullPointerException if {@code policy} is null
         */
        public Builder nonFinite(NonFinitePolicy policy) {
            gradus.nonFinite(policy);
            return this;
        }

        /**
         * Refused: the Gradus rule reads the gradient as given.
         *
         * @param rescaleGrad ignored
         * @return never
         * @throws UnsupportedOperationException always
         */
        @Override
        public Builder setRescaleGrad(float rescaleGrad) {
            throw unsupported("setRescaleGrad", "scale the loss, or the learning rate");
        }

        /**
         * Refused: weight decay is the Gradus rule's, or a {@link ParameterGroup}'s.
         *
         * @param weightDecays ignored
         * @return never
         * @throws UnsupportedOperationException always
         */
        @Override
        public Builder optWeightDecays(float weightDecays) {
            throw unsupported("optWeightDecays", "give the rule a weight decay, or a group withWeightDecay");
        }

        /**
         * Refused: Gradus rules do not clip.
         *
         * @param clipGrad ignored
         * @return never
         * @throws UnsupportedOperationException always
         */
        @Override
        public Builder optClipGrad(float clipGrad) {
            throw unsupported("optClipGrad", "clip the gradients before the trainer's step");
        }

        /**
         * Refused: the step counts are the Gradus optimizer's, restored by a checkpoint.
         *
         * @param beginNumUpdate ignored
         * @return never
         * @throws UnsupportedOperationException always
         */
        @Override
        public Builder optBeginNumUpdate(int beginNumUpdate) {
            throw unsupported("optBeginNumUpdate", "load a Gradus checkpoint");
        }

        private static UnsupportedOperationException unsupported(String option, String instead) {
            return new UnsupportedOperationException("GradusOptimizer does not support DJL's " + option + ": " + instead);
        }

        /**
         * The optimizer, with its Gradus optimizer's threads started.
         *
         * @return the optimizer
         */
        public GradusOptimizer build() {
            return new GradusOptimizer(this);
        }

        @Override
        protected Builder self() {
            return this;
        }
    }
}
