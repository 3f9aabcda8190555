package io.jcondis.uni.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jcondis.uni.codec.Octets;
import io.jcondis.uni.q2931.AtmTrafficDescriptor;
import io.jcondis.uni.q2931.CalledPartyNumber;
import io.jcondis.uni.q2931.CauseValue;
import io.jcondis.uni.q2931.Q2931Codec;
import io.jcondis.uni.q2931.SampleMessages;
import io.jcondis.uni.sscop.AaSignal;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Coverage-guided fuzzing (Jazzer) of Q.2931 call control: one {@link UniLink} (user or network side) whose peer is
 * the fuzzer. The fuzzer interleaves messages from the peer (raw bytes, or known messages re-addressed to one of the
 * link's calls and with a few octets changed), requests of the link's own user (set-up, answers, release, parties,
 * modification), SSCOP signals (the association lost, re-established, resynchronized) and the passing of time.
 * Whatever it does, the link never throws, and afterwards every call can be ended: once its user releases what is
 * left and the timers have run out, no call and no timer remain.
 *
 * <p>Regression mode in {@code mvn verify} (with {@code WireFuzzTest}); to fuzz: {@code JAZZER_FUZZ=1 mvn -B -o -pl
 * jcondis-uni -am test -Dtest='UniLinkFuzzTest' -Dsurefire.failIfNoSpecifiedTests=false} (docs/uni.md "Fuzzing").
 */
class UniLinkFuzzTest {
    private static final List<byte[]> TEMPLATES = SampleMessages.all().stream().map(Q2931Codec::encode).toList();
    private static final long S = TimeUnit.SECONDS.toNanos(1);

    @FuzzTest(maxDuration = "60s")
    void peerUserAndTime(FuzzedDataProvider data) {
        ScriptedLink s = new ScriptedLink(data.consumeBoolean() ? Side.USER : Side.NETWORK);
        s.link.establishLink();
        s.link.onAaSignal(new AaSignal.EstablishConfirm(Octets.EMPTY));
        for (int step = 0; step < 48 && data.remainingBytes() > 0; step++) {
            List<UniCallId> calls = s.link.calls();
            UniCallId call = calls.isEmpty() ? null : calls.get(data.consumeInt(0, calls.size() - 1));
            switch (data.consumeInt(0, 7)) {
                case 0 -> s.deliver(data.consumeBytes(data.consumeInt(0, 96)));
                case 1 -> s.deliver(fromTemplate(data, s, call));
                case 2 -> s.link.setup(data.consumeBoolean() ? UniPair.parameters() : UniPair.multipointParameters());
                case 3 -> {
                    if (call != null) {
                        s.link.release(call, CauseValue.NORMAL_CALL_CLEARING);
                    }
                }
                case 4 -> answer(data, s, call);
                case 5 -> parties(data, s, call);
                case 6 -> s.timers.advance(data.consumeLong(0, 40 * S));
                default -> association(data, s);
            }
        }
        for (UniCallId c : s.link.calls()) {
            s.link.release(c, CauseValue.NORMAL_CALL_CLEARING);
        }
        // The peer answers nothing: T308 twice, T309, T398/T399 and the rest run out within minutes.
        s.timers.advance(TimeUnit.MINUTES.toNanos(10));
        assertThat(s.link.callCount()).as("calls left: %s", s.link.calls()).isZero();
        assertThat(s.link.runningTimers()).as("timers left").isZero();
    }

    /** A known message, perhaps re-addressed to {@code call} (either flag), with up to three octets changed. */
    private static byte[] fromTemplate(FuzzedDataProvider data, ScriptedLink s, UniCallId call) {
        byte[] m = TEMPLATES.get(data.consumeInt(0, TEMPLATES.size() - 1)).clone();
        if (call != null && data.consumeBoolean()) {
            // Octets 3-5: flag and call reference value (Q.2931 4.3).
            int ref = s.link.callReference(call) | (data.consumeBoolean() ? 0x80_0000 : 0);
            m[3] = (byte) (ref >>> 16);
            m[4] = (byte) (ref >>> 8);
            m[5] = (byte) ref;
        }
        for (int i = data.consumeInt(0, 3); i > 0; i--) {
            m[data.consumeInt(0, m.length - 1)] = data.consumeByte();
        }
        return m;
    }

    private static void answer(FuzzedDataProvider data, ScriptedLink s, UniCallId call) {
        if (call == null) {
            return;
        }
        switch (data.consumeInt(0, 4)) {
            case 0 -> s.link.callProceeding(call);
            case 1 -> s.link.alerting(call);
            case 2 -> s.link.connect(call);
            case 3 -> s.link.acknowledgeConnect(call);
            default -> s.link.statusEnquiry(call);
        }
    }

    private static void parties(FuzzedDataProvider data, ScriptedLink s, UniCallId call) {
        if (call == null) {
            return;
        }
        int ep = data.consumeInt(0, 4);
        switch (data.consumeInt(0, 6)) {
            case 0 -> s.link.addParty(call, CalledPartyNumber.e164("4961519999"));
            case 1 -> s.link.acceptAddParty(call, ep);
            case 2 -> s.link.rejectAddParty(call, ep, CauseValue.USER_BUSY);
            case 3 -> s.link.dropParty(call, ep, CauseValue.NORMAL_CALL_CLEARING);
            case 4 -> s.link.modify(call, AtmTrafficDescriptor.peak(data.consumeInt(1, 50_000),
                    data.consumeInt(1, 50_000)));
            case 5 -> s.link.acceptModify(call);
            default -> s.link.rejectModify(call, CauseValue.USER_CELL_RATE_NOT_AVAILABLE);
        }
    }

    private static void association(FuzzedDataProvider data, ScriptedLink s) {
        switch (data.consumeInt(0, 5)) {
            case 0 -> s.link.onAaSignal(new AaSignal.ReleaseIndication(Octets.EMPTY, data.consumeBoolean()
                    ? AaSignal.Source.USER : AaSignal.Source.SSCOP));
            case 1 -> s.link.onAaSignal(new AaSignal.EstablishIndication(Octets.EMPTY));
            case 2 -> s.link.onAaSignal(new AaSignal.EstablishConfirm(Octets.EMPTY));
            case 3 -> s.link.onAaSignal(new AaSignal.ResyncIndication(Octets.EMPTY));
            case 4 -> s.link.onAaSignal(new AaSignal.RecoverIndication());
            default -> s.link.releaseLink();
        }
    }
}
