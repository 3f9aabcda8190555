package io.jcondis.core;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.AddressFamily;
import io.jcondis.api.AfHandle;
import io.jcondis.api.BindingHandle;
import io.jcondis.api.CallParameters;
import io.jcondis.api.OidRequest;
import io.jcondis.api.PartyHandle;
import io.jcondis.api.Result;
import io.jcondis.api.SapHandle;
import io.jcondis.api.Status;
import io.jcondis.api.VcHandle;
import io.jcondis.api.callmanager.McmServices;

/**
 * The call-manager role's entry points, for stand-alone call managers and MCMs alike (an MCM also gets the
 * miniport ones). The role-specific registration methods refuse the other kind with NOT_SUPPORTED.
 */
final class CallManagerProxy extends MiniportProxy implements McmServices {
    CallManagerProxy(Conductor c, Driver d) {
        super(c, d);
    }

    private boolean isMcm() {
        return d.kind == Driver.Kind.MCM;
    }

    @Override
    public Result<AdapterHandle> startAdapter(String adapterName) {
        return isMcm() ? super.startAdapter(adapterName)
                : Result.failed(Status.NOT_SUPPORTED.withDescription("a stand-alone call manager has no adapters"));
    }

    @Override
    public Status registerAddressFamily(BindingHandle binding, AddressFamily af) {
        if (isMcm()) {
            return Status.NOT_SUPPORTED.withDescription("R36: an MCM registers AFs on its adapter (A2)");
        }
        return request("registerAddressFamily", () -> binding + ", " + af,
                () -> c.registerAfStandalone(d, binding, af));
    }

    @Override
    public Status registerAddressFamily(AdapterHandle adapter, AddressFamily af) {
        if (!isMcm()) {
            return Status.NOT_SUPPORTED.withDescription("A1: a stand-alone call manager registers on a binding");
        }
        return request("registerAddressFamily", () -> adapter + ", " + af, () -> c.registerAfMcm(d, adapter, af));
    }

    @Override
    public void openAddressFamilyComplete(Status status, AfHandle af) {
        complete("openAddressFamilyComplete", () -> status + ", " + af, () -> c.openAfComplete(d, status, af));
    }

    @Override
    public void closeAddressFamilyComplete(Status status, AfHandle af) {
        complete("closeAddressFamilyComplete", () -> status + ", " + af, () -> c.closeAfComplete(d, status, af));
    }

    @Override
    public Status notifyCloseAddressFamily(AfHandle af) {
        return request("notifyCloseAddressFamily", () -> s(af), () -> c.notifyCloseAf(d, af));
    }

    @Override
    public void registerSapComplete(Status status, SapHandle sap) {
        complete("registerSapComplete", () -> status + ", " + sap, () -> c.registerSapComplete(d, status, sap));
    }

    @Override
    public void deregisterSapComplete(Status status, SapHandle sap) {
        complete("deregisterSapComplete", () -> status + ", " + sap, () -> c.deregisterSapComplete(d, status, sap));
    }

    @Override
    public Result<VcHandle> createVc(AfHandle af) {
        return request("createVc", () -> s(af), () -> c.cmCreateVc(d, af));
    }

    @Override
    public Status deleteVc(VcHandle vc) {
        return request("deleteVc", () -> s(vc), () -> c.cmDeleteVc(d, vc));
    }

    @Override
    public Status activateVc(VcHandle vc, CallParameters params) {
        return request("activateVc", () -> vc + ", " + (params == null ? null : params.transmit()),
                () -> c.activateVc(d, vc, params));
    }

    @Override
    public Status deactivateVc(VcHandle vc) {
        return request("deactivateVc", () -> s(vc), () -> c.deactivateVc(d, vc));
    }

    @Override
    public void makeCallComplete(Status status, VcHandle vc, PartyHandle party, CallParameters params) {
        complete("makeCallComplete", () -> status + ", " + vc + ", " + party,
                () -> c.makeCallComplete(d, status, vc, party, params));
    }

    @Override
    public void closeCallComplete(Status status, VcHandle vc, PartyHandle party) {
        complete("closeCallComplete", () -> status + ", " + vc, () -> c.closeCallComplete(d, status, vc, party));
    }

    @Override
    public Status dispatchIncomingCall(SapHandle sap, VcHandle vc, CallParameters params) {
        return request("dispatchIncomingCall", () -> sap + ", " + vc, () -> c.dispatchIncomingCall(d, sap, vc, params));
    }

    @Override
    public void dispatchCallConnected(VcHandle vc) {
        complete("dispatchCallConnected", () -> s(vc), () -> c.dispatchCallConnected(d, vc));
    }

    @Override
    public void dispatchIncomingCloseCall(Status closeStatus, VcHandle vc, byte[] closeData) {
        complete("dispatchIncomingCloseCall", () -> closeStatus + ", " + vc,
                () -> c.dispatchIncomingCloseCall(d, closeStatus, vc, closeData));
    }

    @Override
    public void dispatchIncomingCallQosChange(VcHandle vc, CallParameters params) {
        complete("dispatchIncomingCallQosChange", () -> s(vc), () -> c.dispatchIncomingCallQosChange(d, vc, params));
    }

    @Override
    public void modifyCallQosComplete(Status status, VcHandle vc, CallParameters params) {
        complete("modifyCallQosComplete", () -> status + ", " + vc,
                () -> c.modifyCallQosComplete(d, status, vc, params));
    }

    @Override
    public void addPartyComplete(Status status, PartyHandle party, CallParameters params) {
        complete("addPartyComplete", () -> status + ", " + party, () -> c.addPartyComplete(d, status, party, params));
    }

    @Override
    public void dropPartyComplete(Status status, PartyHandle party) {
        complete("dropPartyComplete", () -> status + ", " + party, () -> c.dropPartyComplete(d, status, party));
    }

    @Override
    public void dispatchIncomingDropParty(Status dropStatus, PartyHandle party, byte[] closeData) {
        complete("dispatchIncomingDropParty", () -> dropStatus + ", " + party,
                () -> c.dispatchIncomingDropParty(d, dropStatus, party, closeData));
    }

    @Override
    public Status oidRequest(AfHandle af, VcHandle vc, PartyHandle party, OidRequest request) {
        return request("oidRequest", () -> af + ", " + vc + ", " + request, () -> c.cmOid(d, af, vc, party, request));
    }

    @Override
    public void oidRequestComplete(AfHandle af, VcHandle vc, PartyHandle party, OidRequest request, Status status) {
        complete("oidRequestComplete", () -> af + ", " + request + ", " + status,
                () -> c.oidComplete(d, request, status));
    }
}
