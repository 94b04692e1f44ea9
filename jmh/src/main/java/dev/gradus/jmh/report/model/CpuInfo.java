package dev.gradus.jmh.report.model;

/**
 * What the report's header says about the processor.
 *
 * @param model     the model name with vendor, family, model and stepping, for example
 *                  {@code AMD EPYC (AuthenticAMD, family 26, model 2, stepping 1)}
 * @param frequency the clock as the system reports it, for example {@code 2096 MHz (cpuinfo)}
 * @param caches    the cache sizes by level, for example {@code L1d 48K, L1i 32K, L2 1024K, L3 32768K}
 * @param fma       {@code yes}, {@code no} or {@code unknown}: whether the CPU has fused multiply-add
 */
public record CpuInfo(String model, String frequency, String caches, String fma) {
}
