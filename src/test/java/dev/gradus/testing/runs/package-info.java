/**
 * Plumbing of the build's test runs, not part of the test kit: conditions that the Surefire
 * executions of pom.xml register for themselves.
 */
package dev.gradus.testing.runs;
