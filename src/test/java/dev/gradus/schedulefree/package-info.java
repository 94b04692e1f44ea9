/**
 * Tests of the schedule-free rules beyond the generic kernel properties: the optimizer's
 * averaging, checkpoints and skipped steps, the views, the trajectory against the double
 * reference, and the validation of their arguments.
 */
package dev.gradus.schedulefree;
