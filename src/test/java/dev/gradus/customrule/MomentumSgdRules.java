package dev.gradus.customrule;

import dev.gradus.CustomRule;
import dev.gradus.testing.property.Gen;
import java.util.SplittableRandom;

/**
 * {@link MomentumSgd} with generated hyperparameters, made by a public constructor without
 * parameters so that {@link dev.gradus.testkit.ForcedWidths} can make it again in a child JVM.
 */
public final class MomentumSgdRules implements Gen<CustomRule> {

    private static final Gen<Float> MOMENTA = Gen.elementOf(0f, 0.5f, 0.9f, 0.99f, 1f);
    private static final Gen<Float> DECAYS = Gen.elementOf(0f, 1e-4f, 0.3f);

    /** The rules. */
    public MomentumSgdRules() {
    }

    @Override
    public CustomRule next(SplittableRandom random) {
        return new MomentumSgd(MOMENTA.next(random), DECAYS.next(random));
    }

    /** The same rules with a fused multiply-add in the vector step. */
    public static final class Fused implements Gen<CustomRule> {

        /** The rules. */
        public Fused() {
        }

        @Override
        public CustomRule next(SplittableRandom random) {
            return new FlawedMomentumSgd(new MomentumSgd(MOMENTA.next(random), DECAYS.next(random)),
                    FlawedMomentumSgd.Flaw.FUSED_MULTIPLY_ADD);
        }
    }
}
