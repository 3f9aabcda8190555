package io.jcondis.core;

import java.util.function.Supplier;

/** What every role proxy shares: the conductor's lock, request tracing and the driver services. */
abstract class ProxyBase extends ConductorServices {
    final Driver d;

    ProxyBase(Conductor c, Driver d) {
        super(c, d.name);
        this.d = d;
    }

    /** Runs a request under the conductor's lock and traces it with its synchronous answer. */
    <T> T request(String op, Supplier<String> detail, Supplier<T> body) {
        return c.locked(() -> {
            T r = body.get();
            c.trace("REQUEST", d, op, detail, r);
            return r;
        });
    }

    /** Runs a void request (a completion or dispatch) under the lock and traces it. */
    void complete(String op, Supplier<String> detail, Runnable body) {
        c.lockedRun(() -> {
            c.trace("REQUEST", d, op, detail, null);
            body.run();
        });
    }

    static String s(Object o) {
        return String.valueOf(o);
    }
}
