package io.jcondis.core;

/** The runtime's time source; {@link ManualClock} in deterministic tests. */
@FunctionalInterface
public interface NanoClock {
    /** @return monotonic time in nanoseconds */
    long nanoTime();

    /** The system clock. */
    NanoClock SYSTEM = System::nanoTime;
}
