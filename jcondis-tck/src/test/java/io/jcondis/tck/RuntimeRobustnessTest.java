package io.jcondis.tck;

import io.jcondis.api.AfHandle;
import io.jcondis.api.Packet;
import io.jcondis.api.PartyHandle;
import io.jcondis.api.Result;
import io.jcondis.api.Sap;
import io.jcondis.api.SapHandle;
import io.jcondis.api.Status;
import io.jcondis.api.VcHandle;
import io.jcondis.api.callmanager.McmServices;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.jcondis.tck.CondisTestHarness.params;
import static io.jcondis.tck.EventRecorder.format;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the runtime does when drivers misbehave (G5): handler exceptions are caught, reported and answered with
 * FAILURE; illegal completions are refused and reported; stale handles stay dead; every pended request
 * completes exactly once.
 */
class RuntimeRobustnessTest {
    private static final String A = "client a";
    private static final String SW = "cm sw";

    @Test
    @DisplayName("G5: a client handler that throws in onIncomingCall rejects the call; the runtime keeps working")
    void shouldSurviveClientHandlerException() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        SapHandle sap = h.registerSap("a", af, "hosta:svc");
        VcHandle vc = h.cmServices().createVc(af).value();
        h.activate(vc, params());
        h.client("a").throwInside("onIncomingCall", new IllegalStateException("boom"));
        h.events().clear();
        assertThat(h.cmServices().dispatchIncomingCall(sap, vc, params()).code()).isEqualTo(Status.Code.FAILURE);
        h.assertHandlerError("a", "onIncomingCall");
        h.events().assertNext(format(A, "onIncomingCall", sap, vc, params()),
                format("ndis", "handlerError", "a", "onIncomingCall"));
        // The CM tears the rejected VC down and the next call works.
        h.cmServices().deactivateVc(vc);
        assertThat(h.cmServices().deleteVc(vc)).isEqualTo(Status.SUCCESS);
        VcHandle next = h.connectIncoming(af, sap);
        assertThat(h.describe(next)).contains("call=CONNECTED");
        assertThat(h.ndis().snapshot().handlerErrors()).isEqualTo(1);
    }

    @Test
    @DisplayName("G5: a CM handler that throws in onMakeCall fails the make-call; the VC stays reusable")
    void shouldSurviveCallManagerHandlerException() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.createVc("a", af);
        h.cm().throwInside("onMakeCall", new RuntimeException("cm bug"));
        Result<PartyHandle> r = h.svc("a").makeCall(vc, params(), false);
        assertThat(r.status().code()).isEqualTo(Status.Code.FAILURE);
        h.assertHandlerError("cm", "onMakeCall");
        assertThat(h.describe(vc)).contains("INACTIVE call=IDLE");
        h.events().clear();
        VcHandle ok = h.connectOutgoing("a", af);
        assertThat(h.describe(ok)).contains("call=CONNECTED");
        h.closeCall("a", ok, null, true);
        assertThat(h.svc("a").deleteVc(vc)).isEqualTo(Status.SUCCESS);
        h.closeAf("a", af);
        h.assertQuiescent();
    }

    @Test
    @DisplayName("G5: an exception in a void completion handler is reported; the state change still happens")
    void shouldApplyCompletionDespiteHandlerException() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.createVc("a", af);
        h.client("a").throwInside("onMakeCallComplete", new IllegalArgumentException("client bug"));
        h.cm().answerOnce("onMakeCall", Status.PENDING);
        h.svc("a").makeCall(vc, params(), false);
        h.activate(vc, params());
        h.cmServices().makeCallComplete(Status.SUCCESS, vc, null, null);
        h.assertHandlerError("a", "onMakeCallComplete");
        assertThat(h.describe(vc)).contains("ACTIVE call=CONNECTED");
        h.assertNothingPending();
    }

    @Test
    @DisplayName("G5: a miniport whose onSend throws still owns the packet and may complete it later")
    void shouldKeepSendAfterMiniportException() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.connectOutgoing("a", af);
        h.miniport().throwInside("onSend", new IllegalStateException("dma"));
        Packet p = Packet.wrap(new byte[] {1});
        assertThat(h.svc("a").send(vc, p)).isEqualTo(Status.PENDING);
        h.assertHandlerError("nic", "onSend");
        assertThat(h.snapshot().sendsInFlight()).isEqualTo(1);
        h.miniport().completeAllSends(Status.FAILURE);
        assertThat(p.status()).isEqualTo(Status.FAILURE);
        assertThat(h.snapshot().sendsInFlight()).isZero();
    }

    @Test
    @DisplayName("G5: a handler answering null is a violation and counts as FAILURE")
    void shouldTreatNullAnswerAsFailure() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        h.cm().answer("onCreateVc", null);
        assertThat(h.svc("a").createVc(af).status().code()).isEqualTo(Status.Code.FAILURE);
        h.assertViolation("G5");
        assertThat(h.snapshot().vcs()).isZero();
        h.cm().answer("onCreateVc", Status.SUCCESS);
        h.createVc("a", af);
    }

    @Test
    @DisplayName("Completions with nothing pending (or from another driver) are refused, reported, and change nothing")
    void shouldRefuseUnsolicitedCompletions() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        AfHandle af = h.openAf("a");
        SapHandle sap = h.registerSap("a", af, "nic0:svc");
        VcHandle vc = h.connectOutgoing("a", af);
        String[] rules = {"E1", "E9", "E7", "E3", "E4", "B1", "B2", "A4", "D4", "D6", "E6"};
        h.cmServices().makeCallComplete(Status.SUCCESS, vc, null, null);
        h.cmServices().closeCallComplete(Status.SUCCESS, vc, null);
        h.cmServices().modifyCallQosComplete(Status.SUCCESS, vc, params());
        h.cmServices().addPartyComplete(Status.SUCCESS, new PartyHandle(1234), null);
        h.cmServices().dropPartyComplete(Status.SUCCESS, new PartyHandle(1234));
        h.cmServices().registerSapComplete(Status.SUCCESS, sap);
        h.cmServices().deregisterSapComplete(Status.SUCCESS, sap);
        h.cmServices().closeAddressFamilyComplete(Status.SUCCESS, af);
        h.miniportServices().activateVcComplete(Status.SUCCESS, vc, null);
        h.miniportServices().deactivateVcComplete(Status.SUCCESS, vc);
        h.svc("a").incomingCallComplete(Status.SUCCESS, vc, null);
        for (String rule : rules) {
            assertThat(h.violations()).extracting(CondisTestHarness.Violation::rule).contains(rule);
        }
        assertThat(h.violations()).hasSize(rules.length);
        assertThat(h.events().take()).allMatch(l -> l.startsWith("ndis: violation("));
        // Another call manager cannot complete this CM's pending make-call.
        ScriptableCallManager cm2 = new ScriptableCallManager("cm2", h.events());
        ScriptableMiniport mp2 = new ScriptableMiniport("mcm2", h.events());
        McmServices other = h.ndis().registerMcm("mcm2", mp2, cm2);
        VcHandle vc2 = h.svc("a").createVc(af).value();
        h.cm().answerOnce("onMakeCall", Status.PENDING);
        h.svc("a").makeCall(vc2, params(), false);
        other.makeCallComplete(Status.FAILURE, vc2, null, null);
        assertThat(h.violations()).hasSize(rules.length + 1);
        assertThat(h.snapshot().pendingRequests()).isEqualTo(1);
        assertThat(h.describe(vc)).contains("ACTIVE call=CONNECTED");
        assertThat(h.snapshot().saps()).isEqualTo(1);
        assertThat(h.snapshot().afOpens()).isEqualTo(1);
    }

    @Test
    @DisplayName("Handles are never reused: a deleted VC's handle stays INVALID_HANDLE for every request")
    void shouldKeepStaleHandlesDead() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        VcHandle old = h.createVc("a", af);
        assertThat(h.svc("a").deleteVc(old)).isEqualTo(Status.SUCCESS);
        VcHandle fresh = h.createVc("a", af);
        assertThat(fresh.id()).isGreaterThan(old.id());
        h.events().clear();
        assertThat(h.svc("a").makeCall(old, params(), false).status().code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.svc("a").deleteVc(old).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.svc("a").send(old, Packet.wrap(new byte[1])).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.svc("a").closeCall(old, null, null).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.svc("a").modifyCallQos(old, params()).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.svc("a").addParty(old, params()).status().code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.cmServices().activateVc(old, params()).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.cmServices().deactivateVc(old).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.cmServices().deleteVc(old).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.miniportServices().indicateReceive(old, Packet.wrap(new byte[1]), false).code())
                .isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.ndis().runUntilIdle()).isZero();
        h.events().assertNothing();
        assertThat(h.describe(fresh)).contains("INACTIVE call=IDLE");
        h.assertClean();
    }

    @Test
    @DisplayName("Exactly once: a full life cycle where the CM pends everything yields one completion per request")
    void shouldCompleteEveryPendedRequestExactlyOnce() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        ScriptableCallManager cm = h.cm();
        for (String handler : new String[] {"onOpenAf", "onCloseAf", "onRegisterSap", "onDeregisterSap",
            "onMakeCall", "onCloseCall", "onAddParty", "onDropParty", "onModifyCallQos"}) {
            cm.answer(handler, Status.PENDING);
        }
        h.miniport().answer("onActivateVc", Status.PENDING).answer("onDeactivateVc", Status.PENDING);
        var a = h.svc("a");
        var s = h.cmServices();
        AfHandle af = a.openAddressFamily(h.binding("a"), CondisTestHarness.AF).value();
        s.openAddressFamilyComplete(Status.SUCCESS, af);
        SapHandle sap = a.registerSap(af, Sap.text("nic0:svc")).value();
        s.registerSapComplete(Status.SUCCESS, sap);
        VcHandle vc = a.createVc(af).value();
        PartyHandle p1 = a.makeCall(vc, params(), true).value();
        assertThat(s.activateVc(vc, params())).isEqualTo(Status.PENDING);
        h.miniportServices().activateVcComplete(Status.SUCCESS, vc, null);
        s.makeCallComplete(Status.SUCCESS, vc, p1, null);
        PartyHandle p2 = a.addParty(vc, params()).value();
        s.addPartyComplete(Status.SUCCESS, p2, null);
        assertThat(a.modifyCallQos(vc, params(100))).isEqualTo(Status.PENDING);
        s.modifyCallQosComplete(Status.SUCCESS, vc, params(100));
        assertThat(a.dropParty(p1, null)).isEqualTo(Status.PENDING);
        s.dropPartyComplete(Status.SUCCESS, p1);
        assertThat(a.closeCall(vc, p2, null)).isEqualTo(Status.PENDING);
        assertThat(s.deactivateVc(vc)).isEqualTo(Status.PENDING);
        h.miniportServices().deactivateVcComplete(Status.SUCCESS, vc);
        s.closeCallComplete(Status.SUCCESS, vc, p2);
        assertThat(a.deleteVc(vc)).isEqualTo(Status.SUCCESS);
        assertThat(a.deregisterSap(sap)).isEqualTo(Status.PENDING);
        s.deregisterSapComplete(Status.SUCCESS, sap);
        assertThat(a.closeAddressFamily(af)).isEqualTo(Status.PENDING);
        s.closeAddressFamilyComplete(Status.SUCCESS, af);
        h.ndis().runUntilIdle();
        EventRecorder ev = h.events();
        for (String cb : new String[] {"onOpenAfComplete", "onRegisterSapComplete", "onMakeCallComplete",
            "onAddPartyComplete", "onModifyCallQosComplete", "onDropPartyComplete", "onCloseCallComplete",
            "onDeregisterSapComplete", "onCloseAfComplete"}) {
            assertThat(ev.count(A, cb)).as(cb).isEqualTo(1);
        }
        assertThat(ev.count("cm cm", "onActivateVcComplete")).isEqualTo(1);
        assertThat(ev.count("cm cm", "onDeactivateVcComplete")).isEqualTo(1);
        h.assertClean();
        h.assertQuiescent();
        assertThat(cm.scriptDrained()).isTrue();
    }

    @Test
    @DisplayName("Re-entrant requests: a client opens its AF from inside onAfRegisterNotify")
    void shouldAllowReentrantRequests() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        RecordingClient b = new RecordingClient("b", h.events());
        b.inside("onAfRegisterNotify", () -> assertThat(b.services()).isNull());
        b.attach(h.ndis().registerClient("b", b));
        // Now with services: open from the notify of a new adapter.
        b.inside("onAfRegisterNotify", () -> assertThat(b.services().openAddressFamily(b.binding("hostb"),
                CondisTestHarness.AF).status()).isEqualTo(Status.SUCCESS));
        h.startAdapter("hostb");
        assertThat(h.cm().opens()).hasSize(1);
        assertThat(h.events().linesOf("cm sw")).singleElement().asString().startsWith(SW + ": onOpenAf(");
        h.assertClean();
    }
}
