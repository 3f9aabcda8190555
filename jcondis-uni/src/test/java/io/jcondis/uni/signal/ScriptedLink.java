package io.jcondis.uni.signal;

import io.jcondis.api.Status;
import io.jcondis.uni.codec.Octets;
import io.jcondis.uni.q2931.MessageType;
import io.jcondis.uni.q2931.Q2931Codec;
import io.jcondis.uni.q2931.Q2931Message;
import io.jcondis.uni.sscop.AaSignal;
import io.jcondis.uni.sscop.ManualTimers;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@link UniLink} whose peer is the test itself: a fake {@link Saal} records what the link sends (decoded) and
 * the test feeds it hand-made messages and AA-signals, on a manual clock. For procedures that need a misbehaving
 * or silent peer: timers, wrong-state and malformed messages, unknown call references.
 */
final class ScriptedLink implements Saal {
    final ManualTimers timers = new ManualTimers();
    final List<Q2931Message> sent = new ArrayList<>();
    final List<UniEvent> events = new ArrayList<>();
    final UniLink link;
    int establishRequests;
    int releaseRequests;
    private int sequence;

    ScriptedLink(Side side) {
        link = new UniLink("scripted", UniLinkConfig.defaults(side), timers, this, events::add);
    }

    /** @return a link whose association is up */
    static ScriptedLink up() {
        ScriptedLink s = new ScriptedLink(Side.USER);
        s.link.establishLink();
        s.link.onAaSignal(new AaSignal.EstablishConfirm(Octets.EMPTY));
        return s;
    }

    void deliver(Q2931Message m) {
        deliver(Q2931Codec.encode(m));
    }

    void deliver(byte[] bytes) {
        link.onAaSignal(new AaSignal.DataIndication(Octets.of(bytes), sequence++));
    }

    Q2931Message lastSent() {
        return sent.get(sent.size() - 1);
    }

    List<MessageType> sentTypes() {
        return sent.stream().map(Q2931Message::type).toList();
    }

    <T extends UniEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public Status establish() {
        establishRequests++;
        return Status.SUCCESS;
    }

    @Override
    public Status establishResponse() {
        return Status.SUCCESS;
    }

    @Override
    public Status release() {
        releaseRequests++;
        return Status.SUCCESS;
    }

    @Override
    public Status send(byte[] message) {
        sent.add(Q2931Codec.decode(message).orElseThrow());
        return Status.SUCCESS;
    }

    @Override
    public Status resyncResponse() {
        return Status.SUCCESS;
    }

    @Override
    public Status recoverResponse() {
        return Status.SUCCESS;
    }
}
