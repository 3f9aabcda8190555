package io.jcondis.api.wan;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.OidRequest;
import io.jcondis.api.Packet;
import io.jcondis.api.Status;

/**
 * What a legacy NDIS WAN miniport implements (contract 2.5): TAPI requests arrive as OID_TAPI_* queries and sets
 * whose information buffer holds the NDIS_TAPI_* structure; data goes through {@link #onWanSend}. Threading and
 * exception handling as for every driver (docs/architecture.md): handlers run in the serialized control plane
 * and may call back into {@link WanMiniportServices}.
 */
public interface WanMiniportHandlers {
    /** The adapter starts. */
    Status onInitialize(AdapterHandle adapter);

    /**
     * The adapter halts (R46, J15): complete every outstanding request, disconnect calls (keeping their state
     * until OID_TAPI_CLOSE_CALL), report the lines offline.
     */
    void onHalt(AdapterHandle adapter);

    /** MiniportReset (R43, J17): disconnect calls but keep their state until OID_TAPI_CLOSE_CALL. */
    default Status onReset(AdapterHandle adapter) {
        return Status.SUCCESS;
    }

    /** A query (MiniportQueryInformation); may pend: complete with queryInformationComplete. */
    Status onQueryInformation(AdapterHandle adapter, OidRequest request);

    /** A set (MiniportSetInformation); may pend: complete with setInformationComplete. */
    Status onSetInformation(AdapterHandle adapter, OidRequest request);

    /** MiniportWanSend (J8): SUCCESS when sent, PENDING then {@link WanMiniportServices#wanSendComplete}. */
    Status onWanSend(AdapterHandle adapter, long ndisLinkHandle, Packet packet);
}
