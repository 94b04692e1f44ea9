package dev.gradus.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * One width the self-test checks, in a child JVM of its own: the kernels the library is to select
 * there, the options that make it select them, and what the width is on this CPU.
 *
 * @param label      the kernels' name, as {@code Kernels.implementation()} reports it:
 *                   {@code vector-<bits>}, {@code chunked} or {@code scalar}
 * @param jvmOptions what makes the child select them
 * @param onThisCpu  whether this CPU runs the width in hardware, for the verdict lines
 * @param compiled   whether compiled code is checked: vector kernels no wider than the preferred
 *                   species, which C2 intrinsifies
 */
record SelfTestWidth(String label, List<String> jvmOptions, String onThisCpu, boolean compiled) {

    /** Options of every child: the heap and stack of the tests, the vector kernels from the first call. */
    private static final List<String> COMMON = List.of("-Xss2m", "-Xmx1g", "-XX:+UseParallelGC",
            "-Dgradus.warmup=off");
    private static final List<String> VECTOR_MODULE = List.of("--add-modules", VectorHardware.VECTOR_MODULE);

    SelfTestWidth {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** The scalar kernels, forced with the vector module present. */
    static SelfTestWidth scalar() {
        return new SelfTestWidth("scalar", concat(VECTOR_MODULE, List.of("-Dgradus.kernels=scalar")),
                "scalar kernels (forced)", false);
    }

    /** The chunked scalar kernels, which serve without the vector module. */
    static SelfTestWidth chunked() {
        return new SelfTestWidth("chunked", List.of(), "no vector module", false);
    }

    /** Vector kernels of {@code bits}, forced, on a CPU whose preferred species has {@code preferred} bits. */
    static SelfTestWidth vector(int bits, int preferred) {
        String onThisCpu = bits == preferred ? "preferred, intrinsified"
                : bits < preferred ? "intrinsified" : "wider than preferred";
        return new SelfTestWidth("vector-" + bits, concat(VECTOR_MODULE, List.of("-Dgradus.vector.bits=" + bits)),
                onThisCpu, bits <= preferred);
    }

    /** The preferred species, not forced: for a CPU whose preferred width cannot be forced (above 512 bits). */
    static SelfTestWidth preferred(int preferred) {
        return new SelfTestWidth("vector-" + preferred, VECTOR_MODULE, "preferred, intrinsified", true);
    }

    /**
     * The widths of a run: those the options name, or in quick mode the preferred one, or else the
     * scalar and chunked kernels and every vector width from 64 bits up to the preferred one.
     */
    static List<SelfTestWidth> plan(SelfTestOptions options, int preferred) {
        List<SelfTestWidth> widths = new ArrayList<>();
        if (!options.widths().isEmpty()) {
            for (String width : options.widths()) {
                widths.add(switch (width) {
                    case "scalar" -> scalar();
                    case "chunked" -> chunked();
                    default -> vector(Integer.parseInt(width), preferred);
                });
            }
        } else if (options.quick()) {
            widths.add(preferredWidth(preferred));
        } else {
            widths.add(scalar());
            widths.add(chunked());
            VectorHardware.upTo(preferred).forEach(bits -> widths.add(vector(bits, preferred)));
            if (!VectorHardware.FORCIBLE_BITS.contains(preferred) && preferred > 512) {
                widths.add(preferred(preferred));
            }
        }
        return widths;
    }

    private static SelfTestWidth preferredWidth(int preferred) {
        return VectorHardware.FORCIBLE_BITS.contains(preferred) ? vector(preferred, preferred) : preferred(preferred);
    }

    /**
     * {@return the options of a child JVM: this width's and every child's, and for the compiled
     * checks {@code -Xbatch}} The generated properties run without it: their ever new lengths and
     * offsets make C2 compile again and again, which {@code -Xbatch} makes the checking thread wait
     * for each time.
     *
     * @param compiledChecks whether the child runs the compiled checks
     */
    List<String> childOptions(boolean compiledChecks) {
        return concat(concat(jvmOptions, COMMON), compiledChecks ? List.of("-Xbatch") : List.of());
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
