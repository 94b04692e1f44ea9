package dev.gradus.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The options of the self-test, {@link SelfTestMain}.
 *
 * @param quick          only the preferred width, only the compiled in-place step, few cases
 * @param widths         the widths to check ({@code scalar}, {@code chunked}, {@code 64} to
 *                       {@code 512}), or empty for every width the CPU offers
 * @param rules          the rules to check, or empty for every rule
 * @param tries          the cases of each generated property (lengths, offsets, splits, values)
 * @param seed           the base seed of every property in every child JVM
 * @param timeoutMinutes how long one width may take
 */
record SelfTestOptions(boolean quick, List<String> widths, List<String> rules, int tries, long seed,
                       int timeoutMinutes) {

    /** Cases of each generated property unless {@code --tries} says otherwise. */
    static final int DEFAULT_TRIES = 100;
    /** Cases of the compiled in-place step per rule in quick mode. */
    static final int QUICK_COMPILED_TRIES = 4;

    static final String USAGE = """
            Usage: java --add-modules jdk.incubator.vector -cp <gradus jar>:<gradus tests jar> \\
                       dev.gradus.testkit.SelfTestMain [options]

            Checks that Gradus' vector kernels produce the bits of its scalar kernels for every rule,
            at every vector width this CPU offers, in compiled code, and prints one verdict per rule
            and width. Exit status 0 if every verdict is PASS, 1 if one is FAIL, 2 on bad options.

              --quick             only the preferred width, the compiled in-place step, 4 cases per rule
              --widths W,W,...    only these widths: scalar, chunked, 64, 128, 256, 512
              --rules R,R,...     only these rules (names as printed)
              --tries N           cases of each generated property (default 100)
              --seed S            base seed of every property: replays a run, or a failure's seed
              --timeout-minutes M how long one width may take (default 15)
              --help              this text
            """;

    SelfTestOptions {
        widths = List.copyOf(widths);
        rules = List.copyOf(rules);
    }

    /**
     * Parses command-line arguments.
     *
     * @throws IllegalArgumentException naming the first argument that is not an option, or an
     *                                  option's missing or malformed value
     */
    static SelfTestOptions parse(String... args) {
        boolean quick = false;
        List<String> widths = new ArrayList<>();
        List<String> rules = new ArrayList<>();
        int tries = DEFAULT_TRIES;
        long seed = ThreadLocalRandom.current().nextLong();
        int timeout = 15;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--quick" -> quick = true;
                case "--widths" -> widths.addAll(list(value(args, ++i, option)));
                case "--rules" -> rules.addAll(list(value(args, ++i, option)));
                case "--tries" -> tries = Math.max(1, number(value(args, ++i, option), option).intValue());
                case "--seed" -> seed = number(value(args, ++i, option), option);
                case "--timeout-minutes" -> timeout = Math.max(1, number(value(args, ++i, option), option).intValue());
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        for (String width : widths) {
            if (!width.equals("scalar") && !width.equals("chunked")
                    && !VectorHardware.FORCIBLE_BITS.contains(Integer.valueOf(width.matches("\\d+") ? width : "0"))) {
                throw new IllegalArgumentException("a width is scalar, chunked, 64, 128, 256 or 512, not " + width);
            }
        }
        return new SelfTestOptions(quick, widths, rules, tries, seed, timeout);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(item -> !item.isEmpty()).toList();
    }

    private static Long number(String value, String option) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, not " + value, e);
        }
    }
}
