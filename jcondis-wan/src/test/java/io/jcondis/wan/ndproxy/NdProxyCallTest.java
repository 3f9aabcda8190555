package io.jcondis.wan.ndproxy;

import io.jcondis.api.Status;
import io.jcondis.api.wan.Tapi;
import io.jcondis.wan.tapi.CallHandle;
import io.jcondis.wan.tapi.LineEvent;
import io.jcondis.wan.tapi.LineHandle;
import io.jcondis.wan.tapi.TapiCallState;
import io.jcondis.wan.tapi.TapiRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** TAPI over CoNDIS (K3-K5) between two TAPI applications over the embedded switch. */
class NdProxyCallTest {
    @Test
    @DisplayName("K1 K3 K4 R47: an outgoing call becomes a VC, the far end answers, data flows both ways")
    void shouldCallAnswerAndCarryDataBothWays() {
        ProxyHarness h = new ProxyHarness(1);
        assertThat(h.problems.problems()).isEmpty();
        assertThat(h.a.proxy.caps()).hasSize(1);
        assertThat(h.a.tapi.devices()).hasSize(1);
        assertThat(h.b.tapi.devices()).hasSize(1);
        LineHandle la = h.listen(h.a, 0);
        LineHandle lb = h.listen(h.b, 0);
        CallHandle[] c = h.connect(la, lb, "hostb:tapi0");
        assertThat(h.a.events.states(c[0])).containsExactly(TapiCallState.DIALING, TapiCallState.PROCEEDING,
                TapiCallState.CONNECTED);
        assertThat(h.b.events.states(c[1])).containsExactly(TapiCallState.OFFERING, TapiCallState.CONNECTED);
        // R47: the link is up for both ends before GET_ID completes; its id is the NDISWAN link context.
        assertThat(h.ok(h.a.tapi.getLinkId(c[0]))).isNotZero();
        assertThat(h.ok(h.b.tapi.getLinkId(c[1]))).isNotZero();
        assertThat(h.ndis.snapshot().vcs()).isEqualTo(2);
        h.send(h.a, c[0], "hello b");
        h.send(h.b, c[1], "hello a");
        assertThat(h.b.events.received).containsExactly("hello b");
        assertThat(h.a.events.received).containsExactly("hello a");
        assertThat(h.a.tapi.callStats(c[0]).value().framesSent()).isEqualTo(1);
        assertThat(h.a.tapi.callStats(c[0]).value().framesReceived()).isEqualTo(1);
        h.ok(h.a.tapi.drop(c[0]));
        h.ok(h.a.tapi.closeCall(c[0]));
        h.ok(h.b.tapi.drop(c[1]));
        h.ok(h.b.tapi.closeCall(c[1]));
        h.ok(h.a.tapi.close(la));
        h.ok(h.b.tapi.close(lb));
        h.shutdownAndAssertClean();
    }

    @Test
    @DisplayName("J5 K3: dial later: a make-call without an address waits in DIALTONE; OID_TAPI_DIAL places the call")
    void shouldPlaceTheCoNdisCallWhenDialedLater() {
        ProxyHarness h = new ProxyHarness(1);
        LineHandle la = h.listen(h.a, 0);
        LineHandle lb = h.listen(h.b, 0);
        CallHandle c = h.ok(h.a.tapi.makeCall(la, "", null));
        h.run();
        assertThat(h.a.tapi.callState(c).value()).isEqualTo(TapiCallState.DIALTONE);
        assertThat(h.ok(h.a.tapi.getCallStatus(c)).callFeatures() & Tapi.LINECALLFEATURE_DIAL).isNotZero();
        assertThat(h.b.events.newCalls(lb)).as("no CoNDIS call without an address").isEmpty();
        h.ok(h.a.tapi.dial(c, "hostb:tapi0"));
        h.run();
        CallHandle in = h.b.events.newCalls(lb).get(0);
        TapiRequest<Void> again = h.a.tapi.dial(c, "1");
        h.run();
        assertThat(again.status().code()).isEqualTo(Status.Code.TAPI_INVALCALLSTATE);
        h.ok(h.b.tapi.answer(in));
        h.run();
        assertThat(h.a.events.states(c)).containsExactly(TapiCallState.DIALTONE, TapiCallState.DIALING,
                TapiCallState.PROCEEDING, TapiCallState.CONNECTED);
        h.send(h.a, c, "dialed later");
        assertThat(h.b.events.received).containsExactly("dialed later");
        h.closeBothAndAssertClean(c, in);
    }

    @Test
    @DisplayName("J5 K5 R40: a call dropped in DIALTONE never reaches the call manager; its VC is deleted")
    void shouldDropACallStillWaitingForDigits() {
        ProxyHarness h = new ProxyHarness(1);
        LineHandle la = h.listen(h.a, 0);
        CallHandle c = h.ok(h.a.tapi.makeCall(la, null, null));
        h.run();
        assertThat(h.a.tapi.callState(c).value()).isEqualTo(TapiCallState.DIALTONE);
        h.ok(h.a.tapi.drop(c));
        assertThat(h.a.tapi.callState(c).value()).isEqualTo(TapiCallState.IDLE);
        assertThat(h.ndis.snapshot().vcs()).isZero();
        TapiRequest<Void> dial = h.a.tapi.dial(c, "hostb:tapi0");
        h.run();
        assertThat(dial.status().code()).isEqualTo(Status.Code.TAPI_INVALCALLSTATE);
        h.ok(h.a.tapi.closeCall(c));
        h.shutdownAndAssertClean();
    }

    @Test
    @DisplayName("K5 R40 R42: a local drop is a remote close at the far end: DISCONNECTED, link down, call kept")
    void shouldReportLocalDropAsRemoteDisconnect() {
        ProxyHarness h = new ProxyHarness(1);
        LineHandle la = h.listen(h.a, 0);
        LineHandle lb = h.listen(h.b, 0);
        CallHandle[] c = h.connect(la, lb, "hostb:tapi0");
        h.send(h.a, c[0], "x");
        h.ok(h.a.tapi.drop(c[0]));
        // R40: after the drop the caller's call is IDLE but its handle and statistics stay valid.
        assertThat(h.a.tapi.callState(c[0]).value()).isEqualTo(TapiCallState.IDLE);
        assertThat(h.a.tapi.callStats(c[0]).value().framesSent()).isEqualTo(1);
        // R42: the callee hears DISCONNECTED (NORMAL) and its link goes down; the call stays until close-call.
        LineEvent.CallStateChanged last = h.b.events.last(c[1]);
        assertThat(last.state()).isEqualTo(TapiCallState.DISCONNECTED);
        assertThat(last.mode()).isEqualTo(Tapi.LINEDISCONNECTMODE_NORMAL);
        assertThat(h.b.events.of(LineEvent.LinkDown.class)).hasSize(1);
        assertThat(h.b.tapi.send(c[1], io.jcondis.api.Packet.wrap(new byte[1]))).isEqualTo(Status.NOT_ACCEPTED);
        // The CoNDIS side is already closed on both ends: no VC left while TAPI still holds both calls.
        assertThat(h.ndis.snapshot().vcs()).isZero();
        assertThat(h.b.tapi.callState(c[1]).value()).isEqualTo(TapiCallState.DISCONNECTED);
        h.ok(h.b.tapi.drop(c[1]));
        assertThat(h.b.tapi.callState(c[1]).value()).isEqualTo(TapiCallState.IDLE);
        h.ok(h.a.tapi.closeCall(c[0]));
        h.ok(h.b.tapi.closeCall(c[1]));
        // R41: after close-call the handle is dead.
        h.run();
        assertThat(h.a.tapi.drop(c[0]).status().code()).isEqualTo(Status.Code.TAPI_INVALCALLHANDLE);
        h.ok(h.a.tapi.close(la));
        h.ok(h.b.tapi.close(lb));
        h.shutdownAndAssertClean();
    }

    @Test
    @DisplayName("K5 R42 E10: the network releases the VC: both applications see DISCONNECTED")
    void shouldReportNetworkCloseAsDisconnected() {
        ProxyHarness h = new ProxyHarness(1);
        LineHandle la = h.listen(h.a, 0);
        LineHandle lb = h.listen(h.b, 0);
        CallHandle[] c = h.connect(la, lb, "hostb:tapi0");
        io.jcondis.api.VcHandle vc = h.a.proxy.vcs().get(0);
        assertThat(h.sw.remoteClose(vc, Status.of(Status.Code.DEST_OUT_OF_ORDER))).isIn(Status.SUCCESS, Status.PENDING);
        h.run();
        assertThat(h.a.events.last(c[0]).state()).isEqualTo(TapiCallState.DISCONNECTED);
        assertThat(h.a.events.last(c[0]).mode()).isEqualTo(Tapi.LINEDISCONNECTMODE_UNAVAIL);
        assertThat(h.b.events.last(c[1]).state()).isEqualTo(TapiCallState.DISCONNECTED);
        assertThat(h.ndis.snapshot().vcs()).isZero();
        // R41: close-call without a drop acts as drop plus close.
        h.ok(h.a.tapi.closeCall(c[0]));
        h.ok(h.b.tapi.closeCall(c[1]));
        h.ok(h.a.tapi.close(la));
        h.ok(h.b.tapi.close(lb));
        h.shutdownAndAssertClean();
    }

    @Test
    @DisplayName("K5 R44: closing a line with a call up closes the call; the far end sees DISCONNECTED")
    void shouldCloseCallsWhenTheLineCloses() {
        ProxyHarness h = new ProxyHarness(1);
        LineHandle la = h.listen(h.a, 0);
        LineHandle lb = h.listen(h.b, 0);
        CallHandle[] c = h.connect(la, lb, "hostb:tapi0");
        h.ok(h.a.tapi.close(la));
        h.run();
        assertThat(h.a.tapi.callState(c[0]).status().code()).isEqualTo(Status.Code.TAPI_INVALCALLHANDLE);
        assertThat(h.b.events.last(c[1]).state()).isEqualTo(TapiCallState.DISCONNECTED);
        assertThat(h.a.proxy.liveVcs()).isZero();
        assertThat(h.ndis.snapshot().vcs()).isZero();
        // The line's SAP is gone: a new call to it is refused (nobody listens).
        LineHandle lb2 = lb;
        h.ok(h.b.tapi.closeCall(c[1]));
        CallHandle again = h.ok(h.b.tapi.makeCall(lb2, "hosta:tapi0", null));
        h.run();
        assertThat(h.b.events.last(again).state()).isEqualTo(TapiCallState.DISCONNECTED);
        assertThat(h.b.events.last(again).mode()).isEqualTo(Tapi.LINEDISCONNECTMODE_UNREACHABLE);
        h.ok(h.b.tapi.closeCall(again));
        h.ok(h.b.tapi.close(lb));
        h.shutdownAndAssertClean();
    }

    @Test
    @DisplayName("K5 R45 R46: the session ends with a call up: DISCONNECTED, lines out of service, AF closed")
    void shouldEndTheSessionWithCallsUp() {
        ProxyHarness h = new ProxyHarness(1);
        LineHandle la = h.listen(h.a, 0);
        LineHandle lb = h.listen(h.b, 0);
        CallHandle[] c = h.connect(la, lb, "hostb:tapi0");
        h.a.proxy.shutdown();
        h.run();
        assertThat(h.a.events.last(c[0]).state()).isEqualTo(TapiCallState.DISCONNECTED);
        assertThat(h.a.events.of(LineEvent.LineDevStateChanged.class)).anyMatch(e -> e.state()
                == Tapi.LINEDEVSTATE_OUTOFSERVICE);
        assertThat(h.a.proxy.openAfs()).isZero();
        assertThat(h.b.events.last(c[1]).state()).isEqualTo(TapiCallState.DISCONNECTED);
        // R43/R46: the application still holds its call until close-call; NDISTAPI answers it alone now.
        h.ok(h.a.tapi.closeCall(c[0]));
        h.ok(h.b.tapi.closeCall(c[1]));
        h.ok(h.b.tapi.close(lb));
        h.a.tapi.close(la);
        h.shutdownAndAssertClean();
    }

    @Test
    @DisplayName("K5 A5: the call manager's host halts: NDPROXY ends the session and completes the notify-close")
    void shouldEndTheSessionWhenTheHostHalts() {
        ProxyHarness h = new ProxyHarness(1);
        LineHandle la = h.listen(h.a, 0);
        LineHandle lb = h.listen(h.b, 0);
        CallHandle[] c = h.connect(la, lb, "hostb:tapi0");
        assertThat(h.sw.haltHost("hosta")).isIn(Status.SUCCESS, Status.PENDING);
        h.run();
        assertThat(h.a.proxy.openAfs()).isZero();
        assertThat(h.a.events.last(c[0]).state()).isEqualTo(TapiCallState.DISCONNECTED);
        assertThat(h.b.events.last(c[1]).state()).isEqualTo(TapiCallState.DISCONNECTED);
        h.ok(h.a.tapi.closeCall(c[0]));
        h.ok(h.b.tapi.closeCall(c[1]));
        h.ok(h.b.tapi.close(lb));
        h.a.tapi.close(la);
        h.shutdownAndAssertClean();
    }
}
