package io.jcondis.core;

import io.jcondis.api.AddressFamily;
import io.jcondis.api.AfHandle;
import io.jcondis.api.BindingHandle;
import io.jcondis.api.CallParameters;
import io.jcondis.api.OidRequest;
import io.jcondis.api.Packet;
import io.jcondis.api.PartyHandle;
import io.jcondis.api.Result;
import io.jcondis.api.Sap;
import io.jcondis.api.SapHandle;
import io.jcondis.api.Status;
import io.jcondis.api.VcHandle;
import io.jcondis.api.client.ClientServices;

/** The client role's entry points; each takes the conductor's lock and delegates. */
final class ClientProxy extends ProxyBase implements ClientServices {
    ClientProxy(Conductor c, Driver d) {
        super(c, d);
    }

    @Override
    public Result<AfHandle> openAddressFamily(BindingHandle binding, AddressFamily af) {
        return request("openAddressFamily", () -> binding + ", " + af, () -> c.openAf(d, binding, af));
    }

    @Override
    public Status closeAddressFamily(AfHandle af) {
        return request("closeAddressFamily", () -> s(af), () -> c.closeAf(d, af));
    }

    @Override
    public void notifyCloseAddressFamilyComplete(AfHandle af, Status status) {
        complete("notifyCloseAddressFamilyComplete", () -> af + ", " + status,
                () -> c.notifyCloseAfComplete(d, af, status));
    }

    @Override
    public Result<SapHandle> registerSap(AfHandle af, Sap sap) {
        return request("registerSap", () -> af + ", " + sap, () -> c.registerSap(d, af, sap));
    }

    @Override
    public Status deregisterSap(SapHandle sap) {
        return request("deregisterSap", () -> s(sap), () -> c.deregisterSap(d, sap));
    }

    @Override
    public Result<VcHandle> createVc(AfHandle af) {
        return request("createVc", () -> s(af), () -> c.clientCreateVc(d, af));
    }

    @Override
    public Status deleteVc(VcHandle vc) {
        return request("deleteVc", () -> s(vc), () -> c.clientDeleteVc(d, vc));
    }

    @Override
    public Result<PartyHandle> makeCall(VcHandle vc, CallParameters params, boolean multipoint) {
        return request("makeCall", () -> vc + ", " + (params == null ? null : params.calledAddress())
                + (multipoint ? ", multipoint" : ""), () -> c.makeCall(d, vc, params, multipoint));
    }

    @Override
    public Result<PartyHandle> addParty(VcHandle vc, CallParameters params) {
        return request("addParty", () -> vc + ", " + (params == null ? null : params.calledAddress()),
                () -> c.addParty(d, vc, params));
    }

    @Override
    public Status dropParty(PartyHandle party, byte[] closeData) {
        return request("dropParty", () -> s(party), () -> c.dropParty(d, party, closeData));
    }

    @Override
    public void incomingCallComplete(Status status, VcHandle vc, CallParameters params) {
        complete("incomingCallComplete", () -> status + ", " + vc, () -> c.incomingCallComplete(d, status, vc, params));
    }

    @Override
    public Status modifyCallQos(VcHandle vc, CallParameters params) {
        return request("modifyCallQos", () -> vc + ", " + (params == null ? null : params.transmit()),
                () -> c.modifyCallQos(d, vc, params));
    }

    @Override
    public Status closeCall(VcHandle vc, PartyHandle lastParty, byte[] closeData) {
        return request("closeCall", () -> vc + ", " + lastParty, () -> c.closeCall(d, vc, lastParty, closeData));
    }

    @Override
    public Status send(VcHandle vc, Packet packet) {
        return request("send", () -> vc + ", " + (packet == null ? null : packet.length() + " bytes"),
                () -> c.send(d, vc, packet));
    }

    @Override
    public void returnPacket(VcHandle vc, Packet packet) {
        request("returnPacket", () -> s(vc), () -> c.returnPacket(d, vc, packet));
    }

    @Override
    public Status oidRequest(BindingHandle binding, AfHandle af, VcHandle vc, PartyHandle party, OidRequest request) {
        return request("oidRequest", () -> binding + ", " + af + ", " + vc + ", " + request,
                () -> c.clientOid(d, binding, af, vc, party, request));
    }

    @Override
    public void oidRequestComplete(AfHandle af, VcHandle vc, PartyHandle party, OidRequest request, Status status) {
        complete("oidRequestComplete", () -> af + ", " + request + ", " + status,
                () -> c.oidComplete(d, request, status));
    }

    @Override
    public Result<String> assignInstanceName(VcHandle vc, String baseName) {
        return request("assignInstanceName", () -> vc + ", " + baseName, () -> c.assignInstanceName(d, vc, baseName));
    }

    @Override
    public Result<String> getTapiCallId(VcHandle vc, int bufferBytes) {
        return request("getTapiCallId", () -> vc + ", " + bufferBytes, () -> c.getTapiCallId(d, vc, bufferBytes));
    }

    @Override
    public Result<VcHandle> getVcFromTapiCallId(String tapiCallId) {
        return request("getVcFromTapiCallId", () -> tapiCallId, () -> c.vcFromTapiCallId(d, tapiCallId));
    }
}
