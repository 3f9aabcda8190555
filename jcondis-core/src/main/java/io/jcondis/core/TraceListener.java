package io.jcondis.core;

/**
 * Sees every crossing of the runtime boundary: each request a driver makes (with its synchronous status) and
 * each handler the runtime calls (with the status the handler returned, if any). Called on the conductor, in
 * order; must be fast and must not call back into the runtime.
 */
@FunctionalInterface
public interface TraceListener {
    /** One boundary crossing. */
    void onTrace(TraceEvent event);
}
