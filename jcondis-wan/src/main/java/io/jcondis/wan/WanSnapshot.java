package io.jcondis.wan;

/**
 * Live object counts of a {@link WanStack}, for leak checks: after every line is closed and every session ended,
 * all but {@code adapters} must be zero.
 *
 * @param adapters        running adapters
 * @param sessions        active provider sessions
 * @param lines           TAPI lines in any state but CLOSED
 * @param calls           TAPI calls not yet deallocated
 * @param links           NDISWAN links up
 * @param pendingRequests OID requests a miniport has not answered yet
 * @param sendsInFlight   sends handed to a miniport and not completed
 * @param queuedSends     sends waiting for room in a SendWindow
 * @param violations      contract violations reported so far
 * @param handlerErrors   exceptions caught from miniport handlers and application listeners
 */
public record WanSnapshot(int adapters, int sessions, int lines, int calls, int links, int pendingRequests,
                          int sendsInFlight, int queuedSends, long violations, long handlerErrors) {
    /** @return true when no line, call, link, pending request or send is left */
    public boolean isQuiescent() {
        return lines == 0 && calls == 0 && links == 0 && pendingRequests == 0 && sendsInFlight == 0
                && queuedSends == 0;
    }
}
