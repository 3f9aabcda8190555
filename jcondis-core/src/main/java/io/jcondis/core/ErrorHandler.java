package io.jcondis.core;

/**
 * Receives what the runtime refuses to let break it: exceptions thrown by driver handlers, and contract
 * violations (a completion for a request that is not pending, an illegal synchronous answer, ...). Must not
 * throw; called on the conductor.
 */
public interface ErrorHandler {
    /** A driver's handler threw; the runtime used FAILURE as its answer where one was needed. */
    void onHandlerException(String driver, String handler, Throwable error);

    /** A driver broke a rule; {@code rule} names it (e.g. {@code R13}); the offending call changed nothing. */
    void onContractViolation(String driver, String rule, String message);
}
