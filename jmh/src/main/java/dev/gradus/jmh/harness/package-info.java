/**
 * What the benchmark forks run besides the benchmarks: {@link dev.gradus.jmh.harness.AdaptiveWarmup}
 * warms each benchmark until {@link dev.gradus.jmh.harness.SteadyState} finds its calls compiled
 * and steady, {@link dev.gradus.jmh.harness.WarmupProfiler} reports how long that took, and
 * {@link dev.gradus.jmh.harness.HostLoadProfiler} reports the CPU that other processes used during
 * each iteration, from {@link dev.gradus.jmh.harness.CpuTimes} (which the report also uses for the
 * load of the whole run). {@link dev.gradus.jmh.harness.JitProfiler} reports which code the
 * measurement ran: a flight recording of the fork ({@code JitRecording}) gives compilations,
 * deoptimizations and execution samples ({@link dev.gradus.jmh.harness.JitEvent}), and
 * {@link dev.gradus.jmh.harness.JitTally} counts the samples by the tier of the code they ran,
 * replayed by {@code CodeTiers}. See {@code docs/decisions} (adaptive warm-up, the JIT evidence)
 * and {@code jmh/README.md}.
 */
package dev.gradus.jmh.harness;
