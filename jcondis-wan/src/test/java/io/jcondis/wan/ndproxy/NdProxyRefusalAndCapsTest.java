package io.jcondis.wan.ndproxy;

import io.jcondis.api.Status;
import io.jcondis.api.wan.Tapi;
import io.jcondis.wan.struct.LineDevCaps;
import io.jcondis.wan.tapi.CallHandle;
import io.jcondis.wan.tapi.LineHandle;
import io.jcondis.wan.tapi.TapiRequest;
import io.jcondis.wan.tapi.TapiCallState;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** K2 capability defaults, refused calls (R39, R50) and bad input on the NDPROXY path. */
class NdProxyRefusalAndCapsTest {
    @Test
    @DisplayName("K2: a CM that answers no OID_CO_TAPI_* query gets the default line count and capabilities")
    void shouldUseDefaultCapsWhenTheCmDoesNotAnswer() {
        ProxyHarness h = new ProxyHarness(3);
        NdProxy.CapsReport caps = h.a.proxy.caps().get(0);
        assertThat(caps.adapterName()).isEqualTo("hosta");
        assertThat(caps.cmCapsAnswered()).isFalse();
        assertThat(caps.lineCapsAnswered()).isZero();
        assertThat(caps.addressCapsAnswered()).isZero();
        assertThat(caps.lines()).isEqualTo(3);
        assertThat(h.a.tapi.devices()).hasSize(3);
        LineDevCaps dev = h.ok(h.a.tapi.getDevCaps(h.a.tapi.devices().get(2).deviceId()));
        assertThat(dev.providerInfo()).isEqualTo("jcondis NDPROXY");
        assertThat(dev.lineName()).isEqualTo("hosta:tapi2");
        assertThat(dev.mediaModes()).isEqualTo(Tapi.LINEMEDIAMODE_DIGITALDATA);
        assertThat(h.ok(h.a.tapi.getAddressCaps(h.a.tapi.devices().get(1).deviceId(), 0)).address())
                .isEqualTo("hosta:tapi1");
        h.shutdownAndAssertClean();
    }

    @Test
    @DisplayName("K4 R50: a busy line refuses with DISCONNECTMODE_BUSY: the caller sees BUSY")
    void shouldRefuseACallToABusyLine() {
        ProxyHarness h = new ProxyHarness(2);
        LineHandle a0 = h.listen(h.a, 0);
        LineHandle a1 = h.listen(h.a, 1);
        LineHandle b0 = h.listen(h.b, 0);
        CallHandle[] c = h.connect(a0, b0, "hostb:tapi0");
        CallHandle second = h.ok(h.a.tapi.makeCall(a1, "hostb:tapi0", null));
        h.run();
        assertThat(h.a.events.last(second).state()).isEqualTo(TapiCallState.BUSY);
        assertThat(h.b.events.newCalls(b0)).hasSize(1);
        assertThat(h.ndis.snapshot().vcs()).isEqualTo(2);
        h.ok(h.a.tapi.closeCall(second));
        h.ok(h.a.tapi.drop(c[0]));
        h.ok(h.a.tapi.closeCall(c[0]));
        h.ok(h.b.tapi.closeCall(c[1]));
        h.shutdownAndAssertClean();
    }

    @Test
    @DisplayName("K4 R39: no SAP (line not listening) and an unknown host are refused as DISCONNECTED")
    void shouldRefuseCallsNobodyListensFor() {
        ProxyHarness h = new ProxyHarness(2);
        LineHandle a0 = h.listen(h.a, 0);
        LineHandle b1 = h.ok(h.b.tapi.open(1));
        h.b.lines.add(b1);
        CallHandle noSap = h.ok(h.a.tapi.makeCall(a0, "hostb:tapi1", null));
        h.run();
        assertThat(h.a.events.last(noSap).state()).isEqualTo(TapiCallState.DISCONNECTED);
        assertThat(h.a.events.last(noSap).mode()).isEqualTo(Tapi.LINEDISCONNECTMODE_UNREACHABLE);
        assertThat(h.b.events.newCalls(b1)).isEmpty();
        h.ok(h.a.tapi.closeCall(noSap));
        CallHandle noHost = h.ok(h.a.tapi.makeCall(a0, "nowhere:tapi0", null));
        h.run();
        assertThat(h.a.events.last(noHost).mode()).isEqualTo(Tapi.LINEDISCONNECTMODE_BADADDRESS);
        h.ok(h.a.tapi.drop(noHost));
        assertThat(h.a.tapi.callState(noHost).value()).isEqualTo(TapiCallState.IDLE);
        h.ok(h.a.tapi.closeCall(noHost));
        assertThat(h.ndis.snapshot().vcs()).isZero();
        h.shutdownAndAssertClean();
    }

    @Test
    @DisplayName("K4 R49 R17: an offered call dropped by the callee is rejected; the caller sees REJECT")
    void shouldRejectAnOfferedCallThatIsDropped() {
        ProxyHarness h = new ProxyHarness(1);
        LineHandle a0 = h.listen(h.a, 0);
        LineHandle b0 = h.listen(h.b, 0);
        CallHandle out = h.ok(h.a.tapi.makeCall(a0, "hostb:tapi0", null));
        h.run();
        // R49: the incoming call stays pending in NDPROXY (the caller is still proceeding) until answered.
        assertThat(h.a.events.last(out).state()).isEqualTo(TapiCallState.PROCEEDING);
        CallHandle in = h.b.events.newCalls(b0).get(0);
        h.ok(h.b.tapi.drop(in));
        h.run();
        assertThat(h.a.events.last(out).state()).isEqualTo(TapiCallState.DISCONNECTED);
        assertThat(h.a.events.last(out).mode()).isEqualTo(Tapi.LINEDISCONNECTMODE_REJECT);
        assertThat(h.ndis.snapshot().vcs()).isZero();
        h.ok(h.b.tapi.closeCall(in));
        h.ok(h.a.tapi.closeCall(out));
        h.shutdownAndAssertClean();
    }

    @Test
    @DisplayName("R41 R47 bad input: dead handles, GET_ID before connect and unsupported media are refused")
    void shouldRefuseBadRequests() {
        ProxyHarness h = new ProxyHarness(1);
        LineHandle a0 = h.listen(h.a, 0);
        assertThat(h.a.tapi.setDefaultMediaDetection(a0, Tapi.LINEMEDIAMODE_G3FAX).status().code())
                .isEqualTo(Status.Code.TAPI_INVALMEDIAMODE);
        CallHandle out = h.ok(h.a.tapi.makeCall(a0, "hostb:tapi0", null));
        h.run();
        assertThat(h.a.tapi.getLinkId(out).status().code()).isEqualTo(Status.Code.TAPI_INVALCALLSTATE);
        // J5: DIAL only completes the address of a call made without one.
        TapiRequest<Void> dial = h.a.tapi.dial(out, "hostb:tapi0");
        h.run();
        assertThat(dial.status().code()).isEqualTo(Status.Code.TAPI_INVALCALLSTATE);
        h.ok(h.a.tapi.closeCall(out));
        h.run();
        assertThat(h.a.tapi.drop(out).status().code()).isEqualTo(Status.Code.TAPI_INVALCALLHANDLE);
        h.ok(h.a.tapi.close(a0));
        h.shutdownAndAssertClean();
    }
}
