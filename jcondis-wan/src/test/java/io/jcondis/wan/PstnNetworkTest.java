package io.jcondis.wan;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.Packet;
import io.jcondis.api.Status;
import io.jcondis.api.wan.Tapi;
import io.jcondis.wan.pstn.Subscriber;
import io.jcondis.wan.tapi.CallHandle;
import io.jcondis.wan.tapi.LineEvent;
import io.jcondis.wan.tapi.LineHandle;
import io.jcondis.wan.tapi.TapiCallState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in WAN miniport: a simulated switched telephone network (issue 3 item 4). */
class PstnNetworkTest {
    private static final long SETUP_NS = 20_000_000L;

    @Test
    void shouldRingTheDialledLineAndConnectOnAnswer() {
        WanHarness h = WanHarness.pstn(3);
        LineHandle a = h.listen(0);
        LineHandle b = h.listen(1);
        LineHandle c = h.listen(2);
        CallHandle out = h.ok(h.tapi.makeCall(a, "102", null));
        h.advance(SETUP_NS);
        assertThat(h.events.newCalls(b)).isEmpty();
        assertThat(h.events.newCalls(c)).hasSize(1);
        h.ok(h.tapi.answer(h.events.newCalls(c).get(0)));
        assertThat(h.tapi.callState(out).value()).isEqualTo(TapiCallState.CONNECTED);
        h.assertNoProblems();
    }

    @Test
    void shouldAnswerBusyForALineWithACall() {
        WanHarness h = WanHarness.pstn(3);
        LineHandle a = h.listen(0);
        LineHandle b = h.listen(1);
        LineHandle c = h.listen(2);
        h.connect(a, b, "101");
        CallHandle late = h.ok(h.tapi.makeCall(c, "101", null));
        h.advance(SETUP_NS);
        assertThat(h.events.last(late).state()).isEqualTo(TapiCallState.BUSY);
        assertThat(h.events.last(late).mode()).isEqualTo(Tapi.LINEBUSYMODE_STATION);
        h.ok(h.tapi.closeCall(late));
        h.assertNoProblems();
    }

    @Test
    void shouldGiveUpAfterTheNoAnswerTimeout() {
        WanHarness h = WanHarness.pstn(2);
        h.pstn.noAnswerTimeoutNs(5_000_000_000L);
        LineHandle a = h.listen(0);
        LineHandle b = h.listen(1);
        CallHandle out = h.ok(h.tapi.makeCall(a, "101", null));
        h.advance(SETUP_NS);
        CallHandle in = h.events.newCalls(b).get(0);
        h.advance(4_000_000_000L);
        assertThat(h.tapi.callState(out).value()).isEqualTo(TapiCallState.RINGBACK);
        h.advance(1_000_000_000L);
        assertThat(h.events.last(out).state()).isEqualTo(TapiCallState.DISCONNECTED);
        assertThat(h.events.last(out).mode()).isEqualTo(Tapi.LINEDISCONNECTMODE_NOANSWER);
        assertThat(h.events.last(in).state()).isEqualTo(TapiCallState.DISCONNECTED);
        assertThat(h.events.last(in).mode()).isEqualTo(Tapi.LINEDISCONNECTMODE_NOANSWER);
        h.ok(h.tapi.closeCall(out));
        h.ok(h.tapi.closeCall(in));
        h.assertNoProblems();
        h.assertQuiescentAfterClosingLines();
    }

    @Test
    void shouldFailAnUnknownNumberWithBadAddress() {
        WanHarness h = WanHarness.pstn(2);
        CallHandle out = h.ok(h.tapi.makeCall(h.listen(0), "999", null));
        h.run();
        assertThat(h.events.last(out).mode()).isEqualTo(Tapi.LINEDISCONNECTMODE_BADADDRESS);
        h.assertNoProblems();
    }

    @Test
    void shouldReportARemoteHangUpFromASubscriber() {
        WanHarness h = WanHarness.pstn(1);
        Subscriber s = h.pstn.addSubscriber("555", Subscriber.Mode.ANSWER);
        CallHandle out = h.ok(h.tapi.makeCall(h.listen(0), "555", null));
        h.advance(SETUP_NS);
        h.advance(s.answerDelayNs());
        assertThat(h.tapi.callState(out).value()).isEqualTo(TapiCallState.CONNECTED);
        assertThat(s.send("hi".getBytes())).isTrue();
        h.run();
        assertThat(h.events.received).containsExactly(out + ":hi");
        assertThat(s.hangUp()).isTrue();
        h.run();
        assertThat(h.events.last(out).state()).isEqualTo(TapiCallState.DISCONNECTED);
        assertThat(h.tapi.callStats(out).value().linkUp()).isFalse();
        h.assertNoProblems();
    }

    @Test
    void shouldSurviveGlareWhenBothEndsDropAtOnce() {
        WanHarness h = WanHarness.pstn(2);
        CallHandle[] c = h.connect(h.listen(0), h.listen(1), "101");
        var d0 = h.tapi.drop(c[0]);
        var d1 = h.tapi.drop(c[1]);
        h.run();
        assertThat(d0.status()).isEqualTo(Status.SUCCESS);
        assertThat(d1.status()).isEqualTo(Status.SUCCESS);
        assertThat(h.tapi.callState(c[0]).value()).isEqualTo(TapiCallState.IDLE);
        assertThat(h.tapi.callState(c[1]).value()).isEqualTo(TapiCallState.IDLE);
        assertThat(h.wan.snapshot().links()).isZero();
        h.ok(h.tapi.closeCall(c[0]));
        h.ok(h.tapi.closeCall(c[1]));
        h.assertNoProblems();
        h.assertQuiescentAfterClosingLines();
    }

    @Test
    void shouldCarryDataBothWaysAtTheLineUpSpeed() {
        WanHarness h = WanHarness.pstn(2);
        h.pstn.lineSpeedBps(128_000);
        CallHandle[] c = h.connect(h.listen(0), h.listen(1), "101");
        h.tapi.send(c[0], Packet.wrap("ping".getBytes()));
        h.tapi.send(c[1], Packet.wrap("pong!".getBytes()));
        h.run();
        assertThat(h.events.received).containsExactlyInAnyOrder(c[1] + ":ping", c[0] + ":pong!");
        assertThat(h.events.of(LineEvent.LinkUp.class)).allMatch(u -> u.speedBps() == 128_000);
        assertThat(h.tapi.callStats(c[0]).value().linkSpeedBps()).isEqualTo(128_000);
        assertThat(h.tapi.callStats(c[0]).value().bytesSent()).isEqualTo(4);
        assertThat(h.tapi.callStats(c[0]).value().bytesReceived()).isEqualTo(5);
        h.assertNoProblems();
    }

    @Test
    void shouldUseMaxTransmitWhenTheLineUpGivesSendWindowZero() {
        WanHarness h = WanHarness.pstn(2);
        h.pstn.sendWindow(0);
        CallHandle[] c = h.connect(h.listen(0), h.listen(1), "101");
        assertThat(h.events.of(LineEvent.LinkUp.class)).allMatch(u -> u.sendWindow() == 4);
        assertThat(c).hasSize(2);
    }

    @Test
    void shouldHaveAConfigurableLineCountPerAdapter() {
        WanHarness h = WanHarness.pstn(1);
        AdapterHandle big = h.pstn.addAdapter("pri0", "30", 30);
        h.run();
        assertThat(h.tapi.devices()).hasSize(31);
        assertThat(h.pstn.number(big, 29)).isEqualTo("3029");
        LineHandle a = h.listen(0);
        LineHandle far = h.listen(30);
        h.connect(a, far, "3029");
        h.assertNoProblems();
    }

    @Test
    void shouldHaltResetUnloadReloadAndReconfigure() {
        WanHarness h = WanHarness.pstn(2);
        CallHandle[] c = h.connect(h.listen(0), h.listen(1), "101");
        h.wan.reset(h.adapter(0));
        h.ok(h.tapi.closeCall(c[0]));
        h.ok(h.tapi.closeCall(c[1]));
        h.pstn.setLineCount(h.adapter(0), 4);
        h.run();
        assertThat(h.tapi.devices()).hasSize(4);
        h.pstn.removeAdapter(h.adapter(0));
        assertThat(h.tapi.devices()).isEmpty();
        h.assertQuiescent();
        h.pstn.addAdapter("isdn0", "10", 2);
        h.run();
        assertThat(h.tapi.devices()).hasSize(2);
        LineHandle a = h.listen(h.tapi.devices().get(0).deviceId());
        LineHandle b = h.listen(h.tapi.devices().get(1).deviceId());
        h.connect(a, b, "101");
        h.assertNoProblems();
    }

    @Test
    void shouldCompleteEveryRequestLaterInPendingMode() {
        WanHarness h = WanHarness.pstn(2);
        h.pstn.pendRequests(true);
        var open = h.tapi.open(0);
        assertThat(open.status()).isEqualTo(Status.PENDING);
        h.run();
        assertThat(open.status()).isEqualTo(Status.SUCCESS);
        assertThat(h.events.of(LineEvent.RequestCompleted.class)).hasSize(1);
        LineHandle a = open.value();
        h.ok(h.tapi.setDefaultMediaDetection(a, Tapi.LINEMEDIAMODE_DIGITALDATA));
        LineHandle b = h.listen(1);
        h.connect(a, b, "101");
        h.ok(h.tapi.close(a));
        h.ok(h.tapi.close(b));
        h.assertNoProblems();
        h.assertQuiescent();
    }
}
