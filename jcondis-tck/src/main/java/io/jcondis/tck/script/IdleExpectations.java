package io.jcondis.tck.script;

import io.jcondis.core.Jcondis;

import java.util.Collection;
import java.util.function.Supplier;

/**
 * The two expectations both script engines check the same way: {@code expect nothing} (no callback is queued
 * unconsumed) and {@code expect idle} (the runtime has no deferred task queued). Neither runs anything nor
 * waits: they look at the queue and the runtime as the last step left them. Script thread only.
 */
final class IdleExpectations {
    private IdleExpectations() {
    }

    /**
     * Checks {@code expect nothing} or {@code expect idle}.
     *
     * @param s       the step (for a failure's place)
     * @param kind    {@code "nothing"} or {@code "idle"}
     * @param queue   the engine's unconsumed callbacks
     * @param pending renders the first queued callbacks for the failure message
     * @param ndis    the runtime whose deferred work {@code idle} counts
     * @throws ScriptFailure when the expectation does not hold
     */
    static void check(Step s, String kind, Collection<Callback> queue, Supplier<String> pending, Jcondis ndis) {
        if (kind.equals("nothing")) {
            if (!queue.isEmpty()) {
                throw new ScriptFailure(s, "expected no callback, got " + pending.get());
            }
            return;
        }
        if (!kind.equals("idle")) {
            throw new IllegalArgumentException("not an idle expectation: " + kind);
        }
        int tasks = ndis.snapshot().tasks();
        if (tasks != 0) {
            throw new ScriptFailure(s, "expected no deferred work, got " + tasks + " task(s) queued");
        }
    }
}
