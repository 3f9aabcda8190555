package io.jcondis.uni.signal;

import io.jcondis.uni.q2931.AalParameters;
import io.jcondis.uni.q2931.AtmTrafficDescriptor;
import io.jcondis.uni.q2931.BroadbandBearerCapability;
import io.jcondis.uni.q2931.CalledPartyNumber;
import io.jcondis.uni.q2931.CallingPartyNumber;
import io.jcondis.uni.q2931.ConnectionIdentifier;
import io.jcondis.uni.q2931.Q2931Codec;
import io.jcondis.uni.q2931.Q2931Message;
import io.jcondis.uni.q2931.QosParameter;
import io.jcondis.uni.sscop.AaSignal;
import io.jcondis.uni.sscop.ManualTimers;
import io.jcondis.uni.sscop.Sscop;
import io.jcondis.uni.sscop.SscopCodec;
import io.jcondis.uni.sscop.SscopConfig;
import io.jcondis.uni.sscop.SscopOutput;
import io.jcondis.uni.sscop.SscopPdu;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Two {@link UniLink}s over two SSCOP entities, wired in memory on one {@link ManualTimers} clock. Each direction
 * may drop, duplicate and reorder datagrams (seeded), be cut, or drop chosen Q.2931 messages. Every datagram sent
 * is captured (for the tshark test).
 */
public final class UniPair {
    /** One millisecond in nanoseconds. */
    public static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    /** One second in nanoseconds. */
    public static final long S = TimeUnit.SECONDS.toNanos(1);

    /**
     * One datagram as it left an SSCOP entity.
     *
     * @param fromA whether A sent it
     * @param pdu   the SSCOP PDU
     */
    public record Captured(boolean fromA, byte[] pdu) {
    }

    /** One side: SSCOP entity, call control and the events it gave. */
    public final class End implements SscopOutput, UniListener {
        public final String name;
        public final Sscop sscop;
        public final UniLink link;
        public final List<UniEvent> events = new ArrayList<>();
        /** Reacts to each event (an automatic user); none by default. */
        public Consumer<UniEvent> reaction = e -> { };
        private End peer;
        private boolean cut;
        private Predicate<Q2931Message> dropIf = m -> false;
        private int dropPercent;
        private int duplicatePercent;
        private int reorderPercent;

        End(String name, UniLinkConfig linkConfig, SscopConfig sscopConfig) {
            this.name = name;
            this.sscop = new Sscop(name, sscopConfig, timers, this);
            this.link = new UniLink(name, linkConfig, timers, Saal.over(sscop), this);
        }

        @Override
        public void transmit(byte[] pdu) {
            captured.add(new Captured(this == a, pdu));
            Q2931Message m = q2931(pdu);
            if (cut || m != null && dropIf.test(m) || random.nextInt(100) < dropPercent) {
                return;
            }
            deliver(pdu);
            if (random.nextInt(100) < duplicatePercent) {
                deliver(pdu.clone());
            }
        }

        private void deliver(byte[] pdu) {
            // A fixed delay keeps a clean link in order; reordering is opt-in.
            long delay = MS;
            if (random.nextInt(100) < reorderPercent) {
                delay += (long) (random.nextDouble() * 40 * MS);
            }
            End to = peer;
            timers.schedule(delay, () -> to.sscop.receive(pdu));
        }

        @Override
        public void signal(AaSignal signal) {
            link.onAaSignal(signal);
        }

        @Override
        public void onEvent(UniEvent event) {
            events.add(event);
            reaction.accept(event);
        }

        /** Silences what this side sends (or restores it). */
        public void cut(boolean cut) {
            this.cut = cut;
        }

        /** Drops the Q.2931 messages this side sends that match. */
        public void dropIf(Predicate<Q2931Message> p) {
            this.dropIf = p;
        }

        /** Impairs what this side sends. */
        public void impair(int dropPercent, int duplicatePercent, int reorderPercent) {
            this.dropPercent = dropPercent;
            this.duplicatePercent = duplicatePercent;
            this.reorderPercent = reorderPercent;
        }

        /** @return events of one type, in order */
        public <T extends UniEvent> List<T> events(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }

        /** @return the Q.2931 messages this side received, in order */
        public List<Q2931Message> received() {
            return events(UniEvent.MessageReceived.class).stream().map(UniEvent.MessageReceived::message).toList();
        }

        /** @return the last event */
        public UniEvent last() {
            return events.get(events.size() - 1);
        }

        /** @return the handle of the last call this side learned of by SETUP */
        public UniCallId lastIncomingCall() {
            List<UniEvent.MessageReceived> l = events(UniEvent.MessageReceived.class);
            for (int i = l.size() - 1; i >= 0; i--) {
                if (l.get(i).message().type() == io.jcondis.uni.q2931.MessageType.SETUP) {
                    return l.get(i).call();
                }
            }
            throw new AssertionError(name + " received no SETUP");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    public final ManualTimers timers = new ManualTimers();
    public final List<Captured> captured = new ArrayList<>();
    public final End a;
    public final End b;
    private final Random random;

    /** A clean pair with default SSCOP parameters: A plays the user side, B the network side. */
    public UniPair() {
        this(1, SscopConfig.defaults());
    }

    /**
     * @param seed        seeds the impairments
     * @param sscopConfig both entities' parameters
     */
    public UniPair(long seed, SscopConfig sscopConfig) {
        this(seed, sscopConfig, UniLinkConfig.defaults(Side.USER), UniLinkConfig.defaults(Side.NETWORK));
    }

    /**
     * @param seed        seeds the impairments
     * @param sscopConfig both entities' parameters
     * @param aConfig     A's call control (the user side, normally)
     * @param bConfig     B's
     */
    public UniPair(long seed, SscopConfig sscopConfig, UniLinkConfig aConfig, UniLinkConfig bConfig) {
        this.random = new Random(seed);
        this.a = new End("a", aConfig, sscopConfig);
        this.b = new End("b", bConfig, sscopConfig);
        a.peer = b;
        b.peer = a;
    }

    /** Brings the association up from A and runs until both sides see it. */
    public UniPair established() {
        a.link.establishLink();
        run(() -> a.link.linkState() == LinkState.UP && b.link.linkState() == LinkState.UP, 60 * S);
        return this;
    }

    /** Runs the clock until {@code done}, failing if it does not happen within {@code maxNs} of clock time. */
    public void run(BooleanSupplier done, long maxNs) {
        if (!timers.runUntil(done, maxNs, 5_000_000, () -> { })) {
            throw new AssertionError("condition not reached within " + maxNs / S + " s of clock time");
        }
    }

    /** Runs the clock for {@code ns}, executing everything due. */
    public void advance(long ns) {
        timers.advance(ns);
    }

    /** Lets in-flight datagrams arrive and be answered (well under every call-control timer). */
    public void settle() {
        timers.advance(200 * MS);
    }

    /** @return the Q.2931 messages in the captured SD PDUs, in sending order, as "a&gt;SETUP" strings */
    public List<String> ladder() {
        List<String> out = new ArrayList<>();
        for (Captured c : captured) {
            Q2931Message m = q2931(c.pdu());
            if (m != null) {
                out.add((c.fromA() ? "a>" : "b>") + m.type());
            }
        }
        return out;
    }

    /** @return the Q.2931 message inside an SD PDU, or {@code null} */
    static Q2931Message q2931(byte[] pdu) {
        SscopPdu p = SscopCodec.decode(pdu).orElseThrow();
        if (p instanceof SscopPdu.Sd sd) {
            return Q2931Codec.decode(sd.information().toByteArray()).orElseThrow();
        }
        return null;
    }

    /** @return point-to-point call parameters with every element the engine supports */
    public static CallParameters parameters() {
        return CallParameters.of(CalledPartyNumber.e164("4961519999"), AtmTrafficDescriptor.peak(10_000, 10_000),
                        BroadbandBearerCapability.of(BroadbandBearerCapability.BCOB_X, false))
                .withAalParameters(AalParameters.aal5(9188, 9188))
                .withCallingParty(CallingPartyNumber.e164("4961511234"))
                .withConnectionIdentifier(ConnectionIdentifier.exclusive(0, 32))
                .withQosParameter(new QosParameter(QosParameter.CLASS_UNSPECIFIED, QosParameter.CLASS_UNSPECIFIED));
    }

    /** @return point-to-multipoint call parameters */
    public static CallParameters multipointParameters() {
        CallParameters p = parameters();
        return new CallParameters(p.calledParty(), p.callingParty(), p.aalParameters(), p.trafficDescriptor(),
                BroadbandBearerCapability.of(BroadbandBearerCapability.BCOB_X, true), p.qosParameter(),
                p.connectionIdentifier(), true);
    }
}
