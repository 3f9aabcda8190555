package io.jcondis.tck;

import io.jcondis.api.AfHandle;
import io.jcondis.api.CallParameters;
import io.jcondis.api.FlowSpec;
import io.jcondis.api.Packet;
import io.jcondis.api.PartyHandle;
import io.jcondis.api.Result;
import io.jcondis.api.SapHandle;
import io.jcondis.api.Status;
import io.jcondis.api.VcHandle;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.jcondis.tck.CondisTestHarness.params;
import static io.jcondis.tck.EventRecorder.format;
import static org.assertj.core.api.Assertions.assertThat;

/** Calls: operations E1, E6..E10 and rules R13..R21, R24..R26, R28, R37 (contract 2.3, 3.4). */
class CallRulesTest {
    private static final String A = "client a";
    private static final String SW = "cm sw";
    private static final String CM = "cm cm";
    private static final Status REJECT = Status.of(Status.Code.TAPI_DISCONNECTMODE_REJECT);

    // ------------------------------------------------------------------------------------------------ E1

    @Test
    @DisplayName("E1: a make-call answered SUCCESS (after activation) returns SUCCESS with no completion callback")
    void shouldConnectSynchronously() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.createVc("a", af);
        h.cm().autoActivate(true);
        Result<PartyHandle> r = h.svc("a").makeCall(vc, params(), false);
        assertThat(r.status()).isEqualTo(Status.SUCCESS);
        assertThat(r.value()).isNull();
        h.events().assertNext(format(SW, "onMakeCall", vc, params(), null));
        assertThat(h.describe(vc)).contains("ACTIVE call=CONNECTED");
        // E9 synchronous: the CM deactivates inside onCloseCall and answers SUCCESS.
        assertThat(h.svc("a").closeCall(vc, null, null)).isEqualTo(Status.SUCCESS);
        h.events().assertNext(format(SW, "onCloseCall", vc, null, "[0 bytes]"));
        assertThat(h.describe(vc)).contains("INACTIVE call=IDLE");
        h.assertClean();
    }

    @Test
    @DisplayName("E1: a pended make-call completes exactly once; a second completion is a violation")
    void shouldCompletePendedMakeCallOnce() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.createVc("a", af);
        h.cm().answerOnce("onMakeCall", Status.PENDING);
        assertThat(h.svc("a").makeCall(vc, params(), false).status()).isEqualTo(Status.PENDING);
        assertThat(h.snapshot().pendingRequests()).isEqualTo(1);
        h.activate(vc, params());
        h.cmServices().makeCallComplete(Status.SUCCESS, vc, null, null);
        h.cmServices().makeCallComplete(Status.SUCCESS, vc, null, null);
        h.assertViolation("E1");
        h.events().assertNext(format(CM, "onMakeCall", vc, params(), null),
                format("miniport nic", "onActivateVc", vc, params()),
                format(A, "onMakeCallComplete", Status.SUCCESS, vc, null, params()),
                format("ndis", "violation", "cm", "E1"));
        h.assertNothingPending();
        h.closeCall("a", vc, null, true);
        h.closeAf("a", af);
        h.assertQuiescent();
    }

    @Test
    @DisplayName("E1: a refused make-call leaves the VC idle and reusable; bad requests are refused up front")
    void shouldRefuseBadMakeCalls() {
        CondisTestHarness h = CondisTestHarness.mcm("a", "b");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.createVc("a", af);
        h.cm().answerOnce("onMakeCall", Status.NOT_SUPPORTED);
        Result<PartyHandle> r = h.svc("a").makeCall(vc, params(), false);
        assertThat(r.status().code()).isEqualTo(Status.Code.NOT_SUPPORTED);
        h.events().assertNext(format(SW, "onMakeCall", vc, params(), null));
        assertThat(h.describe(vc)).contains("INACTIVE call=IDLE");

        FlowSpec bad = new FlowSpec(1, 1, 1, 1, 1, 0x77, 1, 1);
        assertThat(h.svc("a").makeCall(vc, params().withQos(bad, bad), false).status().code())
                .isEqualTo(Status.Code.INVALID_DATA);
        assertThat(h.svc("a").makeCall(vc, null, false).status().code()).isEqualTo(Status.Code.INVALID_PARAMETER);
        assertThat(h.svc("b").makeCall(vc, params(), false).status().code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.svc("a").makeCall(null, params(), false).status().code()).isEqualTo(Status.Code.INVALID_HANDLE);
        VcHandle cmVc = h.cmServices().createVc(af).value();
        h.events().clear();
        assertThat(h.svc("a").makeCall(cmVc, params(), false).status().code()).isEqualTo(Status.Code.FAILURE);
        h.events().assertNothing();

        // Reuse after the refusal works, and a second make-call on a busy VC is CALL_ACTIVE.
        h.cm().answerOnce("onMakeCall", Status.PENDING);
        assertThat(h.svc("a").makeCall(vc, params(), false).status()).isEqualTo(Status.PENDING);
        assertThat(h.svc("a").makeCall(vc, params(), false).status().code()).isEqualTo(Status.Code.CALL_ACTIVE);
        h.assertClean();
    }

    // ------------------------------------------------------------------------------------------------ R13

    @Test
    @DisplayName("R13: make-call SUCCESS before the VC is active is a violation and the client gets FAILURE")
    void shouldRefuseMakeCallSuccessBeforeActivation() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.createVc("a", af);
        // Synchronous answer.
        Result<PartyHandle> r = h.svc("a").makeCall(vc, params(), false);
        assertThat(r.status().code()).isEqualTo(Status.Code.FAILURE);
        h.assertViolation("R13");
        h.events().assertNext(format(SW, "onMakeCall", vc, params(), null), format("ndis", "violation", "sw", "R13"));
        assertThat(h.describe(vc)).contains("call=IDLE");

        // Asynchronous completion.
        h.cm().answerOnce("onMakeCall", Status.PENDING);
        h.svc("a").makeCall(vc, params(), false);
        h.events().clear();
        // No data before the completion, even on an activated VC.
        h.activate(vc, params());
        Packet early = Packet.wrap(new byte[] {1});
        assertThat(h.svc("a").send(vc, early)).isEqualTo(Status.PENDING);
        h.ndis().runUntilIdle();
        assertThat(early.status().code()).isEqualTo(Status.Code.VC_NOT_ACTIVATED);
        assertThat(h.cmServices().deactivateVc(vc)).isEqualTo(Status.SUCCESS);
        h.events().clear();
        h.cmServices().makeCallComplete(Status.SUCCESS, vc, null, null);
        h.assertViolation("R13");
        h.events().assertNext(format("ndis", "violation", "sw", "R13"),
                format(A, "onMakeCallComplete", Status.FAILURE, vc, null, params()));
        h.assertNothingPending();
        assertThat(h.svc("a").deleteVc(vc)).isEqualTo(Status.SUCCESS);
    }

    // ------------------------------------------------------------------------------------------------ R14

    @Test
    @DisplayName("R14: a pended make-call blocks deletion until the CM completes it (also with failure)")
    void shouldHoldVcUntilMakeCallCompleted() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.createVc("a", af);
        h.cm().answerOnce("onMakeCall", Status.PENDING);
        Result<PartyHandle> r = h.svc("a").makeCall(vc, params(), true);
        PartyHandle party = r.value();
        assertThat(party).isNotNull();
        assertThat(h.svc("a").deleteVc(vc).code()).isEqualTo(Status.Code.NOT_ACCEPTED);
        assertThat(h.snapshot().pendingRequests()).isEqualTo(1);
        h.events().clear();
        h.cmServices().makeCallComplete(Status.RESOURCES, vc, party, null);
        h.events().assertNext(format(A, "onMakeCallComplete", Status.RESOURCES, vc, null, params()));
        // The party handle is invalid after a failed make-call.
        assertThat(h.svc("a").dropParty(party, null).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.snapshot().parties()).isZero();
        assertThat(h.svc("a").deleteVc(vc)).isEqualTo(Status.SUCCESS);
        h.events().assertNext(format(SW, "onDeleteVc", vc));
        h.closeAf("a", af);
        h.assertQuiescent();
    }

    // ------------------------------------------------------------------------------------------------ R15/R16

    @Test
    @DisplayName("R15: parameters rewritten by the CM reach the client with CALL_PARAMETERS_CHANGED")
    void shouldDeliverChangedParameters() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.createVc("a", af);
        h.cm().answerOnce("onMakeCall", Status.PENDING);
        h.svc("a").makeCall(vc, params(), false);
        CallParameters changed = params(64_000).withFlags(CallParameters.CALL_PARAMETERS_CHANGED);
        h.activate(vc, changed);
        h.events().clear();
        h.cmServices().makeCallComplete(Status.SUCCESS, vc, null, changed);
        h.events().assertNext(format(A, "onMakeCallComplete", Status.SUCCESS, vc, null, changed));
        assertThat(h.client("a").lastParams()).isEqualTo(changed);
        assertThat(h.client("a").lastParams().has(CallParameters.CALL_PARAMETERS_CHANGED)).isTrue();
    }

    /* R16 is advisory for clients (free resources only in the close completion). The runtime side: a client
     * may close the call from inside onMakeCallComplete and the close then completes normally. */
    @Test
    @DisplayName("R16: a client that dislikes the parameters may close the call inside onMakeCallComplete")
    void shouldAllowCloseInsideMakeCallComplete() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.createVc("a", af);
        RecordingClient a = h.client("a");
        h.cm().answerOnce("onMakeCall", Status.PENDING).answerOnce("onCloseCall", Status.PENDING);
        a.inside("onMakeCallComplete", () -> assertThat(a.services().closeCall(vc, null, null))
                .isEqualTo(Status.PENDING));
        h.svc("a").makeCall(vc, params(), false);
        h.activate(vc, params());
        CallParameters changed = params(1).withFlags(CallParameters.CALL_PARAMETERS_CHANGED);
        h.cmServices().makeCallComplete(Status.SUCCESS, vc, null, changed);
        h.cmServices().deactivateVc(vc);
        h.cmServices().closeCallComplete(Status.SUCCESS, vc, null);
        h.events().assertNext(format(SW, "onMakeCall", vc, params(), null),
                format(A, "onMakeCallComplete", Status.SUCCESS, vc, null, changed),
                format(SW, "onCloseCall", vc, null, "[0 bytes]"),
                format(A, "onCloseCallComplete", Status.SUCCESS, vc, null));
        assertThat(a.services().deleteVc(vc)).isEqualTo(Status.SUCCESS);
        h.assertClean();
    }

    // ------------------------------------------------------------------------------------------------ E6

    @Test
    @DisplayName("E6: an incoming call accepted synchronously: onCreateVc, onIncomingCall, onCallConnected")
    void shouldAcceptIncomingCallSynchronously() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        AfHandle af = h.openAf("a");
        SapHandle sap = h.registerSap("a", af, "nic0:svc");
        VcHandle vc = h.cmServices().createVc(af).value();
        h.activate(vc, params());
        assertThat(h.cmServices().dispatchIncomingCall(sap, vc, params())).isEqualTo(Status.SUCCESS);
        h.cmServices().dispatchCallConnected(vc);
        h.events().assertNext(format(A, "onCreateVc", af, vc), format("miniport nic", "onCreateVc", h.adapter(), vc),
                format("miniport nic", "onActivateVc", vc, params()), format(A, "onIncomingCall", sap, vc, params()),
                format(A, "onCallConnected", vc));
        assertThat(h.describe(vc)).contains("ACTIVE call=CONNECTED");
        h.closeCall("a", vc, null, false);
        h.deregisterSap("a", sap);
        h.closeAf("a", af);
        h.assertQuiescent();
    }

    @Test
    @DisplayName("E6: a pended incoming call: incomingCallComplete reaches the CM once; then call-connected")
    void shouldCompletePendedIncomingCallOnce() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        SapHandle sap = h.registerSap("a", af, "hosta:svc");
        h.client("a").answerOnce("onIncomingCall", Status.PENDING);
        VcHandle vc = h.cmServices().createVc(af).value();
        h.activate(vc, params());
        assertThat(h.cmServices().dispatchIncomingCall(sap, vc, params())).isEqualTo(Status.PENDING);
        assertThat(h.snapshot().pendingRequests()).isEqualTo(1);
        h.svc("a").incomingCallComplete(Status.SUCCESS, vc, null);
        h.svc("a").incomingCallComplete(Status.SUCCESS, vc, null);
        h.assertViolation("E6");
        h.cmServices().dispatchCallConnected(vc);
        h.events().assertNext(format(A, "onCreateVc", af, vc), format(A, "onIncomingCall", sap, vc, params()),
                format(SW, "onIncomingCallComplete", Status.SUCCESS, vc, params()),
                format("ndis", "violation", "a", "E6"), format(A, "onCallConnected", vc));
        h.assertNothingPending();
    }

    @Test
    @DisplayName("E6: dispatch needs an active CM-created idle VC and a live SAP of this CM")
    void shouldRefuseBadIncomingDispatch() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        SapHandle sap = h.registerSap("a", af, "hosta:svc");
        VcHandle inactive = h.cmServices().createVc(af).value();
        VcHandle clientVc = h.createVc("a", af);
        h.events().clear();
        assertThat(h.cmServices().dispatchIncomingCall(sap, inactive, params()).code())
                .isEqualTo(Status.Code.VC_NOT_ACTIVATED);
        h.activate(clientVc, params());
        assertThat(h.cmServices().dispatchIncomingCall(sap, clientVc, params()).code())
                .isEqualTo(Status.Code.FAILURE);
        assertThat(h.cmServices().dispatchIncomingCall(null, inactive, params()).code())
                .isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.cmServices().dispatchIncomingCall(sap, null, params()).code())
                .isEqualTo(Status.Code.INVALID_HANDLE);
        h.activate(inactive, params());
        assertThat(h.cmServices().dispatchIncomingCall(sap, inactive, null).code())
                .isEqualTo(Status.Code.INVALID_PARAMETER);
        assertThat(h.cmServices().dispatchIncomingCall(sap, inactive, params())).isEqualTo(Status.SUCCESS);
        assertThat(h.cmServices().dispatchIncomingCall(sap, inactive, params()).code())
                .isEqualTo(Status.Code.FAILURE);
        h.events().assertNext(format(A, "onIncomingCall", sap, inactive, params()));
        h.assertClean();
    }

    @Test
    @DisplayName("E6/R34: a client may complete the incoming call inside onIncomingCall before returning PENDING")
    void shouldAcceptIncomingCompletionInsideHandler() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        SapHandle sap = h.registerSap("a", af, "hosta:svc");
        VcHandle vc = h.cmServices().createVc(af).value();
        h.activate(vc, params());
        RecordingClient a = h.client("a");
        a.answerOnce("onIncomingCall", Status.PENDING);
        a.inside("onIncomingCall", () -> a.services().incomingCallComplete(Status.SUCCESS, vc, null));
        h.events().clear();
        assertThat(h.cmServices().dispatchIncomingCall(sap, vc, params())).isEqualTo(Status.PENDING);
        h.cmServices().dispatchCallConnected(vc);
        h.events().assertNext(format(A, "onIncomingCall", sap, vc, params()),
                format(SW, "onIncomingCallComplete", Status.SUCCESS, vc, params()), format(A, "onCallConnected", vc));
        h.assertNothingPending();
        h.assertClean();
    }

    // ------------------------------------------------------------------------------------------------ R17

    @Test
    @DisplayName("R17: a rejected incoming call: the CM deactivates and deletes the VC; the client's handle is dead")
    void shouldTearDownRejectedIncomingCall() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        SapHandle sap = h.registerSap("a", af, "hosta:svc");
        VcHandle vc = h.cmServices().createVc(af).value();
        h.activate(vc, params());
        h.client("a").answerOnce("onIncomingCall", Status.PENDING);
        h.cmServices().dispatchIncomingCall(sap, vc, params());
        h.events().clear();
        h.svc("a").incomingCallComplete(REJECT, vc, null);
        h.events().assertNext(format(SW, "onIncomingCallComplete", REJECT, vc, params()));
        assertThat(h.svc("a").send(vc, Packet.wrap(new byte[1])).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.svc("a").closeCall(vc, null, null).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.cmServices().deactivateVc(vc)).isEqualTo(Status.SUCCESS);
        assertThat(h.cmServices().deleteVc(vc)).isEqualTo(Status.SUCCESS);
        h.events().assertNext(format(A, "onDeleteVc", vc));

        // Synchronous reject: the dispatch returns the client's reason.
        VcHandle vc2 = h.cmServices().createVc(af).value();
        h.activate(vc2, params());
        h.client("a").answerOnce("onIncomingCall", Status.NOT_SUPPORTED);
        assertThat(h.cmServices().dispatchIncomingCall(sap, vc2, params()).code())
                .isEqualTo(Status.Code.NOT_SUPPORTED);
        h.cmServices().deactivateVc(vc2);
        assertThat(h.cmServices().deleteVc(vc2)).isEqualTo(Status.SUCCESS);
        h.deregisterSap("a", sap);
        h.closeAf("a", af);
        h.assertQuiescent();
    }

    // ------------------------------------------------------------------------------------------------ R18

    @Test
    @DisplayName("R18: accepted but torn down remotely: incoming close instead of call-connected")
    void shouldCloseAcceptedCallWithoutConnecting() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        SapHandle sap = h.registerSap("a", af, "hosta:svc");
        VcHandle vc = h.cmServices().createVc(af).value();
        h.activate(vc, params());
        assertThat(h.cmServices().dispatchIncomingCall(sap, vc, params())).isEqualTo(Status.SUCCESS);
        h.events().clear();
        h.cmServices().dispatchIncomingCloseCall(Status.FAILURE, vc, null);
        h.cmServices().dispatchCallConnected(vc);
        h.assertViolation("R18");
        h.events().assertNext(format(A, "onIncomingCloseCall", Status.FAILURE, vc, "[0 bytes]"),
                format("ndis", "violation", "sw", "R18"));
        h.closeCall("a", vc, null, false);
        h.deregisterSap("a", sap);
        h.closeAf("a", af);
        h.assertQuiescent();
    }

    // ------------------------------------------------------------------------------------------------ R19

    @Test
    @DisplayName("R19: while an incoming call is pending the client may modify QoS (repeatedly) before answering")
    void shouldAllowQosChangeWhileIncomingCallPending() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        SapHandle sap = h.registerSap("a", af, "hosta:svc");
        VcHandle vc = h.cmServices().createVc(af).value();
        h.activate(vc, params());
        h.client("a").answerOnce("onIncomingCall", Status.PENDING);
        h.cmServices().dispatchIncomingCall(sap, vc, params());
        h.events().clear();
        assertThat(h.svc("a").modifyCallQos(vc, params(1000))).isEqualTo(Status.SUCCESS);
        assertThat(h.svc("a").modifyCallQos(vc, params(2000))).isEqualTo(Status.SUCCESS);
        h.svc("a").incomingCallComplete(Status.SUCCESS, vc, null);
        h.events().assertNext(format(SW, "onModifyCallQos", vc, params(1000)),
                format(SW, "onModifyCallQos", vc, params(2000)),
                format(SW, "onIncomingCallComplete", Status.SUCCESS, vc, params(2000)));
        assertThat(h.cm().lastParams()).isEqualTo(params(2000));
        // Not once the offer was answered and before call-connected.
        assertThat(h.svc("a").modifyCallQos(vc, params(3000)).code()).isEqualTo(Status.Code.FAILURE);
        h.assertClean();
    }

    // ------------------------------------------------------------------------------------------------ E7/R27

    @Test
    @DisplayName("E7: a pended QoS change completes once; a second one while pending and one on an idle VC fail")
    void shouldModifyQosOnConnectedCall() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.connectOutgoing("a", af);
        VcHandle idle = h.createVc("a", af);
        assertThat(h.svc("a").modifyCallQos(vc, null).code()).isEqualTo(Status.Code.INVALID_PARAMETER);
        h.cm().answerOnce("onModifyCallQos", Status.PENDING);
        assertThat(h.svc("a").modifyCallQos(vc, params(5000))).isEqualTo(Status.PENDING);
        assertThat(h.svc("a").modifyCallQos(vc, params(6000)).code()).isEqualTo(Status.Code.FAILURE);
        assertThat(h.svc("a").modifyCallQos(idle, params(6000)).code()).isEqualTo(Status.Code.FAILURE);
        h.activate(vc, params(5000));
        h.cmServices().modifyCallQosComplete(Status.SUCCESS, vc, params(5000));
        h.cmServices().modifyCallQosComplete(Status.SUCCESS, vc, params(5000));
        h.assertViolation("E7");
        h.events().assertNext(format(SW, "onModifyCallQos", vc, params(5000)),
                format(A, "onModifyCallQosComplete", Status.SUCCESS, vc, params(5000)),
                format("ndis", "violation", "sw", "E7"));
        h.assertNothingPending();
    }

    @Test
    @DisplayName("E7: a QoS change completed SUCCESS without parameters puts the requested ones in force")
    void shouldApplyRequestedQosWhenCompletionCarriesNone() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.connectOutgoing("a", af);
        h.cm().answerOnce("onModifyCallQos", Status.PENDING);
        assertThat(h.svc("a").modifyCallQos(vc, params(7000))).isEqualTo(Status.PENDING);
        h.cmServices().modifyCallQosComplete(Status.SUCCESS, vc, null);
        h.events().assertNext(format(SW, "onModifyCallQos", vc, params(7000)),
                format(A, "onModifyCallQosComplete", Status.SUCCESS, vc, params(7000)));
        h.assertNothingPending();
    }

    @Test
    @DisplayName("R27: a refused client QoS change returns FAILURE and the previous parameters stay in force")
    void shouldRestoreParamsWhenQosChangeRefused() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.connectOutgoing("a", af);
        h.cm().answerOnce("onModifyCallQos", Status.FAILURE);
        assertThat(h.svc("a").modifyCallQos(vc, params(9000)).code()).isEqualTo(Status.Code.FAILURE);
        h.cm().answerOnce("onModifyCallQos", Status.PENDING);
        assertThat(h.svc("a").modifyCallQos(vc, params(9000))).isEqualTo(Status.PENDING);
        h.cmServices().modifyCallQosComplete(Status.FAILURE, vc, null);
        h.events().assertNext(format(SW, "onModifyCallQos", vc, params(9000)),
                format(SW, "onModifyCallQos", vc, params(9000)),
                format(A, "onModifyCallQosComplete", Status.FAILURE, vc, params()));
        assertThat(h.client("a").lastParams()).isEqualTo(params());
        assertThat(h.describe(vc)).contains("ACTIVE call=CONNECTED");
    }

    // ------------------------------------------------------------------------------------------------ E8/R28

    @Test
    @DisplayName("R28/E8: a remote QoS change is indicated only after re-activation with the new parameters")
    void shouldRequireReactivationBeforeRemoteQosChange() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.connectOutgoing("a", af);
        h.cmServices().dispatchIncomingCallQosChange(vc, params(7000));
        h.assertViolation("R28");
        h.activate(vc, params(7000));
        h.cmServices().dispatchIncomingCallQosChange(vc, params(7000));
        h.events().assertNext(format("ndis", "violation", "cm", "R28"),
                format("miniport nic", "onActivateVc", vc, params(7000)),
                format(A, "onIncomingCallQosChange", vc, params(7000)));
        VcHandle idle = h.createVc("a", af);
        h.cmServices().dispatchIncomingCallQosChange(idle, params(7000));
        h.assertViolation("E8");
    }

    // ------------------------------------------------------------------------------------------------ E9

    @Test
    @DisplayName("E9: close-call is refused without a call, twice, or with a party on a point-to-point call")
    void shouldRefuseBadCloseCalls() {
        CondisTestHarness h = CondisTestHarness.mcm("a", "b");
        AfHandle af = h.openAf("a");
        VcHandle idle = h.createVc("a", af);
        VcHandle vc = h.connectOutgoing("a", af);
        assertThat(h.svc("a").closeCall(idle, null, null).code()).isEqualTo(Status.Code.FAILURE);
        assertThat(h.svc("b").closeCall(vc, null, null).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.svc("a").closeCall(vc, new PartyHandle(31337), null).code())
                .isEqualTo(Status.Code.INVALID_HANDLE);
        h.events().assertNothing();
        h.cm().answerOnce("onCloseCall", Status.PENDING);
        assertThat(h.svc("a").closeCall(vc, null, new byte[] {1, 2})).isEqualTo(Status.PENDING);
        assertThat(h.cm().lastCloseData()).containsExactly(1, 2);
        assertThat(h.svc("a").closeCall(vc, null, null).code()).isEqualTo(Status.Code.CLOSING);
        h.events().assertNext(format(SW, "onCloseCall", vc, null, "[2 bytes]"));
        h.assertClean();
    }

    @Test
    @DisplayName("E9: a close completed with failure leaves the call connected and usable")
    void shouldKeepCallWhenCloseFails() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.connectOutgoing("a", af);
        h.cm().answerOnce("onCloseCall", Status.PENDING);
        h.svc("a").closeCall(vc, null, null);
        h.cmServices().closeCallComplete(Status.FAILURE, vc, null);
        h.events().assertNext(format(SW, "onCloseCall", vc, null, "[0 bytes]"),
                format(A, "onCloseCallComplete", Status.FAILURE, vc, null));
        assertThat(h.describe(vc)).contains("ACTIVE call=CONNECTED");
        h.closeCall("a", vc, null, true);
        h.closeAf("a", af);
        h.assertQuiescent();
    }

    // ------------------------------------------------------------------------------------------------ E10/R20

    @Test
    @DisplayName("E10/R20: remote close with SUCCESS on a client VC: the client closes and may reuse the VC")
    void shouldReuseClientVcAfterRemoteClose() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.connectOutgoing("a", af);
        RecordingClient a = h.client("a");
        h.cm().answerOnce("onCloseCall", Status.PENDING);
        a.inside("onIncomingCloseCall", () -> assertThat(a.services().closeCall(vc, null, null))
                .isEqualTo(Status.PENDING));
        h.cmServices().dispatchIncomingCloseCall(Status.SUCCESS, vc, new byte[] {1, 2, 3});
        h.cmServices().deactivateVc(vc);
        h.cmServices().closeCallComplete(Status.SUCCESS, vc, null);
        h.events().assertNext(format(A, "onIncomingCloseCall", Status.SUCCESS, vc, "[3 bytes]"),
                format(SW, "onCloseCall", vc, null, "[0 bytes]"),
                format(A, "onCloseCallComplete", Status.SUCCESS, vc, null));
        // Reuse (R24: allowed once the close completed and the VC is inactive).
        h.cm().answerOnce("onMakeCall", Status.PENDING);
        assertThat(a.services().makeCall(vc, params(), false).status()).isEqualTo(Status.PENDING);
        h.activate(vc, params());
        h.cmServices().makeCallComplete(Status.SUCCESS, vc, null, null);
        assertThat(h.describe(vc)).contains("ACTIVE call=CONNECTED");
        h.assertClean();
    }

    @Test
    @DisplayName("E10/R20: remote close with an error on a client VC: the client closes, then must delete the VC")
    void shouldDeleteClientVcAfterFailedRemoteClose() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.connectOutgoing("a", af);
        h.cmServices().dispatchIncomingCloseCall(Status.of(Status.Code.DEST_OUT_OF_ORDER), vc, null);
        // No more data on a remotely closing call.
        Packet p = Packet.wrap(new byte[1]);
        assertThat(h.svc("a").send(vc, p)).isEqualTo(Status.PENDING);
        assertThat(h.miniportServices().indicateReceive(vc, Packet.wrap(new byte[1]), false).code())
                .isEqualTo(Status.Code.VC_NOT_ACTIVATED);
        h.ndis().runUntilIdle();
        assertThat(p.status().code()).isEqualTo(Status.Code.CLOSING);
        h.events().clear();
        h.closeCall("a", vc, null, true);
        h.closeAf("a", af);
        h.assertQuiescent();
    }

    @Test
    @DisplayName("R20: after the close of a CM-created VC the client may not use it; the CM may offer a new call on it")
    void shouldDetachCmVcFromClientAfterClose() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        SapHandle sap = h.registerSap("a", af, "hosta:svc");
        VcHandle vc = h.connectIncoming(af, sap);
        h.cm().answerOnce("onCloseCall", Status.PENDING);
        h.cmServices().dispatchIncomingCloseCall(Status.SUCCESS, vc, null);
        assertThat(h.svc("a").closeCall(vc, null, null)).isEqualTo(Status.PENDING);
        h.cmServices().deactivateVc(vc);
        h.cmServices().closeCallComplete(Status.SUCCESS, vc, null);
        h.events().clear();
        assertThat(h.svc("a").send(vc, Packet.wrap(new byte[1])).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.svc("a").closeCall(vc, null, null).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.svc("a").deleteVc(vc).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.svc("a").modifyCallQos(vc, params()).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        h.events().assertNothing();
        // The CM reuses it for another incoming call; the client may use it again.
        h.activate(vc, params());
        assertThat(h.cmServices().dispatchIncomingCall(sap, vc, params())).isEqualTo(Status.SUCCESS);
        h.cmServices().dispatchCallConnected(vc);
        h.events().assertNext(format(A, "onIncomingCall", sap, vc, params()), format(A, "onCallConnected", vc));
        assertThat(h.svc("a").send(vc, Packet.wrap(new byte[1]))).isEqualTo(Status.PENDING);
        h.miniport().completeAllSends(Status.SUCCESS);
        h.assertClean();
    }

    // ------------------------------------------------------------------------------------------------ R21

    @Test
    @DisplayName("R21: close-call with sends outstanding returns FAILURE; after it, sends complete with CLOSING")
    void shouldRequireDrainedSendsBeforeClose() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.connectOutgoing("a", af);
        h.svc("a").send(vc, Packet.wrap(new byte[] {1}));
        h.events().clear();
        assertThat(h.svc("a").closeCall(vc, null, null).code()).isEqualTo(Status.Code.FAILURE);
        h.events().assertNothing();
        h.miniport().completeAllSends(Status.SUCCESS);
        h.cm().answerOnce("onCloseCall", Status.PENDING);
        assertThat(h.svc("a").closeCall(vc, null, null)).isEqualTo(Status.PENDING);
        Packet late = Packet.wrap(new byte[] {2});
        assertThat(h.svc("a").send(vc, late)).isEqualTo(Status.PENDING);
        h.ndis().runUntilIdle();
        h.events().assertNext(format(A, "onSendComplete", vc, "packet(1, SUCCESS)"),
                format(SW, "onCloseCall", vc, null, "[0 bytes]"),
                format(A, "onSendComplete", vc, "packet(1, CLOSING)"));
        assertThat(h.miniport().sends()).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ R24

    @Test
    @DisplayName("R24: a new make-call is refused (CLOSING) while the close is in progress, allowed after")
    void shouldRefuseReuseWhileClosing() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.connectOutgoing("a", af);
        h.cm().answerOnce("onCloseCall", Status.PENDING);
        h.svc("a").closeCall(vc, null, null);
        assertThat(h.svc("a").makeCall(vc, params(), false).status().code()).isEqualTo(Status.Code.CLOSING);
        h.miniport().answerOnce("onDeactivateVc", Status.PENDING);
        assertThat(h.cmServices().deactivateVc(vc)).isEqualTo(Status.PENDING);
        assertThat(h.svc("a").makeCall(vc, params(), false).status().code()).isEqualTo(Status.Code.CLOSING);
        h.miniportServices().deactivateVcComplete(Status.SUCCESS, vc);
        h.cmServices().closeCallComplete(Status.SUCCESS, vc, null);
        h.cm().answerOnce("onMakeCall", Status.PENDING);
        assertThat(h.svc("a").makeCall(vc, params(), false).status()).isEqualTo(Status.PENDING);
        h.assertClean();
    }

    // ------------------------------------------------------------------------------------------------ R25

    @Test
    @DisplayName("R25: completing a close before deactivating is refused; deactivate first, then complete")
    void shouldRequireDeactivationBeforeCloseComplete() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.connectOutgoing("a", af);
        h.cm().answerOnce("onCloseCall", Status.PENDING);
        h.svc("a").closeCall(vc, null, null);
        h.cmServices().closeCallComplete(Status.SUCCESS, vc, null);
        h.assertViolation("R25");
        assertThat(h.snapshot().pendingRequests()).isEqualTo(1);
        h.cmServices().deactivateVc(vc);
        h.cmServices().closeCallComplete(Status.SUCCESS, vc, null);
        h.events().assertNext(format(SW, "onCloseCall", vc, null, "[0 bytes]"),
                format("ndis", "violation", "sw", "R25"), format(A, "onCloseCallComplete", Status.SUCCESS, vc, null));

        // Synchronous SUCCESS from onCloseCall on an active VC: the runtime answers FAILURE, the call stays.
        h.cm().answerOnce("onMakeCall", Status.PENDING);
        h.svc("a").makeCall(vc, params(), false);
        h.activate(vc, params());
        h.cmServices().makeCallComplete(Status.SUCCESS, vc, null, null);
        assertThat(h.svc("a").closeCall(vc, null, null).code()).isEqualTo(Status.Code.FAILURE);
        h.assertViolation("R25");
        assertThat(h.describe(vc)).contains("ACTIVE call=CONNECTED");
    }

    // ------------------------------------------------------------------------------------------------ R26

    /* R26 is the CM's choice (refuse close data it cannot send); the runtime passes the data and the refusal. */
    @Test
    @DisplayName("R26: a CM that cannot send close data returns INVALID_DATA and the call stays connected")
    void shouldKeepCallWhenCloseDataRefused() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.connectOutgoing("a", af);
        h.cm().answerOnce("onCloseCall", Status.INVALID_DATA);
        assertThat(h.svc("a").closeCall(vc, null, new byte[] {7, 7}).code()).isEqualTo(Status.Code.INVALID_DATA);
        h.events().assertNext(format(SW, "onCloseCall", vc, null, "[2 bytes]"));
        assertThat(h.describe(vc)).contains("ACTIVE call=CONNECTED");
        h.closeCall("a", vc, null, true);
    }

    // ------------------------------------------------------------------------------------------------ R37

    @Test
    @DisplayName("R37: close-call during a pending make-call is FAILURE; a remote close there is a violation")
    void shouldRefuseCloseWhileMakeCallPending() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.createVc("a", af);
        h.cm().answerOnce("onMakeCall", Status.PENDING);
        h.svc("a").makeCall(vc, params(), false);
        h.events().clear();
        assertThat(h.svc("a").closeCall(vc, null, null).code()).isEqualTo(Status.Code.FAILURE);
        h.cmServices().dispatchIncomingCloseCall(Status.SUCCESS, vc, null);
        h.assertViolation("R37");
        Status unreachable = Status.of(Status.Code.TAPI_DISCONNECTMODE_UNREACHABLE);
        h.cmServices().makeCallComplete(unreachable, vc, null, null);
        h.events().assertNext(format("ndis", "violation", "sw", "R37"),
                format(A, "onMakeCallComplete", unreachable, vc, null, params()));
        h.assertNothingPending();
        assertThat(h.svc("a").deleteVc(vc)).isEqualTo(Status.SUCCESS);
    }
}
