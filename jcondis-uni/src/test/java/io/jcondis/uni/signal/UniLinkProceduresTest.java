package io.jcondis.uni.signal;

import static io.jcondis.uni.signal.UniPair.S;
import static org.assertj.core.api.Assertions.assertThat;

import io.jcondis.api.Status;
import io.jcondis.uni.codec.Octets;
import io.jcondis.uni.q2931.AddPartyAcknowledge;
import io.jcondis.uni.q2931.AtmTrafficDescriptor;
import io.jcondis.uni.q2931.CallProceeding;
import io.jcondis.uni.q2931.CallReference;
import io.jcondis.uni.q2931.CallState;
import io.jcondis.uni.q2931.CalledPartyNumber;
import io.jcondis.uni.q2931.Cause;
import io.jcondis.uni.q2931.CauseLocation;
import io.jcondis.uni.q2931.CauseValue;
import io.jcondis.uni.q2931.Connect;
import io.jcondis.uni.q2931.ConnectAcknowledge;
import io.jcondis.uni.q2931.EndpointReference;
import io.jcondis.uni.q2931.IeIdentifier;
import io.jcondis.uni.q2931.IeInstruction;
import io.jcondis.uni.q2931.InvalidIe;
import io.jcondis.uni.q2931.MessageInstruction;
import io.jcondis.uni.q2931.MessageType;
import io.jcondis.uni.q2931.Q2931Codec;
import io.jcondis.uni.q2931.Q2931Message;
import io.jcondis.uni.q2931.Release;
import io.jcondis.uni.q2931.ReleaseComplete;
import io.jcondis.uni.q2931.Setup;
import io.jcondis.uni.q2931.StatusEnquiry;
import io.jcondis.uni.q2931.UnknownMessage;
import io.jcondis.uni.q2931.UnrecognizedIe;
import io.jcondis.uni.signal.UniEvent.ClearReason;
import io.jcondis.uni.sscop.AaSignal;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Timer expiries and the error procedures of Q.2931 clause 5.6, with the test playing a silent or misbehaving
 * peer ({@link ScriptedLink}).
 */
class UniLinkProceduresTest {
    private static final CallReference FROM_PEER = CallReference.fromOriginator(77);
    private static final Cause NORMAL = Cause.of(CauseLocation.USER, CauseValue.NORMAL_CALL_CLEARING);

    /** An outgoing call of the scripted link; returns its handle and the reference the peer answers with. */
    private static UniCallId outgoing(ScriptedLink s, CallParameters p) {
        UniCallId id = s.link.setup(p).value();
        return id;
    }

    private static CallReference answer(ScriptedLink s, UniCallId id) {
        return CallReference.toOriginator(s.link.callReference(id));
    }

    private static UniCallId activeOutgoing(ScriptedLink s, CallParameters p) {
        UniCallId id = outgoing(s, p);
        s.deliver(Connect.of(answer(s, id)));
        assertThat(s.link.callState(id)).isEqualTo(UniCallState.U10_ACTIVE);
        return id;
    }

    private static UniEvent.CallCleared cleared(ScriptedLink s) {
        List<UniEvent.CallCleared> l = s.events(UniEvent.CallCleared.class);
        assertThat(l).hasSize(1);
        return l.get(0);
    }

    private static CauseValue causeOf(Q2931Message m) {
        return m.first(Cause.class).orElseThrow().standardValue().orElseThrow();
    }

    private static List<UniTimer> expired(ScriptedLink s) {
        return s.events(UniEvent.TimerExpired.class).stream().map(UniEvent.TimerExpired::timer).toList();
    }

    @Test
    @DisplayName("T303: SETUP sent twice, then RELEASE COMPLETE with cause 102 and the call cleared")
    void shouldRetransmitSetupOnceOnT303() {
        ScriptedLink s = ScriptedLink.up();
        UniCallId id = outgoing(s, UniPair.parameters());
        s.timers.advance(4 * S);
        assertThat(s.sentTypes()).containsExactly(MessageType.SETUP, MessageType.SETUP);
        assertThat(s.link.callState(id)).isEqualTo(UniCallState.U1_CALL_INITIATED);
        s.timers.advance(4 * S);
        assertThat(s.sentTypes()).containsExactly(MessageType.SETUP, MessageType.SETUP, MessageType.RELEASE_COMPLETE);
        assertThat(causeOf(s.lastSent())).isEqualTo(CauseValue.RECOVERY_ON_TIMER_EXPIRY);
        assertThat(cleared(s).reason()).isEqualTo(ClearReason.TIMER);
        assertThat(expired(s)).containsExactly(UniTimer.T303, UniTimer.T303);
        assertThat(s.link.statistics().timerExpiries(UniTimer.T303)).isEqualTo(2);
        assertThat(s.link.runningTimers()).isZero();
        assertThat(s.timers.pending()).isZero();
    }

    @Test
    @DisplayName("T310 (30 s user side): CALL PROCEEDING with nothing after clears with RELEASE cause 102")
    void shouldClearOnT310() {
        ScriptedLink s = ScriptedLink.up();
        UniCallId id = outgoing(s, UniPair.parameters());
        s.deliver(CallProceeding.of(answer(s, id)));
        assertThat(s.link.callState(id)).isEqualTo(UniCallState.U3_OUTGOING_CALL_PROCEEDING);
        s.timers.advance(29 * S);
        assertThat(s.link.callState(id)).isEqualTo(UniCallState.U3_OUTGOING_CALL_PROCEEDING);
        s.timers.advance(1 * S);
        assertThat(s.link.callState(id)).isEqualTo(UniCallState.U11_RELEASE_REQUEST);
        assertThat(s.lastSent().type()).isEqualTo(MessageType.RELEASE);
        assertThat(causeOf(s.lastSent())).isEqualTo(CauseValue.RECOVERY_ON_TIMER_EXPIRY);
        s.deliver(ReleaseComplete.of(answer(s, id)));
        assertThat(cleared(s).reason()).isEqualTo(ClearReason.TIMER);
        assertThat(expired(s)).containsExactly(UniTimer.T310);
        assertThat(s.link.runningTimers()).isZero();
    }

    @Test
    @DisplayName("T310 network side is 10 s")
    void shouldUseTheNetworkSideT310() {
        ScriptedLink s = new ScriptedLink(Side.NETWORK);
        s.link.onAaSignal(new AaSignal.EstablishIndication(Octets.EMPTY));
        UniCallId id = outgoing(s, UniPair.parameters());
        s.deliver(CallProceeding.of(answer(s, id)));
        s.timers.advance(9 * S);
        assertThat(s.link.callState(id)).isEqualTo(UniCallState.U3_OUTGOING_CALL_PROCEEDING);
        s.timers.advance(1 * S);
        assertThat(s.link.callState(id)).isEqualTo(UniCallState.U11_RELEASE_REQUEST);
        assertThat(s.lastSent().first(Cause.class).orElseThrow().standardLocation())
                .contains(CauseLocation.PRIVATE_NETWORK_LOCAL_USER);
    }

    @Test
    @DisplayName("T313: CONNECT without CONNECT ACKNOWLEDGE clears with RELEASE cause 102")
    void shouldClearOnT313() {
        ScriptedLink s = ScriptedLink.up();
        s.deliver(Setup.of(FROM_PEER, UniPair.parameters().setupElements()
                .toArray(new io.jcondis.uni.q2931.InformationElement[0])));
        UniCallId id = s.events(UniEvent.MessageReceived.class).get(0).call();
        assertThat(s.link.connect(id)).isEqualTo(Status.SUCCESS);
        assertThat(s.lastSent().callReference().toOriginatingSide()).isTrue();
        s.timers.advance(4 * S);
        assertThat(expired(s)).containsExactly(UniTimer.T313);
        assertThat(s.sentTypes()).containsExactly(MessageType.CONNECT, MessageType.RELEASE);
        assertThat(s.link.callState(id)).isEqualTo(UniCallState.U11_RELEASE_REQUEST);
    }

    @Test
    @DisplayName("T308: RELEASE sent twice, then the call reference is released locally")
    void shouldGiveUpReleaseAfterT308Twice() {
        ScriptedLink s = ScriptedLink.up();
        UniCallId id = activeOutgoing(s, UniPair.parameters());
        s.link.release(id, CauseValue.NORMAL_CALL_CLEARING);
        s.timers.advance(30 * S);
        assertThat(s.sentTypes()).containsExactly(MessageType.SETUP, MessageType.CONNECT_ACKNOWLEDGE,
                MessageType.RELEASE, MessageType.RELEASE);
        assertThat(s.link.callState(id)).isEqualTo(UniCallState.U11_RELEASE_REQUEST);
        s.timers.advance(30 * S);
        UniEvent.CallCleared c = cleared(s);
        assertThat(c.reason()).isEqualTo(ClearReason.TIMER);
        assertThat(c.causeValue()).contains(CauseValue.RECOVERY_ON_TIMER_EXPIRY);
        assertThat(expired(s)).containsExactly(UniTimer.T308, UniTimer.T308);
        assertThat(s.timers.pending()).isZero();
    }

    @Test
    @DisplayName("T308 with close data (R26): the repeated RELEASE carries the same user-user information")
    void shouldRepeatUserUserInformationWithRelease() {
        ScriptedLink s = ScriptedLink.up();
        UniCallId id = activeOutgoing(s, UniPair.parameters());
        io.jcondis.uni.q2931.UserUserInformation data = new io.jcondis.uni.q2931.UserUserInformation(0x40,
                io.jcondis.uni.codec.Octets.ascii("bye"));
        s.link.release(id, CauseValue.NORMAL_CALL_CLEARING, java.util.Optional.of(data));
        assertThat(s.lastSent().first(io.jcondis.uni.q2931.UserUserInformation.class)).contains(data);
        s.timers.advance(30 * S);
        assertThat(s.sentTypes().subList(2, 4)).containsExactly(MessageType.RELEASE, MessageType.RELEASE);
        assertThat(s.lastSent().first(io.jcondis.uni.q2931.UserUserInformation.class)).contains(data);
        s.timers.advance(30 * S);
        assertThat(cleared(s).userUser()).isEmpty();
        assertThat(s.timers.pending()).isZero();
    }

    @Test
    @DisplayName("T322: STATUS ENQUIRY sent twice, then the call is cleared with cause 41")
    void shouldClearAfterT322Twice() {
        ScriptedLink s = ScriptedLink.up();
        UniCallId id = activeOutgoing(s, UniPair.parameters());
        s.link.statusEnquiry(id);
        s.timers.advance(8 * S);
        assertThat(expired(s)).containsExactly(UniTimer.T322, UniTimer.T322);
        assertThat(s.sentTypes().subList(2, 5)).containsExactly(MessageType.STATUS_ENQUIRY,
                MessageType.STATUS_ENQUIRY, MessageType.RELEASE);
        assertThat(causeOf(s.lastSent())).isEqualTo(CauseValue.TEMPORARY_FAILURE);
    }

    @Test
    @DisplayName("Q.2931 5.6.12: a STATUS reporting Null releases the call; an incompatible state clears it (101)")
    void shouldActOnStatus() {
        ScriptedLink s = ScriptedLink.up();
        UniCallId first = activeOutgoing(s, UniPair.parameters());
        s.deliver(io.jcondis.uni.q2931.Status.of(answer(s, first), new CallState(CallState.CALL_PRESENT),
                Cause.of(CauseLocation.USER, CauseValue.RESPONSE_TO_STATUS_ENQUIRY)));
        assertThat(s.link.callState(first)).isEqualTo(UniCallState.U11_RELEASE_REQUEST);
        assertThat(causeOf(s.lastSent())).isEqualTo(CauseValue.MESSAGE_NOT_COMPATIBLE_WITH_CALL_STATE);

        UniCallId second = activeOutgoing(s, UniPair.parameters());
        s.deliver(io.jcondis.uni.q2931.Status.of(answer(s, second), new CallState(CallState.ACTIVE),
                Cause.of(CauseLocation.USER, CauseValue.RESPONSE_TO_STATUS_ENQUIRY)));
        assertThat(s.link.callState(second)).as("compatible").isEqualTo(UniCallState.U10_ACTIVE);
        s.deliver(io.jcondis.uni.q2931.Status.of(answer(s, second), new CallState(CallState.NULL),
                Cause.of(CauseLocation.USER, CauseValue.RESPONSE_TO_STATUS_ENQUIRY)));
        assertThat(s.link.callState(second)).isEqualTo(UniCallState.U0_NULL);
    }

    @Test
    @DisplayName("T399 then T398 (Q.2971): unanswered ADD PARTY is dropped with cause 102, unanswered DROP PARTY "
            + "releases the party locally")
    void shouldDropPartiesOnT399AndT398() {
        ScriptedLink s = ScriptedLink.up();
        UniCallId id = activeOutgoing(s, UniPair.multipointParameters());
        int ep = s.link.addParty(id, CalledPartyNumber.e164("123")).value();
        assertThat(ep).isEqualTo(1);
        assertThat(s.lastSent().first(EndpointReference.class)).contains(new EndpointReference(false, 1));
        s.timers.advance(34 * S);
        assertThat(s.lastSent().type()).isEqualTo(MessageType.DROP_PARTY);
        assertThat(causeOf(s.lastSent())).isEqualTo(CauseValue.RECOVERY_ON_TIMER_EXPIRY);
        assertThat(s.link.partyState(id, ep)).isEqualTo(PartyState.DROP_PARTY_INITIATED);
        s.timers.advance(4 * S);
        assertThat(expired(s)).containsExactly(UniTimer.T399, UniTimer.T398);
        assertThat(s.link.partyState(id, ep)).isEqualTo(PartyState.NULL);
        UniEvent.PartyCleared pc = s.events(UniEvent.PartyCleared.class).get(0);
        assertThat(pc.reason()).isEqualTo(ClearReason.TIMER);
        assertThat(s.link.callState(id)).as("the first party remains").isEqualTo(UniCallState.U10_ACTIVE);
        assertThat(s.link.runningTimers()).isZero();
    }

    @Test
    @DisplayName("Q.2971 (found by UniLinkFuzzTest): a call released while an ADD PARTY waits for its answer stops "
            + "the party's T399; its expiry does not release the call a second time (it threw before)")
    void shouldStopPartyTimersWhenTheCallIsReleased() {
        ScriptedLink s = ScriptedLink.up();
        UniCallId id = activeOutgoing(s, UniPair.multipointParameters());
        int ep = s.link.addParty(id, CalledPartyNumber.e164("123")).value();
        assertThat(s.link.release(id, CauseValue.NORMAL_CALL_CLEARING)).isEqualTo(Status.SUCCESS);
        assertThat(s.link.callState(id)).isEqualTo(UniCallState.U11_RELEASE_REQUEST);
        int sent = s.sent.size();
        // T399 (34 s) would have run out before T308 (30 s) runs out twice.
        s.timers.advance(34 * S);
        assertThat(expired(s)).as("only T308, no T399").containsExactly(UniTimer.T308);
        assertThat(s.sent.subList(sent, s.sent.size())).extracting(Q2931Message::type)
                .containsExactly(MessageType.RELEASE);
        s.timers.advance(30 * S);
        assertThat(s.link.callState(id)).isEqualTo(UniCallState.U0_NULL);
        assertThat(s.link.partyState(id, ep)).isEqualTo(PartyState.NULL);
        assertThat(s.link.runningTimers()).isZero();
    }

    @Test
    @DisplayName("T360 (Q.2963.1): unanswered MODIFY REQUEST fails and clears the call with cause 102")
    void shouldClearOnT360() {
        ScriptedLink s = ScriptedLink.up();
        UniCallId id = activeOutgoing(s, UniPair.parameters());
        AtmTrafficDescriptor before = s.link.trafficDescriptor(id).orElseThrow();
        s.link.modify(id, AtmTrafficDescriptor.peak(1, 1));
        s.timers.advance(30 * S);
        UniEvent.ModifyCompleted mc = s.events(UniEvent.ModifyCompleted.class).get(0);
        assertThat(mc.accepted()).isFalse();
        assertThat(mc.trafficDescriptor()).isEqualTo(before);
        assertThat(s.lastSent().type()).isEqualTo(MessageType.RELEASE);
        assertThat(expired(s)).containsExactly(UniTimer.T360);
    }

    @Test
    @DisplayName("Q.2931 5.6.9: link lost: a call in set-up is cleared at once (41); T309 clears an active one (27)")
    void shouldClearOnLinkFailure() {
        ScriptedLink s = ScriptedLink.up();
        UniCallId active = activeOutgoing(s, UniPair.parameters());
        UniCallId setting = outgoing(s, UniPair.parameters());
        s.link.onAaSignal(new AaSignal.ReleaseIndication(Octets.EMPTY, AaSignal.Source.SSCOP));
        assertThat(s.link.callState(setting)).isEqualTo(UniCallState.U0_NULL);
        assertThat(s.link.callState(active)).isEqualTo(UniCallState.U10_ACTIVE);
        assertThat(s.link.linkState()).isEqualTo(LinkState.ESTABLISHING);
        assertThat(s.establishRequests).isEqualTo(2);
        s.link.onAaSignal(new AaSignal.ReleaseIndication(Octets.EMPTY, AaSignal.Source.SSCOP));
        s.timers.advance(1 * S);
        assertThat(s.establishRequests).as("retried a second later").isEqualTo(3);
        s.timers.advance(9 * S);
        assertThat(s.link.callState(active)).isEqualTo(UniCallState.U0_NULL);
        List<UniEvent.CallCleared> l = s.events(UniEvent.CallCleared.class);
        assertThat(l).extracting(c -> c.causeValue().orElseThrow()).containsExactly(CauseValue.TEMPORARY_FAILURE,
                CauseValue.DESTINATION_OUT_OF_ORDER);
        assertThat(l).allMatch(c -> c.reason() == ClearReason.LINK_FAILURE);
        assertThat(s.link.runningTimers()).isZero();
    }

    @Test
    @DisplayName("Q.2931 5.6.4: a message not compatible with the call state is answered with STATUS (101)")
    void shouldAnswerWrongStateMessagesWithStatus() {
        ScriptedLink s = ScriptedLink.up();
        UniCallId id = outgoing(s, UniPair.parameters());
        s.deliver(ConnectAcknowledge.of(answer(s, id)));
        assertThat(s.link.callState(id)).isEqualTo(UniCallState.U1_CALL_INITIATED);
        io.jcondis.uni.q2931.Status st = (io.jcondis.uni.q2931.Status) s.lastSent();
        assertThat(st.callState().orElseThrow().value()).isEqualTo(1);
        assertThat(causeOf(st)).isEqualTo(CauseValue.MESSAGE_NOT_COMPATIBLE_WITH_CALL_STATE);
        s.deliver(Connect.of(answer(s, id)));
        s.deliver(Connect.of(answer(s, id)));
        assertThat(s.link.callState(id)).isEqualTo(UniCallState.U10_ACTIVE);
        assertThat(causeOf(s.lastSent())).isEqualTo(CauseValue.MESSAGE_NOT_COMPATIBLE_WITH_CALL_STATE);
        assertThat(s.link.statistics().unexpected()).isEqualTo(2);
        assertThat(s.events(UniEvent.ProtocolError.class)).hasSize(2);
        assertThat(s.events(UniEvent.CallActive.class)).hasSize(1);
    }

    @Test
    @DisplayName("Q.2931 5.6.3: unknown call references: RELEASE COMPLETE 81, STATUS Null 30, RELEASE COMPLETE 101, "
            + "ignored")
    void shouldHandleUnknownCallReferences() {
        ScriptedLink s = ScriptedLink.up();
        CallReference unknown = CallReference.toOriginator(4242);
        s.deliver(Release.of(unknown, NORMAL));
        assertThat(s.lastSent().type()).isEqualTo(MessageType.RELEASE_COMPLETE);
        assertThat(causeOf(s.lastSent())).isEqualTo(CauseValue.INVALID_CALL_REFERENCE);
        assertThat(s.lastSent().callReference()).isEqualTo(unknown.reply());
        s.deliver(Connect.of(unknown));
        assertThat(causeOf(s.lastSent())).isEqualTo(CauseValue.INVALID_CALL_REFERENCE);
        s.deliver(StatusEnquiry.of(unknown));
        io.jcondis.uni.q2931.Status st = (io.jcondis.uni.q2931.Status) s.lastSent();
        assertThat(st.callState().orElseThrow().value()).isZero();
        assertThat(causeOf(st)).isEqualTo(CauseValue.RESPONSE_TO_STATUS_ENQUIRY);
        s.deliver(io.jcondis.uni.q2931.Status.of(unknown, new CallState(CallState.ACTIVE), NORMAL));
        assertThat(s.lastSent().type()).isEqualTo(MessageType.RELEASE_COMPLETE);
        assertThat(causeOf(s.lastSent())).isEqualTo(CauseValue.MESSAGE_NOT_COMPATIBLE_WITH_CALL_STATE);
        int before = s.sent.size();
        s.deliver(ReleaseComplete.of(unknown, NORMAL));
        s.deliver(io.jcondis.uni.q2931.Status.of(unknown, new CallState(CallState.NULL), NORMAL));
        s.deliver(Setup.of(CallReference.toOriginator(5), UniPair.parameters().setupElements()
                .toArray(new io.jcondis.uni.q2931.InformationElement[0])));
        assertThat(s.sent).hasSize(before);
        assertThat(s.link.callCount()).isZero();
        assertThat(s.link.statistics().unknownCallReference()).isEqualTo(7);
    }

    @Test
    @DisplayName("Q.2931 5.6.1/5.6.2: garbage and truncated messages are counted and dropped, nothing else changes")
    void shouldDropUndecodableMessages() {
        ScriptedLink s = ScriptedLink.up();
        UniCallId id = activeOutgoing(s, UniPair.parameters());
        int before = s.sent.size();
        byte[] good = Q2931Codec.encode(StatusEnquiry.of(answer(s, id)));
        s.deliver(new byte[] {1, 2, 3});
        s.deliver(new byte[0]);
        s.deliver(java.util.Arrays.copyOf(good, good.length - 1));
        byte[] wrongDiscriminator = good.clone();
        wrongDiscriminator[0] = 0x08;
        s.deliver(wrongDiscriminator);
        assertThat(s.link.statistics().malformed()).isEqualTo(4);
        assertThat(s.sent).hasSize(before);
        assertThat(s.link.callState(id)).isEqualTo(UniCallState.U10_ACTIVE);
        s.deliver(good);
        assertThat(s.lastSent().type()).as("still answering").isEqualTo(MessageType.STATUS);
    }

    @Test
    @DisplayName("Q.2931 5.6.7: SETUP without a mandatory element is refused with cause 96, with invalid contents "
            + "with cause 100")
    void shouldRefuseBadSetups() {
        ScriptedLink s = ScriptedLink.up();
        CallParameters p = UniPair.parameters();
        s.deliver(Setup.of(FROM_PEER, p.trafficDescriptor(), p.bearerCapability()));
        assertThat(s.lastSent().type()).isEqualTo(MessageType.RELEASE_COMPLETE);
        assertThat(causeOf(s.lastSent())).isEqualTo(CauseValue.MANDATORY_IE_MISSING);
        s.deliver(Setup.of(CallReference.fromOriginator(78), p.trafficDescriptor(), p.bearerCapability(),
                new InvalidIe(IeIdentifier.CALLED_PARTY_NUMBER, Octets.EMPTY, "empty", IeInstruction.DEFAULT)));
        assertThat(causeOf(s.lastSent())).isEqualTo(CauseValue.INVALID_IE_CONTENTS);
        assertThat(s.link.callCount()).isZero();
        assertThat(s.link.statistics().malformed()).isEqualTo(2);
        assertThat(s.events(UniEvent.MessageReceived.class)).isEmpty();
    }

    @Test
    @DisplayName("Q.2931 5.6.7: RELEASE without cause still clears, RELEASE COMPLETE carries cause 96")
    void shouldClearOnReleaseWithoutCause() {
        ScriptedLink s = ScriptedLink.up();
        UniCallId id = activeOutgoing(s, UniPair.parameters());
        s.deliver(Release.of(answer(s, id)));
        assertThat(s.link.callState(id)).isEqualTo(UniCallState.U0_NULL);
        assertThat(causeOf(s.lastSent())).isEqualTo(CauseValue.MANDATORY_IE_MISSING);
        assertThat(cleared(s).causeValue()).contains(CauseValue.NORMAL_UNSPECIFIED);
    }

    @Test
    @DisplayName("Q.2931 5.6.5/5.6.8/5.7: unknown message type gets STATUS 97; unrecognised element STATUS 99 after "
            + "processing; explicit instructions are followed; a party message without endpoint reference gets 96")
    void shouldFollowCompatibilityInstructions() {
        ScriptedLink s = ScriptedLink.up();
        UniCallId id = activeOutgoing(s, UniPair.multipointParameters());
        CallReference ans = answer(s, id);
        s.deliver(new UnknownMessage(ans, 0x6E, MessageInstruction.DEFAULT, List.of()));
        assertThat(causeOf(s.lastSent())).isEqualTo(CauseValue.MESSAGE_TYPE_NOT_IMPLEMENTED);
        int before = s.sent.size();
        s.deliver(new UnknownMessage(ans, 0x6E, MessageInstruction.explicit(
                MessageInstruction.ACTION_DISCARD_AND_IGNORE), List.of()));
        assertThat(s.sent).hasSize(before);
        s.deliver(StatusEnquiry.of(ans, new UnrecognizedIe(0x27, Octets.ofUnsigned(1), IeInstruction.DEFAULT)));
        assertThat(s.sentTypes().subList(before, s.sent.size())).containsExactly(MessageType.STATUS,
                MessageType.STATUS);
        assertThat(causeOf(s.lastSent())).isEqualTo(CauseValue.IE_NOT_IMPLEMENTED);
        before = s.sent.size();
        s.deliver(StatusEnquiry.of(ans, new UnrecognizedIe(0x27, Octets.ofUnsigned(1),
                IeInstruction.explicit(IeInstruction.ACTION_DISCARD_MESSAGE_AND_IGNORE))));
        assertThat(s.sent).hasSize(before);
        s.deliver(AddPartyAcknowledge.of(ans));
        assertThat(causeOf(s.lastSent())).isEqualTo(CauseValue.MANDATORY_IE_MISSING);
        s.deliver(AddPartyAcknowledge.of(ans, new EndpointReference(true, 9)));
        assertThat(causeOf(s.lastSent())).isEqualTo(CauseValue.INVALID_ENDPOINT_REFERENCE);
        assertThat(s.link.callState(id)).isEqualTo(UniCallState.U10_ACTIVE);
        s.deliver(StatusEnquiry.of(ans, new UnrecognizedIe(0x27, Octets.ofUnsigned(1),
                IeInstruction.explicit(IeInstruction.ACTION_CLEAR_CALL))));
        assertThat(s.link.callState(id)).isEqualTo(UniCallState.U11_RELEASE_REQUEST);
        assertThat(causeOf(s.lastSent())).isEqualTo(CauseValue.IE_NOT_IMPLEMENTED);
    }

    @Test
    @DisplayName("Requests with a stale handle or in the wrong state are refused and change nothing")
    void shouldRefuseRequestsOutOfState() {
        ScriptedLink s = ScriptedLink.up();
        UniCallId id = outgoing(s, UniPair.parameters());
        int before = s.sent.size();
        assertThat(s.link.connect(id).code()).isEqualTo(Status.Code.NOT_ACCEPTED);
        assertThat(s.link.alerting(id).code()).isEqualTo(Status.Code.NOT_ACCEPTED);
        assertThat(s.link.callProceeding(id).code()).isEqualTo(Status.Code.NOT_ACCEPTED);
        assertThat(s.link.modify(id, AtmTrafficDescriptor.peak(1, 1)).code()).isEqualTo(Status.Code.NOT_ACCEPTED);
        assertThat(s.link.acceptModify(id).code()).isEqualTo(Status.Code.NOT_ACCEPTED);
        assertThat(s.link.dropParty(id, 0, CauseValue.NORMAL_CALL_CLEARING).code())
                .isEqualTo(Status.Code.NOT_ACCEPTED);
        assertThat(s.link.releaseLink().code()).isEqualTo(Status.Code.NOT_ACCEPTED);
        assertThat(s.sent).hasSize(before);
        assertThat(s.link.callState(id)).isEqualTo(UniCallState.U1_CALL_INITIATED);
        UniCallId stale = new UniCallId(12345);
        assertThat(s.link.release(stale, CauseValue.NORMAL_CALL_CLEARING)).isEqualTo(Status.INVALID_HANDLE);
        assertThat(s.link.statusEnquiry(stale)).isEqualTo(Status.INVALID_HANDLE);
        s.link.release(id, CauseValue.NORMAL_CALL_CLEARING);
        assertThat(s.link.release(id, CauseValue.NORMAL_CALL_CLEARING).code()).isEqualTo(Status.Code.NOT_ACCEPTED);
    }

    @Test
    @DisplayName("SETUP while the association is down establishes it on demand and is sent when it is up")
    void shouldEstablishTheLinkOnDemand() {
        ScriptedLink s = new ScriptedLink(Side.USER);
        UniCallId id = outgoing(s, UniPair.parameters());
        assertThat(s.establishRequests).isEqualTo(1);
        assertThat(s.link.linkState()).isEqualTo(LinkState.ESTABLISHING);
        assertThat(s.sent).isEmpty();
        assertThat(s.link.pendingMessages()).isEqualTo(1);
        s.link.onAaSignal(new AaSignal.EstablishConfirm(Octets.EMPTY));
        assertThat(s.sentTypes()).containsExactly(MessageType.SETUP);
        assertThat(s.link.callState(id)).isEqualTo(UniCallState.U1_CALL_INITIATED);
        assertThat(s.events.get(0)).isEqualTo(new UniEvent.LinkUp());
    }
}
