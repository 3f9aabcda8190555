package io.jcondis.api.callmanager;

import io.jcondis.api.AdapterHandle;
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
 * The hosts of a miniport call manager, by name and by adapter: adding one starts its adapter, whose
 * MiniportInitialize ({@link #attach}) finds the host being added. Shared by the embedded switch and the uni call
 * manager.
 *
 * <p>Not thread-safe: owned by the call manager's control plane.
 */
public final class McmHosts {
    private final Map<String, McmHost> byName = new LinkedHashMap<>();
    private final Map<AdapterHandle, McmHost> byAdapter = new HashMap<>();
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

    /** Forgets a host (its adapter halted). */
    public void remove(McmHost h) {
        byName.remove(h.name());
        byAdapter.remove(h.adapter());
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
