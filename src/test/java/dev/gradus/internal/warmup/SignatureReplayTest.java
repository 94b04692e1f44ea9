package dev.gradus.internal.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gradus.internal.ChunkedKernels;
import dev.gradus.internal.KernelSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The warm-up replays every signature exactly: for each family (the update form's included) and
 * each signature its options can make, the warm-up's calls report that signature and no other, so the compiled code is
 * profiled with what callers use.
 */
class SignatureReplayTest {

    @Test
    void theCallsOfASignatureHaveThatSignature() {
        List<String> mismatches = new ArrayList<>();
        try (WarmUpBuffers buffers = new WarmUpBuffers()) {
            for (KernelFamily family : KernelFamily.values()) {
                for (int signature : possible(family)) {
                    Staging staging = Staging.warming(ChunkedKernels.INSTANCE, () -> {
                        throw new UnsupportedOperationException("no warm-up in this test");
                    }, (v, r, c) -> null);
                    KernelSet routing = staging.current();
                    for (WarmUpCase c : WarmUpCases.of(family, signature)) {
                        c.run(routing, buffers, new WarmUpCase.Shape(0, 5, false), 2);
                    }
                    long seen = staging.seenSignatures(family);
                    if (seen != Signature.bit(signature)) {
                        mismatches.add(family + " " + signature + " replayed as " + Long.toBinaryString(seen));
                    }
                }
            }
        }
        assertEquals(List.of(), mismatches);
    }

    /** The signatures the rules of {@code family} can make, on both kinds of memory. */
    private static List<Integer> possible(KernelFamily family) {
        int options = switch (family.inPlace()) {
            case SGD -> Signature.SCALED | Signature.COUPLED_DECAY;
            case MOMENTUM -> Signature.SCALED | Signature.COUPLED_DECAY | Signature.VARIANT;
            case ADAGRAD -> Signature.SCALED | Signature.COUPLED_DECAY | Signature.EPSILON_INSIDE;
            case RMS_PROP, ADAM -> Signature.SCALED | Signature.COUPLED_DECAY | Signature.EPSILON_INSIDE
                    | Signature.VARIANT | Signature.SECOND_VARIANT;
            case ADAM_BF16_STATE, ADAM_BF16_KAHAN -> Signature.SCALED | Signature.COUPLED_DECAY | Signature.EPSILON_INSIDE
                    | Signature.VARIANT | Signature.SECOND_VARIANT;
            default -> 0;
        };
        List<Integer> signatures = new ArrayList<>();
        for (int s = 0; s < 64; s++) {
            boolean decoupledAndCoupled = (family.inPlace() == KernelFamily.ADAM
                    || family == KernelFamily.ADAM_BF16_STATE || family == KernelFamily.ADAM_BF16_KAHAN)
                    && (s & Signature.SECOND_VARIANT) != 0 && (s & Signature.COUPLED_DECAY) != 0;
            if ((s & ~(options | Signature.HEAP)) == 0 && !decoupledAndCoupled) {
                signatures.add(s);
            }
        }
        return signatures;
    }
}
