package io.jcondis.tck;

import io.jcondis.api.AfHandle;
import io.jcondis.api.CallParameters;
import io.jcondis.api.FlowSpec;
import io.jcondis.api.Packet;
import io.jcondis.api.Result;
import io.jcondis.api.SapHandle;
import io.jcondis.api.Status;
import io.jcondis.api.VcHandle;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.jcondis.tck.CondisTestHarness.params;
import static io.jcondis.tck.EventRecorder.format;
import static org.assertj.core.api.Assertions.assertThat;

/** VCs: operations D1..D8 and rules R10..R12, R27, R29, R30, R36 (contract 2.2, 3.3). */
class VcRulesTest {
    private static final String A = "client a";
    private static final String SW = "cm sw";
    private static final String CM = "cm cm";
    private static final String NIC = "miniport nic";

    // ------------------------------------------------------------------------------------------------ D1

    @Test
    @DisplayName("D1: with an MCM a client's createVc runs only the MCM's ProtocolCoCreateVc")
    void shouldCreateClientVcWithMcm() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        Result<VcHandle> r = h.svc("a").createVc(af);
        assertThat(r.status()).isEqualTo(Status.SUCCESS);
        h.events().assertNext(format(SW, "onCreateVc", af, r.value()));
        assertThat(h.describe(r.value())).startsWith(r.value() + " INACTIVE call=IDLE");
    }

    @Test
    @DisplayName("D1: with a stand-alone CM a client's createVc runs the CM's and the miniport's create hooks")
    void shouldCreateClientVcWithStandaloneCmAndMiniport() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        AfHandle af = h.openAf("a");
        Result<VcHandle> r = h.svc("a").createVc(af);
        assertThat(r.status()).isEqualTo(Status.SUCCESS);
        h.events().assertNext(format(CM, "onCreateVc", af, r.value()), format(NIC, "onCreateVc", h.adapter(),
                r.value()));
    }

    @Test
    @DisplayName("D1: a CM refusal creates nothing; a miniport refusal undoes the CM's create and is returned")
    void shouldCreateNothingWhenCreateHookFails() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        AfHandle af = h.openAf("a");
        h.cm().answerOnce("onCreateVc", Status.RESOURCES);
        Result<VcHandle> r = h.svc("a").createVc(af);
        assertThat(r.status().code()).isEqualTo(Status.Code.RESOURCES);
        assertThat(r.value()).isNull();
        VcHandle refused = h.cm().lastVc();
        h.events().assertNext(format(CM, "onCreateVc", af, refused));

        h.miniport().answerOnce("onCreateVc", Status.of(Status.Code.VC_NOT_AVAILABLE));
        r = h.svc("a").createVc(af);
        assertThat(r.status().code()).isEqualTo(Status.Code.VC_NOT_AVAILABLE);
        VcHandle second = h.cm().lastVc();
        h.events().assertNext(format(CM, "onCreateVc", af, second), format(NIC, "onCreateVc", h.adapter(), second),
                format(CM, "onDeleteVc", second));
        assertThat(h.snapshot().vcs()).isZero();
        assertThat(h.svc("a").deleteVc(second).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        h.assertClean();
    }

    @Test
    @DisplayName("D1: createVc on a foreign, unknown or closing AF returns INVALID_HANDLE")
    void shouldRefuseCreateVcOnBadAf() {
        CondisTestHarness h = CondisTestHarness.mcm("a", "b");
        AfHandle af = h.openAf("a");
        assertThat(h.svc("b").createVc(af).status().code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.svc("a").createVc(null).status().code()).isEqualTo(Status.Code.INVALID_HANDLE);
        h.cm().answerOnce("onCloseAf", Status.PENDING);
        assertThat(h.svc("a").closeAddressFamily(af)).isEqualTo(Status.PENDING);
        h.events().clear();
        assertThat(h.svc("a").createVc(af).status().code()).isEqualTo(Status.Code.INVALID_HANDLE);
        h.events().assertNothing();
    }

    // ------------------------------------------------------------------------------------------------ D2/D3

    @Test
    @DisplayName("D2: a stand-alone CM's createVc runs the client's and the miniport's create hooks")
    void shouldCreateCmVcWithStandaloneCm() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        AfHandle af = h.openAf("a");
        Result<VcHandle> r = h.cmServices().createVc(af);
        assertThat(r.status()).isEqualTo(Status.SUCCESS);
        h.events().assertNext(format(A, "onCreateVc", af, r.value()), format(NIC, "onCreateVc", h.adapter(),
                r.value()));
        assertThat(h.client("a").createdForMe()).containsExactly(r.value());

        h.client("a").answerOnce("onCreateVc", Status.RESOURCES);
        Result<VcHandle> r2 = h.cmServices().createVc(af);
        assertThat(r2.status().code()).isEqualTo(Status.Code.RESOURCES);
        assertThat(h.events().take()).singleElement().asString().startsWith(A + ": onCreateVc(" + af + ", ");
        assertThat(h.snapshot().vcs()).isEqualTo(1);
    }

    @Test
    @DisplayName("D3: an MCM's createVc runs only the client's ProtocolCoCreateVc; bad or closing AFs are refused")
    void shouldCreateMcmVc() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        Result<VcHandle> r = h.cmServices().createVc(af);
        assertThat(r.status()).isEqualTo(Status.SUCCESS);
        h.events().assertNext(format(A, "onCreateVc", af, r.value()));
        assertThat(h.cmServices().createVc(null).status().code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.cmServices().createVc(new AfHandle(424242)).status().code()).isEqualTo(Status.Code.INVALID_HANDLE);

        // While the client is closing the AF the CM cannot create VCs on it.
        h.cmServices().deleteVc(r.value());
        h.cm().answerOnce("onCloseAf", Status.PENDING);
        assertThat(h.svc("a").closeAddressFamily(af)).isEqualTo(Status.PENDING);
        h.events().clear();
        assertThat(h.cmServices().createVc(af).status().code()).isEqualTo(Status.Code.FAILURE);
        h.events().assertNothing();
    }

    // ------------------------------------------------------------------------------------------------ R10/R11

    @Test
    @DisplayName("R10: a PENDING from ProtocolCoCreateVc is a violation; the runtime deletes the VC again")
    void shouldDeleteVcWhenCreateHookPends() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        h.cm().answerOnce("onCreateVc", Status.PENDING);
        Result<VcHandle> r = h.svc("a").createVc(af);
        assertThat(r.status().code()).isEqualTo(Status.Code.FAILURE);
        VcHandle vc = h.cm().lastVc();
        h.assertViolation("R10");
        h.events().assertNext(format(SW, "onCreateVc", af, vc), format("ndis", "violation", "sw", "R10"),
                format(SW, "onDeleteVc", vc));

        h.client("a").answerOnce("onCreateVc", Status.PENDING);
        assertThat(h.cmServices().createVc(af).status().code()).isEqualTo(Status.Code.FAILURE);
        h.assertViolation("R10");
        assertThat(h.events().take()).hasSize(3).last().asString().startsWith(A + ": onDeleteVc(");
        assertThat(h.snapshot().vcs()).isZero();
    }

    @Test
    @DisplayName("R10: a miniport whose create pends is refused; a delete hook that pends is treated as SUCCESS")
    void shouldTreatPendingMiniportCreateAndDeleteAsViolations() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        AfHandle af = h.openAf("a");
        h.miniport().answerOnce("onCreateVc", Status.PENDING);
        assertThat(h.svc("a").createVc(af).status().code()).isEqualTo(Status.Code.FAILURE);
        h.assertViolation("R10");
        VcHandle gone = h.cm().lastVc();
        h.events().assertNext(format(CM, "onCreateVc", af, gone), format(NIC, "onCreateVc", h.adapter(), gone),
                format("ndis", "violation", "nic", "R10"), format(CM, "onDeleteVc", gone));

        VcHandle vc = h.createVc("a", af);
        h.cm().answerOnce("onDeleteVc", Status.PENDING);
        assertThat(h.svc("a").deleteVc(vc)).isEqualTo(Status.SUCCESS);
        h.assertViolation("R10");
        h.events().assertNext(format(CM, "onDeleteVc", vc), format("ndis", "violation", "cm", "R10"),
                format(NIC, "onDeleteVc", vc));
        assertThat(h.snapshot().vcs()).isZero();
    }

    /* R11 is advisory for call managers (no call set-up inside ProtocolCoCreateVc). The runtime behaviour it
     * protects against: a VC may be deleted before any make-call arrives. */
    @Test
    @DisplayName("R11: a VC may be created and deleted without any make-call reaching the CM")
    void shouldAllowVcDeletionBeforeAnyMakeCall() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.svc("a").createVc(af).value();
        assertThat(h.svc("a").deleteVc(vc)).isEqualTo(Status.SUCCESS);
        h.events().assertNext(format(CM, "onCreateVc", af, vc), format(NIC, "onCreateVc", h.adapter(), vc),
                format(CM, "onDeleteVc", vc), format(NIC, "onDeleteVc", vc));
        h.closeAf("a", af);
        h.assertQuiescent();
    }

    // ------------------------------------------------------------------------------------------------ D4/D5

    @Test
    @DisplayName("D4: a sync activation calls MiniportCoActivateVc with no completion; a pended one completes once")
    void shouldActivateViaMiniport() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.cmServices().createVc(af).value();
        h.events().clear();
        assertThat(h.cmServices().activateVc(vc, params())).isEqualTo(Status.SUCCESS);
        h.events().assertNext(format(NIC, "onActivateVc", vc, params()));
        assertThat(h.describe(vc)).contains(" ACTIVE ");
        assertThat(h.cmServices().deactivateVc(vc)).isEqualTo(Status.SUCCESS);
        h.events().assertNext(format(NIC, "onDeactivateVc", vc));

        h.miniport().answerOnce("onActivateVc", Status.PENDING);
        assertThat(h.cmServices().activateVc(vc, params())).isEqualTo(Status.PENDING);
        assertThat(h.cmServices().activateVc(vc, params()).code()).isEqualTo(Status.Code.FAILURE);
        assertThat(h.cmServices().deactivateVc(vc).code()).isEqualTo(Status.Code.FAILURE);
        assertThat(h.snapshot().pendingRequests()).isEqualTo(1);
        h.miniportServices().activateVcComplete(Status.SUCCESS, vc, null);
        h.miniportServices().activateVcComplete(Status.SUCCESS, vc, null);
        h.assertViolation("D4");
        h.events().assertNext(format(NIC, "onActivateVc", vc, params()),
                format(CM, "onActivateVcComplete", Status.SUCCESS, vc, params()),
                format("ndis", "violation", "nic", "D4"));
        h.assertNothingPending();
    }

    @Test
    @DisplayName("D4: a failed first activation leaves the VC inactive: no incoming call can be dispatched on it")
    void shouldStayInactiveAfterFailedFirstActivation() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        AfHandle af = h.openAf("a");
        SapHandle sap = h.registerSap("a", af, "nic0:svc");
        VcHandle vc = h.cmServices().createVc(af).value();
        h.miniport().answerOnce("onActivateVc", Status.INVALID_DATA);
        assertThat(h.cmServices().activateVc(vc, params()).code()).isEqualTo(Status.Code.INVALID_DATA);
        assertThat(h.cmServices().dispatchIncomingCall(sap, vc, params()).code())
                .isEqualTo(Status.Code.VC_NOT_ACTIVATED);
        assertThat(h.cmServices().deactivateVc(vc).code()).isEqualTo(Status.Code.NOT_ACCEPTED);
        assertThat(h.cmServices().deleteVc(vc)).isEqualTo(Status.SUCCESS);
        h.assertClean();
    }

    @Test
    @DisplayName("D4: activation: malformed params INVALID_DATA, null INVALID_PARAMETER, bad VC INVALID_HANDLE")
    void shouldRefuseBadActivation() {
        CondisTestHarness h = CondisTestHarness.standalone("a", "b");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.createVc("a", af);
        FlowSpec bad = FlowSpec.guaranteed(-5, 100, 1500);
        CallParameters badParams = params().withQos(bad, bad);
        assertThat(h.cmServices().activateVc(vc, badParams).code()).isEqualTo(Status.Code.INVALID_DATA);
        assertThat(h.cmServices().activateVc(vc, null).code()).isEqualTo(Status.Code.INVALID_PARAMETER);
        assertThat(h.cmServices().activateVc(null, params()).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.cmServices().activateVc(new VcHandle(999_999), params()).code())
                .isEqualTo(Status.Code.INVALID_HANDLE);
        h.events().assertNothing();
        assertThat(h.describe(vc)).contains(" INACTIVE ");
    }

    @Test
    @DisplayName("D5: an MCM activates and deactivates its VCs without any miniport callback (R36)")
    void shouldActivateMcmVcWithoutMiniportCallbacks() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.createVc("a", af);
        assertThat(h.cmServices().activateVc(vc, params())).isEqualTo(Status.SUCCESS);
        assertThat(h.cmServices().activateVc(vc, params(1000))).isEqualTo(Status.SUCCESS);
        assertThat(h.cmServices().deactivateVc(vc)).isEqualTo(Status.SUCCESS);
        assertThat(h.cmServices().deactivateVc(vc).code()).isEqualTo(Status.Code.NOT_ACCEPTED);
        assertThat(h.svc("a").deleteVc(vc)).isEqualTo(Status.SUCCESS);
        h.events().assertNext(format(SW, "onDeleteVc", vc));
        h.closeAf("a", af);
        h.assertQuiescent();
    }

    // ------------------------------------------------------------------------------------------------ D6

    @Test
    @DisplayName("D6: a pended deactivation completes once via onDeactivateVcComplete; inactive VCs get NOT_ACCEPTED")
    void shouldDeactivateViaMiniport() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.cmServices().createVc(af).value();
        h.activate(vc, params());
        h.events().clear();
        h.miniport().answerOnce("onDeactivateVc", Status.PENDING);
        assertThat(h.cmServices().deactivateVc(vc)).isEqualTo(Status.PENDING);
        assertThat(h.cmServices().deactivateVc(vc).code()).isEqualTo(Status.Code.NOT_ACCEPTED);
        // R12: delete while the deactivation is pending is CLOSING.
        assertThat(h.cmServices().deleteVc(vc).code()).isEqualTo(Status.Code.CLOSING);
        assertThat(h.cmServices().activateVc(vc, params()).code()).isEqualTo(Status.Code.CLOSING);
        h.miniportServices().deactivateVcComplete(Status.SUCCESS, vc);
        h.miniportServices().deactivateVcComplete(Status.SUCCESS, vc);
        h.assertViolation("D6");
        h.events().assertNext(format(NIC, "onDeactivateVc", vc), format(CM, "onDeactivateVcComplete",
                Status.SUCCESS, vc), format("ndis", "violation", "nic", "D6"));
        assertThat(h.cmServices().deactivateVc(vc).code()).isEqualTo(Status.Code.NOT_ACCEPTED);
        assertThat(h.cmServices().deleteVc(vc)).isEqualTo(Status.SUCCESS);
        h.events().assertNext(format(A, "onDeleteVc", vc), format(NIC, "onDeleteVc", vc));
    }

    // ------------------------------------------------------------------------------------------------ D7/D8/R12

    @Test
    @DisplayName("D7: the client deletes its VC (CM + miniport delete hooks); the handle is then INVALID_HANDLE")
    void shouldDeleteClientVc() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.createVc("a", af);
        assertThat(h.svc("a").deleteVc(vc)).isEqualTo(Status.SUCCESS);
        h.events().assertNext(format(CM, "onDeleteVc", vc), format(NIC, "onDeleteVc", vc));
        assertThat(h.svc("a").deleteVc(vc).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.svc("a").makeCall(vc, params(), false).status().code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.cmServices().activateVc(vc, params()).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        h.events().assertNothing();
    }

    @Test
    @DisplayName("D7: a peer refusing the delete (NOT_ACCEPTED) keeps the VC")
    void shouldKeepVcWhenPeerRefusesDelete() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.createVc("a", af);
        h.cm().answerOnce("onDeleteVc", Status.NOT_ACCEPTED);
        assertThat(h.svc("a").deleteVc(vc).code()).isEqualTo(Status.Code.NOT_ACCEPTED);
        assertThat(h.snapshot().vcs()).isEqualTo(1);
        assertThat(h.svc("a").deleteVc(vc)).isEqualTo(Status.SUCCESS);
    }

    @Test
    @DisplayName("D8: the MCM deletes its VC (client's ProtocolCoDeleteVc runs); NOT_ACCEPTED while active")
    void shouldDeleteMcmVc() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.cmServices().createVc(af).value();
        h.activate(vc, params());
        h.events().clear();
        assertThat(h.cmServices().deleteVc(vc).code()).isEqualTo(Status.Code.NOT_ACCEPTED);
        assertThat(h.cmServices().deactivateVc(vc)).isEqualTo(Status.SUCCESS);
        assertThat(h.cmServices().deleteVc(vc)).isEqualTo(Status.SUCCESS);
        h.events().assertNext(format(A, "onDeleteVc", vc));
        assertThat(h.cmServices().deleteVc(vc).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        h.closeAf("a", af);
        h.assertQuiescent();
    }

    @Test
    @DisplayName("R12: only the creator deletes: the other side gets NOT_ACCEPTED and nothing changes")
    void shouldRefuseDeleteByNonCreator() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        VcHandle mine = h.createVc("a", af);
        VcHandle theirs = h.cmServices().createVc(af).value();
        h.events().clear();
        assertThat(h.cmServices().deleteVc(mine).code()).isEqualTo(Status.Code.NOT_ACCEPTED);
        assertThat(h.svc("a").deleteVc(theirs).code()).isEqualTo(Status.Code.NOT_ACCEPTED);
        h.events().assertNothing();
        assertThat(h.snapshot().vcs()).isEqualTo(2);
    }

    @Test
    @DisplayName("R12: deleting a VC with an active call returns NOT_ACCEPTED and the call keeps working")
    void shouldRefuseDeleteWithActiveCall() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.connectOutgoing("a", af);
        assertThat(h.svc("a").deleteVc(vc).code()).isEqualTo(Status.Code.NOT_ACCEPTED);
        h.events().assertNothing();
        Packet p = Packet.wrap(new byte[] {1});
        assertThat(h.svc("a").send(vc, p)).isEqualTo(Status.PENDING);
        h.miniport().completeAllSends(Status.SUCCESS);
        assertThat(p.status()).isEqualTo(Status.SUCCESS);
    }

    @Test
    @DisplayName("R12: deleting while the close-call is pending returns CLOSING")
    void shouldRefuseDeleteWhileClosing() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.connectOutgoing("a", af);
        h.cm().answerOnce("onCloseCall", Status.PENDING);
        assertThat(h.svc("a").closeCall(vc, null, null)).isEqualTo(Status.PENDING);
        assertThat(h.svc("a").deleteVc(vc).code()).isEqualTo(Status.Code.CLOSING);
        h.cmServices().deactivateVc(vc);
        assertThat(h.svc("a").deleteVc(vc).code()).isEqualTo(Status.Code.CLOSING);
        h.cmServices().closeCallComplete(Status.SUCCESS, vc, null);
        assertThat(h.svc("a").deleteVc(vc)).isEqualTo(Status.SUCCESS);
        h.closeAf("a", af);
        h.assertQuiescent();
    }

    // ------------------------------------------------------------------------------------------------ R27

    @Test
    @DisplayName("R27: a refused re-activation leaves the VC active with the previous parameters")
    void shouldKeepOldParamsWhenReactivationFails() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.connectOutgoing("a", af);
        h.miniport().answerOnce("onActivateVc", Status.INVALID_DATA);
        assertThat(h.cmServices().activateVc(vc, params(1_000_000)).code()).isEqualTo(Status.Code.INVALID_DATA);
        assertThat(h.describe(vc)).contains(" ACTIVE call=CONNECTED");
        // The parameters in force are the old ones: a QoS-change indication for the new ones is refused (R28),
        // for the old ones accepted.
        h.cmServices().dispatchIncomingCallQosChange(vc, params(1_000_000));
        h.assertViolation("R28");
        h.cmServices().dispatchIncomingCallQosChange(vc, params());
        h.events().assertNext(format(NIC, "onActivateVc", vc, params(1_000_000)), format("ndis", "violation", "cm",
                "R28"), format(A, "onIncomingCallQosChange", vc, params()));
        // Data still flows.
        assertThat(h.miniportServices().indicateReceive(vc, Packet.wrap(new byte[2]), false))
                .isEqualTo(Status.SUCCESS);

        // Same for a pended re-activation completed with a failure.
        h.miniport().answerOnce("onActivateVc", Status.PENDING);
        assertThat(h.cmServices().activateVc(vc, params(2_000_000))).isEqualTo(Status.PENDING);
        h.miniportServices().activateVcComplete(Status.CELLRATE_NOT_AVAILABLE, vc, null);
        assertThat(h.describe(vc)).contains(" ACTIVE call=CONNECTED");
        h.events().clear();
        h.cmServices().dispatchIncomingCallQosChange(vc, params());
        h.events().assertNext(format(A, "onIncomingCallQosChange", vc, params()));
        h.assertClean();
    }

    // ------------------------------------------------------------------------------------------------ R29

    @Test
    @DisplayName("R29 (MCM): deactivation waits for in-flight sends and lent receives, then completes once")
    void shouldDrainBeforeDeactivatingMcmVc() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.connectOutgoing("a", af);
        h.client("a").keepReceives(true);
        Packet out = Packet.wrap(new byte[] {1});
        Packet in = Packet.wrap(new byte[] {2, 2});
        h.svc("a").send(vc, out);
        h.miniportServices().indicateReceive(vc, in, false);
        h.events().clear();
        assertThat(h.cmServices().deactivateVc(vc)).isEqualTo(Status.PENDING);
        // No new data in either direction while deactivating.
        assertThat(h.miniportServices().indicateReceive(vc, Packet.wrap(new byte[1]), false).code())
                .isEqualTo(Status.Code.CLOSING);
        assertThat(h.cmServices().deactivateVc(vc).code()).isEqualTo(Status.Code.NOT_ACCEPTED);
        h.miniport().completeAllSends(Status.SUCCESS);
        h.events().assertNext(format(A, "onSendComplete", vc, "packet(1, SUCCESS)"));
        h.client("a").returnAllKept();
        h.events().assertNext(format("miniport sw", "onReturnPacket", vc, "packet(2, PENDING)"),
                format(SW, "onDeactivateVcComplete", Status.SUCCESS, vc));
        assertThat(h.miniportServices().indicateReceive(vc, Packet.wrap(new byte[1]), false).code())
                .isEqualTo(Status.Code.VC_NOT_ACTIVATED);
        assertThat(h.cmServices().deactivateVc(vc).code()).isEqualTo(Status.Code.NOT_ACCEPTED);
        h.assertNothingPending();
    }

    @Test
    @DisplayName("R29 (stand-alone): MiniportCoDeactivateVc is called only after the sends drained")
    void shouldDrainBeforeDeactivatingMiniportVc() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.connectOutgoing("a", af);
        Packet out = Packet.wrap(new byte[] {1});
        h.svc("a").send(vc, out);
        h.events().clear();
        assertThat(h.cmServices().deactivateVc(vc)).isEqualTo(Status.PENDING);
        h.events().assertNothing();
        Packet late = Packet.wrap(new byte[] {9});
        assertThat(h.svc("a").send(vc, late)).isEqualTo(Status.PENDING);
        h.ndis().runUntilIdle();
        assertThat(late.status().code()).isEqualTo(Status.Code.CLOSING);
        h.events().clear();

        h.miniport().answerOnce("onDeactivateVc", Status.PENDING);
        h.miniport().completeAllSends(Status.SUCCESS);
        h.events().assertNext(format(A, "onSendComplete", vc, "packet(1, SUCCESS)"), format(NIC, "onDeactivateVc",
                vc));
        h.miniportServices().deactivateVcComplete(Status.SUCCESS, vc);
        h.events().assertNext(format(CM, "onDeactivateVcComplete", Status.SUCCESS, vc));
        h.assertNothingPending();
        h.assertClean();
    }

    // ------------------------------------------------------------------------------------------------ R30

    /* R30 is the CM's duty (re-examine rounded flows); the runtime passes the miniport's rewritten parameters
     * to onActivateVcComplete and puts them in force. */
    @Test
    @DisplayName("R30: with ROUND_UP_FLOW the miniport's rounded parameters reach the CM and are in force")
    void shouldDeliverRoundedFlowsToCm() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.connectOutgoing("a", af);
        CallParameters asked = params(1000);
        asked = new CallParameters(asked.flags(), asked.transmit(), asked.receive(), asked.callMgrSpecific(),
                asked.mediaFlags() | CallParameters.ROUND_UP_FLOW, 0, null);
        CallParameters rounded = asked.withQos(FlowSpec.guaranteed(1024, 1024, 1500),
                FlowSpec.guaranteed(1024, 1024, 1500));
        h.miniport().answerOnce("onActivateVc", Status.PENDING);
        assertThat(h.cmServices().activateVc(vc, asked)).isEqualTo(Status.PENDING);
        h.miniportServices().activateVcComplete(Status.SUCCESS, vc, rounded);
        assertThat(h.cm().lastParams()).isEqualTo(rounded);
        h.events().clear();
        h.cmServices().dispatchIncomingCallQosChange(vc, rounded);
        h.events().assertNext(format(A, "onIncomingCallQosChange", vc, rounded));
        h.assertClean();
    }

    // ------------------------------------------------------------------------------------------------ R36

    @Test
    @DisplayName("R36: an MCM's VCs never reach its miniport half's create/activate/deactivate/delete hooks")
    void shouldKeepMcmVcsOutOfMiniportHooks() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.svc("a").createVc(af).value();
        h.cm().answerOnce("onMakeCall", Status.PENDING);
        h.svc("a").makeCall(vc, params(), false);
        h.cmServices().activateVc(vc, params());
        h.cmServices().makeCallComplete(Status.SUCCESS, vc, null, null);
        h.svc("a").send(vc, Packet.wrap(new byte[] {1}));
        assertThat(h.cmServices().activateVc(vc, params(1000))).isEqualTo(Status.SUCCESS);
        h.miniport().completeAllSends(Status.SUCCESS);
        VcHandle in = h.cmServices().createVc(af).value();
        h.cmServices().activateVc(in, params());
        h.cmServices().deactivateVc(in);
        h.cmServices().deleteVc(in);
        h.cm().answerOnce("onCloseCall", Status.PENDING);
        h.svc("a").closeCall(vc, null, null);
        h.cmServices().deactivateVc(vc);
        h.cmServices().closeCallComplete(Status.SUCCESS, vc, null);
        h.svc("a").deleteVc(vc);
        h.assertClean();
        // Only the data path reaches the miniport half (signaling VCs never appear in the runtime either).
        assertThat(h.events().linesOf("miniport sw")).containsExactly(format("miniport sw", "onSend", vc,
                "packet(1, PENDING)"));
        h.closeAf("a", af);
        h.assertQuiescent();
    }
}
