package io.jcondis.uni.sscop;

/**
 * The clock and one-shot timers an {@link Sscop} entity runs on. Injected, so that tests drive the protocol
 * with a manual clock and production code backs it with the thread that runs the entity (a Netty event loop
 * in {@link SscopUdpEndpoint}, or jcondis's {@code DriverServices.schedule}/{@code nanoTime}).
 *
 * <p>Contract: {@link #schedule} never runs the task inside the call; the task later runs on the same thread
 * that runs every other input of the entity (single-threaded, see {@link Sscop}). {@link Cancellable#cancel()}
 * is best effort: the entity ignores the expiry of a timer it has stopped or restarted since (each start has
 * its own generation), so a backing that cannot cancel, such as {@code DriverServices.schedule}, may return a
 * no-op handle at the cost of some stale wake-ups.
 */
public interface Timers {

    /** @return the current time in nanoseconds, monotonic (a manual clock in tests) */
    long nanoTime();

    /**
     * Runs {@code task} once, {@code delayNs} from now, on the entity's thread.
     *
     * @param delayNs delay in nanoseconds, at least 0
     * @param task    what to run
     * @return a handle that may cancel the task before it runs
     */
    Cancellable schedule(long delayNs, Runnable task);

    /** A scheduled task that may be cancelled. */
    @FunctionalInterface
    interface Cancellable {
        /** Cancels the task if it has not run yet; does nothing otherwise. Idempotent. */
        void cancel();
    }
}
