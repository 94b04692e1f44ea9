package dev.gradus.optimizer.executor;

/** What the tests of this package share. */
final class ThreadTests {

    /**
     * Why they run in one kernel configuration only: they test threads and executors, in which the
     * kernels play no part (each compares with a one-thread optimizer on the same kernels).
     */
    static final String ONCE = "threads and executors do not depend on the kernels: the run with the vector module is enough";

    private ThreadTests() {
    }
}
