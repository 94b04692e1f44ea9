package dev.gradus.jmh.report.model;

import java.util.List;

/**
 * The header of the report: the machine and how busy it was, the JDK, the vector species and
 * kernels, the JVM flags, the date, the commit and the run's settings. The JDK, species and
 * kernels are those of the report's JVM; JMH forks the same {@code java}, with the flags recorded
 * in its results.
 *
 * @param cpu            the processor
 * @param cores          processors available to the report's JVM
 * @param hostLoad       how busy the machine was around the run
 * @param runtimeVersion {@code java.runtime.version}
 * @param vmName         {@code java.vm.name}
 * @param vendor         {@code java.vendor}
 * @param vectorSpecies  {@code FloatVector.SPECIES_PREFERRED}
 * @param kernels        {@code Kernels.implementation()} in the report's JVM
 * @param forkJvmFlags   each distinct command line of options JMH gave its forks
 * @param reportJvmFlags the options of the report's JVM
 * @param date           when the run started, ISO 8601 with offset
 * @param commit         the git commit, {@code +dirty} with uncommitted changes to tracked files
 * @param plan           the plan's name and the settings JMH recorded, for example
 *                       {@code quick: 1 fork, warmup 1 x 300 ms, measurement 5 x 350 ms}
 * @param notes          remarks to print first, for example that a smoke run means nothing
 */
public record ReportHeader(CpuInfo cpu, int cores, HostLoad hostLoad, String runtimeVersion, String vmName,
                           String vendor, String vectorSpecies, String kernels, List<String> forkJvmFlags,
                           List<String> reportJvmFlags, String date, String commit, String plan,
                           List<String> notes) {

    /** The lists, copied. */
    public ReportHeader {
        forkJvmFlags = List.copyOf(forkJvmFlags);
        reportJvmFlags = List.copyOf(reportJvmFlags);
        notes = List.copyOf(notes);
    }
}
