package io.jcondis.api;

import io.jcondis.api.callmanager.CallManagerHandlers;
import io.jcondis.api.callmanager.CallManagerServices;
import io.jcondis.api.callmanager.McmServices;
import io.jcondis.api.client.ClientHandlers;
import io.jcondis.api.client.ClientServices;
import io.jcondis.api.miniport.MiniportHandlers;
import io.jcondis.api.miniport.MiniportServices;

/**
 * The broker (the role NDIS plays): drivers register here and get back the services of their role. Every
 * protocol (client or stand-alone call manager) is bound to every adapter, present or later, and may decline
 * a binding in its {@code onBindAdapter}. May be called from any thread.
 */
public interface Ndis {
    /** Registers a connection-oriented client (protocol driver with NDIS_CO_CLIENT_OPTIONAL_HANDLERS). */
    ClientServices registerClient(String name, ClientHandlers handlers);

    /** Registers a stand-alone call manager (protocol driver with NDIS_CO_CALL_MANAGER_OPTIONAL_HANDLERS). */
    CallManagerServices registerCallManager(String name, CallManagerHandlers handlers);

    /** Registers a connection-oriented miniport driver. */
    MiniportServices registerMiniport(String name, MiniportHandlers handlers);

    /** Registers a miniport call manager (MCM): one driver in both the miniport and the call-manager role. */
    McmServices registerMcm(String name, MiniportHandlers miniport, CallManagerHandlers callManager);
}
