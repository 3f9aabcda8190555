package io.jcondis.uni.sscop;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcondis.api.Status;
import io.jcondis.uni.codec.Octets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Deterministic scenarios for the SSCOP engine: two entities joined by a {@link LossyLink}, one manual clock,
 * every loop bounded. Each test names the Q.2110 behaviour it checks.
 */
class SscopTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long S = TimeUnit.SECONDS.toNanos(1);

    private final ManualTimers timers = new ManualTimers();
    private TestPeer a;
    private TestPeer b;
    private LossyLink link;

    private void setUp(SscopConfig config) {
        a = new TestPeer("a", config, timers);
        b = new TestPeer("b", config, timers);
        link = new LossyLink(timers, 1, a, b, LossyLink.Impairment.CLEAN, LossyLink.Impairment.CLEAN);
    }

    private void setUp() {
        setUp(SscopConfig.defaults());
    }

    private void establish() {
        assertThat(a.sscop.establish(Octets.ascii("hello"))).isEqualTo(Status.SUCCESS);
        assertThat(timers.runUntil(() -> a.state() == SscopState.DATA_TRANSFER_READY
                && b.state() == SscopState.DATA_TRANSFER_READY, 10 * S)).isTrue();
    }

    private static Octets message(int i) {
        return Octets.ascii("message " + i);
    }

    private static List<Octets> messages(int n) {
        List<Octets> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(message(i));
        }
        return l;
    }

    @Test
    void shouldEstablishAndReleaseWithUserToUserData() {
        setUp();
        establish();
        assertThat(a.signals).containsExactly(new AaSignal.EstablishConfirm(Octets.EMPTY));
        assertThat(b.signals).containsExactly(new AaSignal.EstablishIndication(Octets.ascii("hello")));

        assertThat(a.sscop.release(Octets.ascii("bye"))).isEqualTo(Status.SUCCESS);
        assertThat(a.state()).isEqualTo(SscopState.OUTGOING_DISCONNECTION_PENDING);
        assertThat(timers.runUntil(() -> a.state() == SscopState.IDLE && b.state() == SscopState.IDLE, S)).isTrue();
        assertThat(a.signals).endsWith(new AaSignal.ReleaseConfirm());
        assertThat(b.signals).endsWith(new AaSignal.ReleaseIndication(Octets.ascii("bye"), AaSignal.Source.USER));
        assertNothingHeld();
    }

    @Test
    void shouldReleaseFromTheRespondingSide() {
        setUp();
        establish();
        b.sscop.release(Octets.EMPTY);
        assertThat(timers.runUntil(() -> a.state() == SscopState.IDLE && b.state() == SscopState.IDLE, S)).isTrue();
        assertThat(b.signals).endsWith(new AaSignal.ReleaseConfirm());
        assertThat(a.signals).endsWith(new AaSignal.ReleaseIndication(Octets.EMPTY, AaSignal.Source.USER));
    }

    @Test
    void shouldConfirmBothSidesWhenReleasesCross() {
        setUp();
        establish();
        a.sscop.release(Octets.EMPTY);
        b.sscop.release(Octets.EMPTY);
        assertThat(timers.runUntil(() -> a.state() == SscopState.IDLE && b.state() == SscopState.IDLE, S)).isTrue();
        assertThat(a.signals).endsWith(new AaSignal.ReleaseConfirm());
        assertThat(b.signals).endsWith(new AaSignal.ReleaseConfirm());
    }

    @Test
    void shouldMakeOneConnectionWhenBothSidesEstablishAtOnce() {
        setUp();
        a.sscop.establish(Octets.EMPTY);
        b.sscop.establish(Octets.EMPTY);
        assertThat(timers.runUntil(() -> a.state() == SscopState.DATA_TRANSFER_READY
                && b.state() == SscopState.DATA_TRANSFER_READY, 10 * S)).isTrue();
        assertThat(a.signals(AaSignal.EstablishConfirm.class)).hasSize(1);
        assertThat(b.signals(AaSignal.EstablishConfirm.class)).hasSize(1);
        a.sscop.send(message(1));
        assertThat(timers.runUntil(() -> b.delivered.size() == 1, S)).isTrue();
    }

    @Test
    void shouldRetransmitBgnOnTimerCcWhenBgnIsLost() {
        setUp();
        int[] seen = {0};
        link.aToB().dropIf(p -> p.type() == SscopPduType.BGN && seen[0]++ < 2);
        a.sscop.establish(Octets.EMPTY);
        assertThat(timers.runUntil(() -> a.state() == SscopState.DATA_TRANSFER_READY, 10 * S)).isTrue();
        // Timer_CC is 1 s: the third BGN, sent at 2 s, gets through.
        assertThat(a.sent(SscopPduType.BGN)).isEqualTo(3);
        assertThat(timers.nanoTime()).isBetween(2 * S, 2 * S + 10 * MS);
        assertThat(b.signals(AaSignal.EstablishIndication.class)).hasSize(1);
    }

    @Test
    void shouldAnswerARetransmittedBgnAgainWhenTheBgakIsLost() {
        setUp();
        int[] seen = {0};
        link.bToA().dropIf(p -> p.type() == SscopPduType.BGAK && seen[0]++ < 1);
        a.sscop.establish(Octets.EMPTY);
        assertThat(timers.runUntil(() -> a.state() == SscopState.DATA_TRANSFER_READY, 10 * S)).isTrue();
        // The second BGN carries the same N(SQ): B answers it again, without a second indication.
        assertThat(b.sent(SscopPduType.BGAK)).isEqualTo(2);
        assertThat(b.signals).containsExactly(new AaSignal.EstablishIndication(Octets.EMPTY));
    }

    @Test
    void shouldReleaseWhenMaxCcBgnsGoUnanswered() {
        setUp();
        link.aToB().dropIf(p -> p.type() == SscopPduType.BGN);
        a.sscop.establish(Octets.EMPTY);
        assertThat(timers.runUntil(() -> a.state() == SscopState.IDLE, 60 * S)).isTrue();
        assertThat(a.sent(SscopPduType.BGN)).isEqualTo(SscopParameters.MAX_CC);
        assertThat(timers.nanoTime()).isEqualTo(SscopParameters.MAX_CC * S);
        assertThat(a.signals).containsExactly(new AaSignal.ReleaseIndication(Octets.EMPTY, AaSignal.Source.SSCOP));
        assertThat(a.sscop.statistics().maaErrors(MaaError.O)).isEqualTo(1);
        assertThat(a.sent.get(a.sent.size() - 1)).isEqualTo(new SscopPdu.End(true, Octets.EMPTY));
        assertThat(b.signals).isEmpty();
        assertThat(timers.runUntil(() -> timers.pending() == 0, 60 * S)).isTrue();
    }

    @Test
    void shouldGiveReleaseConfirmWhenEndGoesUnanswered() {
        setUp();
        establish();
        link.aToB().cut(true);
        a.sscop.release(Octets.EMPTY);
        assertThat(timers.runUntil(() -> a.state() == SscopState.IDLE, 60 * S)).isTrue();
        assertThat(a.sent(SscopPduType.END)).isEqualTo(SscopParameters.MAX_CC);
        assertThat(a.signals).endsWith(new AaSignal.ReleaseConfirm());
        // B, never told, finds out by Timer_NO-RESPONSE: its POLLs go unanswered.
        link.aToB().cut(false);
        assertThat(timers.runUntil(() -> b.state() == SscopState.IDLE, 60 * S)).isTrue();
    }

    @Test
    void shouldRejectWhenTheUserRefuses() {
        setUp();
        b.autoAccept = false;
        a.sscop.establish(Octets.EMPTY);
        assertThat(timers.runUntil(() -> b.state() == SscopState.INCOMING_CONNECTION_PENDING, S)).isTrue();
        assertThat(b.sscop.release(Octets.ascii("busy"))).isEqualTo(Status.SUCCESS);
        assertThat(b.state()).isEqualTo(SscopState.IDLE);
        assertThat(timers.runUntil(() -> a.state() == SscopState.IDLE, S)).isTrue();
        assertThat(a.signals).containsExactly(new AaSignal.ReleaseIndication(Octets.ascii("busy"),
                AaSignal.Source.USER));
    }

    @Test
    void shouldRefuseRequestsOutOfState() {
        setUp();
        assertThat(a.sscop.send(message(0)).code()).isEqualTo(Status.Code.NOT_ACCEPTED);
        assertThat(a.sscop.release(Octets.EMPTY).code()).isEqualTo(Status.Code.NOT_ACCEPTED);
        assertThat(a.sscop.resyncResponse().code()).isEqualTo(Status.Code.NOT_ACCEPTED);
        assertThat(a.sscop.recoverResponse().code()).isEqualTo(Status.Code.NOT_ACCEPTED);
        assertThat(a.sent).isEmpty();
        assertThat(a.state()).isEqualTo(SscopState.IDLE);
    }

    @Test
    void shouldDeliverDataInOrderExactlyOnce() {
        setUp();
        establish();
        for (Octets m : messages(500)) {
            assertThat(a.sscop.send(m)).isEqualTo(Status.SUCCESS);
        }
        assertThat(timers.runUntil(() -> b.delivered.size() == 500, 60 * S)).isTrue();
        assertThat(b.delivered).isEqualTo(messages(500));
        assertThat(timers.runUntil(() -> a.sscop.statistics().transmitBuffered() == 0, 10 * S)).isTrue();
        assertThat(a.sscop.statistics().sdsRetransmitted()).isZero();
    }

    @Test
    void shouldNeverExceedThePeersCredit() {
        SscopConfig config = SscopConfig.defaults().withReceiveWindow(4);
        setUp(config);
        link.aToB().impairment(new LossyLink.Impairment(10, 0, 0, 5 * MS, 20 * MS));
        establish();
        for (Octets m : messages(200)) {
            a.sscop.send(m);
        }
        boolean done = timers.runUntil(() -> b.delivered.size() == 200, 600 * S, 1_000_000, () -> {
            assertThat(a.sscop.statistics().transmitBuffered()).isLessThanOrEqualTo(4);
            assertThat(b.sscop.statistics().sdsBeyondCredit()).isZero();
        });
        assertThat(done).isTrue();
        assertThat(b.delivered).isEqualTo(messages(200));
        assertThat(a.sscop.statistics().maaErrors(MaaError.W)).isPositive();
    }

    @Test
    void shouldRetransmitSdsReportedMissing() {
        setUp();
        establish();
        int[] seen = {0};
        // Lose SDs 3 and 7 once: B reports the gaps by USTAT, A retransmits them.
        link.aToB().dropIf(p -> p instanceof SscopPdu.Sd sd && (sd.nS() == 3 || sd.nS() == 7) && seen[0]++ < 2);
        for (Octets m : messages(10)) {
            a.sscop.send(m);
        }
        assertThat(timers.runUntil(() -> b.delivered.size() == 10, 10 * S)).isTrue();
        assertThat(b.delivered).isEqualTo(messages(10));
        assertThat(b.sent(SscopPduType.USTAT)).isEqualTo(2);
        assertThat(a.sscop.statistics().sdsRetransmitted()).isEqualTo(2);
    }

    @Test
    void shouldRecoverALostLastSdThroughPoll() {
        setUp();
        establish();
        link.aToB().dropIf(p -> p instanceof SscopPdu.Sd sd && sd.nS() == 4 && a.sent(SscopPduType.SD) == 5);
        for (Octets m : messages(5)) {
            a.sscop.send(m);
        }
        // Nothing follows SD 4, so no USTAT: the POLL on Timer_POLL tells B it is missing.
        assertThat(timers.runUntil(() -> b.delivered.size() == 5, 10 * S)).isTrue();
        assertThat(b.sent(SscopPduType.USTAT)).isZero();
        assertThat(b.sent(SscopPduType.STAT)).isPositive();
        assertThat(timers.nanoTime()).isGreaterThanOrEqualTo(750 * MS);
    }

    @Test
    void shouldSplitLongStatListsAtMaxStat() {
        setUp(SscopConfig.defaults().withMaxStat(3));
        establish();
        // Every other SD lost once: the gap list has many elements, sent as several STATs.
        java.util.Set<Integer> lost = new java.util.HashSet<>();
        link.aToB().dropIf(p -> p instanceof SscopPdu.Sd sd && sd.nS() % 2 == 0 && sd.nS() < 20 && lost.add(sd.nS()));
        link.bToA().dropIf(p -> p.type() == SscopPduType.USTAT);
        for (Octets m : messages(21)) {
            a.sscop.send(m);
        }
        assertThat(timers.runUntil(() -> b.delivered.size() == 21, 30 * S)).isTrue();
        assertThat(b.delivered).isEqualTo(messages(21));
        assertThat(b.sent.stream().filter(p -> p instanceof SscopPdu.Stat st && st.list().size() == 3)).isNotEmpty();
    }

    @Test
    void shouldKeepTheConnectionAliveWithPollsWhenIdle() {
        setUp();
        establish();
        timers.advance(120 * S);
        assertThat(a.state()).isEqualTo(SscopState.DATA_TRANSFER_READY);
        assertThat(b.state()).isEqualTo(SscopState.DATA_TRANSFER_READY);
        // One POLL on Timer_POLL, then one per Timer_IDLE (15 s) period: about 8 in 120 s, each answered.
        long polls = a.sscop.statistics().pollsSent();
        assertThat(polls).isBetween(6L, 10L);
        assertThat(b.sscop.statistics().statsSent()).isGreaterThanOrEqualTo(polls);
        assertThat(a.sscop.statistics().maaErrors()).isEmpty();
        // Data after a long idle period still flows, and starts the active phase again.
        a.sscop.send(message(1));
        assertThat(timers.runUntil(() -> b.delivered.size() == 1, S)).isTrue();
    }

    @Test
    void shouldDeclareTheConnectionLostWhenThePeerGoesSilent() {
        setUp();
        establish();
        timers.advance(30 * S);
        long silentSince = timers.nanoTime();
        link.aToB().cut(true);
        link.bToA().cut(true);
        assertThat(timers.runUntil(() -> a.state() == SscopState.IDLE && b.state() == SscopState.IDLE, 60 * S))
                .isTrue();
        // At most one Timer_IDLE period until the next POLL, then Timer_NO-RESPONSE.
        assertThat(timers.nanoTime() - silentSince).isLessThanOrEqualTo(15 * S + 7 * S);
        assertThat(a.signals).endsWith(new AaSignal.ReleaseIndication(Octets.EMPTY, AaSignal.Source.SSCOP));
        assertThat(a.sscop.statistics().maaErrors(MaaError.P)).isEqualTo(1);
        assertThat(b.sscop.statistics().maaErrors(MaaError.P)).isEqualTo(1);
        assertNothingHeld();
        assertThat(timers.pending()).isZero();
    }

    @Test
    void shouldReleaseAtOnceWhenThePeerHasForgottenTheConnection() {
        setUp();
        establish();
        timers.advance(30 * S);
        b.sscop.close();
        // A's next POLL reaches an idle B, which answers END (S = 1) as Q.2110 says for a stray POLL.
        assertThat(timers.runUntil(() -> a.state() == SscopState.IDLE, 60 * S)).isTrue();
        assertThat(a.signals).endsWith(new AaSignal.ReleaseIndication(Octets.EMPTY, AaSignal.Source.SSCOP));
        assertThat(b.sscop.statistics().maaErrors(MaaError.G)).isEqualTo(1);
    }

    @Test
    void shouldDeclareTheConnectionLostWhenStatsStopDuringTransfer() {
        setUp();
        establish();
        link.bToA().cut(true);
        for (Octets m : messages(10)) {
            a.sscop.send(m);
        }
        long start = timers.nanoTime();
        assertThat(timers.runUntil(() -> a.state() == SscopState.IDLE, 60 * S)).isTrue();
        assertThat(timers.nanoTime() - start).isLessThanOrEqualTo(7 * S + 10 * MS);
        assertThat(a.sscop.statistics().maaErrors(MaaError.P)).isEqualTo(1);
        // B got END (S = 1) and released too.
        assertThat(timers.runUntil(() -> b.state() == SscopState.IDLE, S)).isTrue();
        assertThat(b.signals).endsWith(new AaSignal.ReleaseIndication(Octets.EMPTY, AaSignal.Source.SSCOP));
    }

    @Test
    void shouldResynchronizeAndRestartNumbering() {
        setUp();
        establish();
        for (Octets m : messages(30)) {
            a.sscop.send(m);
        }
        assertThat(timers.runUntil(() -> b.delivered.size() == 30, 10 * S)).isTrue();
        assertThat(a.sscop.resync(Octets.ascii("rs"))).isEqualTo(Status.SUCCESS);
        assertThat(timers.runUntil(() -> a.state() == SscopState.DATA_TRANSFER_READY, 10 * S)).isTrue();
        assertThat(b.signals).contains(new AaSignal.ResyncIndication(Octets.ascii("rs")));
        assertThat(a.signals).endsWith(new AaSignal.ResyncConfirm());
        b.delivered.clear();
        for (Octets m : messages(10)) {
            a.sscop.send(m);
        }
        assertThat(timers.runUntil(() -> b.delivered.size() == 10, 10 * S)).isTrue();
        assertThat(b.delivered).isEqualTo(messages(10));
        assertThat(b.signals(AaSignal.DataIndication.class).get(30).sequence()).isZero();
    }

    @Test
    void shouldRetransmitRsWhenItIsLost() {
        setUp();
        establish();
        int[] seen = {0};
        link.aToB().dropIf(p -> p.type() == SscopPduType.RS && seen[0]++ < 1);
        a.sscop.resync(Octets.EMPTY);
        assertThat(timers.runUntil(() -> a.state() == SscopState.DATA_TRANSFER_READY, 10 * S)).isTrue();
        assertThat(a.sent(SscopPduType.RS)).isEqualTo(2);
        assertThat(b.signals(AaSignal.ResyncIndication.class)).hasSize(1);
    }

    @Test
    void shouldRecoverFromASequenceErrorAndCarryOn() {
        setUp();
        establish();
        for (Octets m : messages(20)) {
            a.sscop.send(m);
        }
        assertThat(timers.runUntil(() -> b.delivered.size() == 20, 10 * S)).isTrue();
        // A forged STAT acknowledging SDs never sent: MAA-ERROR R or S, then ER/ERAK.
        a.sscop.receive(SscopCodec.encode(new SscopPdu.Stat(1000, 1000, 900, List.of())));
        assertThat(a.state()).isEqualTo(SscopState.OUTGOING_RECOVERY_PENDING);
        assertThat(timers.runUntil(() -> a.state() == SscopState.DATA_TRANSFER_READY
                && b.state() == SscopState.DATA_TRANSFER_READY, 10 * S)).isTrue();
        assertThat(a.sscop.statistics().maaErrors(MaaError.R)).isEqualTo(1);
        assertThat(a.signals).endsWith(new AaSignal.RecoverIndication());
        assertThat(b.signals).endsWith(new AaSignal.RecoverIndication());
        b.delivered.clear();
        for (Octets m : messages(20)) {
            a.sscop.send(m);
        }
        assertThat(timers.runUntil(() -> b.delivered.size() == 20, 10 * S)).isTrue();
        assertThat(b.delivered).isEqualTo(messages(20));
    }

    @Test
    void shouldReleaseWhenMaxCcErsGoUnanswered() {
        setUp();
        establish();
        link.aToB().cut(true);
        a.sscop.receive(SscopCodec.encode(new SscopPdu.Ustat(100, 5000, 1, 2)));
        assertThat(a.sscop.statistics().maaErrors(MaaError.T)).isEqualTo(1);
        assertThat(timers.runUntil(() -> a.state() == SscopState.IDLE, 60 * S)).isTrue();
        assertThat(a.sent(SscopPduType.ER)).isEqualTo(SscopParameters.MAX_CC);
        assertThat(a.signals).endsWith(new AaSignal.ReleaseIndication(Octets.EMPTY, AaSignal.Source.SSCOP));
        assertThat(a.sscop.statistics().maaErrors(MaaError.O)).isEqualTo(1);
    }

    @Test
    void shouldStartRecoveryOnAPollBeyondTheCreditGiven() {
        setUp();
        establish();
        b.sscop.receive(SscopCodec.encode(new SscopPdu.Poll(5, 100_000)));
        assertThat(b.sscop.statistics().maaErrors(MaaError.Q)).isEqualTo(1);
        assertThat(timers.runUntil(() -> a.state() == SscopState.DATA_TRANSFER_READY
                && b.state() == SscopState.DATA_TRANSFER_READY, 10 * S)).isTrue();
        assertThat(a.signals).endsWith(new AaSignal.RecoverIndication());
    }

    @Test
    void shouldCarryUnitdataInAnyState() {
        setUp();
        a.sscop.unitdata(Octets.ascii("ud"));
        timers.advance(S);
        assertThat(b.signals).containsExactly(new AaSignal.UnitdataIndication(Octets.ascii("ud")));
        assertThat(b.state()).isEqualTo(SscopState.IDLE);
    }

    @Test
    void shouldAnswerStrayPdusInIdleWithEnd() {
        setUp();
        a.sscop.receive(SscopCodec.encode(new SscopPdu.Poll(1, 0)));
        assertThat(a.sent).containsExactly(new SscopPdu.End(true, Octets.EMPTY));
        assertThat(a.sscop.statistics().maaErrors(MaaError.G)).isEqualTo(1);
        assertThat(timers.runUntil(() -> timers.pending() == 0, S)).isTrue();
        assertThat(a.state()).isEqualTo(SscopState.IDLE);
        assertThat(b.state()).isEqualTo(SscopState.IDLE);
    }

    @Test
    void shouldDropGarbageAndTruncatedDatagramsWithoutChangingAnything() {
        setUp();
        establish();
        for (Octets m : messages(40)) {
            a.sscop.send(m);
        }
        // Mid-transfer: SDs and POLLs in flight, timers running.
        timers.advance(3 * MS);
        Random random = new Random(7);
        List<byte[]> junk = new ArrayList<>();
        byte[] sd = SscopCodec.encode(new SscopPdu.Sd(3, Octets.ascii("abcdefgh")));
        for (int len = 0; len < sd.length; len++) {
            if (len % 4 != 0 || len == 0) {
                junk.add(Arrays.copyOf(sd, len));
            }
        }
        while (junk.size() < 200) {
            byte[] g = new byte[random.nextInt(64)];
            random.nextBytes(g);
            if (!SscopCodec.decode(g).isOk()) {
                junk.add(g);
            }
        }
        for (TestPeer p : List.of(a, b)) {
            SscopStatistics before = p.sscop.statistics();
            SscopState state = p.state();
            int sent = p.sent.size();
            int signals = p.signals.size();
            int pendingTimers = timers.pending();
            for (byte[] j : junk) {
                p.sscop.receive(j);
            }
            SscopStatistics after = p.sscop.statistics();
            assertThat(after.malformedDatagrams()).isEqualTo(before.malformedDatagrams() + junk.size());
            assertThat(after.maaErrors(MaaError.U)).isEqualTo(before.maaErrors(MaaError.U) + junk.size());
            assertThat(p.state()).isEqualTo(state);
            assertThat(p.sent).hasSize(sent);
            assertThat(p.signals).hasSize(signals);
            assertThat(timers.pending()).isEqualTo(pendingTimers);
            assertThat(after.transmitBuffered()).isEqualTo(before.transmitBuffered());
            assertThat(after.receiveBuffered()).isEqualTo(before.receiveBuffered());
        }
        assertThat(timers.runUntil(() -> b.delivered.size() == 40, 10 * S)).isTrue();
        assertThat(b.delivered).isEqualTo(messages(40));
    }

    @Test
    void shouldCarryDataAcrossTheSequenceNumberWrap() {
        setUp(SscopConfig.defaults().withReceiveWindow(16));
        a.sscop.initialSequenceForTest(SeqNum.MODULUS - 100);
        b.sscop.initialSequenceForTest(SeqNum.MODULUS - 100);
        link.aToB().impairment(new LossyLink.Impairment(10, 5, 10, MS, 20 * MS));
        link.bToA().impairment(new LossyLink.Impairment(10, 5, 10, MS, 20 * MS));
        establish();
        for (Octets m : messages(400)) {
            a.sscop.send(m);
        }
        assertThat(timers.runUntil(() -> b.delivered.size() == 400, 600 * S)).isTrue();
        assertThat(b.delivered).isEqualTo(messages(400));
        List<AaSignal.DataIndication> data = b.signals(AaSignal.DataIndication.class);
        assertThat(data.get(99).sequence()).isEqualTo(SeqNum.MASK);
        assertThat(data.get(100).sequence()).isZero();
        assertThat(a.sscop.statistics().sdsRetransmitted()).isPositive();
    }

    private void assertNothingHeld() {
        for (TestPeer p : List.of(a, b)) {
            if (p.state() == SscopState.IDLE) {
                SscopStatistics s = p.sscop.statistics();
                assertThat(s.transmitQueued() + s.transmitBuffered() + s.receiveBuffered()).isZero();
            }
        }
    }
}
