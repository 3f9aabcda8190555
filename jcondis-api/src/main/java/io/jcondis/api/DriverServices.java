package io.jcondis.api;

/**
 * What every registered driver may use besides its role's requests: deferred work and the runtime's clock.
 * Deferred tasks run on the conductor (see docs/architecture.md) in due-time order, one at a time, never
 * inside the caller's stack; a test's fake clock makes them deterministic. May be called from any thread.
 */
public interface DriverServices {
    /** @return the name the driver registered with */
    String name();

    /** Runs {@code task} on the conductor as soon as possible, after the current handler returns. */
    void post(Runnable task);

    /** Runs {@code task} on the conductor once the runtime's clock has advanced by {@code delayNs}. */
    void schedule(long delayNs, Runnable task);

    /** @return the runtime's clock in nanoseconds (a fake clock in deterministic tests) */
    long nanoTime();
}
