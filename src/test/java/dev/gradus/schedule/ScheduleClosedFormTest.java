package dev.gradus.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.schedule.Schedule;
import dev.gradus.testing.property.Gen;
import dev.gradus.testing.property.Property;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Schedules are closed forms: the value at step {@code t} is a pure function of {@code t}, so a
 * schedule evaluated after a whole run, a fresh one evaluated once, and steps taken in any order
 * all give the same bits; resuming at step {@code k} replays an uninterrupted run exactly.
 */
class ScheduleClosedFormTest {

    /** Steps actually run before the window, at most. */
    private static final int HISTORY = 500;

    /**
     * A schedule (regenerated from {@code seed}, so every build is a fresh instance) and a window
     * of steps {@code [start, start + length)}.
     */
    record Window(long seed, long start, int length) {

        Schedule build() {
            return RandomSchedules.any(3).next(new SplittableRandom(seed));
        }

        @Override
        public String toString() {
            return "steps [" + start + ", " + (start + length) + ") of " + build();
        }
    }

    static Gen<Window> windows() {
        Gen<Long> starts = Gen.elementOf(1L, 1L, 2L, 37L, 1000L, 123_457L, 1L << 40, Long.MAX_VALUE - 1000);
        return random -> new Window(random.nextLong(), starts.next(random), random.nextInt(1, 300));
    }

    @Test
    void aFreshScheduleGivesTheBitsOfOneThatRanEveryStepBefore() {
        Property.forAll("value(t) fresh == value(t) after iterating", windows())
                .cover("from step 1", w -> w.start() == 1, 10)
                .cover("resumed late", w -> w.start() > 1L << 30, 10)
                .check(w -> {
                    Schedule running = w.build();
                    for (long t = 1; t < Math.min(w.start(), HISTORY); t++) {
                        running.learningRate(t);
                    }
                    double[] iterated = new double[w.length()];
                    for (int i = 0; i < w.length(); i++) {
                        iterated[i] = running.learningRate(w.start() + i);
                    }
                    for (int i = w.length() - 1; i >= 0; i--) {
                        double fresh = w.build().learningRate(w.start() + i);
                        assertEquals(Double.doubleToLongBits(iterated[i]), Double.doubleToLongBits(fresh),
                                "step " + (w.start() + i));
                        assertTrue(fresh >= 0 && Double.isFinite(fresh), "step value " + fresh);
                    }
                });
    }

    /** A decay, maybe counted per epoch, and a window of steps. */
    record DecayCase(Schedule decay, Window window) {}

    @Test
    void decaysNeverIncrease() {
        Gen<Schedule> decays = random -> {
            Schedule decay = RandomSchedules.decays().next(random);
            return random.nextBoolean() ? decay : decay.perEpoch(RandomSchedules.count(random));
        };
        Gen<Window> windows = windows();
        Property.forAll("decays never increase", random -> new DecayCase(decays.next(random), windows.next(random)))
                .check(c -> {
                    Window w = c.window();
                    double first = c.decay().learningRate(1);
                    double previous = c.decay().learningRate(w.start());
                    for (long t = w.start() + 1; t < w.start() + w.length(); t++) {
                        double value = c.decay().learningRate(t);
                        assertTrue(value <= previous && value <= first && value >= 0,
                                "step " + t + ": " + value + " after " + previous + ", first " + first);
                        previous = value;
                    }
                });
    }

    /** Two schedules, a count of units and a window of steps. */
    record CompositionCase(Schedule a, Schedule b, long k, Window window) {}

    @Test
    void compositionsFollowTheirFormulas() {
        Gen<Schedule> schedules = RandomSchedules.any(1);
        Gen<Window> windows = windows();
        Property.forAll("perEpoch, followedBy and times", random -> new CompositionCase(
                        schedules.next(random), schedules.next(random), RandomSchedules.count(random), windows.next(random)))
                .check(c -> {
                    Schedule a = c.a();
                    Schedule b = c.b();
                    long k = c.k();
                    for (long t = c.window().start(); t < c.window().start() + c.window().length(); t++) {
                        assertSame(a.learningRate((t - 1) / k + 1), a.perEpoch(k).learningRate(t), "perEpoch", t);
                        assertSame(t <= k ? a.learningRate(t) : b.learningRate(t - k),
                                a.followedBy(k, b).learningRate(t), "followedBy", t);
                        assertSame(a.learningRate(t) * b.learningRate(t), a.times(b).learningRate(t), "times", t);
                    }
                });
    }

    private static void assertSame(double expected, double actual, String what, long step) {
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual), what + " at step " + step);
    }
}
