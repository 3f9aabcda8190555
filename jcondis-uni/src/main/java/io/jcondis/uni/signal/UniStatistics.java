package io.jcondis.uni.signal;

import io.jcondis.uni.q2931.MessageType;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counters of one {@link UniLink}. A live view: read it on the link's thread (or accept slightly stale values).
 * Messages are counted by type as they are sent (including ones queued while the association is being set up)
 * and as they are decoded.
 */
public final class UniStatistics {
    private final Map<MessageType, Long> sent = new EnumMap<>(MessageType.class);
    private final Map<MessageType, Long> received = new EnumMap<>(MessageType.class);
    private final Map<UniTimer, Long> expiries = new EnumMap<>(UniTimer.class);
    private long malformed;
    private long unexpected;
    private long unknownCallReference;
    private long dropped;

    UniStatistics() {
    }

    void countSent(MessageType t) {
        sent.merge(t, 1L, Long::sum);
    }

    void countReceived(MessageType t) {
        received.merge(t, 1L, Long::sum);
    }

    void countExpiry(UniTimer t) {
        expiries.merge(t, 1L, Long::sum);
    }

    void countMalformed() {
        malformed++;
    }

    void countUnexpected() {
        unexpected++;
    }

    void countUnknownCallReference() {
        unknownCallReference++;
    }

    void countDropped() {
        dropped++;
    }

    void countDropped(int n) {
        dropped += n;
    }

    /**
     * @param type a message type
     * @return messages of that type sent
     */
    public long sent(MessageType type) {
        return sent.getOrDefault(type, 0L);
    }

    /**
     * @param type a message type ({@link MessageType#UNKNOWN} for types this codec does not know)
     * @return messages of that type received and decoded
     */
    public long received(MessageType type) {
        return received.getOrDefault(type, 0L);
    }

    /** @return messages sent, all types */
    public long sentTotal() {
        return sent.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return messages received and decoded, all types */
    public long receivedTotal() {
        return received.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * @param timer a timer
     * @return how often it expired
     */
    public long timerExpiries(UniTimer timer) {
        return expiries.getOrDefault(timer, 0L);
    }

    /**
     * @return messages that could not be decoded (Q.2931 5.6.1/5.6.2, ignored) or lacked a mandatory element or had
     *     one with invalid contents (5.6.7)
     */
    public long malformed() {
        return malformed;
    }

    /** @return messages not compatible with the call state (5.6.4) or of an unknown type (5.6.5) */
    public long unexpected() {
        return unexpected;
    }

    /** @return messages with a call reference of no call (5.6.3) */
    public long unknownCallReference() {
        return unknownCallReference;
    }

    /** @return messages that could not be handed to SSCOP (association down, or its queue full) */
    public long dropped() {
        return dropped;
    }

    @Override
    public String toString() {
        return "UniStatistics{sent=" + sent + ", received=" + received + ", expiries=" + expiries + ", malformed="
                + malformed + ", unexpected=" + unexpected + ", unknownCallReference=" + unknownCallReference
                + ", dropped=" + dropped + '}';
    }
}
