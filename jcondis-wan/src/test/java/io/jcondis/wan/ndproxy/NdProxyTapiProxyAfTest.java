package io.jcondis.wan.ndproxy;

import io.jcondis.wan.struct.LineAddressCaps;
import io.jcondis.wan.struct.LineDevCaps;
import io.jcondis.wan.tapi.CallHandle;
import io.jcondis.wan.tapi.LineHandle;
import io.jcondis.wan.tapi.TapiCallState;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** NDPROXY over a call manager that answers K2 and registers CO_ADDRESS_FAMILY_TAPI_PROXY ({@link TapiProxyMcm}). */
class NdProxyTapiProxyAfTest {
    @Test
    @DisplayName("K1 K2: the CM answers CM_CAPS, LINE_CAPS per line (pended) and ADDRESS_CAPS: its lines become TAPI's")
    void shouldTakeTheLinesAndCapsTheCmAnswersPerLine() {
        TapiProxyMcm mcm = new TapiProxyMcm(2, CoTapi.CO_TAPI_FLAG_PER_LINE_CAPS);
        ProxyHarness h = new ProxyHarness(5, mcm::install);
        NdProxy.CapsReport caps = h.a.proxy.caps().get(0);
        assertThat(caps.cmCapsAnswered()).isTrue();
        assertThat(caps.lines()).as("ulNumLines, not the default of 5").isEqualTo(2);
        assertThat(caps.lineCapsAnswered()).isEqualTo(2);
        assertThat(caps.addressCapsAnswered()).isEqualTo(2);
        assertThat(h.a.tapi.devices()).hasSize(2);
        // K2 order: CM_CAPS, then LINE_CAPS per line, then ADDRESS_CAPS per line, for each of the two NDPROXYs.
        assertThat(mcm.answeredOn("hosta")).containsExactly("CM_CAPS", "LINE_CAPS 0", "LINE_CAPS 1",
                "ADDRESS_CAPS 0", "ADDRESS_CAPS 1");
        assertThat(mcm.answeredOn("hostb")).hasSize(5);
        LineDevCaps dev = h.ok(h.a.tapi.getDevCaps(h.a.tapi.devices().get(1).deviceId()));
        assertThat(dev.providerInfo()).isEqualTo("tapi-proxy MCM");
        assertThat(dev.lineName()).isEqualTo("hosta line 1");
        LineAddressCaps addr = h.ok(h.a.tapi.getAddressCaps(h.a.tapi.devices().get(1).deviceId(), 0));
        assertThat(addr.address()).isEqualTo("hosta:tapi1");
        h.shutdownAndAssertClean();
    }

    @Test
    @DisplayName("K2: without CO_TAPI_FLAG_PER_LINE_CAPS one LINE_CAPS answer stands for every line")
    void shouldAskLineCapsOnceWithoutThePerLineFlag() {
        TapiProxyMcm mcm = new TapiProxyMcm(3, 0);
        ProxyHarness h = new ProxyHarness(1, mcm::install);
        NdProxy.CapsReport caps = h.a.proxy.caps().get(0);
        assertThat(caps.lines()).isEqualTo(3);
        assertThat(caps.lineCapsAnswered()).isEqualTo(1);
        assertThat(caps.addressCapsAnswered()).isEqualTo(3);
        assertThat(mcm.answeredOn("hosta")).containsExactly("CM_CAPS", "LINE_CAPS 0", "ADDRESS_CAPS 0",
                "ADDRESS_CAPS 1", "ADDRESS_CAPS 2");
        LineDevCaps dev = h.ok(h.a.tapi.getDevCaps(h.a.tapi.devices().get(2).deviceId()));
        assertThat(dev.lineName()).isEqualTo("hosta line 0");
        h.shutdownAndAssertClean();
    }

    @Test
    @DisplayName("K1 K3 K4 R47: a call over a TAPI_PROXY AF: CO_AF_TAPI_SAP, the make-call overlay, data both ways")
    void shouldCallOverATapiProxyAddressFamily() {
        TapiProxyMcm mcm = new TapiProxyMcm(1, 0);
        ProxyHarness h = new ProxyHarness(1, mcm::install);
        LineHandle la = h.listen(h.a, 0);
        LineHandle lb = h.listen(h.b, 0);
        CallHandle[] c = h.connect(la, lb, "hostb:tapi0");
        assertThat(mcm.overlayCalls).as("routed from CO_AF_TAPI_MAKE_CALL_PARAMETERS").isEqualTo(1);
        assertThat(h.a.events.states(c[0])).containsExactly(TapiCallState.DIALING, TapiCallState.PROCEEDING,
                TapiCallState.CONNECTED);
        assertThat(h.ok(h.a.tapi.getLinkId(c[0]))).isNotZero();
        h.send(h.a, c[0], "over TAPI_PROXY");
        h.send(h.b, c[1], "back");
        assertThat(h.b.events.received).containsExactly("over TAPI_PROXY");
        assertThat(h.a.events.received).containsExactly("back");
        h.closeBothAndAssertClean(c[0], c[1]);
    }
}
