package dev.gradus.internal.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.internal.KernelSet;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How the staging routes calls while they warm up, with recording kernels and a warmer whose
 * outcomes the test sets: every call starts on the cold kernels, a signature is warmed from its
 * first call and switches when compiled, a new signature sends its family back to the cold
 * kernels until it is warmed too, a family that is not compiled stays cold, and the warm-up thread
 * is a daemon that ends when nothing waits.
 */
class StagingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final RecordingKernels cold = new RecordingKernels("chunked");
    private final RecordingKernels vector = new RecordingKernels("vector-fake");
    private final List<Staging.Task> warmed = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    /** A warmer that takes one of the {@code permits} per warm-up, records its task and thread, and answers from {@code outcomes}. */
    private Warmer.Factory scripted(Map<KernelFamily, Warmer.Outcome> outcomes, Semaphore permits) {
        return (v, routing, c) -> new Warmer() {
            @Override
            public Outcome warm(KernelFamily family, long signatures) throws InterruptedException {
                threads.add(Thread.currentThread());
                assertTrue(permits.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS));
                warmed.add(new Staging.Task(family, signatures));
                return outcomes.getOrDefault(family, Outcome.COMPILED);
            }

            @Override
            public void close() {
            }
        };
    }

    private Staging staging(Map<KernelFamily, Warmer.Outcome> outcomes, Semaphore permits) {
        return Staging.warming(cold, () -> vector, scripted(outcomes, permits));
    }

    /** Permits for every warm-up a test starts. */
    private static Semaphore unlimited() {
        return new Semaphore(Integer.MAX_VALUE);
    }

    private static void sgd(KernelSet kernels, MemorySegment param, boolean maximize) {
        kernels.sgd(param, null, param, 0, 0, 0f, Float.POSITIVE_INFINITY, 1f, 0f, maximize);
    }

    @Test
    void everyCallStartsColdAndItsSignatureSwitchesOnceWarmed() throws InterruptedException {
        Semaphore permits = new Semaphore(0);
        Staging staging = staging(Map.of(), permits);
        RecordingKernels.call(staging.current(), KernelFamily.ADAM);
        assertEquals(List.of("adam"), cold.calls());
        String name = staging.current().name();
        assertTrue(name.startsWith("chunked (warming up ") && name.endsWith(" for adam)"), name);
        permits.release();
        assertTrue(staging.awaitSettled(WAIT));
        RecordingKernels.call(staging.current(), KernelFamily.ADAM);
        RecordingKernels.call(staging.current(), KernelFamily.SGD);
        assertEquals(List.of("adam"), vector.calls());
        assertEquals(List.of("adam", "sgd"), cold.calls());
        assertEquals("chunked, vector-fake for adam (warming up vector-fake for sgd)", staging.current().name());
        permits.release();
        assertTrue(staging.awaitSettled(WAIT));
    }

    @Test
    void everyFamilyHasABitOfItsOwn() {
        long all = 0;
        for (KernelFamily family : KernelFamily.values()) {
            assertEquals(0, all & family.bit(), family + " shares a bit: more families than bits in a long");
            all |= family.bit();
        }
    }

    @Test
    void aCustomRuleRunsColdUntilItsFirstCallHasTheVectorKernelsLoaded() throws InterruptedException {
        Staging staging = staging(Map.of(), unlimited());
        staging.current().custom(null, null, 0, 0);
        assertEquals(List.of("custom"), cold.calls(), "the first call runs the rule's scalar kernel");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (vector.calls().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
            staging.current().custom(null, null, 0, 0);
        }
        assertEquals(List.of("custom"), vector.calls(), "once loaded, the rule's vector kernel runs");
        staging.current().custom(null, null, 0, 0);
        assertEquals(List.of("custom", "custom"), vector.calls());
        assertTrue(warmed.isEmpty(), "nothing of Gradus's own was warmed for it");
    }

    @Test
    void aLongRangeSendsItsSignatureToTheVectorKernelsWithoutWarmingIt() throws InterruptedException {
        Semaphore permits = new Semaphore(0);
        Staging staging = staging(Map.of(KernelFamily.MOMENTUM, Warmer.Outcome.GAVE_UP), permits);
        long length = StagedKernels.DIRECT_LENGTH;
        staging.current().sgd(MemorySegment.NULL, null, MemorySegment.NULL, 0, length - 1, 0f, Float.POSITIVE_INFINITY, 1f, 0f, false);
        staging.current().sgd(MemorySegment.NULL, null, MemorySegment.NULL, 7, 7 + length, 0f, Float.POSITIVE_INFINITY, 1f, 0f, false);
        assertEquals(List.of("sgd"), cold.calls(), "one element short of the direct length stays cold");
        assertEquals(List.of("sgd"), vector.calls(), "the vector kernels are loaded for the long range");
        staging.current().sgd(MemorySegment.NULL, null, MemorySegment.NULL, 0, 1, 0f, Float.POSITIVE_INFINITY, 1f, 0f, false);
        assertEquals(List.of("sgd", "sgd"), vector.calls(), "and serve every later call of the signature");
        RecordingKernels.call(staging.current(), KernelFamily.MOMENTUM);
        permits.release(Integer.MAX_VALUE);
        assertTrue(staging.awaitSettled(WAIT));
        staging.current().momentum(MemorySegment.NULL, null, MemorySegment.NULL, MemorySegment.NULL, 0, length, 0f,
                0f, 0f, false, Float.POSITIVE_INFINITY, 1f, 0f, false);
        assertEquals(List.of("sgd", "momentum", "momentum"), cold.calls(),
                "a family kept on the cold kernels stays there for long ranges too");
    }

    @Test
    void eachKindOfMemoryAndEachOptionIsASignatureOfItsOwn() throws InterruptedException {
        Staging staging = staging(Map.of(), unlimited());
        MemorySegment heap = MemorySegment.ofArray(new float[0]);
        sgd(staging.current(), MemorySegment.NULL, false);
        assertTrue(staging.awaitSettled(WAIT));
        assertEquals(Signature.bit(0), staging.warmSignatures(KernelFamily.SGD));
        sgd(staging.current(), heap, false);
        sgd(staging.current(), MemorySegment.NULL, false);
        assertEquals(List.of("sgd", "sgd", "sgd"), cold.calls(), "a new signature sends the whole family back");
        assertEquals(List.of(), vector.calls());
        assertTrue(staging.awaitSettled(WAIT));
        sgd(staging.current(), MemorySegment.NULL, true);
        assertTrue(staging.awaitSettled(WAIT));
        long all = Signature.bit(0) | Signature.bit(Signature.HEAP) | Signature.bit(Signature.SCALED);
        assertEquals(all, staging.warmSignatures(KernelFamily.SGD));
        assertEquals(List.of(new Staging.Task(KernelFamily.SGD, Signature.bit(0)),
                new Staging.Task(KernelFamily.SGD, Signature.bit(0) | Signature.bit(Signature.HEAP)),
                new Staging.Task(KernelFamily.SGD, all)), warmed);
    }

    @Test
    void theWarmUpRunsOnADaemonThreadThatEndsWhenNothingWaits() throws InterruptedException {
        Staging staging = staging(Map.of(), unlimited());
        RecordingKernels.call(staging.current(), KernelFamily.EWMA);
        assertTrue(staging.awaitSettled(WAIT));
        Thread thread = threads.getFirst();
        assertEquals(WarmUpWorker.THREAD_NAME, thread.getName());
        assertTrue(thread.isDaemon());
        thread.join(WAIT.toMillis());
        assertFalse(thread.isAlive());
        RecordingKernels.call(staging.current(), KernelFamily.SGD);
        assertTrue(staging.awaitSettled(WAIT));
        assertEquals(2, threads.size(), "a later signature starts a new thread");
        assertEquals(Signature.bit(0), staging.warmSignatures(KernelFamily.SGD));
    }

    @Test
    void aFamilyThatIsNotCompiledOrNotFasterStaysOnTheColdKernels() throws InterruptedException {
        Staging staging = staging(Map.of(KernelFamily.RMS_PROP, Warmer.Outcome.GAVE_UP,
                KernelFamily.MOMENTUM, Warmer.Outcome.NOT_FASTER), unlimited());
        for (KernelFamily family : KernelFamily.values()) {
            RecordingKernels.call(staging.current(), family);
        }
        assertTrue(staging.awaitSettled(WAIT));
        for (KernelFamily family : KernelFamily.values()) {
            RecordingKernels.call(staging.current(), family);
        }
        List<String> updates = List.of("sgd update", "momentum update", "adagrad update", "rmsProp update",
                "adam update", "lion update", "adamax update",
                "adadelta update", "rprop update", "nadam update", "adabelief update", "yogi update");
        List<String> coldCalls = new ArrayList<>(List.of("sgd", "momentum", "adagrad", "rmsProp", "adam", "lion",
                "adamax", "adadelta", "rprop", "nadam", "adabelief", "yogi"));
        coldCalls.addAll(updates);
        coldCalls.addAll(List.of("adamBf16State", "adamBf16State with Kahan weights", "ewma", "firstNonFinite", "sumOfSquares", "maxAbs", "accumulateSquares",
                "factoredDirection", "scheduleFree", "lerp", "momentum", "rmsProp"));
        assertEquals(coldCalls, cold.calls());
        List<String> vectorCalls = new ArrayList<>(List.of("sgd", "adagrad", "adam", "lion", "adamax",
                "adadelta", "rprop", "nadam", "adabelief", "yogi"));
        vectorCalls.addAll(updates);
        vectorCalls.addAll(List.of("adamBf16State", "adamBf16State with Kahan weights", "ewma", "firstNonFinite", "sumOfSquares", "maxAbs", "accumulateSquares",
                "factoredDirection", "scheduleFree", "lerp"));
        assertEquals(vectorCalls, vector.calls());
        assertEquals("chunked, vector-fake for " + String.join(", ", vectorCalls), staging.current().name());
    }

    @Test
    void vectorKernelsThatCannotLoadLeaveEveryCallColdWithTheReason() throws InterruptedException {
        Staging staging = Staging.warming(cold, () -> {
            throw new UnsupportedOperationException("the preferred float species has 64 bits, under 128");
        }, scripted(Map.of(), unlimited()));
        RecordingKernels.call(staging.current(), KernelFamily.ADAM);
        assertNull(staging.awaitVectorName(WAIT));
        assertTrue(staging.awaitSettled(WAIT));
        assertSame(cold, staging.current());
        assertEquals("the preferred float species has 64 bits, under 128", staging.unavailableReason());
        assertTrue(warmed.isEmpty());
    }

    @Test
    void aFixedStagingServesItsKernelsForGood() throws InterruptedException {
        Staging staging = Staging.fixed(vector);
        assertTrue(staging.awaitSettled(Duration.ZERO));
        assertSame(vector, staging.current());
        assertNull(staging.awaitVectorName(Duration.ZERO));
    }

    @Test
    void familiesAreWarmedInTheOrderOfTheirFirstCalls() throws InterruptedException {
        Semaphore permits = new Semaphore(0);
        Staging staging = staging(Map.of(), permits);
        for (KernelFamily family : List.of(KernelFamily.RMS_PROP, KernelFamily.SGD, KernelFamily.RMS_PROP,
                KernelFamily.EWMA)) {
            RecordingKernels.call(staging.current(), family);
        }
        permits.release(Integer.MAX_VALUE);
        assertTrue(staging.awaitSettled(WAIT));
        assertEquals(List.of(KernelFamily.RMS_PROP, KernelFamily.SGD, KernelFamily.EWMA),
                warmed.stream().map(Staging.Task::family).toList());
    }
}
