/**
 * What the benchmark forks run besides the benchmarks: {@link dev.gradus.jmh.harness.AdaptiveWarmup}
 * warms each benchmark until {@link dev.gradus.jmh.harness.SteadyState} finds its calls compiled
 * and steady, {@link dev.gradus.jmh.harness.WarmupProfiler} reports how long that took, and
 * {@link dev.gradus.jmh.harness.HostLoadProfiler} reports the CPU that other processes used during
 * each iteration, from {@link dev.gradus.jmh.harness.CpuTimes} (which the report also uses for the
 * load of the whole run). See {@code docs/decisions} (adaptive warm-up) and {@code jmh/README.md}.
 */
package dev.gradus.jmh.harness;
