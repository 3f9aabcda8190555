package io.jcondis.wan;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.OidRequest;
import io.jcondis.api.Packet;
import io.jcondis.api.Result;
import io.jcondis.api.Status;
import io.jcondis.api.wan.LineUp;
import io.jcondis.api.wan.TapiEvent;
import io.jcondis.api.wan.WanMiniportServices;
import io.jcondis.wan.WanModel.Adapter;
import io.jcondis.wan.WanModel.Driver;

/**
 * What one WAN miniport calls: each request takes the control-plane lock, looks its adapter up (INVALID_HANDLE
 * for one that is not this driver's or not running; indications are accepted until its onHalt returns) and
 * hands over to the broker, NDISWAN or NDISTAPI.
 */
final class WanMiniportProxy implements WanMiniportServices {
    private final WanBroker b;
    private final Driver d;

    WanMiniportProxy(WanBroker b, Driver d) {
        this.b = b;
        this.d = d;
    }

    private static Status bad(AdapterHandle h) {
        return Status.INVALID_HANDLE.withDescription(h + " is not a running adapter of this miniport");
    }

    @Override
    public String name() {
        return d.name;
    }

    @Override
    public void post(Runnable task) {
        b.deferred().post(task);
    }

    @Override
    public void schedule(long delayNs, Runnable task) {
        b.deferred().schedule(delayNs, task);
    }

    @Override
    public long nanoTime() {
        return b.deferred().nanoTime();
    }

    @Override
    public Result<AdapterHandle> startAdapter(String adapterName) {
        return b.locked(() -> b.startAdapter(d, adapterName));
    }

    @Override
    public Status haltAdapter(AdapterHandle adapter) {
        return b.locked(() -> b.haltAdapter(d, adapter));
    }

    @Override
    public void queryInformationComplete(AdapterHandle adapter, OidRequest request, Status status) {
        b.locked(() -> {
            b.complete(d, adapter, request, status, OidRequest.Type.QUERY);
            return null;
        });
    }

    @Override
    public void setInformationComplete(AdapterHandle adapter, OidRequest request, Status status) {
        b.locked(() -> {
            b.complete(d, adapter, request, status, OidRequest.Type.SET);
            return null;
        });
    }

    @Override
    public Status indicateTapiEvent(AdapterHandle adapter, TapiEvent event) {
        return b.locked(() -> {
            Adapter a = b.indicating(d, adapter);
            return a == null ? bad(adapter) : b.tapi.indicateTapiEvent(a, event);
        });
    }

    @Override
    public Result<Long> indicateNewCall(AdapterHandle adapter, long htLine, long hdCall) {
        return b.locked(() -> {
            Adapter a = b.indicating(d, adapter);
            return a == null ? Result.failed(bad(adapter)) : b.tapi.indicateNewCall(a, htLine, hdCall);
        });
    }

    @Override
    public Result<Long> indicateLineUp(AdapterHandle adapter, LineUp lineUp) {
        return b.locked(() -> {
            Adapter a = b.indicating(d, adapter);
            return a == null ? Result.failed(bad(adapter)) : b.wan.lineUp(a, lineUp);
        });
    }

    @Override
    public Status indicateLineDown(AdapterHandle adapter, long ndisLinkContext) {
        return b.locked(() -> {
            Adapter a = b.indicating(d, adapter);
            return a == null ? bad(adapter) : b.wan.lineDown(a, ndisLinkContext);
        });
    }

    @Override
    public Status indicateReceive(AdapterHandle adapter, long ndisLinkContext, Packet packet) {
        return b.locked(() -> {
            Adapter a = b.indicating(d, adapter);
            return a == null ? bad(adapter) : b.wan.indicateReceive(a, ndisLinkContext, packet);
        });
    }

    @Override
    public void wanSendComplete(AdapterHandle adapter, Packet packet, Status status) {
        b.locked(() -> {
            Adapter a = b.indicating(d, adapter);
            if (a == null) {
                b.violation(d.name, "J8", "wanSendComplete on " + adapter + ", which is not running");
            } else {
                b.wan.sendComplete(a, packet, status);
            }
            return null;
        });
    }

    @Override
    public String toString() {
        return "wan-miniport " + d.name;
    }
}
