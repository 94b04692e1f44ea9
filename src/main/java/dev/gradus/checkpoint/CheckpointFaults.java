package dev.gradus.checkpoint;

import java.io.IOException;

/**
 * A test seam, not API: makes a checkpoint save fail at a chosen point of its atomic write, to
 * prove that a failure there leaves a loadable checkpoint in place. Off unless a test calls
 * {@link #failAt}; one point at a time, for the whole JVM.
 */
final class CheckpointFaults {

    /** Where a save may be made to fail. */
    enum Point {
        /** The temporary file is written and forced, not yet renamed over the checkpoint. */
        BEFORE_MOVE,
        /** The temporary file was renamed over the checkpoint, the directory not yet forced. */
        AFTER_MOVE
    }

    private static volatile Point armed;

    private CheckpointFaults() {
    }

    /** Makes every following save fail at {@code point} with an {@link IOException}; {@code null} disarms. */
    static void failAt(Point point) {
        armed = point;
    }

    /**
     * Called by the save at {@code point}.
     *
     * @throws IOException saying {@code injected fault at <point>} if that point is armed
     */
    static void reach(Point point) throws IOException {
        if (armed == point) {
            throw new IOException("injected fault at " + point);
        }
    }
}
