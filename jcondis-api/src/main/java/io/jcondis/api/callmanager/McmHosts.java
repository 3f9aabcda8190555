package io.jcondis.api.callmanager;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.AfHandle;
import io.jcondis.api.OidRequest;
import io.jcondis.api.Oids;
import io.jcondis.api.Result;
import io.jcondis.api.Status;
import io.jcondis.api.StatusIndication;
import io.jcondis.api.VcHandle;
import io.jcondis.api.miniport.MiniportServices;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hosts of a miniport call manager, by name, by adapter and by the address families opened on them: adding one
 * starts its adapter, whose MiniportInitialize ({@link #attach}) finds the host being added. Shared by the embedded
 * switch and the uni call manager, so that both open, close and halt alike (A1, A3, A5).
 *
 * <p>Not thread-safe: owned by the call manager's control plane.
 */
public final class McmHosts {
    private final Map<String, McmHost> byName = new LinkedHashMap<>();
    private final Map<AdapterHandle, McmHost> byAdapter = new HashMap<>();
    private final Map<AfHandle, McmHost> afs = new HashMap<>();
    private McmHost initializing;

    /**
     * Adds a host: starts an adapter named {@code name}, whose initialize handler calls {@link #attach}.
     *
     * @param ndis        the call manager's miniport services
     * @param name        host (adapter) name; also its first address
     * @param capacityBps link capacity in bytes per second, each direction
     * @param aliases     further addresses
     * @return the adapter, or a failure: INVALID_PARAMETER (capacity not positive), FAILURE (the name exists), or
     *     the runtime's
     */
    public Result<AdapterHandle> add(MiniportServices ndis, String name, long capacityBps, String... aliases) {
        if (capacityBps <= 0) {
            return Result.failed(Status.INVALID_PARAMETER.withDescription("capacity must be positive"));
        }
        if (byName.containsKey(name)) {
            return Result.failed(Status.FAILURE.withDescription("host " + name + " exists"));
        }
        List<String> addrs = new ArrayList<>();
        addrs.add(name);
        Collections.addAll(addrs, aliases);
        McmHost h = new McmHost(name, capacityBps, addrs);
        initializing = h;
        Result<AdapterHandle> r;
        try {
            r = ndis.startAdapter(name);
        } finally {
            initializing = null;
        }
        if (r.status().isSuccess()) {
            byName.put(name, h);
        }
        return r;
    }

    /**
     * From the initialize handler: the host being added now has {@code adapter}.
     *
     * @param adapter the adapter being initialized
     * @return the host, or null when no {@link #add} is under way (an adapter started some other way)
     */
    public McmHost attach(AdapterHandle adapter) {
        McmHost h = initializing;
        if (h != null) {
            h.adapter(adapter);
            byAdapter.put(adapter, h);
        }
        return h;
    }

    /**
     * A host's adapter halted and the call manager has released the host's calls: asks each client with an address
     * family open on the host to close it (A5), then forgets the host. Both are posted, so the clients see the
     * releases first, and an AF closed in between is not asked again.
     *
     * @param ndis the call manager's services
     * @param h    the halted host
     */
    public void halted(McmServices ndis, McmHost h) {
        for (Map.Entry<AfHandle, McmHost> e : new ArrayList<>(afs.entrySet())) {
            if (e.getValue() == h) {
                AfHandle af = e.getKey();
                ndis.post(() -> {
                    if (afs.containsKey(af)) {
                        ndis.notifyCloseAddressFamily(af);
                    }
                });
            }
        }
        ndis.post(() -> {
            byName.remove(h.name());
            byAdapter.remove(h.adapter());
        });
    }

    /**
     * ProtocolCmOpenAf (A1): records that {@code af} is open on {@code adapter}'s host and, posted, tells the
     * client that its addresses changed (A3: OID_CO_ADDRESS_CHANGE right after the open).
     *
     * @param ndis    the call manager's services
     * @param af      the address family being opened
     * @param adapter the adapter the client bound to
     * @param owner   what this call manager is, for the refusal's description
     * @return SUCCESS, or FAILURE when {@code adapter} is no host of this call manager
     */
    public Status openAf(McmServices ndis, AfHandle af, AdapterHandle adapter, String owner) {
        McmHost h = byAdapter.get(adapter);
        if (h == null) {
            return Status.FAILURE.withDescription(adapter + " is not a host of this " + owner);
        }
        afs.put(af, h);
        ndis.post(() -> ndis.oidRequest(af, null, null, OidRequest.set(Oids.OID_CO_ADDRESS_CHANGE, null)));
        return Status.SUCCESS;
    }

    /** ProtocolCmCloseAf (A2): forgets {@code af}. */
    public void closeAf(AfHandle af) {
        afs.remove(af);
    }

    /** @return the host {@code af} is open on, or null */
    public McmHost hostOfAf(AfHandle af) {
        return af == null ? null : afs.get(af);
    }

    /**
     * MiniportCoOidRequest without a VC's call: the adapter-level OIDs of {@code adapter}'s host.
     *
     * @param vendor the vendor description OID_GEN_VENDOR_DESCRIPTION answers
     * @return the host's answer ({@link McmHost#answerAdapterOid}), or FAILURE for an adapter of no host
     */
    public Status answerAdapterOid(AdapterHandle adapter, OidRequest request, String vendor) {
        McmHost h = byAdapter.get(adapter);
        return h == null ? Status.FAILURE : h.answerAdapterOid(request, vendor);
    }

    /** @return the host named {@code name}, or null */
    public McmHost byName(String name) {
        return byName.get(name);
    }

    /** @return the host of {@code adapter}, or null */
    public McmHost byAdapter(AdapterHandle adapter) {
        return byAdapter.get(adapter);
    }

    /** @return the host that has {@code address} among its addresses, or null */
    public McmHost forAddress(String address) {
        for (McmHost h : byName.values()) {
            if (h.addresses().contains(address)) {
                return h;
            }
        }
        return null;
    }

    /** @return the hosts, in the order added (a live view) */
    public Collection<McmHost> all() {
        return Collections.unmodifiableCollection(byName.values());
    }

    /** @return the host names, in the order added */
    public List<String> names() {
        return new ArrayList<>(byName.keySet());
    }

    /**
     * Halts a host's adapter.
     *
     * @return the runtime's answer; ADAPTER_NOT_FOUND for an unknown host
     */
    public Status halt(MiniportServices ndis, String name) {
        McmHost h = byName.get(name);
        return h == null ? notFound(name) : ndis.haltAdapter(h.adapter());
    }

    /**
     * A status indication from a host's adapter, adapter-wide ({@code vc == null}) or for one VC (H1).
     *
     * @return the runtime's answer; ADAPTER_NOT_FOUND for an unknown host
     */
    public Status indicateStatus(MiniportServices ndis, String name, VcHandle vc, StatusIndication indication) {
        McmHost h = byName.get(name);
        return h == null ? notFound(name) : ndis.indicateStatus(h.adapter(), vc, indication);
    }

    /** @return what is free of {@code name}'s uplink, bytes/s; -1 for an unknown host */
    public long uplinkFreeBps(String name) {
        McmHost h = byName.get(name);
        return h == null ? -1 : h.upFreeBps();
    }

    /** @return what is free of {@code name}'s downlink, bytes/s; -1 for an unknown host */
    public long downlinkFreeBps(String name) {
        McmHost h = byName.get(name);
        return h == null ? -1 : h.downFreeBps();
    }

    private static Status notFound(String name) {
        return Status.of(Status.Code.ADAPTER_NOT_FOUND).withDescription("no host " + name);
    }
}
