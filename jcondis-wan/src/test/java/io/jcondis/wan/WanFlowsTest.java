package io.jcondis.wan;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.OidRequest;
import io.jcondis.api.Packet;
import io.jcondis.api.Status;
import io.jcondis.api.wan.Tapi;
import io.jcondis.api.wan.TapiOids;
import io.jcondis.wan.struct.LineAddressCaps;
import io.jcondis.wan.struct.LineCallInfo;
import io.jcondis.wan.struct.LineDevCaps;
import io.jcondis.wan.struct.LineDevStatus;
import io.jcondis.wan.struct.NdisTapiStructs;
import io.jcondis.wan.struct.TapiMessage;
import io.jcondis.wan.tapi.CallHandle;
import io.jcondis.wan.tapi.EndCause;
import io.jcondis.wan.tapi.LineEvent;
import io.jcondis.wan.tapi.LineHandle;
import io.jcondis.wan.tapi.LineState;
import io.jcondis.wan.tapi.TapiCallState;
import io.jcondis.wan.tapi.TapiRequest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jcondis.wan.WanHarness.fails;
import static org.assertj.core.api.Assertions.assertThat;

/** The NDISTAPI flows J1-J17 of contract section 2.5, each end to end on the simulated telephone network. */
class WanFlowsTest {
    private static final long SETUP_NS = 20_000_000L;

    @Test
    void shouldStartAProviderSessionJ1() {
        WanHarness h = WanHarness.pstn(3);
        List<LineEvent.ProviderInitialized> init = h.events.of(LineEvent.ProviderInitialized.class);
        assertThat(init).hasSize(1);
        assertThat(init.get(0).numLines()).isEqualTo(3);
        assertThat(init.get(0).providerId()).isNotZero();
        assertThat(h.tapi.devices()).hasSize(3);
        assertThat(h.wan.snapshot().sessions()).isEqualTo(1);
        h.assertNoProblems();
    }

    @Test
    void shouldAnswerCapabilityAndIdentityQueriesJ2() {
        WanHarness h = WanHarness.pstn(2);
        LineDevCaps caps = h.ok(h.tapi.getDevCaps(1));
        assertThat(caps.mediaModes() & Tapi.LINEMEDIAMODE_DIGITALDATA).isNotZero();
        assertThat(caps.maxRateBps()).isEqualTo(64_000);
        assertThat(caps.numAddresses()).isEqualTo(1);
        LineAddressCaps ac = h.ok(h.tapi.getAddressCaps(1, 0));
        assertThat(ac.address()).isEqualTo("101");
        fails(h.tapi.getAddressCaps(1, 1), Status.Code.TAPI_INVALADDRESSID);
        fails(h.tapi.getDevCaps(7), Status.Code.TAPI_NODEVICE);
        TapiMessage neg = TapiMessage.allocate(NdisTapiStructs.NEGOTIATE_EXT_VERSION, 0).putU32("ulDeviceID", 0);
        Status st = h.wan.oidRequest(h.adapter(0), new OidRequest(OidRequest.Type.QUERY,
                TapiOids.OID_TAPI_NEGOTIATE_EXT_VERSION, neg.buffer()), s -> { });
        assertThat(st).isEqualTo(Status.SUCCESS);
        TapiMessage ext = TapiMessage.allocate(NdisTapiStructs.GET_EXTENSION_ID, 0).putU32("ulDeviceID", 1);
        assertThat(h.wan.oidRequest(h.adapter(0), new OidRequest(OidRequest.Type.QUERY,
                TapiOids.OID_TAPI_GET_EXTENSION_ID, ext.buffer()), s -> { })).isEqualTo(Status.SUCCESS);
        h.assertNoProblems();
    }

    @Test
    void shouldOpenALineOnlyOnceJ3() {
        WanHarness h = WanHarness.pstn(2);
        LineHandle l = h.ok(h.tapi.open(0));
        assertThat(h.tapi.lineState(l)).isEqualTo(LineState.OPEN);
        fails(h.tapi.open(0), Status.Code.TAPI_ALLOCATED);
        fails(h.tapi.open(5), Status.Code.TAPI_NODEVICE);
        h.ok(h.tapi.close(l));
        h.ok(h.tapi.open(0));
        h.assertNoProblems();
    }

    @Test
    void shouldEnableMediaDetectionAndStatusMessagesJ4() {
        WanHarness h = WanHarness.pstn(2);
        LineHandle a = h.listen(0);
        LineHandle b = h.ok(h.tapi.open(1));
        fails(h.tapi.setDefaultMediaDetection(b, Tapi.LINEMEDIAMODE_G3FAX), Status.Code.TAPI_INVALMEDIAMODE);
        h.ok(h.tapi.setDefaultMediaDetection(b, Tapi.LINEMEDIAMODE_DIGITALDATA));
        h.ok(h.tapi.setStatusMessages(b, Tapi.LINEDEVSTATE_RINGING, 0));
        h.ok(h.tapi.conditionalMediaDetection(b, Tapi.LINEMEDIAMODE_DIGITALDATA));
        LineDevStatus ds = h.ok(h.tapi.getLineDevStatus(b));
        assertThat(ds.openMediaModes()).isEqualTo(Tapi.LINEMEDIAMODE_DIGITALDATA);
        h.ok(h.tapi.makeCall(a, "101", null));
        h.advance(SETUP_NS);
        assertThat(h.events.of(LineEvent.LineDevStateChanged.class)).extracting(
                LineEvent.LineDevStateChanged::state).containsExactly(Tapi.LINEDEVSTATE_RINGING);
        assertThat(h.events.newCalls(b)).hasSize(1);
        h.assertNoProblems();
    }

    @Test
    void shouldMakeACallAndDialTheRestLaterJ5() {
        WanHarness h = WanHarness.pstn(2);
        LineHandle a = h.listen(0);
        LineHandle b = h.listen(1);
        CallHandle c = h.ok(h.tapi.makeCall(a, "", null));
        assertThat(h.tapi.callState(c).value()).isEqualTo(TapiCallState.DIALTONE);
        h.ok(h.tapi.dial(c, "10"));
        h.advance(SETUP_NS);
        assertThat(h.tapi.callState(c).value()).isEqualTo(TapiCallState.DIALING);
        h.ok(h.tapi.dial(c, "1"));
        h.advance(SETUP_NS);
        assertThat(h.events.states(c)).containsSubsequence(TapiCallState.DIALTONE, TapiCallState.DIALING,
                TapiCallState.PROCEEDING, TapiCallState.RINGBACK);
        assertThat(h.events.newCalls(b)).hasSize(1);
        fails(h.tapi.dial(c, ""), Status.Code.TAPI_INVALADDRESS);
        h.assertNoProblems();
    }

    @Test
    void shouldOfferAcceptAndAnswerAnIncomingCallJ6() {
        WanHarness h = WanHarness.pstn(2);
        LineHandle a = h.listen(0);
        LineHandle b = h.listen(1);
        CallHandle out = h.ok(h.tapi.makeCall(a, "101", null));
        h.advance(SETUP_NS);
        CallHandle in = h.events.newCalls(b).get(0);
        assertThat(h.tapi.callState(in).value()).isEqualTo(TapiCallState.OFFERING);
        h.ok(h.tapi.accept(in));
        assertThat(h.tapi.callState(in).value()).isEqualTo(TapiCallState.ACCEPTED);
        h.ok(h.tapi.answer(in));
        assertThat(h.events.states(in)).containsExactly(TapiCallState.OFFERING, TapiCallState.ACCEPTED,
                TapiCallState.CONNECTED);
        assertThat(h.tapi.callState(out).value()).isEqualTo(TapiCallState.CONNECTED);
        fails(h.tapi.answer(in), Status.Code.TAPI_INVALCALLSTATE);
        LineCallInfo info = h.ok(h.tapi.getCallInfo(in));
        assertThat(info.rateBps()).isEqualTo(64_000);
        h.assertNoProblems();
    }

    @Test
    void shouldBringTheLinkUpBeforeConnectedAndAnswerGetIdJ7() {
        WanHarness h = WanHarness.pstn(2);
        CallHandle[] c = h.connect(h.listen(0), h.listen(1), "101");
        List<LineEvent.LinkUp> ups = h.events.of(LineEvent.LinkUp.class);
        assertThat(ups).extracting(LineEvent.LinkUp::call).containsExactlyInAnyOrder(c[0], c[1]);
        assertThat(ups).allMatch(u -> u.speedBps() == 64_000 && u.sendWindow() == 2);
        assertThat(h.ok(h.tapi.getLinkId(c[1]))).isEqualTo(ups.stream().filter(u -> u.call().equals(c[1]))
                .findFirst().orElseThrow().linkContext());
        h.assertNoProblems();
    }

    @Test
    void shouldSendWithinTheSendWindowAndQueueTheRestInOrderJ8() {
        WanHarness h = WanHarness.pstn(2);
        h.pstn.transmitDelayNs(1_000_000L);
        CallHandle[] c = h.connect(h.listen(0), h.listen(1), "101");
        for (int i = 0; i < 5; i++) {
            assertThat(h.tapi.send(c[0], Packet.wrap(("f" + i).getBytes()))).isEqualTo(Status.PENDING);
        }
        assertThat(h.wan.snapshot().sendsInFlight()).isEqualTo(2);
        assertThat(h.wan.snapshot().queuedSends()).isEqualTo(3);
        for (int i = 0; i < 5; i++) {
            h.advance(1_000_000L);
        }
        assertThat(h.events.received).containsExactly(c[1] + ":f0", c[1] + ":f1", c[1] + ":f2", c[1] + ":f3",
                c[1] + ":f4");
        assertThat(h.events.sendCompletions).hasSize(5).allMatch(p -> p.status().isSuccess());
        assertThat(h.tapi.callStats(c[0]).value().framesSent()).isEqualTo(5);
        h.assertNoProblems();
    }

    @Test
    void shouldIndicateReceivesOnTheLinkJ9() {
        WanHarness h = WanHarness.pstn(2);
        CallHandle[] c = h.connect(h.listen(0), h.listen(1), "101");
        h.tapi.send(c[1], Packet.wrap("pong".getBytes()));
        h.run();
        assertThat(h.events.received).containsExactly(c[0] + ":pong");
        assertThat(h.tapi.callStats(c[0]).value().bytesReceived()).isEqualTo(4);
        assertThat(h.pstn.services().indicateReceive(h.adapter(0), 12345, Packet.wrap(new byte[1])).isFailure())
                .isTrue();
        h.assertOnlyViolations("J9");
    }

    @Test
    void shouldDropACallToIdleJ10() {
        WanHarness h = WanHarness.pstn(2);
        CallHandle[] c = h.connect(h.listen(0), h.listen(1), "101");
        h.ok(h.tapi.drop(c[0]));
        assertThat(h.events.last(c[0]).state()).isEqualTo(TapiCallState.IDLE);
        assertThat(h.tapi.callStats(c[0]).value().linkUp()).isFalse();
        h.ok(h.tapi.drop(c[0]));
        h.assertNoProblems();
    }

    @Test
    void shouldCloseACallAndInvalidateItsHandleJ11() {
        WanHarness h = WanHarness.pstn(2);
        CallHandle[] c = h.connect(h.listen(0), h.listen(1), "101");
        h.ok(h.tapi.drop(c[0]));
        h.ok(h.tapi.closeCall(c[0]));
        assertThat(h.tapi.callState(c[0]).status().code()).isEqualTo(Status.Code.TAPI_INVALCALLHANDLE);
        assertThat(h.wan.snapshot().calls()).isEqualTo(1);
        h.assertNoProblems();
    }

    @Test
    void shouldReportARemoteHangUpJ12() {
        WanHarness h = WanHarness.pstn(2);
        CallHandle[] c = h.connect(h.listen(0), h.listen(1), "101");
        h.ok(h.tapi.closeCall(c[0]));
        h.run();
        assertThat(h.events.last(c[1]).state()).isEqualTo(TapiCallState.DISCONNECTED);
        assertThat(h.events.last(c[1]).mode()).isEqualTo(Tapi.LINEDISCONNECTMODE_NORMAL);
        assertThat(h.tapi.callStats(c[1]).value().linkUp()).isFalse();
        h.assertNoProblems();
    }

    @Test
    void shouldCloseALineWithItsCallsJ13() {
        WanHarness h = WanHarness.pstn(2);
        LineHandle a = h.listen(0);
        CallHandle[] c = h.connect(a, h.listen(1), "101");
        TapiRequest<Void> r = h.tapi.close(a);
        assertThat(h.tapi.callState(c[0]).status().code()).isEqualTo(Status.Code.TAPI_INVALCALLHANDLE);
        h.run();
        assertThat(r.status()).isEqualTo(Status.SUCCESS);
        assertThat(h.wan.snapshot().lines()).isEqualTo(1);
        h.assertNoProblems();
    }

    @Test
    void shouldEndTheSessionOnRequestJ14() {
        WanHarness h = WanHarness.pstn(2);
        LineHandle a = h.listen(0);
        h.ok(h.tapi.shutdownProvider(h.adapter(0)));
        assertThat(h.events.of(LineEvent.LineClosed.class)).extracting(LineEvent.LineClosed::line).containsExactly(a);
        fails(h.tapi.shutdownProvider(h.adapter(0)), Status.Code.TAPI_NODRIVER);
        assertThat(h.wan.snapshot().sessions()).isZero();
        h.assertNoProblems();
        h.assertQuiescent();
    }

    @Test
    void shouldEndTheSessionWhenTheMiniportHaltsJ15() {
        WanHarness h = WanHarness.pstn(2);
        LineHandle a = h.listen(0);
        AdapterHandle ad = h.adapter(0);
        h.pstn.removeAdapter(ad);
        assertThat(h.events.of(LineEvent.ProviderShutdown.class)).extracting(LineEvent.ProviderShutdown::cause)
                .containsExactly(EndCause.HALTED);
        assertThat(h.tapi.lineState(a)).isEqualTo(LineState.REMOVED);
        fails(h.tapi.makeCall(a, "101", null), Status.Code.TAPI_NODRIVER);
        fails(h.tapi.initializeProvider(ad), Status.Code.INVALID_HANDLE);
        h.ok(h.tapi.close(a));
        h.assertNoProblems();
        h.assertQuiescent();
    }

    @Test
    void shouldReinitializeOnLinedevstateReinitJ16() {
        WanHarness h = WanHarness.pstn(2);
        h.listen(0);
        h.pstn.setLineCount(h.adapter(0), 1);
        h.run();
        assertThat(h.events.of(LineEvent.ProviderInitialized.class)).extracting(
                LineEvent.ProviderInitialized::numLines).containsExactly(2, 1);
        assertThat(h.tapi.devices()).hasSize(1);
        h.assertNoProblems();
        h.assertQuiescentAfterClosingLines();
    }

    @Test
    void shouldDisconnectButKeepCallsAtHaltOrResetJ17() {
        WanHarness h = WanHarness.pstn(2);
        CallHandle[] c = h.connect(h.listen(0), h.listen(1), "101");
        h.wan.reset(h.adapter(0));
        assertThat(h.tapi.callState(c[0]).value()).isEqualTo(TapiCallState.DISCONNECTED);
        assertThat(h.wan.snapshot().calls()).isEqualTo(2);
        assertThat(h.wan.snapshot().links()).isZero();
        h.assertNoProblems();
    }
}
