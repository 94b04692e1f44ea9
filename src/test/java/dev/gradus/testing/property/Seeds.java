package dev.gradus.testing.property;

import java.util.concurrent.ThreadLocalRandom;

/** Where the seeds of a property's tries come from. */
final class Seeds {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private Seeds() {}

    /**
     * The base seed: the system property {@value Property#SEED_PROPERTY} if set, else
     * {@code explicit} if not null, else a fresh random seed.
     */
    static long base(Long explicit) {
        String replay = System.getProperty(Property.SEED_PROPERTY);
        if (replay != null && !replay.isBlank()) {
            try {
                return Long.parseLong(replay.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        Property.SEED_PROPERTY + " must be a long, not '" + replay + "'", e);
            }
        }
        return explicit != null ? explicit : ThreadLocalRandom.current().nextLong();
    }

    /**
     * The seed of try {@code index}: the base seed itself for try 0, so that a try's seed given as
     * base seed regenerates its case as try 0; otherwise a SplitMix64 mix of base and index.
     */
    static long forTry(long base, int index) {
        if (index == 0) {
            return base;
        }
        long z = base + index * GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
