package io.jcondis.core;

/** A clock that moves only when told to; advance it through {@link Jcondis#advanceClock(long)}. */
public final class ManualClock implements NanoClock {
    private volatile long now;

    @Override
    public long nanoTime() {
        return now;
    }

    void set(long nanos) {
        if (nanos < now) {
            throw new IllegalArgumentException("a clock does not go back");
        }
        now = nanos;
    }
}
