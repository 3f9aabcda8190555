package io.jcondis.wan.tapi;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.Packet;
import io.jcondis.api.Result;
import io.jcondis.api.Status;
import io.jcondis.wan.struct.LineAddressCaps;
import io.jcondis.wan.struct.LineAddressStatus;
import io.jcondis.wan.struct.LineCallInfo;
import io.jcondis.wan.struct.LineCallParams;
import io.jcondis.wan.struct.LineCallStatus;
import io.jcondis.wan.struct.LineDevCaps;
import io.jcondis.wan.struct.LineDevStatus;

import java.util.List;

/**
 * The TAPI application API over NDISTAPI and NDISWAN (the lineXxx functions an application calls). Each request
 * is checked at this boundary (handles first, then state, contract R38-R48), turned into one OID_TAPI_* request
 * for the line's WAN miniport, and answered with a {@link TapiRequest}: done (SUCCESS or a failure, nothing
 * follows) or PENDING (completes exactly once later). Events arrive at the {@link TapiListener}s.
 *
 * <p>Statuses every request may answer besides its own: {@code TAPI_INVALLINEHANDLE} for a line handle that is
 * unknown, closing or closed (R44); {@code TAPI_INVALCALLHANDLE} for a call handle that is unknown, being
 * closed, closed (R41) or on a closing line; {@code TAPI_INVALLINESTATE} while the line is still opening;
 * {@code TAPI_INVALCALLSTATE} while the call's make-call is still pending (no hdCall yet);
 * {@code TAPI_NODRIVER} when the line's adapter was removed (J15) and the request needs the miniport;
 * {@code TAPI_NODEVICE} for a device id no initialized provider has.
 *
 * <p>Thread-safety: every method may be called from any thread, and from inside a listener (re-entrant). The
 * stack has one application namespace: any holder of a handle may use it.
 */
public interface TapiService {
    /** Adds a listener for every line, call, link and provider event. */
    void addListener(TapiListener listener);

    /** Removes a listener. */
    void removeListener(TapiListener listener);

    /** @return every line device of every active provider session, by device id */
    List<LineDevice> devices();

    /**
     * J1: starts a provider session on a running adapter (OID_TAPI_PROVIDER_INITIALIZE with the next free device
     * id base). The stack does this by itself when an adapter starts unless auto-initialize is off.
     * Allowed when the adapter has no session. Completes with the session's line count; publishes
     * {@link LineEvent.ProviderInitialized}.
     *
     * @return SUCCESS/PENDING; INVALID_HANDLE for an adapter that is not running; TAPI_ALLOCATED when a session
     *         exists or is starting; the miniport's failure
     */
    TapiRequest<Integer> initializeProvider(AdapterHandle adapter);

    /**
     * J14, R45: ends the provider session: every line and call of it becomes invalid at once
     * ({@link LineEvent.LineClosed} with SHUTDOWN), OID_TAPI_PROVIDER_SHUTDOWN goes to the miniport, which drops
     * its links and TAPI state. Completes with the miniport's status; the session ends whatever it says.
     *
     * @return SUCCESS/PENDING; INVALID_HANDLE for an adapter that is not running; TAPI_NODRIVER without session
     */
    TapiRequest<Void> shutdownProvider(AdapterHandle adapter);

    /** J2: OID_TAPI_GET_DEV_CAPS for a device id. */
    TapiRequest<LineDevCaps> getDevCaps(int deviceId);

    /** J2: OID_TAPI_GET_ADDRESS_CAPS. */
    TapiRequest<LineAddressCaps> getAddressCaps(int deviceId, int addressId);

    /**
     * J3: opens a line device (OID_TAPI_OPEN with a fresh htLine). The handle is valid at once; requests on it
     * answer TAPI_INVALLINESTATE until the open completes. On failure the handle is dead (R48).
     *
     * @return SUCCESS/PENDING with the handle; TAPI_NODEVICE; TAPI_ALLOCATED when the device is already open;
     *         the miniport's failure (TAPI_ALLOCATED, TAPI_INVALMEDIAMODE, FAILURE)
     */
    TapiRequest<LineHandle> open(int deviceId);

    /** J4, R39: OID_TAPI_SET_DEFAULT_MEDIA_DETECTION; incoming calls of these LINEMEDIAMODE_* may now arrive. */
    TapiRequest<Void> setDefaultMediaDetection(LineHandle line, int mediaModes);

    /** J4: OID_TAPI_SET_STATUS_MESSAGES (LINEDEVSTATE_* and LINEADDRESSSTATE_* masks). */
    TapiRequest<Void> setStatusMessages(LineHandle line, int lineStates, int addressStates);

    /** OID_TAPI_CONDITIONAL_MEDIA_DETECTION: SUCCESS when the line can monitor all these media modes. */
    TapiRequest<Void> conditionalMediaDetection(LineHandle line, int mediaModes);

    /** OID_TAPI_GET_LINE_DEV_STATUS. */
    TapiRequest<LineDevStatus> getLineDevStatus(LineHandle line);

    /** OID_TAPI_GET_ADDRESS_STATUS. */
    TapiRequest<LineAddressStatus> getAddressStatus(LineHandle line, int addressId);

    /** OID_TAPI_GET_ADDRESS_ID for a dialable address. */
    TapiRequest<Integer> getAddressId(LineHandle line, String address);

    /**
     * J13, R44: closes the line. The handle and every call handle on it are invalid at once; NDISTAPI closes
     * each call (OID_TAPI_CLOSE_CALL) and then sends OID_TAPI_CLOSE. Cannot fail for a valid line: a miniport
     * failing the close is reported and the line is closed anyway.
     *
     * @return SUCCESS/PENDING; TAPI_INVALLINEHANDLE
     */
    TapiRequest<Void> close(LineHandle line);

    /**
     * J5, R48: makes a call (OID_TAPI_MAKE_CALL with a fresh htCall). The call handle is valid at once. An empty
     * or null address means "dial later" with {@link #dial}.
     *
     * @param params the call parameters, or null for the line's defaults (bUseDefaultLineCallParams)
     * @return SUCCESS/PENDING with the handle; the miniport's failure (the handle is then dead)
     */
    TapiRequest<CallHandle> makeCall(LineHandle line, String destAddress, LineCallParams params);

    /** J5: OID_TAPI_DIAL (optional OID): more digits for a call being dialled. */
    TapiRequest<Void> dial(CallHandle call, String digits);

    /** J6: OID_TAPI_ACCEPT (optional OID) for an offered call. */
    TapiRequest<Void> accept(CallHandle call);

    /** J6: OID_TAPI_ANSWER for an offered call. */
    TapiRequest<Void> answer(CallHandle call);

    /**
     * J10, R40: drops the call: the miniport disconnects it and takes its link down; the call goes IDLE and its
     * handle stays valid (queries and {@link #callStats} still work) until {@link #closeCall}.
     */
    TapiRequest<Void> drop(CallHandle call);

    /**
     * J11, R41 (lineDeallocateCall): OID_TAPI_CLOSE_CALL. The handle is invalid at once: any later request with
     * it answers TAPI_INVALCALLHANDLE. Without a prior drop the miniport drops implicitly. Cannot fail: a
     * miniport failing it is reported and the call is deallocated anyway; requests of the call still pending at
     * its completion are completed with REQUEST_ABORTED. While the make-call is pending the close waits for it.
     *
     * @return SUCCESS/PENDING; TAPI_INVALCALLHANDLE for a handle that is not valid
     */
    TapiRequest<Void> closeCall(CallHandle call);

    /** OID_TAPI_GET_CALL_INFO (valid after a drop, R40). */
    TapiRequest<LineCallInfo> getCallInfo(CallHandle call);

    /** OID_TAPI_GET_CALL_STATUS (valid after a drop, R40; answered by NDISTAPI itself after J15). */
    TapiRequest<LineCallStatus> getCallStatus(CallHandle call);

    /** OID_TAPI_GET_CALL_ADDRESS_ID. */
    TapiRequest<Integer> getCallAddressId(CallHandle call);

    /** OID_TAPI_SET_APP_SPECIFIC. */
    TapiRequest<Void> setAppSpecific(CallHandle call, int appSpecific);

    /** OID_TAPI_SET_CALL_PARAMS. */
    TapiRequest<Void> setCallParams(CallHandle call, int bearerMode, int minRateBps, int maxRateBps);

    /** OID_TAPI_SET_MEDIA_MODE. */
    TapiRequest<Void> setMediaMode(CallHandle call, int mediaMode);

    /**
     * J7, R47: OID_TAPI_GET_ID for device class "ndis": the NdisLinkContext of the call's link. The miniport
     * must have indicated the line-up first; a SUCCESS without a link is a violation answered with FAILURE.
     */
    TapiRequest<Long> getLinkId(CallHandle call);

    /** @return the NDISWAN counters of the call (R40: also after drop); TAPI_INVALCALLHANDLE after close-call */
    Result<CallStats> callStats(CallHandle call);

    /** @return the call's current state; TAPI_INVALCALLHANDLE for a handle that is not valid */
    Result<TapiCallState> callState(CallHandle call);

    /** @return the line's current state (CLOSED for a handle that was never valid) */
    LineState lineState(LineHandle line);

    /**
     * J8: sends one frame on the call's link. Sends beyond the link's SendWindow wait in NDISWAN, in order.
     *
     * @return SUCCESS (sent, no callback), PENDING (exactly one {@link TapiListener#onSendComplete} follows), or a
     *         failure with no callback: TAPI_INVALCALLHANDLE, NOT_ACCEPTED when the call has no link up (R47),
     *         INVALID_LENGTH over {@link Packet#MAX_PAYLOAD_BYTES}, INVALID_PARAMETER for null
     */
    Status send(CallHandle call, Packet packet);
}
