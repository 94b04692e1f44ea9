package dev.gradus.compiled;

import dev.gradus.Kernels;
import dev.gradus.testing.ThreadAllocation;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The child JVM of {@link StaysCompiledTest}: steps every {@link KernelVariant} in turn, one rule
 * family after the other, on one kind of memory (native segments, or heap segments over
 * {@code float[]}) until its calls allocate nothing (C2 compiled its loop with the Vector API
 * intrinsics); then each again, to check that nothing since undid that.
 *
 * <p>One kind per JVM: a JVM that runs a rule on both kinds can see the heap copy of a loop trap on
 * loop predicates hoisted from the JDK's segment-access profile, which the native calls filled,
 * and recompile it without the intrinsics (docs/decisions/0010).
 *
 * <p>Arguments: {@code seed n maxCalls steadyCalls secondsPerCheck native|heap}. Seed 0 keeps the order of
 * {@link KernelVariant#all()} (plain Adam before AMSGrad, and so on); another seed shuffles the
 * families and the variants within each. A check passes after {@code steadyCalls} consecutive
 * calls that allocate 0 bytes and fails when {@code maxCalls} calls or {@code secondsPerCheck}
 * seconds pass first. One line per check on standard output:
 * <pre>
 *   order [adam, adam-amsgrad, ...]
 *   ok native adam-amsgrad calls=812
 *   boxed again adam-amsgrad calls=10000 bytes/call=24576
 *   done vector-512
 * </pre>
 */
final class StayCompiledProbe {

    /** Whether a variant reached allocation-free calls, after how many calls, and what the last call allocated. */
    record Check(boolean steady, long calls, long lastBytes) {
    }

    private StayCompiledProbe() {
    }

    public static void main(String[] args) {
        long seed = Long.parseLong(args[0]);
        int n = Integer.parseInt(args[1]);
        long maxCalls = Long.parseLong(args[2]);
        int steadyCalls = Integer.parseInt(args[3]);
        long nanosPerCheck = TimeUnit.SECONDS.toNanos(Long.parseLong(args[4]));
        String memory = args[5];
        List<KernelVariant> order = order(seed);
        System.out.println("order " + order);
        try (Arena arena = Arena.ofConfined()) {
            Arena buffers = memory.equals("heap") ? null : arena;
            List<Workspace> workspaces = order.stream().map(v -> new Workspace(v, buffers, n)).toList();
            Map<String, List<Workspace>> phases = new LinkedHashMap<>();
            phases.put(memory, workspaces);
            phases.put("again", workspaces);
            for (var phase : phases.entrySet()) {
                for (Workspace workspace : phase.getValue()) {
                    Check check = check(workspace, maxCalls, steadyCalls, nanosPerCheck);
                    System.out.println((check.steady() ? "ok " : "boxed ") + phase.getKey() + " " + workspace.variant()
                            + " calls=" + check.calls() + (check.steady() ? "" : " bytes/call=" + check.lastBytes()));
                }
            }
        }
        System.out.println("done " + Kernels.implementation());
    }

    /** The variants grouped by family; seed 0 keeps the listed order, any other seed shuffles both levels. */
    static List<KernelVariant> order(long seed) {
        Map<String, List<KernelVariant>> families = new LinkedHashMap<>();
        for (KernelVariant variant : KernelVariant.all()) {
            families.computeIfAbsent(variant.family(), f -> new ArrayList<>()).add(variant);
        }
        List<List<KernelVariant>> groups = new ArrayList<>(families.values());
        if (seed != 0) {
            Random random = new Random(seed);
            groups.forEach(group -> Collections.shuffle(group, random));
            Collections.shuffle(groups, random);
        }
        return groups.stream().flatMap(List::stream).toList();
    }

    private static Check check(Workspace workspace, long maxCalls, int steadyCalls, long nanos) {
        long deadline = System.nanoTime() + nanos;
        long calls = 0;
        long bytes = 0;
        for (int streak = 0; streak < steadyCalls; calls++) {
            if (calls >= maxCalls || System.nanoTime() - deadline > 0) {
                return new Check(false, calls, bytes);
            }
            long before = ThreadAllocation.bytes();
            workspace.step();
            bytes = ThreadAllocation.bytes() - before;
            streak = bytes == 0 ? streak + 1 : 0;
        }
        return new Check(true, calls, 0);
    }
}
