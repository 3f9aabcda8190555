package io.jcondis.wan;

import io.jcondis.api.Packet;
import io.jcondis.api.Status;
import io.jcondis.wan.tapi.CallHandle;
import io.jcondis.wan.tapi.LineHandle;
import io.jcondis.wan.tapi.TapiCallState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmokeTest {
    @Test
    void shouldCallAnswerSendDropAndClose() {
        WanHarness h = WanHarness.pstn(2);
        h.wan.addTraceListener(System.out::println);
        assertThat(h.tapi.devices()).hasSize(2);
        LineHandle a = h.listen(0);
        LineHandle b = h.listen(1);
        CallHandle[] c = h.connect(a, b, "101");
        assertThat(h.tapi.send(c[0], Packet.wrap("hello".getBytes()))).isEqualTo(Status.PENDING);
        h.run();
        assertThat(h.events.received).containsExactly(c[1] + ":hello");
        h.ok(h.tapi.drop(c[0]));
        h.run();
        assertThat(h.tapi.callState(c[1]).value()).isEqualTo(TapiCallState.DISCONNECTED);
        h.ok(h.tapi.closeCall(c[0]));
        h.ok(h.tapi.closeCall(c[1]));
        h.ok(h.tapi.close(a));
        h.ok(h.tapi.close(b));
        System.out.println(h.events.all);
        h.assertNoProblems();
        h.assertQuiescent();
    }
}
