package io.jcondis.node;

import io.jcondis.api.FlowSpec;
import io.jcondis.api.Handle;
import io.jcondis.api.Status;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the node remembers beyond its client agents: each call's direction, far address and QoS, its own send
 * counters and send completions by status, each party's address, and the completion status of every request it
 * waits for. Confined to the control plane: read and written only inside {@code Jcondis.onConductor} or a
 * client handler.
 */
final class CallBook {
    /** A request kind whose completion the node waits for. */
    enum Op { REGISTER_SAP, MAKE_CALL, ADD_PARTY, DROP_PARTY, CLOSE_CALL }

    /** One call as the node sees it (mutable, conductor-confined). */
    static final class CallRecord {
        final String host;
        final boolean outgoing;
        final String address;
        final boolean multipoint;
        FlowSpec transmit;
        FlowSpec receive;
        long packetsSent;
        long bytesSent;
        /** Send completions on this call by status (set by the client handler, read by the send op). */
        final Map<Status.Code, Long> sendStatuses = new EnumMap<>(Status.Code.class);

        CallRecord(String host, boolean outgoing, String address, boolean multipoint, FlowSpec transmit,
                   FlowSpec receive) {
            this.host = host;
            this.outgoing = outgoing;
            this.address = address;
            this.multipoint = multipoint;
            this.transmit = transmit;
            this.receive = receive;
        }
    }

    private record Key(Op op, long id) {
    }

    /** A party the node added or saw connect. */
    record PartyRecord(long vcId, String address) {
    }

    final Map<Long, CallRecord> calls = new LinkedHashMap<>();
    /** Party id to the address it was added for and its call's VC id. */
    final Map<Long, PartyRecord> parties = new HashMap<>();
    private final Map<Key, Status> completions = new HashMap<>();

    /** Counts one send completion on the call of VC {@code vcId} (none when the node does not know the call). */
    void sendCompleted(long vcId, Status status) {
        CallRecord r = calls.get(vcId);
        if (r != null) {
            r.sendStatuses.merge(status.code(), 1L, Long::sum);
        }
    }

    void completed(Op op, Handle h, Status status) {
        completions.put(new Key(op, h.id()), status);
    }

    /** @return the completion of {@code op} on {@code h}, removed; null while it has not completed */
    Status takeCompletion(Op op, Handle h) {
        return completions.remove(new Key(op, h.id()));
    }

    /** @return true when {@code op} on {@code h} has completed (not removed) */
    boolean hasCompleted(Op op, Handle h) {
        return completions.containsKey(new Key(op, h.id()));
    }

    /** Forgets a closed and deleted call, its parties and their completions (so nothing accumulates). */
    void forget(long vcId) {
        calls.remove(vcId);
        completions.keySet().removeIf(k -> k.id() == vcId || isPartyOf(k.id(), vcId));
        parties.values().removeIf(p -> p.vcId() == vcId);
    }

    private boolean isPartyOf(long partyId, long vcId) {
        PartyRecord p = parties.get(partyId);
        return p != null && p.vcId() == vcId;
    }
}
