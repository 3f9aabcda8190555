package io.jcondis.uni.signal;

import static io.jcondis.uni.signal.UniPair.MS;
import static io.jcondis.uni.signal.UniPair.S;
import static org.assertj.core.api.Assertions.assertThat;

import io.jcondis.uni.q2931.AtmTrafficDescriptor;
import io.jcondis.uni.q2931.CalledPartyNumber;
import io.jcondis.uni.q2931.CauseValue;
import io.jcondis.uni.sscop.SscopConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Random operation sequences from both users over a link that drops, duplicates and reorders datagrams (SSCOP
 * recovers them). After the users stop and answer everything still pending, every call is either active on both
 * sides in the same way (same reference, parties and traffic descriptor) or gone from both; then everything is
 * released and nothing is left: no call, no call-control timer, no SSCOP timer. Every run is bounded in clock time
 * and steps and asserts it finished. Fixed seed for CI.
 */
class UniLinkPropertyTest {

    /** What a user does next: {@code op} picks the request, {@code pick} the call and party, {@code waitMs} after. */
    record Op(int op, int pick, boolean fromA, int waitMs) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        return Combinators.combine(Arbitraries.integers().between(0, 11), Arbitraries.integers().between(0, 1000),
                Arbitraries.of(true, false), Arbitraries.integers().between(0, 3000)).as(Op::new).list().ofMaxSize(40);
    }

    @Property(tries = 150, seed = "2931")
    void shouldEndEveryCallActiveOnBothSidesOrClearedOnBoth(@ForAll long seed,
            @ForAll @IntRange(max = 10) int dropPercent, @ForAll @IntRange(max = 10) int duplicatePercent,
            @ForAll @IntRange(max = 20) int reorderPercent, @ForAll("ops") List<Op> ops) {
        SscopConfig d = SscopConfig.defaults();
        SscopConfig sscop = new SscopConfig(d.timerCcNs(), d.timerPollNs(), d.timerKeepAliveNs(), 60 * S,
                d.timerIdleNs(), 10, d.maxPd(), d.maxStat(), d.receiveWindow(), d.maxTransmitQueue());
        UniPair pair = new UniPair(seed, sscop);
        pair.a.impair(dropPercent, duplicatePercent, reorderPercent);
        pair.b.impair(dropPercent, duplicatePercent, reorderPercent);
        pair.established();

        for (Op op : ops) {
            apply(op.fromA() ? pair.a : pair.b, op);
            pair.advance(op.waitMs() * MS);
        }
        // The users stop originating and answer everything that is still waiting for them.
        for (UniPair.End e : List.of(pair.a, pair.b)) {
            e.reaction = ev -> answer(e, ev);
            for (UniCallId c : e.link.calls()) {
                answerCall(e, c);
            }
        }
        pair.advance(200 * S);

        assertConsistent(pair);
        Statistics.label("active calls at the end").collect(pair.a.link.callCount() > 0);
        Statistics.label("link lost").collect(!pair.a.events(UniEvent.LinkDown.class).isEmpty());

        for (UniCallId c : pair.a.link.calls()) {
            pair.a.link.release(c, CauseValue.NORMAL_CALL_CLEARING);
        }
        pair.run(() -> pair.a.link.callCount() == 0 && pair.b.link.callCount() == 0, 300 * S);
        pair.run(() -> pair.a.link.runningTimers() == 0 && pair.b.link.runningTimers() == 0, 300 * S);
        pair.a.link.releaseLink();
        pair.run(() -> pair.timers.pending() == 0, 600 * S);
        for (UniPair.End e : List.of(pair.a, pair.b)) {
            assertThat(e.link.statistics().malformed()).as("%s malformed", e).isZero();
            Map<UniCallId, Integer> clearedPerCall = new HashMap<>();
            for (UniEvent ev : e.events) {
                UniCallId id = callOf(ev);
                if (id != null) {
                    clearedPerCall.merge(id, ev instanceof UniEvent.CallCleared ? 1 : 0, Integer::sum);
                }
            }
            assertThat(clearedPerCall.values()).as("%s: every call it told of ended exactly once", e)
                    .allMatch(n -> n == 1);
        }
    }

    private static UniCallId callOf(UniEvent ev) {
        if (ev instanceof UniEvent.MessageReceived m) {
            return m.call();
        } else if (ev instanceof UniEvent.CallCleared c) {
            return c.call();
        } else if (ev instanceof UniEvent.CallActive c) {
            return c.call();
        } else if (ev instanceof UniEvent.TimerExpired t) {
            return t.call();
        }
        return null;
    }

    private static void apply(UniPair.End e, Op op) {
        UniLink l = e.link;
        List<UniCallId> calls = l.calls();
        UniCallId c = calls.isEmpty() ? null : calls.get(op.pick() % calls.size());
        switch (op.op()) {
            case 0 -> l.setup(UniPair.parameters());
            case 1 -> l.setup(UniPair.multipointParameters());
            case 2, 3 -> {
                if (c != null) {
                    answerCall(e, c);
                }
            }
            case 4 -> {
                if (c != null) {
                    l.release(c, CauseValue.NORMAL_CALL_CLEARING);
                }
            }
            case 5 -> {
                if (c != null) {
                    l.alerting(c);
                    l.callProceeding(c);
                }
            }
            case 6 -> {
                if (c != null) {
                    l.addParty(c, CalledPartyNumber.e164("49" + op.pick()));
                }
            }
            case 7 -> {
                if (c != null && !l.parties(c).isEmpty()) {
                    List<Integer> eps = List.copyOf(l.parties(c));
                    int ep = eps.get(op.pick() % eps.size());
                    if (l.dropParty(c, ep, CauseValue.NORMAL_CALL_CLEARING).isFailure()) {
                        l.rejectAddParty(c, ep, CauseValue.USER_BUSY);
                    }
                }
            }
            case 8 -> {
                if (c != null) {
                    l.modify(c, AtmTrafficDescriptor.peak(1000 + op.pick(), 1000 + op.pick()));
                }
            }
            case 9 -> {
                if (c != null && l.rejectModify(c, CauseValue.USER_CELL_RATE_NOT_AVAILABLE).isFailure()) {
                    l.statusEnquiry(c);
                }
            }
            default -> {
                // let time pass only
            }
        }
    }

    /** Accepts whatever the call waits for from this side's user. */
    private static void answerCall(UniPair.End e, UniCallId c) {
        UniLink l = e.link;
        l.connect(c);
        l.acceptModify(c);
        for (int ep : l.parties(c)) {
            l.acceptAddParty(c, ep);
        }
    }

    private static void answer(UniPair.End e, UniEvent ev) {
        if (ev instanceof UniEvent.MessageReceived m) {
            answerCall(e, m.call());
        }
    }

    /** Matches the calls of both sides by (originating side, call reference) and compares them. */
    private static void assertConsistent(UniPair pair) {
        Map<String, UniCallId> atB = new HashMap<>();
        for (UniCallId c : pair.b.link.calls()) {
            atB.put((pair.b.link.isOriginator(c) ? "b" : "a") + pair.b.link.callReference(c), c);
        }
        for (UniCallId c : pair.a.link.calls()) {
            String key = (pair.a.link.isOriginator(c) ? "a" : "b") + pair.a.link.callReference(c);
            UniCallId peer = atB.remove(key);
            assertThat(peer).as("call %s of A exists at B", key).isNotNull();
            assertThat(pair.a.link.callState(c)).as("A's %s", key).isEqualTo(UniCallState.U10_ACTIVE);
            assertThat(pair.b.link.callState(peer)).as("B's %s", key).isEqualTo(UniCallState.U10_ACTIVE);
            assertThat(pair.a.link.parties(c)).as("parties of %s", key).isEqualTo(pair.b.link.parties(peer));
            for (int ep : pair.a.link.parties(c)) {
                assertThat(pair.a.link.partyState(c, ep)).isEqualTo(PartyState.ACTIVE);
                assertThat(pair.b.link.partyState(peer, ep)).isEqualTo(PartyState.ACTIVE);
            }
            assertThat(pair.a.link.trafficDescriptor(c)).isEqualTo(pair.b.link.trafficDescriptor(peer));
        }
        assertThat(atB).as("calls only B knows").isEmpty();
        assertThat(pair.a.link.runningTimers()).isZero();
        assertThat(pair.b.link.runningTimers()).isZero();
    }
}
