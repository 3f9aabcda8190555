package io.jcondis.uni.sscop;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jcondis.uni.codec.Octets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Coverage-guided fuzzing (Jazzer) of the SSCOP entity (Q.2110): one {@link Sscop} whose peer is the fuzzer. The
 * fuzzer interleaves PDUs from the peer (raw bytes, or PDUs of every type with fuzzed sequence numbers, windows,
 * lists and user data), its own user's requests (establish, release, send, resynchronize, unit data) and the
 * passing of time. Whatever it does, the entity never throws, every PDU it sends decodes ({@link TestPeer} decodes
 * each one), and afterwards, once its user releases and ten minutes pass with the peer silent, it is idle holding
 * nothing: no queued, buffered or received data.
 *
 * <p>Regression mode in {@code mvn verify}; to fuzz: {@code JAZZER_FUZZ=1 mvn -B -o -pl jcondis-uni -am test
 * -Dtest='SscopFuzzTest' -Dsurefire.failIfNoSpecifiedTests=false} (docs/uni.md "Fuzzing").
 */
class SscopFuzzTest {
    private static final long S = TimeUnit.SECONDS.toNanos(1);

    @FuzzTest(maxDuration = "60s")
    void peerUserAndTime(FuzzedDataProvider data) {
        ManualTimers timers = new ManualTimers();
        TestPeer p = new TestPeer("fuzzed", SscopConfig.defaults(), timers);
        p.autoAccept = data.consumeBoolean();
        for (int step = 0; step < 64 && data.remainingBytes() > 0; step++) {
            switch (data.consumeInt(0, 4)) {
                case 0 -> p.sscop.receive(data.consumeBytes(data.consumeInt(0, 64)));
                case 1 -> p.sscop.receive(SscopCodec.encode(pdu(data)));
                case 2 -> user(data, p);
                case 3 -> timers.advance(data.consumeLong(0, 10 * S));
                default -> {
                    if (p.state() == SscopState.INCOMING_CONNECTION_PENDING) {
                        p.sscop.establishResponse(Octets.EMPTY);
                    }
                }
            }
        }
        p.sscop.release(Octets.EMPTY);
        timers.advance(TimeUnit.MINUTES.toNanos(10));
        assertThat(p.state()).isEqualTo(SscopState.IDLE);
        SscopStatistics s = p.sscop.statistics();
        assertThat(s.transmitQueued() + s.transmitBuffered() + s.receiveBuffered()).as("held").isZero();
    }

    private static SscopPdu pdu(FuzzedDataProvider data) {
        int a = data.consumeInt(0, 0xFF_FFFF);
        int b = data.consumeInt(0, 0xFF_FFFF);
        Octets uu = Octets.of(data.consumeBytes(data.consumeInt(0, 12) * 4));
        return switch (data.consumeInt(0, 14)) {
            case 0 -> new SscopPdu.Bgn(data.consumeInt(0, 0xFF), a, uu);
            case 1 -> new SscopPdu.Bgak(a, uu);
            case 2 -> new SscopPdu.Bgrej(uu);
            case 3 -> new SscopPdu.End(data.consumeBoolean(), uu);
            case 4 -> new SscopPdu.Endak();
            case 5 -> new SscopPdu.Rs(data.consumeInt(0, 0xFF), a, uu);
            case 6 -> new SscopPdu.Rsak(a);
            case 7 -> new SscopPdu.Er(data.consumeInt(0, 0xFF), a);
            case 8 -> new SscopPdu.Erak(a);
            case 9 -> new SscopPdu.Sd(a, uu);
            case 10 -> new SscopPdu.Poll(a, b);
            case 11 -> {
                List<Integer> list = new ArrayList<>();
                for (int i = data.consumeInt(0, 6); i > 0; i--) {
                    list.add(data.consumeInt(0, 0xFF_FFFF));
                }
                yield new SscopPdu.Stat(a, b, data.consumeInt(0, 0xFF_FFFF), list);
            }
            case 12 -> new SscopPdu.Ustat(a, b, data.consumeInt(0, 0xFF_FFFF), data.consumeInt(0, 0xFF_FFFF));
            case 13 -> new SscopPdu.Ud(uu);
            default -> new SscopPdu.Md(uu);
        };
    }

    private static void user(FuzzedDataProvider data, TestPeer p) {
        Octets uu = Octets.of(data.consumeBytes(data.consumeInt(0, 8)));
        switch (data.consumeInt(0, 5)) {
            case 0 -> p.sscop.establish(uu);
            case 1 -> p.sscop.release(uu);
            case 2 -> {
                for (int i = data.consumeInt(1, 8); i > 0; i--) {
                    p.sscop.send(uu);
                }
            }
            case 3 -> p.sscop.resync(uu);
            case 4 -> p.sscop.unitdata(uu);
            default -> p.sscop.resyncResponse();
        }
    }
}
