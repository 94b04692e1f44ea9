package dev.gradus.schedule;

import dev.gradus.schedule.ConstantSchedule;
import dev.gradus.schedule.CosineAnnealing;
import dev.gradus.schedule.ExponentialDecay;
import dev.gradus.schedule.InverseSqrtDecay;
import dev.gradus.schedule.InverseTimeDecay;
import dev.gradus.schedule.LinearWarmup;
import dev.gradus.schedule.ManualSchedule;
import dev.gradus.schedule.MultiStepDecay;
import dev.gradus.schedule.Schedule;
import dev.gradus.schedule.StepDecay;
import dev.gradus.testing.property.Gen;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

/** Generators of valid schedules: every kind, with edge-biased parameters, and compositions of them. */
final class RandomSchedules {

    private RandomSchedules() {
    }

    /** A rate: zero, one, typical rates, or anything up to 10. */
    static double rate(SplittableRandom random) {
        return switch (random.nextInt(6)) {
            case 0 -> 0.0;
            case 1 -> 1.0;
            case 2 -> 0.1;
            case 3 -> 1e-3;
            default -> random.nextDouble(0.0, 10.0);
        };
    }

    /** A factor in (0, 1]: one, a half, 0.95, or anything. */
    static double factor(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> 1.0;
            case 1 -> 0.5;
            case 2 -> 0.95;
            default -> Math.nextUp(random.nextDouble());
        };
    }

    /** A count of units: 1, small, or large. */
    static long count(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> 1;
            case 1 -> random.nextLong(2, 10);
            case 2 -> random.nextLong(10, 200);
            default -> random.nextLong(200, 1L << 20);
        };
    }

    /** One schedule that decays: its values never increase and start at most at its a0. */
    static Gen<Schedule> decays() {
        return random -> {
            double a0 = rate(random);
            return switch (random.nextInt(6)) {
                case 0 -> new InverseTimeDecay(a0, random.nextBoolean() ? 1.0 : random.nextDouble(0, 5));
                case 1 -> new ExponentialDecay(a0, factor(random));
                case 2 -> new InverseSqrtDecay(a0, random.nextBoolean() ? 1.0 : random.nextDouble(0, 3));
                case 3 -> new StepDecay(a0, factor(random), count(random));
                case 4 -> new MultiStepDecay(a0, factor(random), LongStream.iterate(count(random),
                        m -> m + count(random)).limit(random.nextInt(0, 5)).toArray());
                default -> {
                    double minimum = random.nextBoolean() ? 0.0 : random.nextDouble(0, 1) * a0;
                    yield new CosineAnnealing(a0, minimum, count(random));
                }
            };
        };
    }

    /** One schedule of any kind but the compositions. */
    static Gen<Schedule> leaves() {
        Gen<Schedule> others = random -> switch (random.nextInt(3)) {
            case 0 -> new ConstantSchedule(rate(random));
            case 1 -> new LinearWarmup(rate(random), random.nextBoolean() ? 0.0 : random.nextDouble(), count(random));
            default -> new ManualSchedule(rate(random));
        };
        return Gen.oneOf(decays(), decays(), others);
    }

    /** Leaves and compositions of them, nested up to {@code depth} levels. */
    static Gen<Schedule> any(int depth) {
        if (depth == 0) {
            return leaves();
        }
        Gen<Schedule> inner = any(depth - 1);
        return random -> switch (random.nextInt(4)) {
            case 0 -> inner.next(random).perEpoch(count(random));
            case 1 -> inner.next(random).followedBy(count(random), inner.next(random));
            case 2 -> inner.next(random).times(inner.next(random));
            default -> leaves().next(random);
        };
    }
}
