package dev.gradus.jmh.harness;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The compiled code each method has at a point of a recording, replayed from its compilations and
 * deoptimizations in time order: which tier a compiled frame of the method runs. A method's
 * normal compiled code serves every call; a newer compilation replaces it. Its on-stack
 * replacements serve only loops that started in the interpreter, so they count only while it has
 * no normal compiled code. A deoptimization that invalidates code removes it.
 */
final class CodeTiers {

    private record Code(String method, int level, boolean osr) {
    }

    private final Map<Long, Code> byId = new HashMap<>();
    private final Map<String, Long> normal = new HashMap<>();
    private final Map<String, Map<Long, Integer>> osr = new HashMap<>();

    /**
     * Installs compiled code.
     *
     * @param compiled the compilation
     */
    void install(JitEvent.Compiled compiled) {
        byId.put(compiled.compileId(), new Code(compiled.method(), compiled.level(), compiled.osr()));
        if (compiled.osr()) {
            osr.computeIfAbsent(compiled.method(), CodeTiers::newOsrMap).put(compiled.compileId(), compiled.level());
        } else {
            normal.put(compiled.method(), compiled.compileId());
        }
    }

    /**
     * Removes the code a deoptimization invalidated; keeps it when the deoptimization only left
     * one frame.
     *
     * @param deoptimized the deoptimization
     */
    void deoptimize(JitEvent.Deoptimized deoptimized) {
        Code code = byId.get(deoptimized.compileId());
        if (code == null || !deoptimized.invalidates()) {
            return;
        }
        if (code.osr()) {
            osr.getOrDefault(code.method(), Map.of()).remove(deoptimized.compileId());
        } else {
            normal.remove(code.method(), deoptimized.compileId());
        }
    }

    private static Map<Long, Integer> newOsrMap(String method) {
        return new HashMap<>();
    }

    /**
     * The tier of the compiled code a frame of {@code method} runs now.
     *
     * @param method the method
     * @return its level (1 to 3 C1, 4 C2), empty when no compilation of it is known
     */
    OptionalInt level(String method) {
        Long id = normal.get(method);
        if (id != null) {
            return OptionalInt.of(byId.get(id).level());
        }
        int best = 0;
        for (int level : osr.getOrDefault(method, Map.of()).values()) {
            best = Math.max(best, level);
        }
        return best == 0 ? OptionalInt.empty() : OptionalInt.of(best);
    }
}
