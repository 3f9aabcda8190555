package io.jcondis.core;

/**
 * Live object counts, for leak checks: after everything is closed, all but {@code adapters} and
 * {@code bindings} must be zero.
 *
 * @param adapters         running adapters
 * @param bindings         protocol bindings
 * @param afOpens          open (or opening/closing) address families
 * @param saps             SAPs
 * @param vcs              VCs
 * @param parties          parties
 * @param pendingRequests  requests pended by a handler and not yet completed
 * @param sendsInFlight    sends not yet completed
 * @param receivesLent     received packets kept by protocols
 * @param tasks            deferred tasks not yet run
 * @param violations       contract violations reported so far
 * @param handlerErrors    handler exceptions caught so far
 */
public record RuntimeSnapshot(int adapters, int bindings, int afOpens, int saps, int vcs, int parties,
                              int pendingRequests, int sendsInFlight, int receivesLent, int tasks, long violations,
                              long handlerErrors) {
    /** @return true when no AF, SAP, VC, party, pending request, packet or task is left */
    public boolean isQuiescent() {
        return afOpens == 0 && saps == 0 && vcs == 0 && parties == 0 && pendingRequests == 0 && sendsInFlight == 0
                && receivesLent == 0;
    }
}
