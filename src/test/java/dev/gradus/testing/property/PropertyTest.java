package dev.gradus.testing.property;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The runner: failure reports, shrinking, replay, coverage, silence. */
class PropertyTest {

    private static final long SEED = 1234L;

    @BeforeEach
    void noReplaySeed() {
        assumeTrue(System.getProperty(Property.SEED_PROPERTY) == null,
                "these tests fix their seeds, which a replay seed would override");
    }

    @Test
    void failureIsShrunkToTheBoundary() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> Property.forAll("n < 10", Lengths.forLanes(16))
                        .seed(SEED)
                        .shrinkWith(Shrink::towardZero)
                        .check(n -> require(n < 10, n + " is not below 10")));

        String message = error.getMessage();
        assertTrue(message.startsWith("Property 'n < 10' failed on try "), message);
        assertTrue(message.contains("replay with -Dgradus.property.seed="), message);
        assertEquals("10", field(message, "Shrunk case \\(\\d+ steps, \\d+ attempts\\): (.*)"));
        assertEquals("10 is not below 10", error.getCause().getMessage());
        assertTrue(message.contains("Original failure: java.lang.AssertionError: "
                + field(message, "Original case: (.*)") + " is not below 10"), message);
    }

    @Test
    void replayingTheReportedSeedRegeneratesTheCaseAsTryZero() {
        Property<Integer> rare = Property.forAll("n < 1000", Lengths.forLanes(16));
        AssertionError first = assertThrows(AssertionError.class,
                () -> rare.seed(SEED).check(n -> assertTrue(n < 1000)));
        int failingTry = Integer.parseInt(field(first.getMessage(), "failed on try (\\d+) of"));
        assertNotEquals(0, failingTry, "the test needs a failure after try 0");
        long replaySeed = Long.parseLong(field(first.getMessage(), "seed=(-?\\d+)"));

        List<Integer> replayed = new ArrayList<>();
        Property.forAll("replay", Lengths.forLanes(16)).seed(replaySeed).tries(1)
                .check(replayed::add);
        assertEquals(field(first.getMessage(), "Original case: (.*)"), "" + replayed.getFirst());

        AssertionError again = assertThrows(AssertionError.class,
                () -> rare.seed(replaySeed).check(n -> assertTrue(n < 1000)));
        assertEquals("0", field(again.getMessage(), "failed on try (\\d+) of"));
    }

    @Test
    void shrinkingComposesOverTheParts() {
        record Pair(int n, int offset) {}
        Gen<Pair> pairs = random -> new Pair(random.nextInt(100), random.nextInt(100));
        Shrinker<Pair> shrinker = Shrinker.part(Pair::n, Shrink::towardZero,
                        (Pair p, Integer n) -> new Pair(n, p.offset()))
                .or(Shrinker.part(Pair::offset, Shrink::towardZero,
                        (Pair p, Integer offset) -> new Pair(p.n(), offset)));
        List<Pair> failures = new ArrayList<>();

        assertThrows(AssertionError.class, () -> Property.forAll("n + offset < 5", pairs)
                .seed(SEED).shrinkWith(shrinker)
                .check(p -> {
                    if (p.n() + p.offset() >= 5) {
                        failures.add(p);
                        fail();
                    }
                }));
        Pair shrunk = failures.getLast();
        assertEquals(5, shrunk.n() + shrunk.offset(), shrunk::toString);
    }

    @Test
    void arraysShrinkToAPrefixOfZerosEndingInTheCulprit() {
        Shrinker<float[]> shorter = Shrink::shorter;
        AssertionError error = assertThrows(AssertionError.class,
                () -> Property.forAll("no NaN", Floats.arrayOf(12, Floats.any()))
                        .seed(SEED).shrinkWith(shorter.or(Shrink::simplerValues))
                        .check(values -> {
                            for (float value : values) {
                                require(!Float.isNaN(value), Arrays.toString(values));
                            }
                        }));
        float[] shrunk = parse(error.getCause().getMessage());
        assertTrue(Float.isNaN(shrunk[shrunk.length - 1]), error::getMessage);
        assertArrayEquals(new float[shrunk.length - 1], Arrays.copyOf(shrunk, shrunk.length - 1),
                error::getMessage);
    }

    @Test
    void originalFailureIsSuppressedBehindTheShrunkOne() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> Property.forAll("n < 10", Gen.constant(50)).seed(SEED)
                        .shrinkWith(Shrink::towardZero)
                        .check(n -> require(n < 10, "n=" + n)));
        assertEquals("n=10", error.getCause().getMessage());
        assertEquals("n=50", error.getSuppressed()[0].getMessage());
        assertTrue(error.getMessage().contains("failed on try 0 of 200"), error::getMessage);
    }

    @Test
    void missingCoverageFailsAndListsEveryLabel() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> Property.forAll("lengths", Lengths.forLanes(8)).seed(SEED).tries(50)
                        .cover("short", n -> n < 8, 1)
                        .cover("negative", n -> n < 0, 1)
                        .check(n -> {}));
        String message = error.getMessage();
        assertTrue(message.contains("passed 200 tries"), message);
        assertTrue(message.contains("replay with -Dgradus.property.seed=" + SEED), message);
        assertTrue(message.contains("negative: 0 (minimum 1)  <-- too few"), message);
        assertTrue(message.matches("(?s).*\n  short: \\d+ \\(minimum 1\\)\n.*"), message);
    }

    @Test
    void shortCoverageRunsMoreTriesUntilItIsMet() {
        int[] generated = {0};
        Property.Report report = Property.forAll("lengths", Lengths.forLanes(8)).seed(SEED).tries(10)
                .cover("every fifth", n -> generated[0]++ % 5 == 0, 3)
                .check(n -> {});
        assertEquals(11, report.tries(), report::toString);
        assertEquals(3, report.coverage().get("every fifth"));
    }

    @Test
    void aShareOfTheTriesScalesWithThemRoundedUp() {
        int[] generated = {0};
        Property.Report report = Property.forAll("lengths", Lengths.forLanes(8)).seed(SEED).tries(10)
                .cover("every fifth", n -> generated[0]++ % 5 == 0, 25, 100)
                .check(n -> {});
        assertEquals(11, report.tries(), "3 of 10 tries (25 % rounded up) took 11 tries: " + report);

        AssertionError error = assertThrows(AssertionError.class,
                () -> Property.forAll("lengths", Lengths.forLanes(8)).seed(SEED).tries(4)
                        .cover("never", n -> false, 1, 1000)
                        .check(n -> {}));
        assertTrue(error.getMessage().contains("never: 0 (minimum 1)  <-- too few"), error::getMessage);
    }

    @Test
    void reportCarriesSeedTriesAndCounts() {
        Property.Report report = Property.forAll("lengths", Lengths.forLanes(8))
                .seed(SEED).tries(300)
                .cover("all", n -> true, 300)
                .cover("tail", n -> Lengths.isTail(n, 8), 100)
                .check(n -> assertTrue(n >= 0));
        assertEquals(new Property.Report("lengths", SEED, 300, report.coverage()), report);
        assertEquals(List.of("all", "tail"), List.copyOf(report.coverage().keySet()));
        assertEquals(300, report.coverage().get("all"));
        assertTrue(report.coverage().get("tail") < 300, report::toString);
    }

    @Test
    void printsNothing() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(printed)) {
            System.setOut(capture);
            System.setErr(capture);
            Property.forAll("pass", Floats.any()).seed(SEED).check(x -> {});
            assertInstanceOf(AssertionError.class, assertThrows(Throwable.class,
                    () -> Property.forAll("fail", Floats.any()).seed(SEED).check(x -> fail())));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertEquals("", printed.toString());
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    private static String field(String message, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(message);
        assertTrue(matcher.find(), () -> "no " + regex + " in " + message);
        return matcher.group(1);
    }

    private static float[] parse(String arrayText) {
        String[] parts = arrayText.substring(1, arrayText.length() - 1).split(", ");
        float[] values = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Float.parseFloat(parts[i]);
        }
        return values;
    }
}
