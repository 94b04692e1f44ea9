package dev.gradus.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of the self-test's properties for one rule at one width, as a child JVM reports it
 * to the self-test on a line of its own: {@code verdict<TAB>rule<TAB>width<TAB>status<TAB>detail},
 * followed by lines {@code detail<TAB>text} that explain a failure.
 *
 * @param rule    the rule's name
 * @param width   the kernels: {@code vector-<bits>}, {@code chunked} or {@code scalar}
 * @param status  the verdict
 * @param detail  what was checked, or for a failure which check failed and how to replay it
 * @param details the lines that explain a failure: the shrunk case and the first differing element
 */
record Verdict(String rule, String width, Status status, String detail, List<String> details) {

    /** A verdict. */
    enum Status {
        /** Every case of every check passed. */
        PASS,
        /** A check failed. */
        FAIL
    }

    private static final String VERDICT = "verdict\t";
    private static final String DETAIL = "detail\t";

    Verdict {
        details = List.copyOf(details);
    }

    /**
     * {@return this verdict and {@code other}, of the same rule and width: FAIL if either is, what
     * both checked, the failures of both}
     *
     * @param other the verdict of other checks
     */
    Verdict and(Verdict other) {
        Status status = this.status == Status.FAIL || other.status == Status.FAIL ? Status.FAIL : Status.PASS;
        String both = detail.isEmpty() ? other.detail : other.detail.isEmpty() ? detail : detail + "; " + other.detail;
        List<String> lines = new ArrayList<>(details);
        lines.addAll(other.details);
        return new Verdict(rule, width, status, both, lines);
    }

    /** The lines of this verdict for the self-test to read. */
    String protocol() {
        StringBuilder text = new StringBuilder(VERDICT).append(String.join("\t", rule, width, status.name(), detail));
        details.forEach(line -> text.append('\n').append(DETAIL).append(line));
        return text.toString();
    }

    /**
     * The verdict of a verdict line of {@code lines} and the detail lines that follow it.
     *
     * @param lines a child's output
     * @param first the index of a verdict line
     * @return the verdict, or empty if the line is none
     */
    static Optional<Verdict> parse(List<String> lines, int first) {
        if (!lines.get(first).startsWith(VERDICT)) {
            return Optional.empty();
        }
        String[] fields = lines.get(first).substring(VERDICT.length()).split("\t", 4);
        List<String> details = lines.subList(first + 1, lines.size()).stream()
                .takeWhile(line -> line.startsWith(DETAIL)).map(line -> line.substring(DETAIL.length())).toList();
        return Optional.of(new Verdict(fields[0], fields[1], Status.valueOf(fields[2]), fields.length > 3 ? fields[3] : "",
                details));
    }
}
