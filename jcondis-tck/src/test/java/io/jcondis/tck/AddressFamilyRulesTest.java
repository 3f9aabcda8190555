package io.jcondis.tck;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.AddressFamily;
import io.jcondis.api.AfHandle;
import io.jcondis.api.BindingHandle;
import io.jcondis.api.Result;
import io.jcondis.api.Sap;
import io.jcondis.api.SapHandle;
import io.jcondis.api.Status;
import io.jcondis.api.VcHandle;
import io.jcondis.api.callmanager.McmServices;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jcondis.tck.CondisTestHarness.AF;
import static io.jcondis.tck.EventRecorder.format;
import static org.assertj.core.api.Assertions.assertThat;

/** Address families: operations A1..A5 and rules R4..R9 (contract 2.1, 3.1). */
class AddressFamilyRulesTest {
    private static final String A = "client a";
    private static final String B = "client b";
    private static final String SW = "cm sw";
    private static final AddressFamily OTHER_AF = new AddressFamily(AddressFamily.PSCHED, 1, 0);

    // ------------------------------------------------------------------------------------------------ A1

    @Test
    @DisplayName("A1: a stand-alone CM registers its AF from onBindAdapter and every bound client is notified")
    void shouldNotifyClientsWhenStandaloneCmRegistersAf() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        assertThat(h.cm().afRegistrations()).containsExactly(Status.SUCCESS);
        assertThat(h.client("a").notifiedAfs()).containsExactly(AF);

        // A client that binds later still learns of the AF.
        RecordingClient b = h.addClient("b");
        BindingHandle bb = b.binding("nic0");
        h.events().assertNext(format(B, "onBindAdapter", bb, "nic0"), format(B, "onAfRegisterNotify", bb, AF));

        // A second AF type on the same binding is advertised to both clients.
        BindingHandle cmb = h.cm().bindings().get(0);
        assertThat(h.cmServices().registerAddressFamily(cmb, OTHER_AF)).isEqualTo(Status.SUCCESS);
        h.events().assertNext(format(A, "onAfRegisterNotify", h.binding("a"), OTHER_AF),
                format(B, "onAfRegisterNotify", bb, OTHER_AF));
        h.assertClean();
    }

    @Test
    @DisplayName("A1: registering on a binding that is not the CM's returns INVALID_HANDLE; an MCM may not use A1")
    void shouldRefuseForeignBindingForAfRegistration() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        assertThat(h.cmServices().registerAddressFamily(h.binding("a"), OTHER_AF).code())
                .isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.cmServices().registerAddressFamily((BindingHandle) null, OTHER_AF).code())
                .isEqualTo(Status.Code.INVALID_HANDLE);
        h.events().assertNothing();

        CondisTestHarness m = CondisTestHarness.mcm("a");
        assertThat(m.mcmServices().registerAddressFamily(m.binding("a"), OTHER_AF).code())
                .isEqualTo(Status.Code.NOT_SUPPORTED);
        if (h.cmServices() instanceof McmServices) {
            // A stand-alone CM has no adapters to register on (A2 is MCM-only).
            assertThat(((McmServices) h.cmServices()).registerAddressFamily(h.adapter(), OTHER_AF).code())
                    .isEqualTo(Status.Code.NOT_SUPPORTED);
        }
        m.events().assertNothing();
    }

    // ------------------------------------------------------------------------------------------------ A2

    @Test
    @DisplayName("A2: an MCM registers its AF from onInitialize on every adapter; clients are notified per binding")
    void shouldNotifyClientsWhenMcmRegistersAfOnEachAdapter() {
        CondisTestHarness h = CondisTestHarness.mcm(List.of("hosta", "hostb"), "a");
        assertThat(h.miniport().afRegistrations()).containsExactly(Status.SUCCESS, Status.SUCCESS);
        RecordingClient a = h.client("a");
        assertThat(a.notifiedAfs()).containsExactly(AF, AF);
        assertThat(a.binding("hosta")).isNotEqualTo(a.binding("hostb"));
        // Each binding opens independently.
        AfHandle af1 = h.openAf("a", "hosta");
        AfHandle af2 = h.openAf("a", "hostb");
        assertThat(af1).isNotEqualTo(af2);
        assertThat(h.cm().opens()).containsEntry(af1, h.adapter("hosta")).containsEntry(af2, h.adapter("hostb"));
    }

    @Test
    @DisplayName("R9: a duplicate AF type on one adapter returns FAILURE and notifies nobody")
    void shouldRefuseDuplicateAfOnAdapter() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        assertThat(h.mcmServices().registerAddressFamily(h.adapter(), AF).code()).isEqualTo(Status.Code.FAILURE);
        // Same type, other version: still the same type.
        assertThat(h.mcmServices().registerAddressFamily(h.adapter(), new AddressFamily(AF.type(), 2, 0)).code())
                .isEqualTo(Status.Code.FAILURE);
        h.events().assertNothing();
        assertThat(h.client("a").notifiedAfs()).containsExactly(AF);

        CondisTestHarness s = CondisTestHarness.standalone("a");
        assertThat(s.cmServices().registerAddressFamily(s.cm().bindings().get(0), AF).code())
                .isEqualTo(Status.Code.FAILURE);
        s.events().assertNothing();
    }

    @Test
    @DisplayName("R9: an MCM displaces a stand-alone CM: the CM's registration of the same AF on the MCM's NIC fails")
    void shouldLetMcmDisplaceStandaloneCm() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        ScriptableCallManager cm2 = new ScriptableCallManager("cm2", h.events()).registerAfOnBind(AF);
        cm2.attach(h.ndis().registerCallManager("cm2", cm2));
        assertThat(cm2.afRegistrations()).containsExactly(Status.FAILURE);
        h.events().assertNext(format("cm cm2", "onBindAdapter", cm2.bindings().get(0), "hosta"));
        assertThat(h.client("a").notifiedAfs()).containsExactly(AF);
        // The open still reaches the MCM.
        h.openAf("a");
        assertThat(h.cm().opens()).hasSize(1);
    }

    @Test
    @DisplayName("A2: an MCM registering on another driver's adapter gets INVALID_HANDLE")
    void shouldRefuseForeignAdapterForMcmRegistration() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        ScriptableCallManager cm2 = new ScriptableCallManager("sw2", h.events());
        ScriptableMiniport mp2 = new ScriptableMiniport("sw2", h.events());
        McmServices other = h.ndis().registerMcm("sw2", mp2, cm2);
        assertThat(other.registerAddressFamily(h.adapter(), OTHER_AF).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(other.registerAddressFamily((AdapterHandle) null, OTHER_AF).code())
                .isEqualTo(Status.Code.INVALID_HANDLE);
        h.events().assertNothing();
    }

    // ------------------------------------------------------------------------------------------------ A3

    @Test
    @DisplayName("A3: a synchronous open returns SUCCESS with the handle and no completion callback (MCM)")
    void shouldOpenAfSynchronouslyWithMcm() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        Result<AfHandle> r = h.svc("a").openAddressFamily(h.binding("a"), AF);
        assertThat(r.status()).isEqualTo(Status.SUCCESS);
        h.ndis().runUntilIdle();
        // MCM: no CM binding, the adapter is given.
        h.events().assertNext(format(SW, "onOpenAf", r.value(), AF, null, h.adapter()));
        assertThat(h.snapshot().afOpens()).isEqualTo(1);
    }

    @Test
    @DisplayName("A3: a stand-alone CM's onOpenAf gets its own binding; a pended open completes exactly once")
    void shouldCompletePendedOpenOnceWithStandaloneCm() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        h.cm().answerOnce("onOpenAf", Status.PENDING);
        Result<AfHandle> r = h.svc("a").openAddressFamily(h.binding("a"), AF);
        assertThat(r.status()).isEqualTo(Status.PENDING);
        AfHandle af = r.value();
        assertThat(af).isNotNull();
        h.events().assertNext(format("cm cm", "onOpenAf", af, AF, h.cm().bindings().get(0), h.adapter()));

        // Not usable while opening.
        assertThat(h.svc("a").registerSap(af, Sap.text("x:y")).status().code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.svc("a").closeAddressFamily(af).code()).isEqualTo(Status.Code.FAILURE);
        assertThat(h.snapshot().pendingRequests()).isEqualTo(1);

        h.cmServices().openAddressFamilyComplete(Status.SUCCESS, af);
        h.events().assertNext(format(A, "onOpenAfComplete", Status.SUCCESS, af));
        h.assertNothingPending();

        // A second completion is a violation and changes nothing.
        h.cmServices().openAddressFamilyComplete(Status.SUCCESS, af);
        h.assertViolation("A3");
        h.events().assertNext(format("ndis", "violation", "cm", "A3"));
        assertThat(h.client("a").lastAf()).isEqualTo(af);
        h.registerSap("a", af, "x:y");
    }

    @Test
    @DisplayName("A3: opening an AF type not registered on the adapter is FAILURE; a bad binding INVALID_HANDLE")
    void shouldRefuseOpenOfUnregisteredAf() {
        CondisTestHarness h = CondisTestHarness.mcm("a", "b");
        assertThat(h.svc("a").openAddressFamily(h.binding("a"), OTHER_AF).status().code())
                .isEqualTo(Status.Code.FAILURE);
        assertThat(h.svc("a").openAddressFamily(h.binding("b"), AF).status().code())
                .isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.svc("a").openAddressFamily(null, AF).status().code()).isEqualTo(Status.Code.INVALID_HANDLE);
        Result<AfHandle> r = h.svc("a").openAddressFamily(h.binding("a"), null);
        assertThat(r.status().code()).isEqualTo(Status.Code.INVALID_PARAMETER);
        assertThat(r.value()).isNull();
        h.events().assertNothing();
        assertThat(h.snapshot().afOpens()).isZero();
    }

    @Test
    @DisplayName("A3: an open completion carrying PENDING is refused as a violation and the open stays pending")
    void shouldRefuseOpenCompletionWithPending() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        h.cm().answerOnce("onOpenAf", Status.PENDING);
        AfHandle af = h.svc("a").openAddressFamily(h.binding("a"), AF).value();
        h.events().clear();
        h.cmServices().openAddressFamilyComplete(Status.PENDING, af);
        h.assertViolation("A3");
        assertThat(h.snapshot().pendingRequests()).isEqualTo(1);
        h.cmServices().openAddressFamilyComplete(Status.SUCCESS, af);
        h.events().assertNext(format("ndis", "violation", "sw", "A3"), format(A, "onOpenAfComplete", Status.SUCCESS,
                af));
        h.assertClean();
    }

    // ------------------------------------------------------------------------------------------------ R7

    @Test
    @DisplayName("R7: a synchronously failed open hands out no handle, leaves no state, and the client may retry")
    void shouldLeaveNothingAfterSynchronousOpenFailure() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        h.cm().answerOnce("onOpenAf", Status.RESOURCES);
        Result<AfHandle> r = h.svc("a").openAddressFamily(h.binding("a"), AF);
        assertThat(r.status().code()).isEqualTo(Status.Code.RESOURCES);
        assertThat(r.value()).isNull();
        h.events().assertNext(format(SW, "onOpenAf", h.cm().lastAf(), AF, null, h.adapter()));
        h.assertQuiescent();
        AfHandle failed = h.cm().lastAf();
        // Retry succeeds with a fresh handle.
        AfHandle af = h.openAf("a");
        assertThat(af).isNotEqualTo(failed);
        assertThat(h.snapshot().afOpens()).isEqualTo(1);
    }

    @Test
    @DisplayName("R7: a pended open completed with failure reports the failure once and invalidates the handle")
    void shouldInvalidateHandleAfterAsyncOpenFailure() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        h.cm().answerOnce("onOpenAf", Status.PENDING);
        AfHandle af = h.svc("a").openAddressFamily(h.binding("a"), AF).value();
        h.events().clear();
        h.cmServices().openAddressFamilyComplete(Status.of(Status.Code.INVALID_DATA), af);
        h.events().assertNext(format(A, "onOpenAfComplete", Status.of(Status.Code.INVALID_DATA), af));
        assertThat(h.svc("a").registerSap(af, Sap.text("x:y")).status().code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.svc("a").createVc(af).status().code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.svc("a").closeAddressFamily(af).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        h.events().assertNothing();
        h.assertQuiescent();
        h.assertClean();
    }

    // ------------------------------------------------------------------------------------------------ A4

    @Test
    @DisplayName("A4: a synchronous close returns SUCCESS without completion; the handle is then INVALID_HANDLE")
    void shouldCloseAfSynchronously() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        assertThat(h.svc("a").closeAddressFamily(af)).isEqualTo(Status.SUCCESS);
        h.events().assertNext(format(SW, "onCloseAf", af));
        assertThat(h.svc("a").closeAddressFamily(af).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.svc("a").createVc(af).status().code()).isEqualTo(Status.Code.INVALID_HANDLE);
        h.events().assertNothing();
        h.assertQuiescent();
    }

    @Test
    @DisplayName("R4: a double close while the first is pending returns FAILURE; the pended close completes once")
    void shouldRefuseDoubleCloseWhilePending() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        AfHandle af = h.openAf("a");
        h.cm().answerOnce("onCloseAf", Status.PENDING);
        assertThat(h.svc("a").closeAddressFamily(af)).isEqualTo(Status.PENDING);
        assertThat(h.svc("a").closeAddressFamily(af).code()).isEqualTo(Status.Code.FAILURE);
        // The handle is invalid for new work at once.
        assertThat(h.svc("a").registerSap(af, Sap.text("x:y")).status().code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.svc("a").createVc(af).status().code()).isEqualTo(Status.Code.INVALID_HANDLE);
        h.events().assertNext(format("cm cm", "onCloseAf", af));

        h.cmServices().closeAddressFamilyComplete(Status.SUCCESS, af);
        h.events().assertNext(format(A, "onCloseAfComplete", Status.SUCCESS, af));
        h.cmServices().closeAddressFamilyComplete(Status.SUCCESS, af);
        h.assertViolation("A4");
        h.events().assertNext(format("ndis", "violation", "cm", "A4"));
        h.assertQuiescent();
    }

    @Test
    @DisplayName("R4: closing an AF with a SAP or a VC returns FAILURE, never reaches the CM and leaves them intact")
    void shouldRefuseCloseWithSapsOrVcs() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        SapHandle sap = h.registerSap("a", af, "hosta:svc");
        assertThat(h.svc("a").closeAddressFamily(af).code()).isEqualTo(Status.Code.FAILURE);
        h.deregisterSap("a", sap);
        VcHandle vc = h.createVc("a", af);
        assertThat(h.svc("a").closeAddressFamily(af).code()).isEqualTo(Status.Code.FAILURE);
        h.events().assertNothing();
        assertThat(h.svc("a").deleteVc(vc)).isEqualTo(Status.SUCCESS);
        h.events().assertNext(format(SW, "onDeleteVc", vc));
        h.closeAf("a", af);
        h.assertQuiescent();
    }

    @Test
    @DisplayName("R4: a CM that completes the close with FAILURE leaves the AF open and usable")
    void shouldReopenAfWhenCmFailsClose() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        h.cm().answerOnce("onCloseAf", Status.PENDING);
        assertThat(h.svc("a").closeAddressFamily(af)).isEqualTo(Status.PENDING);
        h.cmServices().closeAddressFamilyComplete(Status.FAILURE, af);
        h.events().assertNext(format(SW, "onCloseAf", af), format(A, "onCloseAfComplete", Status.FAILURE, af));
        h.registerSap("a", af, "x:y");

        // Synchronous NOT_ACCEPTED also leaves it open.
        h.cm().answerOnce("onCloseAf", Status.NOT_ACCEPTED);
        assertThat(h.svc("a").closeAddressFamily(af).code()).isEqualTo(Status.Code.FAILURE);
        h.assertClean();
    }

    @Test
    @DisplayName("A4: another client's AF handle is foreign: INVALID_HANDLE, and the owner's AF is untouched")
    void shouldRefuseForeignAfClose() {
        CondisTestHarness h = CondisTestHarness.mcm("a", "b");
        AfHandle af = h.openAf("a");
        assertThat(h.svc("b").closeAddressFamily(af).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.svc("b").registerSap(af, Sap.text("x:y")).status().code())
                .isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.svc("b").createVc(af).status().code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.svc("b").closeAddressFamily(null).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        h.events().assertNothing();
        h.closeAf("a", af);
    }

    // ------------------------------------------------------------------------------------------------ A5

    @Test
    @DisplayName("A5: notify-close answered SUCCESS after the client closed the AF inside the handler")
    void shouldCloseAfInsideNotifyClose() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        RecordingClient a = h.client("a");
        a.inside("onNotifyCloseAf", () -> assertThat(a.services().closeAddressFamily(af)).isEqualTo(Status.SUCCESS));
        assertThat(h.cmServices().notifyCloseAddressFamily(af)).isEqualTo(Status.SUCCESS);
        h.events().assertNext(format(A, "onNotifyCloseAf", af), format(SW, "onCloseAf", af));
        h.assertQuiescent();
        h.assertClean();
    }

    @Test
    @DisplayName("A5: a pended notify-close completes with onNotifyCloseAfComplete exactly once")
    void shouldCompletePendedNotifyCloseOnce() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        AfHandle af = h.openAf("a");
        h.client("a").answerOnce("onNotifyCloseAf", Status.PENDING);
        assertThat(h.cmServices().notifyCloseAddressFamily(af)).isEqualTo(Status.PENDING);
        // A second notify while one is outstanding is refused.
        assertThat(h.cmServices().notifyCloseAddressFamily(af).code()).isEqualTo(Status.Code.FAILURE);
        h.events().assertNext(format(A, "onNotifyCloseAf", af));

        assertThat(h.svc("a").closeAddressFamily(af)).isEqualTo(Status.SUCCESS);
        h.svc("a").notifyCloseAddressFamilyComplete(af, Status.SUCCESS);
        h.events().assertNext(format("cm cm", "onCloseAf", af), format("cm cm", "onNotifyCloseAfComplete", af,
                Status.SUCCESS));
        h.assertQuiescent();
        h.svc("a").notifyCloseAddressFamilyComplete(af, Status.SUCCESS);
        h.assertViolation("A5");
    }

    @Test
    @DisplayName("A5/R34: a client may complete the notify-close inside onNotifyCloseAf before returning PENDING")
    void shouldAcceptNotifyCompletionInsideHandler() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        RecordingClient a = h.client("a");
        a.answerOnce("onNotifyCloseAf", Status.PENDING);
        a.inside("onNotifyCloseAf", () -> {
            a.services().closeAddressFamily(af);
            a.services().notifyCloseAddressFamilyComplete(af, Status.SUCCESS);
        });
        assertThat(h.cmServices().notifyCloseAddressFamily(af)).isEqualTo(Status.PENDING);
        h.events().assertNext(format(A, "onNotifyCloseAf", af), format(SW, "onCloseAf", af),
                format(SW, "onNotifyCloseAfComplete", af, Status.SUCCESS));
        h.assertClean();
        h.assertQuiescent();
    }

    @Test
    @DisplayName("A5: notify-close of a foreign AF is INVALID_HANDLE; an unsolicited notify completion is a violation")
    void shouldRefuseBadNotifyClose() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        ScriptableCallManager cm2 = new ScriptableCallManager("cm2", h.events());
        var cm2s = h.ndis().registerCallManager("cm2", cm2);
        h.events().clear();
        assertThat(cm2s.notifyCloseAddressFamily(af).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.cmServices().notifyCloseAddressFamily(null).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        h.svc("a").notifyCloseAddressFamilyComplete(af, Status.SUCCESS);
        h.assertViolation("A5");
        h.events().assertNext(format("ndis", "violation", "a", "A5"));
        h.registerSap("a", af, "x:y");
    }

    // ------------------------------------------------------------------------------------------------ R5

    /*
     * R5 is advisory for clients (do not block waiting for the close completion). The runtime side is that
     * nothing in the notify-close path waits: a close issued inside onNotifyCloseAf returns PENDING at once,
     * the CM completes it later on the same thread, and the client finishes the notify from the completion.
     */
    @Test
    @DisplayName("R5: closing from inside notify-close never blocks; the CM finishes after the client returned")
    void shouldNotDeadlockWhenClosingInsideNotifyClose() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        RecordingClient a = h.client("a");
        h.cm().answerOnce("onCloseAf", Status.PENDING);
        a.answerOnce("onNotifyCloseAf", Status.PENDING);
        a.inside("onNotifyCloseAf", () -> assertThat(a.services().closeAddressFamily(af)).isEqualTo(Status.PENDING));
        a.inside("onCloseAfComplete", () -> a.services().notifyCloseAddressFamilyComplete(af, Status.SUCCESS));
        assertThat(h.cmServices().notifyCloseAddressFamily(af)).isEqualTo(Status.PENDING);
        h.cmServices().closeAddressFamilyComplete(Status.SUCCESS, af);
        h.events().assertNext(format(A, "onNotifyCloseAf", af), format(SW, "onCloseAf", af),
                format(A, "onCloseAfComplete", Status.SUCCESS, af),
                format(SW, "onNotifyCloseAfComplete", af, Status.SUCCESS));
        h.assertQuiescent();
        h.assertClean();
    }

    // ------------------------------------------------------------------------------------------------ R6

    @Test
    @DisplayName("R6: AF teardown must go drop parties -> close calls -> deregister SAPs -> close AF")
    void shouldEnforceTeardownOrder() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        SapHandle sap = h.registerSap("a", af, "hosta:svc");
        CondisTestHarness.Multipoint mp = h.connectMultipoint("a", af);
        var second = h.addParty("a", mp.vc());

        assertThat(h.svc("a").closeAddressFamily(af).code()).isEqualTo(Status.Code.FAILURE);
        h.cm().answer("onCloseCall", Status.PENDING);
        assertThat(h.svc("a").closeCall(mp.vc(), mp.party(), null).code()).isEqualTo(Status.Code.FAILURE);
        assertThat(h.svc("a").deregisterSap(sap)).isEqualTo(Status.SUCCESS);
        assertThat(h.svc("a").closeAddressFamily(af).code()).isEqualTo(Status.Code.FAILURE);
        h.events().assertNext(format(SW, "onDeregisterSap", sap));

        // (1) drop all parties but one
        assertThat(h.svc("a").dropParty(second, null)).isEqualTo(Status.SUCCESS);
        // (2) close the call with the last party, then delete the VC
        assertThat(h.svc("a").closeCall(mp.vc(), mp.party(), null)).isEqualTo(Status.PENDING);
        assertThat(h.cmServices().deactivateVc(mp.vc())).isEqualTo(Status.SUCCESS);
        h.cmServices().closeCallComplete(Status.SUCCESS, mp.vc(), mp.party());
        assertThat(h.svc("a").deleteVc(mp.vc())).isEqualTo(Status.SUCCESS);
        // (4) close the AF
        assertThat(h.svc("a").closeAddressFamily(af)).isEqualTo(Status.SUCCESS);
        h.events().assertNext(format(SW, "onDropParty", second, "[0 bytes]"),
                format(SW, "onCloseCall", mp.vc(), mp.party(), "[0 bytes]"),
                format(A, "onCloseCallComplete", Status.SUCCESS, mp.vc(), mp.party()),
                format(SW, "onDeleteVc", mp.vc()), format(SW, "onCloseAf", af));
        h.assertQuiescent();
        h.assertClean();
    }

    // ------------------------------------------------------------------------------------------------ R8

    @Test
    @DisplayName("R8: after a halt the MCM re-registers on restart; clients get a new binding and a new notify")
    void shouldReannounceAfAfterReconfiguration() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        RecordingClient a = h.client("a");
        BindingHandle oldBinding = h.binding("a");
        AfHandle af = h.openAf("a");
        AdapterHandle adapter = h.adapter();
        // The MCM asks the client to close from its halt handler (A5); the client closes inside.
        h.miniport().inside("onHalt", () -> h.cmServices().notifyCloseAddressFamily(af));
        a.inside("onNotifyCloseAf", () -> a.services().closeAddressFamily(af));
        assertThat(h.miniportServices().haltAdapter(adapter)).isEqualTo(Status.SUCCESS);
        h.events().assertNext(format("miniport sw", "onHalt", adapter), format(A, "onNotifyCloseAf", af),
                format(SW, "onCloseAf", af), format(A, "onUnbindAdapter", oldBinding));

        AdapterHandle again = h.startAdapter("hosta");
        assertThat(again).isNotEqualTo(adapter);
        BindingHandle nb = a.binding("hosta");
        assertThat(nb).isNotEqualTo(oldBinding);
        h.events().assertNext(format("miniport sw", "onInitialize", again), format(A, "onBindAdapter", nb, "hosta"),
                format(A, "onAfRegisterNotify", nb, AF));
        assertThat(a.services().openAddressFamily(oldBinding, AF).status().code())
                .isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(a.services().openAddressFamily(nb, AF).status()).isEqualTo(Status.SUCCESS);
        h.assertClean();
    }

    @Test
    @DisplayName("R8: a halt waits (PENDING) until clients closed their AFs, then unbinds them")
    void shouldHoldHaltUntilAfsClosed() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        BindingHandle b = h.binding("a");
        h.client("a").answer("onNotifyCloseAf", Status.PENDING);
        h.miniport().inside("onHalt", () -> h.cmServices().notifyCloseAddressFamily(af));
        assertThat(h.miniportServices().haltAdapter(h.adapter())).isEqualTo(Status.PENDING);
        assertThat(h.miniportServices().haltAdapter(h.adapter()).code()).isEqualTo(Status.Code.CLOSING);
        // R33: OIDs to a halting miniport are not accepted.
        assertThat(h.svc("a").oidRequest(b, null, null, null, io.jcondis.api.OidRequest.query(
                io.jcondis.api.Oids.OID_GEN_CO_LINK_SPEED, 4)).code()).isEqualTo(Status.Code.NOT_ACCEPTED);
        h.events().clear();
        assertThat(h.svc("a").closeAddressFamily(af)).isEqualTo(Status.SUCCESS);
        h.svc("a").notifyCloseAddressFamilyComplete(af, Status.SUCCESS);
        // The AF is gone only when the notify completed; then the binding goes.
        h.events().assertNext(format(SW, "onCloseAf", af), format(SW, "onNotifyCloseAfComplete", af, Status.SUCCESS),
                format(A, "onUnbindAdapter", b));
        assertThat(h.snapshot().adapters()).isZero();
        h.assertQuiescent();
    }
}
