package dev.gradus.kernels;

import java.lang.foreign.MemorySegment;

/**
 * The ways the public API steps: in place ({@code Kernels.step}), in the update form
 * ({@code Kernels.update}), or in place with the gradient clipped by value and scaled.
 */
public enum StepForm {
    /** {@code Kernels.step} in place. */
    IN_PLACE,
    /** {@code Kernels.update}, the update written into a buffer of its own. */
    UPDATE,
    /** {@code Kernels.step} in place with the gradient clamped to {@link #CLIP_VALUE} and scaled by {@link #CLIP_SCALE}. */
    CLIPPED;

    /** The bound of {@link #CLIPPED}, {@value}: below the magnitude of many generated gradients. */
    public static final float CLIP_VALUE = 0.25f;
    /** The scale of {@link #CLIPPED}: {@value}. */
    public static final float CLIP_SCALE = 0.75f;

    /** Step {@code s} of {@code trial} through the public API on every element; {@code update} receives the update form's. */
    void publicStep(Trial trial, int s, MemorySegment gradient, MemorySegment update) {
        switch (this) {
            case IN_PLACE -> trial.publicStep(s, gradient, 0, trial.length());
            case UPDATE -> trial.publicUpdate(s, gradient, update);
            case CLIPPED -> trial.scaledPublicStep(s, gradient, CLIP_VALUE, CLIP_SCALE);
        }
    }
}
