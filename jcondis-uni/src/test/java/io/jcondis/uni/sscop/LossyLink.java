package io.jcondis.uni.sscop;

import java.util.Random;
import java.util.function.Predicate;

/**
 * An in-memory datagram relay between two {@link TestPeer}s, driven by the shared {@link ManualTimers} and a
 * seeded {@link Random}: each datagram is dropped, duplicated, delayed by a random time in a range and, with
 * some probability, held back long enough for later datagrams to overtake it. Everything is reproducible from
 * the seed. A direction can also be cut, or filtered to drop chosen PDUs.
 */
final class LossyLink {

    /**
     * Impairments of one direction.
     *
     * @param dropPercent      chance in percent that a datagram is lost
     * @param duplicatePercent chance in percent that a datagram is delivered twice
     * @param reorderPercent   chance in percent that a datagram is held back behind later ones
     * @param minDelayNs       least one-way delay
     * @param maxDelayNs       greatest one-way delay (before any hold-back)
     */
    record Impairment(int dropPercent, int duplicatePercent, int reorderPercent, long minDelayNs,
                      long maxDelayNs) {
        static final Impairment CLEAN = new Impairment(0, 0, 0, 1_000_000, 1_000_000);
    }

    private final ManualTimers timers;
    private final Random random;
    private final Direction aToB;
    private final Direction bToA;
    private long inFlight;
    private long delivered;

    LossyLink(ManualTimers timers, long seed, TestPeer a, TestPeer b, Impairment aToB, Impairment bToA) {
        this.timers = timers;
        this.random = new Random(seed);
        this.aToB = new Direction(b, aToB);
        this.bToA = new Direction(a, bToA);
        a.wire(this.aToB::offer);
        b.wire(this.bToA::offer);
    }

    Direction aToB() {
        return aToB;
    }

    Direction bToA() {
        return bToA;
    }

    /** @return datagrams scheduled for delivery and not yet delivered */
    long inFlight() {
        return inFlight;
    }

    long delivered() {
        return delivered;
    }

    /** One direction of the link. */
    final class Direction {
        private final TestPeer to;
        private Impairment impairment;
        private boolean cut;
        private Predicate<SscopPdu> dropIf = p -> false;
        private long dropped;

        Direction(TestPeer to, Impairment impairment) {
            this.to = to;
            this.impairment = impairment;
        }

        void impairment(Impairment i) {
            this.impairment = i;
        }

        /** Silences this direction (or restores it). */
        void cut(boolean cut) {
            this.cut = cut;
        }

        /** Drops every datagram whose PDU matches (for example the first BGNs). */
        void dropIf(Predicate<SscopPdu> p) {
            this.dropIf = p;
        }

        long dropped() {
            return dropped;
        }

        private void offer(byte[] datagram) {
            SscopPdu pdu = SscopCodec.decode(datagram).orElseThrow();
            if (cut || dropIf.test(pdu) || random.nextInt(100) < impairment.dropPercent()) {
                dropped++;
                return;
            }
            schedule(datagram);
            if (random.nextInt(100) < impairment.duplicatePercent()) {
                schedule(datagram.clone());
            }
        }

        private void schedule(byte[] datagram) {
            long span = impairment.maxDelayNs() - impairment.minDelayNs();
            long delay = impairment.minDelayNs() + (span > 0 ? (long) (random.nextDouble() * span) : 0);
            if (random.nextInt(100) < impairment.reorderPercent()) {
                delay += impairment.maxDelayNs() + (long) (random.nextDouble() * 4 * (impairment.maxDelayNs() + 1));
            }
            inFlight++;
            timers.schedule(delay, () -> {
                inFlight--;
                delivered++;
                to.sscop.receive(datagram);
            });
        }
    }
}
