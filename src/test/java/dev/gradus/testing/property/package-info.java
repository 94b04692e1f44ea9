/**
 * A small property-based testing harness for Gradus' kernels, run as ordinary JUnit tests, and
 * published in the test artifact for users' own kernels ({@link dev.gradus.testkit}). It needs no
 * test framework: a failure is an {@link java.lang.AssertionError}.
 *
 * <p>A {@link dev.gradus.testing.property.Property} checks a condition on many cases produced by
 * a {@link dev.gradus.testing.property.Gen}. Generators for the inputs kernels care about are in
 * {@link dev.gradus.testing.property.Floats} (values biased toward IEEE-754 edge values) and
 * {@link dev.gradus.testing.property.Lengths} (counts around vector widths and tails); failing
 * cases are simplified by a {@link dev.gradus.testing.property.Shrinker}, with ready-made
 * candidates in {@link dev.gradus.testing.property.Shrink}; {@code cover} requirements fail a
 * property whose generator produced too few of the cases that matter (tails, special values),
 * as a count or a share of the tries.
 * {@link dev.gradus.testing.property.Buffers} places inputs in guarded heap or native segments
 * at unaligned offsets, and {@link dev.gradus.testing.property.BitExact} compares results bit
 * for bit.
 *
 * <h2>Seeds and replay</h2>
 *
 * Each run draws a fresh base seed, so continuous integration keeps exploring new cases; a
 * passing property prints nothing. A failure message names the seed of the failing try:
 *
 * <pre>
 * Property 'adam' failed on try 17 of 200; replay with -Dgradus.property.seed=-81234 (...)
 * </pre>
 *
 * Running the failing test again with that system property, for example
 * {@code mvn test -Dtest=AdamPropertiesTest -Dgradus.property.seed=-81234}, generates the same
 * case as try 0 (the following tries are new). The system property applies to every property in
 * the run, so select the failing test. {@code -Dgradus.property.tries=N} changes the number of
 * tries of properties that do not set it themselves.
 */
package dev.gradus.testing.property;
