package io.jcondis.wan.tapi;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.Status;
import io.jcondis.api.wan.Tapi;

/**
 * What applications are told (G12): TAPI's LINE_* messages as NDISTAPI maps them from the miniport's
 * NDIS_TAPI_EVENTs, plus NDISWAN's link events and request completions (LINE_REPLY). Immutable records; dispatch
 * with {@code instanceof}.
 */
public sealed interface LineEvent permits LineEvent.ProviderInitialized, LineEvent.ProviderShutdown,
        LineEvent.NewCall, LineEvent.CallStateChanged, LineEvent.LineDevStateChanged, LineEvent.LineClosed,
        LineEvent.LinkUp, LineEvent.LinkDown, LineEvent.RequestCompleted, LineEvent.Message {

    /** @return the line the event is about, or null for provider-wide events */
    LineHandle line();

    /**
     * A provider session started (J1): its line devices are usable.
     *
     * @param adapter      the adapter
     * @param deviceIdBase the first device id
     * @param numLines     line devices
     * @param providerId   the miniport's ulProviderID
     */
    record ProviderInitialized(AdapterHandle adapter, int deviceIdBase, int numLines, long providerId)
            implements LineEvent {
        @Override
        public LineHandle line() {
            return null;
        }
    }

    /**
     * A provider session ended (J14, J15, J16): its device ids are gone.
     *
     * @param adapter the adapter
     * @param cause   why
     */
    record ProviderShutdown(AdapterHandle adapter, EndCause cause) implements LineEvent {
        @Override
        public LineHandle line() {
            return null;
        }
    }

    /**
     * LINE_NEWCALL (J6): a call arrives; LINE_CALLSTATE(OFFERING) follows.
     *
     * @param line the line
     * @param call the new call's handle
     */
    record NewCall(LineHandle line, CallHandle call) implements LineEvent {
    }

    /**
     * LINE_CALLSTATE.
     *
     * @param line      the line
     * @param call      the call
     * @param state     the new state
     * @param mode      the state's mode (LINEDISCONNECTMODE_* for DISCONNECTED, LINEBUSYMODE_* for BUSY, ...)
     * @param mediaMode LINEMEDIAMODE_* (0 when not reported)
     */
    record CallStateChanged(LineHandle line, CallHandle call, TapiCallState state, int mode, int mediaMode)
            implements LineEvent {
        @Override
        public String toString() {
            return "CallStateChanged(" + line + ", " + call + ", " + state + ", mode=0x" + Integer.toHexString(mode)
                    + ")";
        }
    }

    /**
     * LINE_LINEDEVSTATE (REINIT: J16; OUTOFSERVICE at halt: J15).
     *
     * @param adapter the adapter
     * @param line    the line, or null for a device-wide change such as REINIT
     * @param state   one LINEDEVSTATE_* bit
     * @param param2  second parameter
     * @param param3  third parameter
     */
    record LineDevStateChanged(AdapterHandle adapter, LineHandle line, int state, long param2, long param3)
            implements LineEvent {
        @Override
        public String toString() {
            return "LineDevStateChanged(" + line + ", " + Tapi.devStateName(state) + ")";
        }
    }

    /**
     * The line was closed without the application asking (LINE_CLOSE, shutdown, REINIT); its handle and its calls'
     * handles are invalid now.
     *
     * @param line  the line
     * @param cause why
     */
    record LineClosed(LineHandle line, EndCause cause) implements LineEvent {
    }

    /**
     * NDISWAN: the call's data link is up (NDIS_STATUS_WAN_LINE_UP, J7).
     *
     * @param line        the line
     * @param call        the call
     * @param linkContext NDISWAN's NdisLinkContext
     * @param speedBps    link speed, bit/s
     * @param sendWindow  sends NDISWAN keeps outstanding at most
     */
    record LinkUp(LineHandle line, CallHandle call, long linkContext, long speedBps, int sendWindow)
            implements LineEvent {
    }

    /**
     * NDISWAN: the call's data link went down (NDIS_STATUS_WAN_LINE_DOWN).
     *
     * @param line        the line
     * @param call        the call
     * @param linkContext the link's NdisLinkContext
     */
    record LinkDown(LineHandle line, CallHandle call, long linkContext) implements LineEvent {
    }

    /**
     * LINE_REPLY: a request that returned PENDING completed.
     *
     * @param line      the line it named, or null; for {@code open}, the line handle the request allocated
     *                  (also when the open failed: the handle is then already dead)
     * @param call      the call it named, or null; for {@code makeCall}, the call handle the request allocated
     *                  (also when the make-call failed)
     * @param requestId the request's id
     * @param operation the operation
     * @param status    the final status
     */
    record RequestCompleted(LineHandle line, CallHandle call, long requestId, String operation, Status status)
            implements LineEvent {
    }

    /**
     * Any other LINE_* message (LINE_ADDRESSSTATE, LINE_CALLINFO, LINE_DEVSPECIFIC, ...), passed through.
     *
     * @param line   the line
     * @param call   the call, or null
     * @param msg    the LINE_* id
     * @param param1 first parameter
     * @param param2 second parameter
     * @param param3 third parameter
     */
    record Message(LineHandle line, CallHandle call, int msg, long param1, long param2, long param3)
            implements LineEvent {
    }
}
