package io.jcondis.tck;

import io.jcondis.api.AfHandle;
import io.jcondis.api.PartyHandle;
import io.jcondis.api.Result;
import io.jcondis.api.Status;
import io.jcondis.api.VcHandle;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.jcondis.tck.CondisTestHarness.params;
import static io.jcondis.tck.EventRecorder.format;
import static org.assertj.core.api.Assertions.assertThat;

/** Point-to-multipoint calls: operations E2..E5 and rules R22, R23 (contract 2.3, 3.5). */
class PartyRulesTest {
    private static final String A = "client a";
    private static final String SW = "cm sw";

    @Test
    @DisplayName("E2: a multipoint make-call hands out the first party at once; it is valid after SUCCESS")
    void shouldMakeMultipointCall() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.createVc("a", af);
        h.cm().answerOnce("onMakeCall", Status.PENDING);
        Result<PartyHandle> r = h.svc("a").makeCall(vc, params(), true);
        assertThat(r.status()).isEqualTo(Status.PENDING);
        PartyHandle party = r.value();
        // Not droppable while the make-call is pending.
        assertThat(h.svc("a").dropParty(party, null).code()).isEqualTo(Status.Code.FAILURE);
        h.activate(vc, params());
        h.cmServices().makeCallComplete(Status.SUCCESS, vc, party, null);
        h.events().assertNext(format("cm cm", "onMakeCall", vc, params(), party),
                format("miniport nic", "onActivateVc", vc, params()),
                format(A, "onMakeCallComplete", Status.SUCCESS, vc, party, params()));
        assertThat(h.client("a").lastParty()).isEqualTo(party);
        assertThat(h.snapshot().parties()).isEqualTo(1);

        // Synchronous multipoint make-call.
        VcHandle vc2 = h.createVc("a", af);
        h.cm().autoActivate(true);
        Result<PartyHandle> r2 = h.svc("a").makeCall(vc2, params(), true);
        assertThat(r2.status()).isEqualTo(Status.SUCCESS);
        assertThat(r2.value()).isNotNull().isNotEqualTo(party);
        h.assertClean();
    }

    @Test
    @DisplayName("E3: add-party (sync and pended) on a connected multipoint call; a pended add completes once")
    void shouldAddParties() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        CondisTestHarness.Multipoint mp = h.connectMultipoint("a", af);
        Result<PartyHandle> sync = h.svc("a").addParty(mp.vc(), params());
        assertThat(sync.status()).isEqualTo(Status.SUCCESS);
        h.cm().answerOnce("onAddParty", Status.PENDING);
        Result<PartyHandle> pend = h.svc("a").addParty(mp.vc(), params(500));
        assertThat(pend.status()).isEqualTo(Status.PENDING);
        // Not droppable while adding.
        assertThat(h.svc("a").dropParty(pend.value(), null).code()).isEqualTo(Status.Code.FAILURE);
        h.cmServices().addPartyComplete(Status.SUCCESS, pend.value(), null);
        h.cmServices().addPartyComplete(Status.SUCCESS, pend.value(), null);
        h.assertViolation("E3");
        h.events().assertNext(format(SW, "onAddParty", mp.vc(), sync.value(), params()),
                format(SW, "onAddParty", mp.vc(), pend.value(), params(500)),
                format(A, "onAddPartyComplete", Status.SUCCESS, mp.vc(), pend.value(), params()),
                format("ndis", "violation", "sw", "E3"));
        assertThat(h.snapshot().parties()).isEqualTo(3);
    }

    @Test
    @DisplayName("E3: add-party fails on a point-to-point or unconnected call; a failed add invalidates the party")
    void shouldRefuseOrFailAddParty() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        VcHandle p2p = h.connectOutgoing("a", af);
        VcHandle idle = h.createVc("a", af);
        assertThat(h.svc("a").addParty(p2p, params()).status().code()).isEqualTo(Status.Code.FAILURE);
        assertThat(h.svc("a").addParty(idle, params()).status().code()).isEqualTo(Status.Code.FAILURE);
        CondisTestHarness.Multipoint mp = h.connectMultipoint("a", af);
        assertThat(h.svc("a").addParty(mp.vc(), null).status().code()).isEqualTo(Status.Code.INVALID_PARAMETER);
        h.cm().answerOnce("onAddParty", Status.NOT_SUPPORTED);
        assertThat(h.svc("a").addParty(mp.vc(), params()).status().code()).isEqualTo(Status.Code.NOT_SUPPORTED);
        h.cm().answerOnce("onAddParty", Status.PENDING);
        PartyHandle p = h.svc("a").addParty(mp.vc(), params()).value();
        h.events().clear();
        h.cmServices().addPartyComplete(Status.RESOURCES, p, null);
        h.events().assertNext(format(A, "onAddPartyComplete", Status.RESOURCES, mp.vc(), p, params()));
        assertThat(h.svc("a").dropParty(p, null).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.snapshot().parties()).isEqualTo(1);
    }

    @Test
    @DisplayName("E4: drop-party (sync and pended); a second drop while pending fails; the handle dies")
    void shouldDropParties() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        CondisTestHarness.Multipoint mp = h.connectMultipoint("a", af);
        PartyHandle p2 = h.addParty("a", mp.vc());
        PartyHandle p3 = h.addParty("a", mp.vc());
        assertThat(h.svc("a").dropParty(p2, new byte[] {5})).isEqualTo(Status.SUCCESS);
        assertThat(h.svc("a").dropParty(p2, null).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        h.cm().answerOnce("onDropParty", Status.PENDING);
        assertThat(h.svc("a").dropParty(p3, null)).isEqualTo(Status.PENDING);
        assertThat(h.svc("a").dropParty(p3, null).code()).isEqualTo(Status.Code.FAILURE);
        h.cmServices().dropPartyComplete(Status.SUCCESS, p3);
        h.cmServices().dropPartyComplete(Status.SUCCESS, p3);
        h.assertViolation("E4");
        h.events().assertNext(format(SW, "onDropParty", p2, "[1 bytes]"), format(SW, "onDropParty", p3, "[0 bytes]"),
                format(A, "onDropPartyComplete", Status.SUCCESS, p3), format("ndis", "violation", "sw", "E4"));
        assertThat(h.snapshot().parties()).isEqualTo(1);
    }

    @Test
    @DisplayName("E4: a CM refusing the close data (INVALID_DATA) or failing the drop leaves the party connected")
    void shouldKeepPartyWhenDropRefused() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        CondisTestHarness.Multipoint mp = h.connectMultipoint("a", af);
        PartyHandle p2 = h.addParty("a", mp.vc());
        h.cm().answerOnce("onDropParty", Status.INVALID_DATA);
        assertThat(h.svc("a").dropParty(p2, new byte[] {1}).code()).isEqualTo(Status.Code.INVALID_DATA);
        h.cm().answerOnce("onDropParty", Status.PENDING);
        assertThat(h.svc("a").dropParty(p2, null)).isEqualTo(Status.PENDING);
        h.cmServices().dropPartyComplete(Status.FAILURE, p2);
        assertThat(h.snapshot().parties()).isEqualTo(2);
        assertThat(h.svc("a").dropParty(p2, null)).isEqualTo(Status.SUCCESS);
        h.assertClean();
    }

    @Test
    @DisplayName("R22: the last party cannot be dropped; close-call needs exactly one party left, and names it")
    void shouldRequireCloseCallForLastParty() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        CondisTestHarness.Multipoint mp = h.connectMultipoint("a", af);
        PartyHandle p2 = h.addParty("a", mp.vc());
        assertThat(h.svc("a").closeCall(mp.vc(), p2, null).code()).isEqualTo(Status.Code.FAILURE);
        // Any party may be the last one: drop the first.
        assertThat(h.svc("a").dropParty(mp.party(), null)).isEqualTo(Status.SUCCESS);
        assertThat(h.svc("a").dropParty(p2, null).code()).isEqualTo(Status.Code.FAILURE);
        assertThat(h.svc("a").closeCall(mp.vc(), null, null).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.svc("a").closeCall(mp.vc(), mp.party(), null).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        h.events().assertNext(format(SW, "onDropParty", mp.party(), "[0 bytes]"));
        h.closeCall("a", mp.vc(), p2, true);
        h.closeAf("a", af);
        h.assertQuiescent();
    }

    @Test
    @DisplayName("R22/E4/R14: a close-call may follow a drop-party still pending (the dropped handle is invalid at "
            + "once); the drop completes before the close")
    void shouldCloseWhileDropPending() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        CondisTestHarness.Multipoint mp = h.connectMultipoint("a", af);
        PartyHandle p2 = h.addParty("a", mp.vc());
        h.cm().answerOnce("onDropParty", Status.PENDING);
        assertThat(h.svc("a").dropParty(p2, null)).isEqualTo(Status.PENDING);
        // The last connected party cannot be dropped, the dropping one cannot be named in the close.
        assertThat(h.svc("a").dropParty(mp.party(), null).code()).isEqualTo(Status.Code.FAILURE);
        assertThat(h.svc("a").closeCall(mp.vc(), p2, null).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        h.cm().answerOnce("onCloseCall", Status.PENDING);
        assertThat(h.svc("a").closeCall(mp.vc(), mp.party(), null)).isEqualTo(Status.PENDING);
        assertThat(h.cmServices().deactivateVc(mp.vc())).isEqualTo(Status.SUCCESS);
        // R14: not before the pending drop completed.
        h.cmServices().closeCallComplete(Status.SUCCESS, mp.vc(), mp.party());
        h.assertViolation("R14");
        h.cmServices().dropPartyComplete(Status.SUCCESS, p2);
        h.cmServices().closeCallComplete(Status.SUCCESS, mp.vc(), mp.party());
        h.events().assertNext(format(SW, "onDropParty", p2, "[0 bytes]"),
                format(SW, "onCloseCall", mp.vc(), mp.party(), "[0 bytes]"),
                format("ndis", "violation", "sw", "R14"),
                format(A, "onDropPartyComplete", Status.SUCCESS, p2),
                format(A, "onCloseCallComplete", Status.SUCCESS, mp.vc(), mp.party()));
        assertThat(h.snapshot().parties()).isZero();
        assertThat(h.svc("a").deleteVc(mp.vc())).isEqualTo(Status.SUCCESS);
        h.closeAf("a", af);
        h.assertQuiescent();
    }

    @Test
    @DisplayName("R23: with the other party being dropped, the last connected one leaving is a close-call, and an "
            + "incoming drop-party of it is a violation")
    void shouldTreatLastConnectedPartyAsLastWhileDropPending() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        CondisTestHarness.Multipoint mp = h.connectMultipoint("a", af);
        PartyHandle p2 = h.addParty("a", mp.vc());
        h.cm().answerOnce("onDropParty", Status.PENDING);
        assertThat(h.svc("a").dropParty(p2, null)).isEqualTo(Status.PENDING);
        h.cmServices().dispatchIncomingDropParty(Status.SUCCESS, mp.party(), null);
        h.assertViolation("R23");
        assertThat(h.snapshot().parties()).isEqualTo(2);
    }

    @Test
    @DisplayName("E5: an incoming drop-party reaches the client, which answers with dropParty")
    void shouldDeliverIncomingDropParty() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        CondisTestHarness.Multipoint mp = h.connectMultipoint("a", af);
        PartyHandle p2 = h.addParty("a", mp.vc());
        RecordingClient a = h.client("a");
        a.inside("onIncomingDropParty", () -> assertThat(a.services().dropParty(p2, null)).isEqualTo(Status.SUCCESS));
        h.cmServices().dispatchIncomingDropParty(Status.SUCCESS, p2, new byte[] {9});
        h.events().assertNext(format(A, "onIncomingDropParty", Status.SUCCESS, p2, "[1 bytes]"),
                format(SW, "onDropParty", p2, "[0 bytes]"));
        assertThat(h.snapshot().parties()).isEqualTo(1);
        // Not for a party that is not connected (gone).
        h.cmServices().dispatchIncomingDropParty(Status.SUCCESS, p2, null);
        h.assertViolation("E5");
    }

    @Test
    @DisplayName("R23: the last party leaving is an incoming close-call, never an incoming drop-party")
    void shouldRefuseIncomingDropOfLastParty() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        CondisTestHarness.Multipoint mp = h.connectMultipoint("a", af);
        h.cmServices().dispatchIncomingDropParty(Status.SUCCESS, mp.party(), null);
        h.assertViolation("R23");
        h.events().assertNext(format("ndis", "violation", "sw", "R23"));
        RecordingClient a = h.client("a");
        h.cm().answerOnce("onCloseCall", Status.PENDING);
        a.inside("onIncomingCloseCall", () -> assertThat(a.services().closeCall(mp.vc(), mp.party(), null))
                .isEqualTo(Status.PENDING));
        h.cmServices().dispatchIncomingCloseCall(Status.SUCCESS, mp.vc(), null);
        h.cmServices().deactivateVc(mp.vc());
        h.cmServices().closeCallComplete(Status.SUCCESS, mp.vc(), mp.party());
        h.events().assertNext(format(A, "onIncomingCloseCall", Status.SUCCESS, mp.vc(), "[0 bytes]"),
                format(SW, "onCloseCall", mp.vc(), mp.party(), "[0 bytes]"),
                format(A, "onCloseCallComplete", Status.SUCCESS, mp.vc(), mp.party()));
        assertThat(h.snapshot().parties()).isZero();
        h.assertClean();
    }
}
