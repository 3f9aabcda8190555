package io.jcondis.api.wan;

/**
 * NDIS_TAPI_EVENT: an unsolicited TAPI event a WAN miniport indicates with NDIS_STATUS_TAPI_INDICATION.
 * Parameter placement follows the TSPI convention (contract GAP-4): LINE_NEWCALL: param1 = the miniport's
 * hdCall, param2 = (out) TAPI's htCall; LINE_CALLSTATE: param1 = LINECALLSTATE_*, param2 = state mode (e.g.
 * LINEDISCONNECTMODE_* for DISCONNECTED), param3 = media mode; LINE_LINEDEVSTATE: param1 = LINEDEVSTATE_*.
 *
 * @param htLine TAPI's line handle (from OID_TAPI_OPEN)
 * @param htCall TAPI's call handle (0 for line events)
 * @param msg    one of the {@code LINE_*} message ids in {@link Tapi}
 * @param param1 first parameter
 * @param param2 second parameter
 * @param param3 third parameter
 */
public record TapiEvent(long htLine, long htCall, int msg, long param1, long param2, long param3) {
    @Override
    public String toString() {
        return Tapi.messageName(msg) + "(htLine=" + htLine + ", htCall=" + htCall + ", " + param1 + ", " + param2
                + ", " + param3 + ")";
    }
}
