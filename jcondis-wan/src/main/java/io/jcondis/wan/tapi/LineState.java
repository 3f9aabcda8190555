package io.jcondis.wan.tapi;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;

/**
 * The lifecycle of an open TAPI line in NDISTAPI (contract 3.6).
 * <pre>
 *   OPENING --(OID_TAPI_OPEN ok)--&gt; OPEN --(close / LINE_CLOSE / shutdown / REINIT)--&gt; CLOSING --&gt; CLOSED
 *      |                             |
 *      +--(open failed)--&gt; CLOSED     +--(adapter halted, J15)--&gt; REMOVED --(close)--&gt; CLOSED
 * </pre>
 * From CLOSING on, every request naming the line or one of its calls fails with TAPI_INVALLINEHANDLE /
 * TAPI_INVALCALLHANDLE (R44). REMOVED keeps the handle and its calls' state until the application closes them
 * (R43); requests that would need the gone miniport fail with TAPI_NODRIVER. CLOSED is terminal.
 */
public enum LineState {
    /** OID_TAPI_OPEN is pending. */
    OPENING,
    /** Open: calls may be made and, once media detection is set, received. */
    OPEN,
    /** Its calls are being closed and OID_TAPI_CLOSE follows; the handle is already invalid. */
    CLOSING,
    /** The adapter went away; the handle stays valid until the application closes it. */
    REMOVED,
    /** Closed. Terminal. */
    CLOSED;

    private static final Map<LineState, EnumSet<LineState>> MOVES = new EnumMap<>(LineState.class);

    static {
        MOVES.put(OPENING, EnumSet.of(OPEN, CLOSED, REMOVED));
        MOVES.put(OPEN, EnumSet.of(CLOSING, REMOVED, CLOSED));
        MOVES.put(CLOSING, EnumSet.of(CLOSED));
        MOVES.put(REMOVED, EnumSet.of(CLOSED));
        MOVES.put(CLOSED, EnumSet.noneOf(LineState.class));
    }

    /** @return true when the transition table allows moving from this state to {@code next} */
    public boolean canMoveTo(LineState next) {
        return MOVES.get(this).contains(next);
    }
}
