package io.jcondis.core;

/** Who runs the conductor's deferred work and timers (docs/architecture.md). */
public enum ThreadingMode {
    /** The embedding program calls {@link Jcondis#doWork()} / {@link Jcondis#runUntilIdle()}: deterministic. */
    INVOKER,
    /** A dedicated conductor thread runs deferred work and timers as they fall due. */
    DEDICATED
}
