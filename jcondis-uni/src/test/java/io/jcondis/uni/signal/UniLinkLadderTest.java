package io.jcondis.uni.signal;

import static io.jcondis.uni.signal.UniPair.S;
import static org.assertj.core.api.Assertions.assertThat;

import io.jcondis.api.Status;
import io.jcondis.uni.codec.Octets;
import io.jcondis.uni.q2931.AtmTrafficDescriptor;
import io.jcondis.uni.q2931.CalledPartyNumber;
import io.jcondis.uni.q2931.CauseValue;
import io.jcondis.uni.q2931.MessageType;
import io.jcondis.uni.q2931.Q2931Message;
import io.jcondis.uni.q2931.Setup;
import io.jcondis.uni.q2931.UserUserInformation;
import io.jcondis.uni.signal.UniEvent.ClearReason;
import io.jcondis.uni.sscop.SscopConfig;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The message ladders of Q.2931, Q.2971 and Q.2963.1 between two {@link UniLink}s over two real SSCOP entities on
 * a manual clock: what each side sends, what each side's user is told, and that nothing is left afterwards.
 */
class UniLinkLadderTest {

    /** Sets up an active point-to-point call from A; returns A's and B's handles. */
    static UniCallId[] activeCall(UniPair pair, CallParameters params) {
        UniCallId a = pair.a.link.setup(params).value();
        pair.settle();
        UniCallId b = pair.b.lastIncomingCall();
        assertThat(pair.b.link.callProceeding(b)).isEqualTo(Status.SUCCESS);
        assertThat(pair.b.link.alerting(b)).isEqualTo(Status.SUCCESS);
        assertThat(pair.b.link.connect(b)).isEqualTo(Status.SUCCESS);
        pair.settle();
        assertThat(pair.a.link.callState(a)).isEqualTo(UniCallState.U10_ACTIVE);
        assertThat(pair.b.link.callState(b)).isEqualTo(UniCallState.U10_ACTIVE);
        return new UniCallId[] {a, b};
    }

    /** A adds a party to the point-to-multipoint call {@code ids}; B accepts it. */
    static int acceptedParty(UniPair pair, UniCallId[] ids) {
        int ep = pair.a.link.addParty(ids[0], CalledPartyNumber.e164("4961510001")).value();
        assertThat(pair.a.link.partyState(ids[0], ep)).isEqualTo(PartyState.ADD_PARTY_INITIATED);
        pair.settle();
        assertThat(pair.b.link.partyState(ids[1], ep)).isEqualTo(PartyState.ADD_PARTY_RECEIVED);
        assertThat(pair.b.link.acceptAddParty(ids[1], ep)).isEqualTo(Status.SUCCESS);
        pair.settle();
        return ep;
    }

    static void assertNothingLeft(UniPair pair) {
        for (UniPair.End e : List.of(pair.a, pair.b)) {
            assertThat(e.link.callCount()).as("%s calls", e).isZero();
            assertThat(e.link.runningTimers()).as("%s timers", e).isZero();
            assertThat(e.link.statistics().malformed() + e.link.statistics().unexpected()
                    + e.link.statistics().unknownCallReference()).as("%s errors", e).isZero();
        }
    }

    @Test
    @DisplayName("Q.2931 5.1/5.2: SETUP, CALL PROCEEDING, ALERTING, CONNECT, CONNECT ACKNOWLEDGE; flags 0 and 1")
    void shouldSetUpAPointToPointCall() {
        UniPair pair = new UniPair().established();
        CallParameters params = UniPair.parameters();
        UniCallId[] ids = activeCall(pair, params);

        assertThat(pair.ladder()).containsExactly("a>SETUP", "b>CALL_PROCEEDING", "b>ALERTING", "b>CONNECT",
                "a>CONNECT_ACKNOWLEDGE");
        Setup setup = (Setup) pair.b.received().get(0);
        assertThat(setup.callReference().toOriginatingSide()).isFalse();
        assertThat(setup.calledPartyNumber()).contains(params.calledParty());
        assertThat(setup.callingPartyNumber()).isEqualTo(params.callingParty());
        assertThat(setup.aalParameters()).isEqualTo(params.aalParameters());
        assertThat(setup.trafficDescriptor()).contains(params.trafficDescriptor());
        assertThat(setup.bearerCapability()).contains(params.bearerCapability());
        assertThat(setup.qosParameter()).isEqualTo(params.qosParameter());
        assertThat(setup.connectionIdentifier()).isEqualTo(params.connectionIdentifier());
        assertThat(pair.a.received()).extracting(Q2931Message::type).containsExactly(MessageType.CALL_PROCEEDING,
                MessageType.ALERTING, MessageType.CONNECT);
        assertThat(pair.a.received()).allMatch(m -> m.callReference().toOriginatingSide());
        assertThat(pair.a.events(UniEvent.CallActive.class)).containsExactly(new UniEvent.CallActive(ids[0]));
        assertThat(pair.b.events(UniEvent.CallActive.class)).containsExactly(new UniEvent.CallActive(ids[1]));
        assertThat(pair.a.link.callReference(ids[0])).isEqualTo(pair.b.link.callReference(ids[1]));
        assertThat(pair.a.link.isOriginator(ids[0])).isTrue();
        assertThat(pair.b.link.isOriginator(ids[1])).isFalse();
        assertThat(pair.a.link.statistics().sent(MessageType.SETUP)).isEqualTo(1);
        assertThat(pair.b.link.statistics().received(MessageType.SETUP)).isEqualTo(1);
        assertThat(pair.b.link.statistics().sentTotal()).isEqualTo(3);
        assertThat(pair.a.link.runningTimers()).isZero();
        assertThat(pair.b.link.runningTimers()).isZero();
    }

    @Test
    @DisplayName("Q.2931 5.4: release from the calling side: RELEASE, RELEASE COMPLETE")
    void shouldReleaseFromTheCallingSide() {
        UniPair pair = new UniPair().established();
        UniCallId[] ids = activeCall(pair, UniPair.parameters());
        assertThat(pair.a.link.release(ids[0], CauseValue.NORMAL_CALL_CLEARING)).isEqualTo(Status.SUCCESS);
        assertThat(pair.a.link.callState(ids[0])).isEqualTo(UniCallState.U11_RELEASE_REQUEST);
        pair.settle();
        assertThat(pair.ladder().subList(5, 7)).containsExactly("a>RELEASE", "b>RELEASE_COMPLETE");
        assertCleared(pair.a, ids[0], CauseValue.NORMAL_CALL_CLEARING, ClearReason.LOCAL);
        assertCleared(pair.b, ids[1], CauseValue.NORMAL_CALL_CLEARING, ClearReason.PEER);
        assertNothingLeft(pair);
    }

    @Test
    @DisplayName("Q.2931 5.4: release from the called side: RELEASE, RELEASE COMPLETE")
    void shouldReleaseFromTheCalledSide() {
        UniPair pair = new UniPair().established();
        UniCallId[] ids = activeCall(pair, UniPair.parameters());
        assertThat(pair.b.link.release(ids[1], CauseValue.NORMAL_CALL_CLEARING)).isEqualTo(Status.SUCCESS);
        pair.settle();
        assertThat(pair.ladder().subList(5, 7)).containsExactly("b>RELEASE", "a>RELEASE_COMPLETE");
        assertCleared(pair.a, ids[0], CauseValue.NORMAL_CALL_CLEARING, ClearReason.PEER);
        assertCleared(pair.b, ids[1], CauseValue.NORMAL_CALL_CLEARING, ClearReason.LOCAL);
        assertThat(pair.b.link.release(ids[1], CauseValue.NORMAL_CALL_CLEARING)).isEqualTo(Status.INVALID_HANDLE);
        assertNothingLeft(pair);
    }

    @Test
    @DisplayName("Q.2931 5.4.5: both sides release at once (clear collision)")
    void shouldClearWhenBothSidesReleaseAtOnce() {
        UniPair pair = new UniPair().established();
        UniCallId[] ids = activeCall(pair, UniPair.parameters());
        pair.a.link.release(ids[0], CauseValue.NORMAL_CALL_CLEARING);
        pair.b.link.release(ids[1], CauseValue.NORMAL_UNSPECIFIED);
        pair.settle();
        assertThat(pair.ladder().subList(5, pair.ladder().size())).containsExactlyInAnyOrder("a>RELEASE",
                "b>RELEASE");
        assertThat(pair.a.events(UniEvent.CallCleared.class)).hasSize(1);
        assertThat(pair.b.events(UniEvent.CallCleared.class)).hasSize(1);
        assertNothingLeft(pair);
    }

    @Test
    @DisplayName("Q.2931 5.2.5: a call rejected with a cause: RELEASE COMPLETE in reply to SETUP")
    void shouldRejectACallWithACause() {
        UniPair pair = new UniPair().established();
        UniCallId a = pair.a.link.setup(UniPair.parameters()).value();
        pair.settle();
        UniCallId b = pair.b.lastIncomingCall();
        assertThat(pair.b.link.callState(b)).isEqualTo(UniCallState.U6_CALL_PRESENT);
        assertThat(pair.b.link.release(b, CauseValue.USER_BUSY)).isEqualTo(Status.SUCCESS);
        pair.settle();
        assertThat(pair.ladder()).containsExactly("a>SETUP", "b>RELEASE_COMPLETE");
        assertCleared(pair.a, a, CauseValue.USER_BUSY, ClearReason.PEER);
        assertCleared(pair.b, b, CauseValue.USER_BUSY, ClearReason.LOCAL);
        assertNothingLeft(pair);
    }

    @Test
    @DisplayName("Q.2931 4.3: both sides originate at once with the same call reference value, told apart by the flag")
    void shouldKeepCallsOfBothOriginatorsApart() {
        UniPair pair = new UniPair().established();
        UniCallId fromA = pair.a.link.setup(UniPair.parameters()).value();
        UniCallId fromB = pair.b.link.setup(UniPair.parameters()).value();
        pair.settle();
        assertThat(pair.a.link.callReference(fromA)).isEqualTo(pair.b.link.callReference(fromB));
        UniCallId atB = pair.b.lastIncomingCall();
        UniCallId atA = pair.a.lastIncomingCall();
        pair.b.link.connect(atB);
        pair.a.link.release(atA, CauseValue.CALL_REJECTED);
        pair.settle();
        assertThat(pair.a.link.callState(fromA)).isEqualTo(UniCallState.U10_ACTIVE);
        assertThat(pair.b.link.callState(atB)).isEqualTo(UniCallState.U10_ACTIVE);
        assertThat(pair.b.link.callState(fromB)).isEqualTo(UniCallState.U0_NULL);
        assertCleared(pair.b, fromB, CauseValue.CALL_REJECTED, ClearReason.PEER);
        assertThat(pair.a.link.callCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("Q.2971: point-to-multipoint call, ADD PARTY acknowledged and rejected, DROP PARTY, last party "
            + "releases the call")
    void shouldAddAndDropParties() {
        UniPair pair = new UniPair().established();
        UniCallId[] ids = activeCall(pair, UniPair.multipointParameters());
        UniCallId root = ids[0];
        UniCallId leaf = ids[1];
        assertThat(pair.a.link.parties(root)).containsExactly(0);
        assertThat(pair.a.link.partyState(root, 0)).isEqualTo(PartyState.ACTIVE);
        assertThat(pair.b.link.partyState(leaf, 0)).isEqualTo(PartyState.ACTIVE);

        int ep1 = acceptedParty(pair, ids);
        assertThat(pair.a.events(UniEvent.PartyActive.class)).containsExactly(new UniEvent.PartyActive(root, ep1));

        int ep2 = pair.a.link.addParty(root, CalledPartyNumber.e164("4961510002")).value();
        pair.settle();
        assertThat(pair.b.link.rejectAddParty(leaf, ep2, CauseValue.USER_BUSY)).isEqualTo(Status.SUCCESS);
        pair.settle();
        UniEvent.PartyCleared rejected = pair.a.events(UniEvent.PartyCleared.class).get(0);
        assertThat(rejected.endpointReference()).isEqualTo(ep2);
        assertThat(rejected.cause().standardValue()).contains(CauseValue.USER_BUSY);
        assertThat(rejected.reason()).isEqualTo(ClearReason.PEER);

        assertThat(pair.a.link.dropParty(root, ep1, CauseValue.NORMAL_CALL_CLEARING)).isEqualTo(Status.SUCCESS);
        assertThat(pair.a.link.partyState(root, ep1)).isEqualTo(PartyState.DROP_PARTY_INITIATED);
        pair.settle();
        assertThat(pair.a.link.parties(root)).containsExactly(0);
        assertThat(pair.b.link.parties(leaf)).containsExactly(0);

        assertThat(pair.a.link.dropParty(root, 0, CauseValue.NORMAL_CALL_CLEARING)).isEqualTo(Status.SUCCESS);
        pair.settle();
        assertThat(pair.ladder()).containsExactly("a>SETUP", "b>CALL_PROCEEDING", "b>ALERTING", "b>CONNECT",
                "a>CONNECT_ACKNOWLEDGE", "a>ADD_PARTY", "b>ADD_PARTY_ACKNOWLEDGE", "a>ADD_PARTY", "b>ADD_PARTY_REJECT",
                "a>DROP_PARTY", "b>DROP_PARTY_ACKNOWLEDGE", "a>RELEASE", "b>RELEASE_COMPLETE");
        assertCleared(pair.b, leaf, CauseValue.NORMAL_CALL_CLEARING, ClearReason.PEER);
        assertNothingLeft(pair);
    }

    @Test
    @DisplayName("R26/Q.2957: RELEASE carries user-user information (also when T308 repeats it) to the peer's "
            + "CallCleared; 129 octets are refused with INVALID_DATA, nothing sent, nothing changed")
    void shouldCarryUserUserInformationInRelease() {
        UniPair pair = new UniPair().established();
        UniCallId[] ids = activeCall(pair, UniPair.parameters());
        UserUserInformation tooLong = new UserUserInformation(0x40, Octets.of(new byte[129]));
        long sentBefore = pair.a.link.statistics().sentTotal();
        assertThat(pair.a.link.release(ids[0], CauseValue.NORMAL_CALL_CLEARING, java.util.Optional.of(tooLong))
                .code()).isEqualTo(Status.Code.INVALID_DATA);
        assertThat(pair.a.link.callState(ids[0])).isEqualTo(UniCallState.U10_ACTIVE);
        assertThat(pair.a.link.runningTimers()).isZero();
        assertThat(pair.a.link.statistics().sentTotal()).isEqualTo(sentBefore);

        UserUserInformation data = new UserUserInformation(0x40, Octets.of(new byte[128]));
        assertThat(pair.a.link.release(ids[0], CauseValue.NORMAL_CALL_CLEARING, java.util.Optional.of(data)))
                .isEqualTo(Status.SUCCESS);
        pair.settle();
        Q2931Message release = pair.b.received().get(pair.b.received().size() - 1);
        assertThat(release.type()).isEqualTo(MessageType.RELEASE);
        assertThat(release.first(UserUserInformation.class)).contains(data);
        assertCleared(pair.b, ids[1], CauseValue.NORMAL_CALL_CLEARING, ClearReason.PEER);
        assertThat(pair.b.events(UniEvent.CallCleared.class).get(0).userUser()).contains(data);
        assertThat(pair.a.events(UniEvent.CallCleared.class).get(0).userUser()).as("a local clear carries none")
                .isEmpty();
        assertNothingLeft(pair);
    }

    @Test
    @DisplayName("Q.2971/Q.2957: DROP PARTY carries user-user information to the peer's PartyCleared; dropping the "
            + "last party puts it in the RELEASE")
    void shouldCarryUserUserInformationInDropParty() {
        UniPair pair = new UniPair().established();
        UniCallId[] ids = activeCall(pair, UniPair.multipointParameters());
        int ep1 = acceptedParty(pair, ids);
        UserUserInformation tooLong = new UserUserInformation(0x40, Octets.of(new byte[129]));
        assertThat(pair.b.link.dropParty(ids[1], ep1, CauseValue.NORMAL_CALL_CLEARING,
                java.util.Optional.of(tooLong)).code()).isEqualTo(Status.Code.INVALID_DATA);
        assertThat(pair.b.link.partyState(ids[1], ep1)).isEqualTo(PartyState.ACTIVE);

        UserUserInformation bye = new UserUserInformation(0x40, Octets.ascii("bye"));
        assertThat(pair.b.link.dropParty(ids[1], ep1, CauseValue.NORMAL_CALL_CLEARING, java.util.Optional.of(bye)))
                .isEqualTo(Status.SUCCESS);
        pair.settle();
        UniEvent.PartyCleared atRoot = pair.a.events(UniEvent.PartyCleared.class).get(0);
        assertThat(atRoot.endpointReference()).isEqualTo(ep1);
        assertThat(atRoot.reason()).isEqualTo(ClearReason.PEER);
        assertThat(atRoot.userUser()).contains(bye);
        assertThat(pair.b.events(UniEvent.PartyCleared.class).get(0).userUser()).isEmpty();

        UserUserInformation last = new UserUserInformation(0x40, Octets.ascii("last"));
        assertThat(pair.a.link.dropParty(ids[0], 0, CauseValue.NORMAL_CALL_CLEARING, java.util.Optional.of(last)))
                .isEqualTo(Status.SUCCESS);
        pair.settle();
        assertThat(pair.ladder().subList(7, pair.ladder().size())).containsExactly("b>DROP_PARTY",
                "a>DROP_PARTY_ACKNOWLEDGE", "a>RELEASE", "b>RELEASE_COMPLETE");
        assertThat(pair.b.events(UniEvent.CallCleared.class).get(0).userUser()).contains(last);
        assertNothingLeft(pair);
    }

    @Test
    @DisplayName("Q.2971: only the root adds parties, only to an active point-to-multipoint call")
    void shouldRefuseAddPartyOutOfPlace() {
        UniPair pair = new UniPair().established();
        UniCallId[] p2p = activeCall(pair, UniPair.parameters());
        assertThat(pair.a.link.addParty(p2p[0], CalledPartyNumber.e164("1")).status().code())
                .isEqualTo(Status.Code.NOT_ACCEPTED);
        UniCallId[] p2mp = activeCall(pair, UniPair.multipointParameters());
        assertThat(pair.b.link.addParty(p2mp[1], CalledPartyNumber.e164("1")).status().code())
                .isEqualTo(Status.Code.NOT_ACCEPTED);
        assertThat(pair.a.link.acceptAddParty(p2mp[0], 5).code()).isEqualTo(Status.Code.NOT_ACCEPTED);
        assertThat(pair.a.link.addParty(new UniCallId(999), CalledPartyNumber.e164("1")).status())
                .isEqualTo(Status.INVALID_HANDLE);
    }

    @Test
    @DisplayName("E8 (jcondis extension of Q.2963.1): the network modifies towards the owner when both allow it")
    void shouldLetTheNetworkModifyTowardsTheOwnerWhenConfigured() {
        UniPair pair = new UniPair(1, SscopConfig.defaults(),
                UniLinkConfig.defaults(Side.USER).withNetworkModify(true),
                UniLinkConfig.defaults(Side.NETWORK).withNetworkModify(true)).established();
        UniCallId[] ids = activeCall(pair, UniPair.parameters());
        AtmTrafficDescriptor bigger = AtmTrafficDescriptor.peak(20_000, 20_000);
        UserUserInformation uui = new UserUserInformation(UserUserInformation.USER_SPECIFIC, Octets.ofUnsigned(7));
        assertThat(pair.b.link.modify(ids[1], bigger, java.util.Optional.of(uui))).isEqualTo(Status.SUCCESS);
        pair.settle();
        Q2931Message request = pair.a.received().get(pair.a.received().size() - 1);
        assertThat(request.type()).isEqualTo(MessageType.MODIFY_REQUEST);
        assertThat(request.first(UserUserInformation.class)).contains(uui);
        assertThat(pair.a.link.acceptModify(ids[0])).isEqualTo(Status.SUCCESS);
        pair.settle();
        assertThat(pair.b.events(UniEvent.ModifyCompleted.class)).containsExactly(
                new UniEvent.ModifyCompleted(ids[1], true, bigger, java.util.Optional.empty()));
        assertThat(pair.a.link.trafficDescriptor(ids[0])).contains(bigger);
        assertThat(pair.a.link.modify(ids[0], AtmTrafficDescriptor.peak(30_000, 30_000))).as("the owner still may")
                .isEqualTo(Status.SUCCESS);
        pair.settle();
        assertThat(pair.b.link.rejectModify(ids[1], CauseValue.USER_CELL_RATE_NOT_AVAILABLE)).isEqualTo(Status.SUCCESS);
        pair.settle();
        assertThat(pair.a.link.statistics().unexpected() + pair.b.link.statistics().unexpected()).isZero();
        assertThat(pair.a.link.runningTimers() + pair.b.link.runningTimers()).isZero();
    }

    @Test
    @DisplayName("E8: without the extension the owner refuses the network's MODIFY REQUEST (cause 63), nothing changes")
    void shouldRefuseTheNetworksModifyWithoutTheExtension() {
        UniPair pair = new UniPair(1, SscopConfig.defaults(), UniLinkConfig.defaults(Side.USER),
                UniLinkConfig.defaults(Side.NETWORK).withNetworkModify(true)).established();
        UniCallId[] ids = activeCall(pair, UniPair.parameters());
        AtmTrafficDescriptor before = pair.a.link.trafficDescriptor(ids[0]).orElseThrow();
        assertThat(pair.b.link.modify(ids[1], AtmTrafficDescriptor.peak(20_000, 20_000))).isEqualTo(Status.SUCCESS);
        pair.settle();
        UniEvent.ModifyCompleted refused = pair.b.events(UniEvent.ModifyCompleted.class).get(0);
        assertThat(refused.accepted()).isFalse();
        assertThat(refused.cause().orElseThrow().standardValue()).contains(CauseValue.SERVICE_NOT_AVAILABLE);
        assertThat(pair.a.link.trafficDescriptor(ids[0])).contains(before);
        assertThat(pair.b.link.trafficDescriptor(ids[1])).contains(before);
        assertThat(pair.a.link.callState(ids[0])).isEqualTo(UniCallState.U10_ACTIVE);
    }

    @Test
    @DisplayName("Q.2963.1: MODIFY REQUEST acknowledged, then rejected with a cause")
    void shouldModifyTheTrafficDescriptor() {
        UniPair pair = new UniPair().established();
        UniCallId[] ids = activeCall(pair, UniPair.parameters());
        AtmTrafficDescriptor bigger = AtmTrafficDescriptor.peak(20_000, 20_000);
        assertThat(pair.b.link.modify(ids[1], bigger).code()).as("only the owner modifies")
                .isEqualTo(Status.Code.NOT_ACCEPTED);
        assertThat(pair.a.link.modify(ids[0], bigger)).isEqualTo(Status.SUCCESS);
        pair.settle();
        assertThat(pair.b.received().get(pair.b.received().size() - 1).type()).isEqualTo(MessageType.MODIFY_REQUEST);
        assertThat(pair.b.link.acceptModify(ids[1])).isEqualTo(Status.SUCCESS);
        pair.settle();
        assertThat(pair.a.events(UniEvent.ModifyCompleted.class)).containsExactly(
                new UniEvent.ModifyCompleted(ids[0], true, bigger, java.util.Optional.empty()));
        assertThat(pair.a.link.trafficDescriptor(ids[0])).contains(bigger);
        assertThat(pair.b.link.trafficDescriptor(ids[1])).contains(bigger);

        pair.a.link.modify(ids[0], AtmTrafficDescriptor.peak(90_000, 90_000));
        pair.settle();
        assertThat(pair.b.link.rejectModify(ids[1], CauseValue.USER_CELL_RATE_NOT_AVAILABLE))
                .isEqualTo(Status.SUCCESS);
        pair.settle();
        UniEvent.ModifyCompleted rejected = pair.a.events(UniEvent.ModifyCompleted.class).get(1);
        assertThat(rejected.accepted()).isFalse();
        assertThat(rejected.trafficDescriptor()).isEqualTo(bigger);
        assertThat(rejected.cause().orElseThrow().standardValue()).contains(CauseValue.USER_CELL_RATE_NOT_AVAILABLE);
        assertThat(pair.ladder().subList(5, 9)).containsExactly("a>MODIFY_REQUEST", "b>MODIFY_ACKNOWLEDGE",
                "a>MODIFY_REQUEST", "b>MODIFY_REJECT");
        assertThat(pair.a.link.callState(ids[0])).isEqualTo(UniCallState.U10_ACTIVE);
        assertThat(pair.a.link.runningTimers()).isZero();
        assertThat(pair.b.link.statistics().malformed() + pair.b.link.statistics().unexpected()).isZero();
    }

    @Test
    @DisplayName("Q.2931 5.6.11: STATUS ENQUIRY answered by STATUS with the call state and cause 30")
    void shouldAnswerStatusEnquiry() {
        UniPair pair = new UniPair().established();
        UniCallId[] ids = activeCall(pair, UniPair.parameters());
        assertThat(pair.a.link.statusEnquiry(ids[0])).isEqualTo(Status.SUCCESS);
        assertThat(pair.a.link.statusEnquiry(ids[0]).code()).as("one at a time").isEqualTo(Status.Code.NOT_ACCEPTED);
        pair.settle();
        io.jcondis.uni.q2931.Status status = (io.jcondis.uni.q2931.Status) pair.a.received()
                .get(pair.a.received().size() - 1);
        assertThat(status.callState().orElseThrow().value()).isEqualTo(10);
        assertThat(status.cause().orElseThrow().standardValue()).contains(CauseValue.RESPONSE_TO_STATUS_ENQUIRY);
        assertThat(pair.a.link.callState(ids[0])).isEqualTo(UniCallState.U10_ACTIVE);
        assertThat(pair.a.link.runningTimers()).as("T322 stopped").isZero();
        assertThat(pair.ladder().subList(5, 7)).containsExactly("a>STATUS_ENQUIRY", "b>STATUS");
    }

    @Test
    @DisplayName("Q.2931 5.6.9: link lost mid-call: active calls survive a quick re-establishment (T309 stopped, "
            + "STATUS ENQUIRY), calls in set-up are cleared with cause 41")
    void shouldKeepActiveCallsAcrossAShortLinkLoss() {
        UniPair pair = new UniPair().established();
        UniCallId[] active = activeCall(pair, UniPair.parameters());
        UniCallId pending = pair.a.link.setup(UniPair.parameters()).value();
        pair.settle();
        // Both directions go silent until SSCOP gives up (Timer_NO-RESPONSE): AA-RELEASE.indication on both sides.
        pair.a.cut(true);
        pair.b.cut(true);
        pair.run(() -> !pair.a.events(UniEvent.LinkDown.class).isEmpty()
                && !pair.b.events(UniEvent.LinkDown.class).isEmpty(), 30 * S);
        pair.a.cut(false);
        pair.b.cut(false);
        pair.run(() -> pair.a.link.linkState() == LinkState.UP && pair.b.link.linkState() == LinkState.UP
                && pair.a.link.runningTimers() == 0 && pair.b.link.runningTimers() == 0, 30 * S);
        assertThat(pair.a.events(UniEvent.LinkUp.class)).hasSizeGreaterThanOrEqualTo(2);
        assertCleared(pair.a, pending, CauseValue.TEMPORARY_FAILURE, ClearReason.LINK_FAILURE);
        assertThat(pair.a.link.callState(active[0])).isEqualTo(UniCallState.U10_ACTIVE);
        assertThat(pair.b.link.callState(active[1])).isEqualTo(UniCallState.U10_ACTIVE);
        assertThat(pair.ladder()).contains("a>STATUS_ENQUIRY", "b>STATUS");
        assertThat(pair.b.link.callCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("Q.2931 5.6.9: link lost for good: T309 clears active calls with cause 27 on both sides; a new "
            + "SETUP re-establishes the association on demand")
    void shouldClearActiveCallsWhenTheLinkStaysDown() {
        UniPair pair = new UniPair().established();
        UniCallId[] ids = activeCall(pair, UniPair.parameters());
        pair.a.cut(true);
        pair.b.cut(true);
        pair.run(() -> pair.a.link.callCount() == 0 && pair.b.link.callCount() == 0, 120 * S);
        assertCleared(pair.a, ids[0], CauseValue.DESTINATION_OUT_OF_ORDER, ClearReason.LINK_FAILURE);
        assertCleared(pair.b, ids[1], CauseValue.DESTINATION_OUT_OF_ORDER, ClearReason.LINK_FAILURE);
        assertThat(pair.a.link.statistics().timerExpiries(UniTimer.T309)).isEqualTo(1);
        assertThat(pair.a.events).anyMatch(e -> e instanceof UniEvent.TimerExpired t && t.timer() == UniTimer.T309);

        pair.a.cut(false);
        pair.b.cut(false);
        pair.run(() -> pair.a.link.runningTimers() == 0 && pair.b.link.runningTimers() == 0, 60 * S);
        UniCallId again = pair.a.link.setup(UniPair.parameters()).value();
        pair.run(() -> pair.b.link.callCount() == 1, 60 * S);
        pair.b.link.connect(pair.b.lastIncomingCall());
        pair.run(() -> pair.a.link.callState(again) == UniCallState.U10_ACTIVE, 60 * S);
    }

    static void assertCleared(UniPair.End end, UniCallId call, CauseValue cause, ClearReason reason) {
        List<UniEvent.CallCleared> cleared = end.events(UniEvent.CallCleared.class).stream()
                .filter(c -> c.call().equals(call)).toList();
        assertThat(cleared).as("%s: CallCleared of %s", end, call).hasSize(1);
        assertThat(cleared.get(0).cause().standardValue()).as("cause").contains(cause);
        assertThat(cleared.get(0).reason()).as("reason").isEqualTo(reason);
        assertThat(end.link.callState(call)).isEqualTo(UniCallState.U0_NULL);
    }
}
