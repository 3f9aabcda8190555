package io.jcondis.api.callmanager;

import io.jcondis.api.AddressFamily;
import io.jcondis.api.AdapterHandle;
import io.jcondis.api.Status;
import io.jcondis.api.miniport.MiniportServices;

/**
 * The services of a miniport call manager (MCM): both roles in one driver. An MCM's VCs have no separate
 * miniport half (R36): activation and deactivation are answered by the runtime at once (deactivation pends
 * only while sends or lent receives are outstanding, R29), and its signaling never appears here.
 */
public interface McmServices extends CallManagerServices, MiniportServices {
    /** A2: registers {@code af} on one of this MCM's adapters (normally from onInitialize); R9 duplicates fail. */
    Status registerAddressFamily(AdapterHandle adapter, AddressFamily af);
}
