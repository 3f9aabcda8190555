package io.jcondis.uni.sscop;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcondis.uni.codec.Octets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of two SSCOP entities over a {@link LossyLink} that drops, duplicates, delays and reorders, each run
 * reproducible from its parameters (the link's {@code Random} is seeded by the property). Every loop is bounded
 * in steps and in clock time, and every run asserts it finished: no hang. Fixed jqwik seeds keep CI deterministic.
 */
class SscopLossPropertyTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long S = TimeUnit.SECONDS.toNanos(1);
    private static final long MAX_STEPS = 3_000_000;

    /**
     * Timer values for a path that loses up to 30% of datagrams each way. With the Q.2130 defaults a keep-alive
     * exchange (POLL and STAT both through, 49% at 30% loss) gets about four tries within Timer_NO-RESPONSE
     * (7 s), so the connection would be given up about one idle period in fifteen; 60 s gives it thirty. MaxCC 10
     * likewise makes establishment fail about once in a thousand tries instead of once in fifteen.
     */
    static SscopConfig lossyPathConfig(int window) {
        SscopConfig d = SscopConfig.defaults();
        return new SscopConfig(d.timerCcNs(), d.timerPollNs(), d.timerKeepAliveNs(), 60 * S, d.timerIdleNs(), 10,
                d.maxPd(), d.maxStat(), window, d.maxTransmitQueue());
    }

    @Property(tries = 1000, seed = "4711")
    void shouldDeliverEveryMessageInOrderExactlyOnceDespiteLossDuplicationAndReordering(
            @ForAll long seed, @ForAll @IntRange(max = 30) int dropPercent,
            @ForAll @IntRange(max = 20) int duplicatePercent, @ForAll @IntRange(max = 30) int reorderPercent,
            @ForAll @IntRange(min = 1, max = 150) int messages, @ForAll @IntRange(min = 1, max = 64) int window,
            @ForAll @IntRange(min = 1, max = 3) int maxStatPairs) {
        SscopConfig config = lossyPathConfig(window).withMaxStat(2 * maxStatPairs + 1);
        LossyLink.Impairment imp = new LossyLink.Impairment(dropPercent, duplicatePercent, reorderPercent, MS,
                40 * MS);
        Run run = new Run(seed, config, imp);
        run.establishWithRetries();
        run.transfer(messages, window);
        run.releaseAndDrain();
        SscopStatistics a = run.a.sscop.statistics();
        SscopStatistics b = run.b.sscop.statistics();
        Statistics.label("retransmitted").collect(a.sdsRetransmitted() > 0);
        Statistics.label("duplicate SDs dropped").collect(b.duplicateSds() > 0);
        Statistics.label("stale PDUs dropped").collect(a.stalePdus() + b.stalePdus() > 0);
        Statistics.label("credit ran out").collect(a.maaErrors(MaaError.W) > 0);
        Statistics.label("retransmitted").coverage(c -> c.check(true).percentage(p -> p > 30));
        Statistics.label("duplicate SDs dropped").coverage(c -> c.check(true).percentage(p -> p > 20));
        Statistics.label("stale PDUs dropped").coverage(c -> c.check(true).percentage(p -> p > 20));
        // Loss, duplication and reordering are never mistaken for protocol errors that force recovery.
        assertThat(run.a.signals(AaSignal.RecoverIndication.class)).isEmpty();
        assertThat(run.b.signals(AaSignal.RecoverIndication.class)).isEmpty();
    }

    @Property(tries = 300, seed = "1994")
    void shouldDeliverInOrderWithDefaultTimersOnALightlyLossyPath(
            @ForAll long seed, @ForAll @IntRange(max = 5) int dropPercent,
            @ForAll @IntRange(max = 5) int duplicatePercent, @ForAll @IntRange(max = 10) int reorderPercent,
            @ForAll @IntRange(min = 1, max = 100) int messages) {
        SscopConfig config = SscopConfig.defaults();
        Run run = new Run(seed, config, new LossyLink.Impairment(dropPercent, duplicatePercent, reorderPercent, MS,
                20 * MS));
        run.establishWithRetries();
        run.transfer(messages, config.receiveWindow());
        run.releaseAndDrain();
    }

    @Property(tries = 500, seed = "2110")
    void shouldAlwaysEndEstablishmentAndReleaseEvenOnAVeryLossyPath(
            @ForAll long seed, @ForAll @IntRange(max = 60) int dropPercent,
            @ForAll @IntRange(max = 30) int duplicatePercent, @ForAll @IntRange(max = 30) int reorderPercent,
            @ForAll @IntRange(max = 20) int messages) {
        // Default timers: connections may fail here; what must hold is that every attempt ends, both sides agree
        // in the end, and nothing is left behind.
        Run run = new Run(seed, SscopConfig.defaults(), new LossyLink.Impairment(dropPercent, duplicatePercent,
                reorderPercent, MS, 50 * MS));
        run.a.sscop.establish(Octets.EMPTY);
        run.runUntil(() -> run.a.state() == SscopState.DATA_TRANSFER_READY || run.a.state() == SscopState.IDLE,
                60 * S);
        boolean up = run.a.state() == SscopState.DATA_TRANSFER_READY;
        Statistics.label("established").collect(up);
        if (up) {
            for (int i = 0; i < messages; i++) {
                run.a.sscop.send(message(i));
            }
            run.timers.advance(5 * S);
            // Whatever arrived, arrived in order and once.
            assertThat(run.b.delivered).isEqualTo(messages(run.b.delivered.size()));
            if (run.a.state() != SscopState.IDLE) {
                run.a.sscop.release(Octets.EMPTY);
            }
        }
        run.drainUntilBothIdle();
    }

    private static Octets message(int i) {
        return Octets.ascii("m" + i);
    }

    private static List<Octets> messages(int n) {
        List<Octets> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(message(i));
        }
        return l;
    }

    /** Two peers, one link, one clock. */
    private static final class Run {
        final ManualTimers timers = new ManualTimers();
        final TestPeer a;
        final TestPeer b;
        final LossyLink link;

        Run(long seed, SscopConfig config, LossyLink.Impairment impairment) {
            a = new TestPeer("a", config, timers);
            b = new TestPeer("b", config, timers);
            link = new LossyLink(timers, seed, a, b, impairment, impairment);
        }

        void runUntil(java.util.function.BooleanSupplier done, long maxNs) {
            assertThat(timers.runUntil(done, maxNs, MAX_STEPS, () -> { })).as("finished within bounds").isTrue();
        }

        /** Like an SSCF: if establishment fails, try again (bounded). */
        void establishWithRetries() {
            for (int attempt = 0; attempt < 5; attempt++) {
                a.sscop.establish(Octets.EMPTY);
                runUntil(() -> a.state() == SscopState.DATA_TRANSFER_READY || a.state() == SscopState.IDLE, 120 * S);
                if (a.state() == SscopState.DATA_TRANSFER_READY) {
                    return;
                }
            }
            throw new AssertionError("no connection after 5 attempts");
        }

        void transfer(int n, int peerWindow) {
            int before = b.delivered.size();
            for (int i = 0; i < n; i++) {
                a.sscop.send(message(i));
            }
            boolean done = timers.runUntil(() -> b.delivered.size() - before >= n, 1800 * S, MAX_STEPS, () -> {
                // Never more SDs outstanding than the credit the peer gave, and the peer never sees an SD
                // beyond its VR(MR).
                assertThat(a.sscop.statistics().transmitBuffered()).isLessThanOrEqualTo(peerWindow);
                assertThat(b.sscop.statistics().sdsBeyondCredit()).isZero();
            });
            assertThat(done).as("all %d messages delivered in bounded time", n).isTrue();
            assertThat(b.delivered.subList(before, b.delivered.size())).isEqualTo(messages(n));
            assertThat(a.state()).isEqualTo(SscopState.DATA_TRANSFER_READY);
        }

        void releaseAndDrain() {
            a.sscop.release(Octets.EMPTY);
            drainUntilBothIdle();
            assertThat(a.signals).endsWith(new AaSignal.ReleaseConfirm());
        }

        /** Both idle, no datagram in flight, no timer pending, no buffer holding anything. */
        void drainUntilBothIdle() {
            runUntil(() -> a.state() == SscopState.IDLE && b.state() == SscopState.IDLE && timers.pending() == 0,
                    600 * S);
            assertThat(link.inFlight()).isZero();
            for (TestPeer p : List.of(a, b)) {
                SscopStatistics s = p.sscop.statistics();
                assertThat(s.transmitQueued() + s.transmitBuffered() + s.receiveBuffered()).isZero();
            }
        }
    }
}
