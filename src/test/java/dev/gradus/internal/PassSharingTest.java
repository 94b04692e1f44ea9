package dev.gradus.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The rule that shares a pass among the workers or keeps it on the calling thread. */
class PassSharingTest {

    private static final PassSharing ADAPTIVE = new PassSharing(PassSharing.ADAPTIVE, 1 << 16, 1 << 22);
    private static final long AWAKE = ParallelRegion.SPIN_NANOS - 1;
    private static final long PARKED = ParallelRegion.SPIN_NANOS;

    @Test
    void whileTheWorkersSpinPassesFromTheAwakeThresholdAreShared() {
        assertFalse(ADAPTIVE.shared(2, (1 << 16) - 1, AWAKE));
        assertTrue(ADAPTIVE.shared(2, 1 << 16, AWAKE));
        assertTrue(ADAPTIVE.shared(2, 1 << 16, 0));
    }

    @Test
    void onceTheWorkersParkOnlyPassesFromTheParkedThresholdAreShared() {
        assertFalse(ADAPTIVE.shared(2, 1 << 16, PARKED));
        assertFalse(ADAPTIVE.shared(2, (1 << 22) - 1, Long.MAX_VALUE));
        assertTrue(ADAPTIVE.shared(2, 1 << 22, PARKED));
        assertTrue(ADAPTIVE.shared(2, 1 << 22, Long.MAX_VALUE));
    }

    @Test
    void aFixedThresholdIgnoresTheWorkers() {
        PassSharing fixed = new PassSharing(1000, 1 << 16, 1 << 22);
        assertFalse(fixed.shared(2, 999, AWAKE));
        assertTrue(fixed.shared(2, 1000, Long.MAX_VALUE));
        assertTrue(new PassSharing(0, 1 << 16, 1 << 22).shared(3, 0, Long.MAX_VALUE));
    }

    @Test
    void oneWorkerNeverShares() {
        assertFalse(ADAPTIVE.shared(1, 1L << 40, 0));
        assertFalse(new PassSharing(0, 1 << 16, 1 << 22).shared(1, 1L << 40, 0));
    }
}
