package dev.gradus.custom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gradus.GradientClipping;
import dev.gradus.Lion;
import dev.gradus.NonFinitePolicy;
import dev.gradus.Optimizer;
import dev.gradus.ParameterGroup;
import dev.gradus.UpdateRule;
import dev.gradus.examples.custom.CustomLion;
import dev.gradus.schedule.CosineAnnealing;
import dev.gradus.testing.property.BitExact;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A rule written against the public API runs inside {@link Optimizer} with every feature the
 * built-in rules have (parameter groups with their own decay and learning-rate factor, a schedule,
 * threads, clipping by norm and by value, the non-finite policy) and gives the built-in
 * {@link Lion}'s bits, parameters and state, step after step.
 */
class CustomRuleOptimizerTest {

    private static final int[] SIZES = {1, 17, 4099, 70_001};
    private static final int STEPS = 12;

    record Setting(String name, int threads, GradientClipping clipping, NonFinitePolicy policy) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Setting> settings() {
        return List.of(
                new Setting("one thread", 1, null, NonFinitePolicy.PROPAGATE),
                new Setting("two threads", 2, null, NonFinitePolicy.PROPAGATE),
                new Setting("norm clipping, two threads", 2, GradientClipping.globalNorm(0.5), NonFinitePolicy.PROPAGATE),
                new Setting("value clipping", 1, GradientClipping.byValue(0.01), NonFinitePolicy.PROPAGATE),
                new Setting("non-finite steps skipped", 2, null, NonFinitePolicy.SKIP));
    }

    @ParameterizedTest
    @MethodSource("settings")
    void aCustomLionStepsAsTheBuiltInLion(Setting setting) {
        try (Arena arena = Arena.ofShared()) {
            Model custom = new Model(arena, 7);
            Model builtIn = new Model(arena, 7);
            try (Optimizer a = optimizer(CustomLion.DEFAULT.withWeightDecay(0.01), setting);
                 Optimizer b = optimizer(Lion.DEFAULT.withWeightDecay(0.01), setting)) {
                custom.register(a, new CustomLion(0.8, 0.95, 0.0));
                builtIn.register(b, new Lion(0.8, 0.95, 0.0, false));
                SplittableRandom random = new SplittableRandom(11);
                for (int t = 1; t <= STEPS; t++) {
                    long seed = random.nextLong();
                    custom.gradients(seed, t == 5 && setting.policy() == NonFinitePolicy.SKIP);
                    builtIn.gradients(seed, t == 5 && setting.policy() == NonFinitePolicy.SKIP);
                    a.step();
                    b.step();
                    for (int p = 0; p < SIZES.length; p++) {
                        String what = setting + ", step " + t + ", parameter " + p;
                        BitExact.assertSameBits(what, builtIn.values[p].toArray(ValueLayout.JAVA_FLOAT), custom.values[p]);
                        BitExact.assertSameBits(what + " (m)", b.state("p" + p, 0).toArray(ValueLayout.JAVA_FLOAT),
                                a.state("p" + p, 0));
                    }
                }
                assertEquals(b.skippedSteps(), a.skippedSteps());
                assertEquals(b.stepCount(), a.stepCount());
            }
        }
    }

    private static Optimizer optimizer(UpdateRule rule, Setting setting) {
        Optimizer.Builder builder = Optimizer.builder(rule, new CosineAnnealing(3e-3, 1e-4, STEPS))
                .threads(setting.threads()).parallelThreshold(1024).nonFinite(setting.policy());
        return (setting.clipping() == null ? builder : builder.clipping(setting.clipping())).build();
    }

    /** Parameters of {@link #SIZES} with gradients; the odd ones in a group with its own rule and factor. */
    private static final class Model {
        final MemorySegment[] values = new MemorySegment[SIZES.length];
        final MemorySegment[] gradients = new MemorySegment[SIZES.length];

        Model(Arena arena, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            for (int p = 0; p < SIZES.length; p++) {
                values[p] = arena.allocate(4L * SIZES[p]);
                gradients[p] = arena.allocate(4L * SIZES[p]);
                for (int i = 0; i < SIZES[p]; i++) {
                    values[p].setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) random.nextGaussian());
                }
            }
        }

        void register(Optimizer optimizer, UpdateRule groupRule) {
            ParameterGroup group = ParameterGroup.named("odd").withRule(groupRule).withLearningRateFactor(0.5)
                    .withWeightDecay(0.1);
            for (int p = 0; p < SIZES.length; p++) {
                if (p % 2 == 0) {
                    optimizer.add("p" + p, values[p], gradients[p]);
                } else {
                    optimizer.add("p" + p, values[p], gradients[p], group);
                }
            }
        }

        /** Gradients from {@code seed}, with special values, and a NaN in the last parameter if {@code poisoned}. */
        void gradients(long seed, boolean poisoned) {
            SplittableRandom random = new SplittableRandom(seed);
            float[] specials = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e30f, -1e-30f, Float.MAX_VALUE};
            for (int p = 0; p < SIZES.length; p++) {
                for (int i = 0; i < SIZES[p]; i++) {
                    float g = random.nextInt(50) == 0 ? specials[random.nextInt(specials.length)]
                            : (float) random.nextGaussian() * 0.1f;
                    gradients[p].setAtIndex(ValueLayout.JAVA_FLOAT, i, g);
                }
            }
            if (poisoned) {
                gradients[SIZES.length - 1].setAtIndex(ValueLayout.JAVA_FLOAT, 3, Float.NaN);
            }
        }
    }
}
