package io.jcondis.node;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bounded waits for tests on in-process nodes: {@link #await} re-checks its condition whenever a watched node's
 * runtime saw a request or callback (frames received included), and fails after 15 s.
 */
final class NodeWaits {
    private static final long WAIT_NS = TimeUnit.SECONDS.toNanos(15);

    private final Object signal = new Object();
    /** Bumped by every trace event of a watched runtime (under {@link #signal}). */
    private long version;

    /** Every request and callback crossing {@code n}'s runtime wakes the waits. */
    void watch(Node n) {
        n.runtime().addTraceListener(e -> {
            synchronized (signal) {
                version++;
                signal.notifyAll();
            }
        });
    }

    /** Waits (at most 15 s) until {@code condition} holds, re-checking whenever a watched runtime saw something. */
    void await(Callable<Boolean> condition, String what) throws Exception {
        long end = System.nanoTime() + WAIT_NS;
        while (true) {
            long seen;
            synchronized (signal) {
                seen = version;
            }
            if (condition.call()) {
                return;
            }
            synchronized (signal) {
                while (version == seen) {
                    long left = end - System.nanoTime();
                    assertThat(left).as("waiting for " + what).isPositive();
                    TimeUnit.NANOSECONDS.timedWait(signal, left);
                }
            }
        }
    }

    /** @return the result of {@code r}, asserting the reply is ok */
    static JsonNode ok(NodeClient c, ControlRequest r) throws Exception {
        ControlReply reply = c.request(r);
        assertThat(reply.isOk()).as("%s -> %s", r, reply).isTrue();
        return reply.result();
    }
}
