package dev.gradus.conformance;

import dev.gradus.AdaGrad;
import dev.gradus.Adadelta;
import dev.gradus.Adam;
import dev.gradus.Adamax;
import dev.gradus.Momentum;
import dev.gradus.NAdam;
import dev.gradus.RAdam;
import dev.gradus.RmsProp;
import dev.gradus.Rprop;
import dev.gradus.Sgd;
import dev.gradus.UpdateRule;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds a Gradus rule from the {@code gradus} line of a PyTorch case, which names a factory and
 * every option: {@code Sgd}, {@code Momentum.pytorch}, {@code AdaGrad}, {@code RmsProp},
 * {@code Adam}, {@code Adadelta}, {@code Rprop}, {@code Adamax}, {@code RAdam} or {@code NAdam},
 * followed by {@code component=value} pairs named after the record components, for example
 * {@code Momentum.pytorch momentum=0.9 dampening=0.5 nesterov=false weightDecay=0.01
 * maximize=false}. Options Gradus defaults are not accepted implicitly: every option the factory
 * reads must be given, and an option it does not read is an error.
 */
final class RuleSpec {

    private final String spec;
    private final Map<String, String> options = new HashMap<>();

    private RuleSpec(String spec) {
        this.spec = spec;
        String[] words = spec.trim().split(" +");
        for (int i = 1; i < words.length; i++) {
            String[] pair = words[i].split("=", 2);
            if (pair.length != 2 || options.put(pair[0], pair[1]) != null) {
                throw new IllegalArgumentException("bad or repeated option '" + words[i] + "' in: " + spec);
            }
        }
    }

    /** The rule {@code spec} describes. */
    static UpdateRule parse(String spec) {
        RuleSpec s = new RuleSpec(spec);
        String factory = spec.trim().split(" +")[0];
        UpdateRule rule = switch (factory) {
            case "Sgd" -> new Sgd(s.number("weightDecay"), s.flag("maximize"));
            case "Momentum.pytorch" -> Momentum.pytorch(s.number("momentum"), s.number("dampening"), s.flag("nesterov"))
                    .withWeightDecay(s.number("weightDecay")).withMaximize(s.flag("maximize"));
            case "AdaGrad" -> AdaGrad.DEFAULT.withEpsilon(s.number("epsilon"))
                    .withInitialAccumulator(s.number("initialAccumulator"))
                    .withWeightDecay(s.number("weightDecay")).withMaximize(s.flag("maximize"));
            case "RmsProp" -> RmsProp.DEFAULT.withDecay(s.number("decay")).withEpsilon(s.number("epsilon"))
                    .withCentered(s.flag("centered")).withMomentum(s.number("momentum"))
                    .withWeightDecay(s.number("weightDecay")).withMaximize(s.flag("maximize"));
            case "Adam" -> Adam.DEFAULT.withBeta1(s.number("beta1")).withBeta2(s.number("beta2"))
                    .withEpsilon(s.number("epsilon")).withAmsgrad(s.flag("amsgrad"))
                    .withWeightDecay(s.number("weightDecay"))
                    .withDecoupledWeightDecay(s.flag("decoupledWeightDecay")).withMaximize(s.flag("maximize"));
            case "Adadelta" -> new Adadelta(s.number("rho"), s.number("epsilon"), s.number("weightDecay"),
                    s.flag("maximize"));
            case "Rprop" -> new Rprop(s.number("initialStepSize"), s.number("etaMinus"), s.number("etaPlus"),
                    s.number("stepSizeMin"), s.number("stepSizeMax"), s.number("weightDecay"), s.flag("maximize"));
            case "Adamax" -> new Adamax(s.number("beta1"), s.number("beta2"), s.number("epsilon"),
                    s.number("weightDecay"), s.flag("maximize"));
            case "RAdam" -> new RAdam(s.number("beta1"), s.number("beta2"), s.number("epsilon"),
                    s.number("weightDecay"), s.flag("maximize"));
            case "NAdam" -> new NAdam(s.number("beta1"), s.number("beta2"), s.number("epsilon"),
                    s.number("momentumDecay"), s.number("weightDecay"), s.flag("decoupledWeightDecay"),
                    s.flag("maximize"));
            default -> throw new IllegalArgumentException("unknown factory '" + factory + "' in: " + spec);
        };
        if (!s.options.isEmpty()) {
            throw new IllegalArgumentException("options " + s.options.keySet() + " not used by " + factory + " in: " + spec);
        }
        return rule;
    }

    private String take(String key) {
        String value = options.remove(key);
        if (value == null) {
            throw new IllegalArgumentException("option '" + key + "' missing in: " + spec);
        }
        return value;
    }

    private double number(String key) {
        return Double.parseDouble(take(key));
    }

    private boolean flag(String key) {
        String value = take(key);
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("option '" + key + "' must be true or false in: " + spec);
        }
        return Boolean.parseBoolean(value);
    }
}
