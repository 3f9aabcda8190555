package io.jcondis.uni.system;

import static io.jcondis.uni.system.FabricHarness.get;
import static io.jcondis.uni.system.FabricHarness.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.jcondis.api.Status;
import io.jcondis.uni.codec.Octets;
import io.jcondis.uni.data.VcId;
import io.jcondis.uni.fabric.FabricCallState;
import io.jcondis.uni.fabric.FabricSnapshot;
import io.jcondis.uni.q2931.AtmTrafficDescriptor;
import io.jcondis.uni.q2931.CauseValue;
import io.jcondis.uni.q2931.ConnectionIdentifier;
import io.jcondis.uni.q2931.DropParty;
import io.jcondis.uni.q2931.IeInstruction;
import io.jcondis.uni.q2931.ModifyRequest;
import io.jcondis.uni.q2931.UserUserInformation;
import io.jcondis.uni.q2931.Setup;
import io.jcondis.uni.q2931.UserUserInformation;
import io.jcondis.uni.signal.CallParameters;
import io.jcondis.uni.signal.LinkState;
import io.jcondis.uni.signal.Side;
import io.jcondis.uni.signal.UniCallId;
import io.jcondis.uni.signal.UniCallState;
import io.jcondis.uni.signal.UniEvent;
import io.jcondis.uni.signal.UniLinkConfig;
import io.jcondis.uni.sscop.SscopConfig;
import io.jcondis.uni.codec.Octets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fabric in the middle of end systems built on {@code UniLink}, over loopback UDP: every call procedure it
 * bridges, its admission control, its data forwarding and its remote actions, each ending with the leak check
 * (fabric snapshot quiescent, hosts without calls or timers).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FabricSystemTest {
    /** Cells/s such that one call fits a 10 MB/s link (48 bytes a cell) and two calls do not. */
    private static final int BIG_PCR = 120_000;

    private FabricHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    /** The two halves of a call, as the ends know them. */
    record Call(UniCallId caller, UniCallId called, VcId calledVc) {
    }

    /** hosta calls {@code to}; the called host answers with CALL PROCEEDING, ALERTING, CONNECT. */
    private Call connect(String from, String to, CallParameters params) {
        TestHost a = h.host(from);
        TestHost b = h.host(to);
        UniCallId ca = a.on(l -> l.setup(params)).value();
        UniEvent.MessageReceived setup = b.awaitMessage(Setup.class);
        UniCallId cb = setup.call();
        ConnectionIdentifier ci = ((Setup) setup.message()).connectionIdentifier().orElseThrow();
        assertThat(b.request(l -> l.callProceeding(cb))).isEqualTo(Status.SUCCESS);
        assertThat(b.request(l -> l.alerting(cb))).isEqualTo(Status.SUCCESS);
        assertThat(b.request(l -> l.connect(cb))).isEqualTo(Status.SUCCESS);
        a.await(UniEvent.CallActive.class, e -> e.call().equals(ca));
        b.await(UniEvent.CallActive.class, e -> e.call().equals(cb));
        h.awaitActive();
        return new Call(ca, cb, new VcId(ci.vpci(), ci.vci()));
    }

    @Test
    @DisplayName("E1/E6/E9 over the fabric: p2p set-up ladder relayed, data both ways, caller releases, cause "
            + "carried, nothing left")
    void shouldBridgePointToPointCallAndReleaseFromCaller() throws Exception {
        h = FabricHarness.start("hosta", "hostb");
        TestHost a = h.host("hosta");
        TestHost b = h.host("hostb");
        Call c = connect("hosta", "hostb", TestHost.call("hostb:1", 40, 1000, 1000));
        assertThat(a.history()).filteredOn(UniEvent.MessageReceived.class::isInstance)
                .extracting(e -> ((UniEvent.MessageReceived) e).message().type().name())
                .containsExactly("CALL_PROCEEDING", "ALERTING", "CONNECT");
        assertThat(c.calledVc().vci()).isGreaterThanOrEqualTo(32_768);

        FabricSnapshot s = h.snapshot();
        assertThat(s.calls()).singleElement().satisfies(v -> {
            assertThat(v.state()).isEqualTo(FabricCallState.ACTIVE);
            assertThat(v.rootVc()).contains(new VcId(0, 40));
            assertThat(v.reserved().get("hosta")).isEqualTo(new FabricSnapshot.Reservation(48_000, 48_000));
            assertThat(v.reserved().get("hostb")).isEqualTo(new FabricSnapshot.Reservation(48_000, 48_000));
        });

        var fabricData = h.fabric().dataAddress();
        b.receive(fabricData, c.calledVc());
        a.receive(fabricData, new VcId(0, 40));
        a.send(fabricData, new VcId(0, 40), "one", "two", "three");
        assertThat(b.awaitFrames(3)).containsExactly("one", "two", "three");
        b.send(fabricData, c.calledVc(), "back");
        assertThat(a.awaitFrames(1)).containsExactly("back");

        assertThat(a.request(l -> l.release(c.caller(), CauseValue.NORMAL_CALL_CLEARING))).isEqualTo(Status.SUCCESS);
        UniEvent.CallCleared atB = b.awaitCleared(c.called());
        assertThat(atB.causeValue()).contains(CauseValue.NORMAL_CALL_CLEARING);
        assertThat(atB.reason()).isEqualTo(UniEvent.ClearReason.PEER);
        a.awaitCleared(c.caller());
        FabricSnapshot end = h.awaitQuiescent();
        assertThat(end.counters().framesForwarded()).isEqualTo(4);
        assertThat(end.counters().callsRouted()).isEqualTo(1);
    }

    /** hosta calls hostb holding its own CONNECT ACKNOWLEDGE; hostb answers; both halves are then known. */
    private Call connectWithCallerHolding(CallParameters params) {
        TestHost a = h.host("hosta");
        TestHost b = h.host("hostb");
        a.on(l -> {
            l.holdConnectAcknowledge(true);
            return null;
        });
        UniCallId ca = a.on(l -> l.setup(params)).value();
        UniEvent.MessageReceived setup = b.awaitMessage(Setup.class);
        ConnectionIdentifier ci = ((Setup) setup.message()).connectionIdentifier().orElseThrow();
        assertThat(b.request(l -> l.connect(setup.call()))).isEqualTo(Status.SUCCESS);
        a.await(UniEvent.CallActive.class, e -> e.call().equals(ca));
        return new Call(ca, setup.call(), new VcId(ci.vpci(), ci.vci()));
    }

    @Test
    @DisplayName("E1/E6 end-to-end connect: the fabric acknowledges the called end's CONNECT only after the calling "
            + "end acknowledged the relayed CONNECT (callee connected after the caller, as on the embedded switch)")
    void shouldAcknowledgeCalledConnectOnlyAfterCallerAcknowledged() throws Exception {
        h = FabricHarness.start("hosta", "hostb");
        TestHost a = h.host("hosta");
        TestHost b = h.host("hostb");
        Call c = connectWithCallerHolding(TestHost.call("hostb:1", 60, 100, 100));
        // A round trip on the called end's link: a CONNECT ACKNOWLEDGE sent before it would have arrived by now.
        assertThat(b.request(l -> l.statusEnquiry(c.called()))).isEqualTo(Status.SUCCESS);
        b.await(UniEvent.MessageReceived.class, e -> e.message() instanceof io.jcondis.uni.q2931.Status);
        UniCallState calledState = b.on(l -> l.callState(c.called()));
        assertThat(calledState).isEqualTo(UniCallState.U8_CONNECT_REQUEST);
        assertThat(b.history()).noneMatch(UniEvent.CallActive.class::isInstance);

        assertThat(a.request(l -> l.acknowledgeConnect(c.caller()))).isEqualTo(Status.SUCCESS);
        b.await(UniEvent.CallActive.class, e -> e.call().equals(c.called()));
        h.awaitActive();
        h.host("hostb").on(l -> l.release(c.called(), CauseValue.NORMAL_CALL_CLEARING));
        a.awaitCleared(c.caller());
        h.awaitQuiescent();
    }

    @Test
    @DisplayName("T313 safe: a calling end that never acknowledges CONNECT gets both halves cleared by the fabric "
            + "with cause 102 before the called end's own T313 fires")
    void shouldClearBothHalvesWhenCallerNeverAcknowledges() throws Exception {
        h = FabricHarness.start("hosta", "hostb");
        Call c = connectWithCallerHolding(TestHost.call("hostb:1", 61, 100, 100));
        UniEvent.CallCleared atB = h.host("hostb").awaitCleared(c.called());
        assertThat(atB.reason()).isEqualTo(UniEvent.ClearReason.PEER);
        assertThat(atB.causeValue()).contains(CauseValue.RECOVERY_ON_TIMER_EXPIRY);
        assertThat(h.host("hosta").awaitCleared(c.caller()).causeValue())
                .contains(CauseValue.RECOVERY_ON_TIMER_EXPIRY);
        assertThat(h.host("hostb").history()).noneMatch(UniEvent.CallActive.class::isInstance);
        h.awaitQuiescent();
    }

    @Test
    @DisplayName("E10 over the fabric: the called end releases, the caller sees the cause")
    void shouldReleaseFromCalledSide() throws Exception {
        h = FabricHarness.start("hosta", "hostb");
        Call c = connect("hosta", "hostb", TestHost.call("hostb:1", 41, 100, 100));
        h.host("hostb").on(l -> l.release(c.called(), CauseValue.CALL_REJECTED));
        UniEvent.CallCleared atA = h.host("hosta").awaitCleared(c.caller());
        assertThat(atA.causeValue()).contains(CauseValue.CALL_REJECTED);
        h.awaitQuiescent();
    }

    @Test
    @DisplayName("R17: the called end rejects the SETUP; the caller gets RELEASE COMPLETE with that cause")
    void shouldRelayRejectionWithCause() throws Exception {
        h = FabricHarness.start("hosta", "hostb");
        UniCallId ca = h.host("hosta").on(l -> l.setup(TestHost.call("hostb:1", 42, 100, 100))).value();
        UniCallId cb = h.host("hostb").awaitMessage(Setup.class).call();
        h.host("hostb").on(l -> l.release(cb, CauseValue.QOS_NOT_AVAILABLE));
        assertThat(h.host("hosta").awaitCleared(ca).causeValue()).contains(CauseValue.QOS_NOT_AVAILABLE);
        h.awaitQuiescent();
    }

    @Test
    @DisplayName("No route: a called host no link announces is refused with cause 3, counted")
    void shouldRefuseUnknownHostWithNoRoute() throws Exception {
        h = FabricHarness.start("hosta", "hostb");
        UniCallId ca = h.host("hosta").on(l -> l.setup(TestHost.call("nowhere:1", 43, 100, 100))).value();
        assertThat(h.host("hosta").awaitCleared(ca).causeValue()).contains(CauseValue.NO_ROUTE_TO_DESTINATION);
        FabricSnapshot s = h.awaitQuiescent();
        assertThat(s.counters().refusedByCause()).containsEntry(3, 1L);
        assertThat(h.host("hostb").history()).isEmpty();
    }

    @Test
    @DisplayName("CELLRATE_NOT_AVAILABLE: a call beyond a link's free capacity is refused with cause 37; the "
            + "reservation comes back on release")
    void shouldRefuseCallBeyondCapacityAndGiveReservationBack() throws Exception {
        h = FabricHarness.start("hosta", "hostb");
        Call first = connect("hosta", "hostb", TestHost.call("hostb:1", 44, BIG_PCR, 0));
        assertThat(h.snapshot().link("hostb").reserved().downBps()).isEqualTo(BIG_PCR * 48L);

        UniCallId second = h.host("hosta").on(l -> l.setup(TestHost.call("hostb:2", 45, BIG_PCR, 0))).value();
        assertThat(h.host("hosta").awaitCleared(second).causeValue())
                .contains(CauseValue.USER_CELL_RATE_NOT_AVAILABLE);
        assertThat(h.snapshot().link("hostb").reserved().downBps()).isEqualTo(BIG_PCR * 48L);

        h.host("hosta").on(l -> l.release(first.caller(), CauseValue.NORMAL_CALL_CLEARING));
        h.host("hostb").awaitCleared(first.called());
        h.awaitQuiescent();
        Call third = connect("hosta", "hostb", TestHost.call("hostb:3", 46, BIG_PCR, 0));
        h.host("hostb").on(l -> l.release(third.called(), CauseValue.NORMAL_CALL_CLEARING));
        h.host("hosta").awaitCleared(third.caller());
        assertThat(h.awaitQuiescent().counters().refusedByCause()).containsEntry(37, 1L);
    }

    @Test
    @DisplayName("E2-E5 over the fabric: p2mp SETUP to the first leaf, ADD PARTY becomes SETUP on a new leaf link, "
            + "data replicated, DROP PARTY becomes RELEASE towards the leaf, last party releases the call")
    void shouldBranchPointToMultipointCall() throws Exception {
        h = FabricHarness.start("hosta", "hostb", "hostc");
        TestHost a = h.host("hosta");
        TestHost b = h.host("hostb");
        TestHost c = h.host("hostc");
        Call first = connect("hosta", "hostb", TestHost.multipointCall("hostb:1", 50, 100));

        var added = a.on(l -> l.addParty(first.caller(), TestHost.called("hostc:1")));
        assertThat(added.succeeded()).isTrue();
        int ep = added.value();
        UniEvent.MessageReceived setupC = c.awaitMessage(Setup.class);
        ConnectionIdentifier ciC = ((Setup) setupC.message()).connectionIdentifier().orElseThrow();
        assertThat(((Setup) setupC.message()).endpointReference()).isPresent();
        c.on(l -> l.connect(setupC.call()));
        a.await(UniEvent.PartyActive.class, e -> e.endpointReference() == ep);

        var fabricData = h.fabric().dataAddress();
        b.receive(fabricData, first.calledVc());
        VcId vcC = new VcId(ciC.vpci(), ciC.vci());
        c.receive(fabricData, vcC);
        a.send(fabricData, new VcId(0, 50), "to-all");
        assertThat(b.awaitFrames(1)).containsExactly("to-all");
        assertThat(c.awaitFrames(1)).containsExactly("to-all");

        FabricSnapshot s = h.snapshot();
        assertThat(s.calls()).singleElement().satisfies(v -> {
            assertThat(v.parties()).containsExactly(0, ep);
            assertThat(v.branches()).extracting(FabricSnapshot.BranchView::link).containsExactly("hostb", "hostc");
        });

        a.on(l -> l.dropParty(first.caller(), ep, CauseValue.NORMAL_CALL_CLEARING));
        assertThat(c.awaitCleared(setupC.call()).causeValue()).contains(CauseValue.NORMAL_CALL_CLEARING);
        a.await(UniEvent.PartyCleared.class, e -> e.endpointReference() == ep);
        assertThat(h.snapshot().link("hostc").reserved()).isEqualTo(new FabricSnapshot.Reservation(0, 0));

        b.on(l -> l.release(first.called(), CauseValue.NORMAL_CALL_CLEARING));
        assertThat(a.awaitCleared(first.caller()).causeValue()).contains(CauseValue.NORMAL_CALL_CLEARING);
        h.awaitQuiescent();
    }

    @Test
    @DisplayName("R26 over the fabric: the user-user element of a RELEASE crosses to the other end's RELEASE; a "
            + "root's DROP PARTY element reaches the leaf's RELEASE, a leaf's RELEASE element the root's DROP PARTY")
    void shouldRelayUserUserInformationOfClearingMessages() throws Exception {
        h = FabricHarness.start("hosta", "hostb", "hostc");
        TestHost a = h.host("hosta");
        TestHost b = h.host("hostb");
        TestHost c = h.host("hostc");
        UserUserInformation toB = new UserUserInformation(0x40, Octets.of(new byte[128]));
        Call p2p = connect("hosta", "hostb", TestHost.call("hostb:1", 44, 100, 100));
        assertThat(a.request(l -> l.release(p2p.caller(), CauseValue.NORMAL_CALL_CLEARING, Optional.of(toB))))
                .isEqualTo(Status.SUCCESS);
        assertThat(b.awaitCleared(p2p.called()).userUser()).contains(toB);
        assertThat(a.awaitCleared(p2p.caller()).userUser()).as("the fabric's RELEASE COMPLETE carries none").isEmpty();

        Call first = connect("hosta", "hostb", TestHost.multipointCall("hostb:1", 45, 100));
        Leaf leaf = activePartyOnC(first);
        UserUserInformation bye = new UserUserInformation(0x40, Octets.ascii("bye"));
        assertThat(a.request(l -> l.dropParty(first.caller(), leaf.ep(), CauseValue.NORMAL_CALL_CLEARING,
                Optional.of(bye)))).isEqualTo(Status.SUCCESS);
        assertThat(c.awaitCleared(leaf.call()).userUser()).as("hostc's RELEASE").contains(bye);

        UserUserInformation fromB = new UserUserInformation(0x40, Octets.ascii("b leaves"));
        Leaf second = activePartyOnC(first, leaf.call());
        assertThat(b.request(l -> l.release(first.called(), CauseValue.NORMAL_CALL_CLEARING, Optional.of(fromB))))
                .isEqualTo(Status.SUCCESS);
        UniEvent.PartyCleared atRoot = a.await(UniEvent.PartyCleared.class, e -> e.endpointReference() == 0);
        assertThat(atRoot.userUser()).as("the root's DROP PARTY for the first party").contains(fromB);

        a.on(l -> l.release(first.caller(), CauseValue.NORMAL_CALL_CLEARING));
        c.awaitCleared(second.call());
        h.awaitQuiescent();
    }

    /** A party on hostc: its endpoint reference at the root, its call at hostc. */
    private record Leaf(int ep, UniCallId call) {
    }

    /** The root of {@code first} adds a party on hostc, which answers the fabric's SETUP (one not among {@code old}). */
    private Leaf activePartyOnC(Call first, UniCallId... old) {
        TestHost a = h.host("hosta");
        TestHost c = h.host("hostc");
        int ep = a.on(l -> l.addParty(first.caller(), TestHost.called("hostc:1"))).value();
        List<UniCallId> known = List.of(old);
        UniEvent.MessageReceived setup = c.await(UniEvent.MessageReceived.class,
                e -> e.message() instanceof Setup && !known.contains(e.call()));
        c.on(l -> l.connect(setup.call()));
        a.await(UniEvent.PartyActive.class, e -> e.endpointReference() == ep);
        return new Leaf(ep, setup.call());
    }

    @Test
    @DisplayName("E3 at a called interface that has the call: the party is a SETUP of its own; its CONNECT "
            + "ACKNOWLEDGE waits until the root answered STATUS ENQUIRY after ADD PARTY ACKNOWLEDGE, so the root has "
            + "the party before the leaf is connected; the leaf's RELEASE comes back as DROP PARTY (E5)")
    void shouldOfferSecondPartyOnSameLinkAsCallOfItsOwn() throws Exception {
        h = FabricHarness.start("hosta", "hostb");
        TestHost a = h.host("hosta");
        TestHost b = h.host("hostb");
        Call first = connect("hosta", "hostb", TestHost.multipointCall("hostb:1", 51, 100));
        int ep = a.on(l -> l.addParty(first.caller(), TestHost.called("hostb:2"))).value();
        UniEvent.MessageReceived setup = b.awaitMessage(Setup.class);
        assertThat(setup.call()).isNotEqualTo(first.called());
        assertThat(((Setup) setup.message()).endpointReference()).hasValueSatisfying(r -> assertThat(r.value())
                .isZero());
        b.on(l -> l.connect(setup.call()));
        b.await(UniEvent.CallActive.class, e -> e.call().equals(setup.call()));
        // The leaf is connected only after the root took ADD PARTY ACKNOWLEDGE and then answered STATUS ENQUIRY.
        // (The root's history records the enquiry after its STATUS left, so it may trail the leaf's CallActive:
        // await both, in this order; await consumes the history forward, so the enquiry must follow the ack.)
        a.await(UniEvent.PartyActive.class, p -> p.endpointReference() == ep);
        a.await(UniEvent.MessageReceived.class, m -> m.message() instanceof io.jcondis.uni.q2931.StatusEnquiry);
        assertThat(h.snapshot().link("hostb").reserved()).isEqualTo(new FabricSnapshot.Reservation(0, 200 * 48));

        b.on(l -> l.release(setup.call(), CauseValue.NORMAL_CALL_CLEARING));
        UniEvent.PartyCleared gone = a.await(UniEvent.PartyCleared.class, e -> e.endpointReference() == ep);
        assertThat(gone.reason()).isEqualTo(UniEvent.ClearReason.PEER);
        assertThat(a.history()).anyMatch(e -> e instanceof UniEvent.MessageReceived m
                && m.message() instanceof DropParty);
        a.on(l -> l.release(first.caller(), CauseValue.NORMAL_CALL_CLEARING));
        b.awaitCleared(first.called());
        h.awaitQuiescent();
    }

    @Test
    @DisplayName("E7/E8 over the fabric: MODIFY REQUEST relayed and admitted; refused by the far end (old rates "
            + "stay) and by admission control (cause 37)")
    void shouldRelayAndAdmitModify() throws Exception {
        h = FabricHarness.start("hosta", "hostb");
        TestHost a = h.host("hosta");
        TestHost b = h.host("hostb");
        Call c = connect("hosta", "hostb", TestHost.call("hostb:1", 52, 1000, 1000));

        a.on(l -> l.modify(c.caller(), AtmTrafficDescriptor.peak(2000, 1000)));
        b.awaitMessage(ModifyRequest.class);
        b.on(l -> l.acceptModify(c.called()));
        assertThat(a.await(UniEvent.ModifyCompleted.class).accepted()).isTrue();
        assertThat(h.snapshot().link("hostb").reserved().downBps()).isEqualTo(2000 * 48L);

        a.on(l -> l.modify(c.caller(), AtmTrafficDescriptor.peak(3000, 1000)));
        b.awaitMessage(ModifyRequest.class);
        b.on(l -> l.rejectModify(c.called(), CauseValue.QOS_NOT_AVAILABLE));
        UniEvent.ModifyCompleted refused = a.await(UniEvent.ModifyCompleted.class);
        assertThat(refused.accepted()).isFalse();
        assertThat(refused.cause().flatMap(x -> x.standardValue())).contains(CauseValue.QOS_NOT_AVAILABLE);
        assertThat(h.snapshot().link("hostb").reserved().downBps()).isEqualTo(2000 * 48L);

        a.on(l -> l.modify(c.caller(), AtmTrafficDescriptor.peak(BIG_PCR * 2, 1000)));
        UniEvent.ModifyCompleted cac = a.await(UniEvent.ModifyCompleted.class);
        assertThat(cac.accepted()).isFalse();
        assertThat(cac.cause().flatMap(x -> x.standardValue())).contains(CauseValue.USER_CELL_RATE_NOT_AVAILABLE);
        assertThat(h.snapshot().link("hostb").reserved().downBps()).isEqualTo(2000 * 48L);

        a.on(l -> l.release(c.caller(), CauseValue.NORMAL_CALL_CLEARING));
        b.awaitCleared(c.called());
        h.awaitQuiescent();
    }

    @Test
    @DisplayName("Remote release: RELEASE with the cause on every link of the call")
    void shouldReleaseCallAsNetwork() throws Exception {
        h = FabricHarness.start("hosta", "hostb");
        Call c = connect("hosta", "hostb", TestHost.call("hostb:1", 53, 100, 100));
        var id = h.snapshot().calls().get(0).id();
        assertThat(status(h.fabric().release(id, CauseValue.NETWORK_OUT_OF_ORDER))).isEqualTo(Status.SUCCESS);
        assertThat(h.host("hosta").awaitCleared(c.caller()).causeValue()).contains(CauseValue.NETWORK_OUT_OF_ORDER);
        assertThat(h.host("hostb").awaitCleared(c.called()).causeValue()).contains(CauseValue.NETWORK_OUT_OF_ORDER);
        h.awaitQuiescent();
        assertThat(status(h.fabric().release(id, CauseValue.NORMAL_CALL_CLEARING))).isEqualTo(Status.INVALID_HANDLE);
    }

    @Test
    @DisplayName("Remote dropParty: DROP PARTY towards the root, RELEASE towards the leaf's link")
    void shouldDropPartyAsNetwork() throws Exception {
        h = FabricHarness.start("hosta", "hostb", "hostc");
        TestHost a = h.host("hosta");
        Call first = connect("hosta", "hostb", TestHost.multipointCall("hostb:1", 54, 100));
        Leaf leaf = activePartyOnC(first);
        int ep = leaf.ep();

        var id = h.snapshot().calls().get(0).id();
        assertThat(status(h.fabric().dropParty(id, ep, CauseValue.TEMPORARY_FAILURE))).isEqualTo(Status.SUCCESS);
        UniEvent.PartyCleared atRoot = a.await(UniEvent.PartyCleared.class, e -> e.endpointReference() == ep);
        assertThat(atRoot.reason()).isEqualTo(UniEvent.ClearReason.PEER);
        assertThat(h.host("hostc").awaitCleared(leaf.call()).causeValue()).contains(CauseValue.TEMPORARY_FAILURE);
        UniCallState rootState = a.on(l -> l.callState(first.caller()));
        assertThat(rootState).isEqualTo(UniCallState.U10_ACTIVE);
        assertThat(status(h.fabric().dropParty(id, ep, CauseValue.TEMPORARY_FAILURE)))
                .isEqualTo(Status.INVALID_HANDLE);

        a.on(l -> l.release(first.caller(), CauseValue.NORMAL_CALL_CLEARING));
        h.host("hostb").awaitCleared(first.called());
        h.awaitQuiescent();
    }

    @Test
    @DisplayName("Remote modify: MODIFY REQUEST towards the called end, admitted; refused beyond capacity")
    void shouldModifyAsNetwork() throws Exception {
        h = FabricHarness.start("hosta", "hostb");
        Call c = connect("hosta", "hostb", TestHost.call("hostb:1", 55, 1000, 1000));
        var id = h.snapshot().calls().get(0).id();
        var pending = h.fabric().modify(id, AtmTrafficDescriptor.peak(1500, 1500));
        h.host("hostb").awaitMessage(ModifyRequest.class);
        h.host("hostb").on(l -> l.acceptModify(c.called()));
        assertThat(status(pending)).isEqualTo(Status.SUCCESS);
        assertThat(h.snapshot().link("hosta").reserved()).isEqualTo(new FabricSnapshot.Reservation(72_000, 72_000));
        assertThat(status(h.fabric().modify(id, AtmTrafficDescriptor.peak(BIG_PCR * 2, 0))).code())
                .isEqualTo(Status.Code.CELLRATE_NOT_AVAILABLE);

        h.host("hosta").on(l -> l.release(c.caller(), CauseValue.NORMAL_CALL_CLEARING));
        h.host("hostb").awaitCleared(c.called());
        h.awaitQuiescent();
    }

    @Test
    @DisplayName("Remote modify of the whole call (E8): the called end first, then the owner brought in line with "
            + "the other user-user information; the owner's rejection is reported and keeps the new reservations")
    void shouldModifyBothEndsAsNetwork() throws Exception {
        h = FabricHarness.start(List.of("hosta", "hostb"), 10_000_000, SscopConfig.defaults(),
                UniLinkConfig.defaults(Side.USER).withNetworkModify(true), c -> c, null, 0, null);
        Call c = connect("hosta", "hostb", TestHost.call("hostb:1", 57, 1000, 1000));
        var id = h.snapshot().calls().get(0).id();
        UserUserInformation told = new UserUserInformation(UserUserInformation.USER_SPECIFIC, Octets.ofUnsigned(1, 2, 3),
                IeInstruction.explicit(IeInstruction.ACTION_DISCARD_IE_AND_PROCEED));
        UserUserInformation other = new UserUserInformation(UserUserInformation.USER_SPECIFIC, Octets.ofUnsigned(4, 5, 6),
                IeInstruction.explicit(IeInstruction.ACTION_DISCARD_IE_AND_PROCEED));
        var pending = h.fabric().modify(id, AtmTrafficDescriptor.peak(1500, 1500), Optional.of(told), false,
                Optional.of(other));
        ModifyRequest atB = (ModifyRequest) h.host("hostb").awaitMessage(ModifyRequest.class).message();
        assertThat(atB.first(UserUserInformation.class)).contains(told);
        assertThat(pending).as("not complete before the owner answered").isNotDone();
        h.host("hostb").on(l -> l.acceptModify(c.called()));
        ModifyRequest atA = (ModifyRequest) h.host("hosta").awaitMessage(ModifyRequest.class).message();
        assertThat(atA.first(UserUserInformation.class)).contains(other);
        assertThat(atA.trafficDescriptor()).contains(AtmTrafficDescriptor.peak(1500, 1500));
        h.host("hosta").on(l -> l.acceptModify(c.caller()));
        assertThat(status(pending)).isEqualTo(Status.SUCCESS);
        assertThat(h.snapshot().link("hosta").reserved()).isEqualTo(new FabricSnapshot.Reservation(72_000, 72_000));

        // The owner refuses the second step: reported, and the new rates stay reserved (the called end has them).
        var again = h.fabric().modify(id, AtmTrafficDescriptor.peak(2000, 2000), Optional.of(told), false,
                Optional.of(other));
        h.host("hostb").awaitMessage(ModifyRequest.class);
        h.host("hostb").on(l -> l.acceptModify(c.called()));
        h.host("hosta").awaitMessage(ModifyRequest.class);
        h.host("hosta").on(l -> l.rejectModify(c.caller(), CauseValue.USER_CELL_RATE_NOT_AVAILABLE));
        assertThat(status(again).code()).isEqualTo(Status.Code.FAILURE);
        assertThat(h.snapshot().link("hosta").reserved()).isEqualTo(new FabricSnapshot.Reservation(96_000, 96_000));

        h.host("hosta").on(l -> l.release(c.caller(), CauseValue.NORMAL_CALL_CLEARING));
        h.host("hostb").awaitCleared(c.called());
        h.awaitQuiescent();
    }

    @Test
    @DisplayName("Remote haltHost: the host's calls are released with cause 41 at the others, its link ends "
            + "(SSCOP END); new calls to it are refused with cause 27 until resumed")
    void shouldHaltHostOnTheWire() throws Exception {
        h = FabricHarness.start("hosta", "hostb");
        Call c = connect("hosta", "hostb", TestHost.call("hostb:1", 56, 100, 100));
        assertThat(status(h.fabric().haltHost("hostb"))).isEqualTo(Status.SUCCESS);
        assertThat(h.host("hosta").awaitCleared(c.caller()).causeValue()).contains(CauseValue.TEMPORARY_FAILURE);
        assertThat(h.host("hostb").awaitCleared(c.called()).causeValue()).contains(CauseValue.TEMPORARY_FAILURE);
        h.host("hostb").await(UniEvent.LinkDown.class);
        FabricSnapshot s = h.awaitQuiescent();
        assertThat(s.link("hostb").halted()).isTrue();
        assertThat(s.link("hostb").state()).isEqualTo(LinkState.DOWN);

        UniCallId refused = h.host("hosta").on(l -> l.setup(TestHost.call("hostb:1", 57, 100, 100))).value();
        assertThat(h.host("hosta").awaitCleared(refused).causeValue()).contains(CauseValue.DESTINATION_OUT_OF_ORDER);

        assertThat(status(h.fabric().resumeHost("hostb"))).isEqualTo(Status.SUCCESS);
        Call again = connect("hosta", "hostb", TestHost.call("hostb:1", 58, 100, 100));
        h.host("hosta").on(l -> l.release(again.caller(), CauseValue.NORMAL_CALL_CLEARING));
        h.host("hostb").awaitCleared(again.called());
        h.awaitQuiescent();
    }

    @Test
    @DisplayName("Remote capacity: a link's capacity goes down below a call's rate (refused while reserved), then "
            + "the next call no longer fits")
    void shouldChangeCapacity() throws Exception {
        h = FabricHarness.start("hosta", "hostb");
        Call c = connect("hosta", "hostb", TestHost.call("hostb:1", 59, 1000, 0));
        assertThat(status(h.fabric().capacity("hostb", 1000)).code()).isEqualTo(Status.Code.RESOURCES);
        assertThat(status(h.fabric().capacity("hostb", 60_000))).isEqualTo(Status.SUCCESS);
        assertThat(h.snapshot().link("hostb").capacityBps()).isEqualTo(60_000);
        UniCallId second = h.host("hosta").on(l -> l.setup(TestHost.call("hostb:2", 60, 1000, 0))).value();
        assertThat(h.host("hosta").awaitCleared(second).causeValue())
                .contains(CauseValue.USER_CELL_RATE_NOT_AVAILABLE);
        assertThat(status(h.fabric().capacity("nobody", 1)).code()).isEqualTo(Status.Code.INVALID_PARAMETER);
        h.host("hosta").on(l -> l.release(c.caller(), CauseValue.NORMAL_CALL_CLEARING));
        h.host("hostb").awaitCleared(c.called());
        h.awaitQuiescent();
    }

    @Test
    @DisplayName("Link lost mid-call (host gone, no END): the fabric clears the other end with a cause within "
            + "Timer_NO-RESPONSE + T309 (1.5 s + 1 s configured)")
    void shouldClearOtherEndWhenHostLinkIsLost() throws Exception {
        SscopConfig quick = new SscopConfig(TimeUnit.MILLISECONDS.toNanos(200), TimeUnit.MILLISECONDS.toNanos(100),
                TimeUnit.MILLISECONDS.toNanos(200), TimeUnit.MILLISECONDS.toNanos(1500),
                TimeUnit.SECONDS.toNanos(15), 3, 25, 67, 128, 65_536);
        UniLinkConfig fabricLink = shortT309(UniLinkConfig.defaults(Side.NETWORK));
        h = FabricHarness.start(List.of("hosta", "hostb"), 10_000_000, quick, UniLinkConfig.defaults(Side.USER),
                cfg -> cfg.withSscop(quick).withLink(fabricLink), null, 0, null);
        Call c = connect("hosta", "hostb", TestHost.call("hostb:1", 61, 100, 100));
        long start = System.nanoTime();
        h.host("hostb").close();
        UniEvent.CallCleared atA = h.host("hosta").awaitCleared(c.caller());
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(atA.causeValue()).isPresent();
        assertThat(atA.causeValue().get()).isIn(CauseValue.DESTINATION_OUT_OF_ORDER, CauseValue.TEMPORARY_FAILURE);
        System.out.println("link loss: caller cleared with cause " + atA.cause().value() + " after " + tookMs + " ms");
        FabricSnapshot s = get(h.fabric().snapshot());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TestHost.WAIT_SECONDS);
        while (!s.calls().isEmpty() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
            s = get(h.fabric().snapshot());
        }
        assertThat(s.calls()).isEmpty();
        assertThat(s.link("hosta").reserved()).isEqualTo(new FabricSnapshot.Reservation(0, 0));
        assertThat(s.link("hostb").reserved()).isEqualTo(new FabricSnapshot.Reservation(0, 0));
    }

    static UniLinkConfig shortT309(UniLinkConfig d) {
        return new UniLinkConfig(d.side(), d.t303(), d.t308(), Duration.ofSeconds(1), d.t310(), d.t313(), d.t322(),
                d.t360(), d.t398(), d.t399());
    }
}
