package io.jcondis.tck;

import io.jcondis.api.AfHandle;
import io.jcondis.api.Packet;
import io.jcondis.api.Result;
import io.jcondis.api.Sap;
import io.jcondis.api.SapHandle;
import io.jcondis.api.Status;
import io.jcondis.api.VcHandle;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.jcondis.tck.CondisTestHarness.params;
import static io.jcondis.tck.EventRecorder.format;
import static org.assertj.core.api.Assertions.assertThat;

/** SAPs: operations B1, B2 and rules R1..R3 (contract 2.1, 3.2). */
class SapRulesTest {
    private static final String A = "client a";
    private static final String SW = "cm sw";
    private static final Sap SVC = Sap.text("hosta:svc");

    @Test
    @DisplayName("B1: a synchronous registration returns SUCCESS and the handle, with no completion callback")
    void shouldRegisterSapSynchronously() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        Result<SapHandle> r = h.svc("a").registerSap(af, SVC);
        assertThat(r.status()).isEqualTo(Status.SUCCESS);
        h.ndis().runUntilIdle();
        h.events().assertNext(format(SW, "onRegisterSap", af, r.value(), SVC));
        assertThat(h.snapshot().saps()).isEqualTo(1);
    }

    @Test
    @DisplayName("B1: a pended registration completes exactly once; a second completion is a violation")
    void shouldCompletePendedRegistrationOnce() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        AfHandle af = h.openAf("a");
        h.cm().answerOnce("onRegisterSap", Status.PENDING);
        Result<SapHandle> r = h.svc("a").registerSap(af, SVC);
        assertThat(r.status()).isEqualTo(Status.PENDING);
        SapHandle sap = r.value();
        // B2 while the registration is pending is refused.
        assertThat(h.svc("a").deregisterSap(sap).code()).isEqualTo(Status.Code.FAILURE);
        h.cmServices().registerSapComplete(Status.SUCCESS, sap);
        h.cmServices().registerSapComplete(Status.SUCCESS, sap);
        h.assertViolation("B1");
        h.events().assertNext(format("cm cm", "onRegisterSap", af, sap, SVC),
                format(A, "onRegisterSapComplete", Status.SUCCESS, sap, SVC), format("ndis", "violation", "cm", "B1"));
        h.assertNothingPending();
        h.deregisterSap("a", sap);
        h.closeAf("a", af);
        h.assertQuiescent();
    }

    @Test
    @DisplayName("B1: a failed registration (sync or async) invalidates the handle and leaves no SAP state")
    void shouldForgetFailedRegistrations() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        h.cm().answerOnce("onRegisterSap", Status.RESOURCES);
        Result<SapHandle> r = h.svc("a").registerSap(af, SVC);
        assertThat(r.status().code()).isEqualTo(Status.Code.RESOURCES);
        assertThat(r.value()).isNull();

        h.cm().answerOnce("onRegisterSap", Status.PENDING);
        SapHandle sap = h.svc("a").registerSap(af, SVC).value();
        h.events().clear();
        h.cmServices().registerSapComplete(Status.INVALID_DATA, sap);
        h.events().assertNext(format(A, "onRegisterSapComplete", Status.INVALID_DATA, sap, SVC));
        assertThat(h.svc("a").deregisterSap(sap).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.snapshot().saps()).isZero();
        h.closeAf("a", af);
        h.assertQuiescent();
    }

    @Test
    @DisplayName("B1: a null SAP is INVALID_PARAMETER; a foreign, closing or unknown AF is INVALID_HANDLE")
    void shouldRefuseBadSapRegistration() {
        CondisTestHarness h = CondisTestHarness.mcm("a", "b");
        AfHandle af = h.openAf("a");
        assertThat(h.svc("a").registerSap(af, null).status().code()).isEqualTo(Status.Code.INVALID_PARAMETER);
        assertThat(h.svc("b").registerSap(af, SVC).status().code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.svc("a").registerSap(null, SVC).status().code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.svc("a").registerSap(new AfHandle(987654), SVC).status().code())
                .isEqualTo(Status.Code.INVALID_HANDLE);
        h.events().assertNothing();
        assertThat(h.snapshot().saps()).isZero();
    }

    @Test
    @DisplayName("R1: an incoming call may be dispatched to a SAP whose registration is still pending")
    void shouldDispatchIncomingCallToRegisteringSap() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        h.cm().answerOnce("onRegisterSap", Status.PENDING);
        SapHandle sap = h.svc("a").registerSap(af, SVC).value();
        VcHandle vc = h.cmServices().createVc(af).value();
        h.activate(vc, params());
        h.events().clear();
        assertThat(h.cmServices().dispatchIncomingCall(sap, vc, params())).isEqualTo(Status.SUCCESS);
        h.cmServices().dispatchCallConnected(vc);
        h.cmServices().registerSapComplete(Status.SUCCESS, sap);
        h.events().assertNext(format(A, "onIncomingCall", sap, vc, params()), format(A, "onCallConnected", vc),
                format(A, "onRegisterSapComplete", Status.SUCCESS, sap, SVC));
        h.assertClean();
    }

    /*
     * R2 is the call manager's duty (refuse a SAP in use or not understood with INVALID_DATA). The runtime's
     * part: pass the refusal through unchanged and leave the first client's SAP untouched.
     */
    @Test
    @DisplayName("R2: a CM refusing a SAP already in use with INVALID_DATA leaves the first registration intact")
    void shouldPassThroughSapInUseRefusal() {
        CondisTestHarness h = CondisTestHarness.mcm("a", "b");
        AfHandle afA = h.openAf("a");
        AfHandle afB = h.openAf("b");
        SapHandle sapA = h.registerSap("a", afA, "hosta:svc");
        h.cm().answerOnce("onRegisterSap", Status.INVALID_DATA);
        Result<SapHandle> r = h.svc("b").registerSap(afB, SVC);
        assertThat(r.status().code()).isEqualTo(Status.Code.INVALID_DATA);
        assertThat(r.value()).isNull();
        h.cm().answerOnce("onRegisterSap", Status.INVALID_DATA);
        assertThat(h.svc("b").registerSap(afB, new Sap(0x7777, new byte[] {1})).status().code())
                .isEqualTo(Status.Code.INVALID_DATA);
        assertThat(h.snapshot().saps()).isEqualTo(1);
        h.events().clear();
        // The first client's SAP still takes calls.
        VcHandle vc = h.connectIncoming(afA, sapA);
        assertThat(h.client("a").lastSap()).isEqualTo(sapA);
        assertThat(h.describe(vc)).contains("call=CONNECTED");
    }

    @Test
    @DisplayName("B2: a synchronous deregistration returns SUCCESS without completion; the handle is then invalid")
    void shouldDeregisterSynchronously() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        SapHandle sap = h.registerSap("a", af, "hosta:svc");
        assertThat(h.svc("a").deregisterSap(sap)).isEqualTo(Status.SUCCESS);
        h.events().assertNext(format(SW, "onDeregisterSap", sap));
        assertThat(h.svc("a").deregisterSap(sap).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        VcHandle vc = h.cmServices().createVc(af).value();
        h.activate(vc, params());
        assertThat(h.cmServices().dispatchIncomingCall(sap, vc, params()).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        h.events().assertNext(format(A, "onCreateVc", af, vc));
    }

    @Test
    @DisplayName("R3: a second deregister while the first is pending returns FAILURE; the completion comes once")
    void shouldRefuseSecondDeregister() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        AfHandle af = h.openAf("a");
        SapHandle sap = h.registerSap("a", af, "nic0:svc");
        h.cm().answerOnce("onDeregisterSap", Status.PENDING);
        assertThat(h.svc("a").deregisterSap(sap)).isEqualTo(Status.PENDING);
        assertThat(h.svc("a").deregisterSap(sap).code()).isEqualTo(Status.Code.FAILURE);
        // No new incoming calls on a deregistering SAP.
        VcHandle vc = h.cmServices().createVc(af).value();
        h.activate(vc, params());
        assertThat(h.cmServices().dispatchIncomingCall(sap, vc, params()).code()).isEqualTo(Status.Code.FAILURE);
        h.cmServices().deregisterSapComplete(Status.SUCCESS, sap);
        h.cmServices().deregisterSapComplete(Status.SUCCESS, sap);
        h.assertViolation("B2");
        h.events().assertInOrder(format("cm cm", "onDeregisterSap", sap),
                format(A, "onDeregisterSapComplete", Status.SUCCESS, sap), format("ndis", "violation", "cm", "B2"));
        assertThat(h.snapshot().saps()).isZero();
    }

    /*
     * R3's second half ("if the AF is already closing the SAP is released and a late deregister completes with
     * FAILURE") cannot arise here: the runtime refuses to close an AF that still has SAPs (R4, see
     * AddressFamilyRulesTest), so a SAP never outlives the start of its AF's close.
     */
    @Test
    @DisplayName("R3: deregistering a SAP does not disturb calls already received on it nor their VCs")
    void shouldKeepCallsWhenSapDeregistered() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        SapHandle sap = h.registerSap("a", af, "hosta:svc");
        VcHandle vc = h.connectIncoming(af, sap);
        h.cm().answerOnce("onDeregisterSap", Status.PENDING);
        assertThat(h.svc("a").deregisterSap(sap)).isEqualTo(Status.PENDING);
        h.cmServices().deregisterSapComplete(Status.SUCCESS, sap);
        h.events().clear();
        // The call still carries data both ways.
        assertThat(h.miniportServices().indicateReceive(vc, Packet.wrap(new byte[] {1, 2}), false))
                .isEqualTo(Status.SUCCESS);
        Packet p = Packet.wrap(new byte[] {3});
        assertThat(h.svc("a").send(vc, p)).isEqualTo(Status.PENDING);
        h.miniport().completeAllSends(Status.SUCCESS);
        h.events().assertNext(format(A, "onReceive", vc, "packet(2, PENDING)", false),
                format("miniport sw", "onSend", vc, "packet(1, PENDING)"),
                format(A, "onSendComplete", vc, "packet(1, SUCCESS)"));
        assertThat(h.describe(vc)).contains("ACTIVE call=CONNECTED");
        h.closeCall("a", vc, null, false);
        h.closeAf("a", af);
        h.assertQuiescent();
    }
}
