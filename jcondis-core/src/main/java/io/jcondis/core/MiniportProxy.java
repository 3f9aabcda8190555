package io.jcondis.core;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.CallParameters;
import io.jcondis.api.OidRequest;
import io.jcondis.api.Packet;
import io.jcondis.api.Result;
import io.jcondis.api.Status;
import io.jcondis.api.StatusIndication;
import io.jcondis.api.VcHandle;
import io.jcondis.api.miniport.MiniportServices;

/** The miniport role's entry points. */
class MiniportProxy extends ProxyBase implements MiniportServices {
    MiniportProxy(Conductor c, Driver d) {
        super(c, d);
    }

    @Override
    public Result<AdapterHandle> startAdapter(String adapterName) {
        return request("startAdapter", () -> adapterName, () -> c.startAdapter(d, adapterName));
    }

    @Override
    public Status haltAdapter(AdapterHandle adapter) {
        return request("haltAdapter", () -> s(adapter), () -> c.haltAdapter(d, adapter));
    }

    @Override
    public void activateVcComplete(Status status, VcHandle vc, CallParameters params) {
        complete("activateVcComplete", () -> status + ", " + vc, () -> c.activateVcComplete(d, status, vc, params));
    }

    @Override
    public void deactivateVcComplete(Status status, VcHandle vc) {
        complete("deactivateVcComplete", () -> status + ", " + vc, () -> c.deactivateVcComplete(d, status, vc));
    }

    @Override
    public void sendComplete(VcHandle vc, Packet packet) {
        complete("sendComplete", () -> vc + ", " + (packet == null ? null : packet.status()),
                () -> c.sendComplete(d, vc, packet));
    }

    @Override
    public Status indicateReceive(VcHandle vc, Packet packet, boolean resources) {
        return request("indicateReceive", () -> vc + ", " + (packet == null ? null : packet.length() + " bytes"),
                () -> c.indicateReceive(d, vc, packet, resources));
    }

    @Override
    public Status indicateStatus(AdapterHandle adapter, VcHandle vc, StatusIndication indication) {
        return request("indicateStatus", () -> adapter + ", " + vc + ", " + indication,
                () -> c.indicateStatus(d, adapter, vc, indication));
    }

    @Override
    public void oidRequestComplete(AdapterHandle adapter, VcHandle vc, OidRequest request, Status status) {
        complete("oidRequestComplete", () -> adapter + ", " + request + ", " + status,
                () -> c.oidComplete(d, request, status));
    }
}
