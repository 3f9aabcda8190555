package io.jcondis.tck;

import io.jcondis.core.CollectingErrorHandler;
import io.jcondis.api.FlowSpec;
import io.jcondis.api.PartyHandle;
import io.jcondis.api.Result;
import io.jcondis.api.Status;
import io.jcondis.api.StatusIndication;
import io.jcondis.api.VcHandle;
import io.jcondis.core.Jcondis;
import io.jcondis.core.JcondisContext;
import io.jcondis.embedded.EmbeddedSwitch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** End-to-end behaviour of the embedded switch with well-behaved agents on three hosts. */
class EmbeddedSwitchTest {
    private final CollectingErrorHandler errors = new CollectingErrorHandler();
    private final List<String> problems = errors.problems();
    private final List<String> log = new ArrayList<>();
    private Jcondis ndis;
    private EmbeddedSwitch sw;
    private ClientAgent a;
    private ClientAgent b;
    private ClientAgent c;

    @BeforeEach
    void setUp() {
        ndis = Jcondis.launch(new JcondisContext().errorHandler(errors));
        sw = EmbeddedSwitch.install(ndis, "switch");
        a = new ClientAgent("a", "hosta").log(log::add).attach(ndis);
        b = new ClientAgent("b", "hostb").log(log::add).attach(ndis);
        c = new ClientAgent("c", "hostc").log(log::add).attach(ndis);
        sw.addHost("hosta", 1_000_000);
        sw.addHost("hostb", 1_000_000);
        sw.addHost("hostc", 300_000);
        ndis.runUntilIdle();
        assertThat(b.registerSap("hostb:video")).isEqualTo(Status.PENDING);
        assertThat(c.registerSap("*:video")).isEqualTo(Status.PENDING);
        ndis.runUntilIdle();
    }

    @AfterEach
    void tearDown() {
        for (ClientAgent x : List.of(a, b, c)) {
            x.shutdown();
        }
        ndis.runUntilIdle();
        assertThat(ndis.snapshot().isQuiescent()).as("%s\n%s", ndis.snapshot(), String.join("\n", log)).isTrue();
        assertThat(problems).isEmpty();
        assertThat(sw.uplinkFreeBps("hosta")).isEqualTo(1_000_000);
        assertThat(sw.downlinkFreeBps("hostc")).isEqualTo(300_000);
    }

    @Test
    @DisplayName("E1/E6/E9/F1/F2: point-to-point call, data both ways, close from the caller")
    void pointToPoint() {
        Result<VcHandle> call = a.call("hostb:video", FlowSpec.guaranteed(100_000, 100_000, 1500),
                FlowSpec.guaranteed(50_000, 50_000, 1500), false);
        assertThat(call.status()).isEqualTo(Status.PENDING);
        ndis.runUntilIdle();
        VcHandle vc = call.value();
        assertThat(a.vc(vc).state()).isEqualTo("CONNECTED");
        VcHandle leaf = b.vcs().keySet().iterator().next();
        assertThat(b.vc(leaf).state()).isEqualTo("CONNECTED");
        assertThat(sw.uplinkFreeBps("hosta")).isEqualTo(900_000);
        assertThat(sw.uplinkFreeBps("hostb")).isEqualTo(950_000);
        for (int i = 0; i < 5; i++) {
            assertThat(a.send(vc, new byte[64])).isEqualTo(Status.PENDING);
        }
        assertThat(b.send(leaf, new byte[1500])).isEqualTo(Status.PENDING);
        ndis.runUntilIdle();
        assertThat(b.vc(leaf).packetsReceived()).isEqualTo(5);
        assertThat(b.vc(leaf).bytesReceived()).isEqualTo(320);
        assertThat(a.vc(vc).bytesReceived()).isEqualTo(1500);
        assertThat(a.vc(vc).sendsCompleted()).isEqualTo(5);
        assertThat(a.closeCall(vc)).isEqualTo(Status.PENDING);
        ndis.runUntilIdle();
        assertThat(b.vcs()).isEmpty();
        assertThat(a.vc(vc).state()).isEqualTo("IDLE");
        assertThat(a.deleteVc(vc)).isEqualTo(Status.SUCCESS);
    }

    @Test
    @DisplayName("E2-E5, R22, R23: multipoint call reaches exactly the connected leaves; leaves join and leave")
    void multipoint() {
        Result<VcHandle> call = a.call("hostb:video", FlowSpec.guaranteed(100_000, 100_000, 1500),
                FlowSpec.BEST_EFFORT, true);
        ndis.runUntilIdle();
        VcHandle root = call.value();
        assertThat(a.vc(root).parties()).hasSize(1);
        Result<PartyHandle> add = a.addParty(root, "hostc:video");
        assertThat(add.status()).isEqualTo(Status.PENDING);
        ndis.runUntilIdle();
        assertThat(a.vc(root).parties()).hasSize(2);
        a.send(root, new byte[100]);
        ndis.runUntilIdle();
        VcHandle leafB = b.vcs().keySet().iterator().next();
        VcHandle leafC = c.vcs().keySet().iterator().next();
        assertThat(b.vc(leafB).packetsReceived()).isEqualTo(1);
        assertThat(c.vc(leafC).packetsReceived()).isEqualTo(1);
        // the leaf on hostc leaves: the root sees an incoming drop-party (E5) and drops it
        assertThat(sw.remoteDropParty(add.value())).isEqualTo(Status.PENDING);
        ndis.runUntilIdle();
        assertThat(a.vc(root)).as(String.join("\n", log)).isNotNull();
        assertThat(a.vc(root).parties()).hasSize(1);
        assertThat(c.vcs()).isEmpty();
        a.send(root, new byte[100]);
        ndis.runUntilIdle();
        assertThat(b.vc(leafB).packetsReceived()).isEqualTo(2);
        // R22: the last party cannot be dropped
        PartyHandle last = a.vc(root).parties().iterator().next();
        assertThat(a.services().dropParty(last, null).code()).isEqualTo(Status.Code.FAILURE);
        // R23: the last leaf leaving arrives as an incoming close-call
        sw.remoteDropParty(last);
        ndis.runUntilIdle();
        // the agent closes and, after an incoming close, deletes its VC (R20)
        assertThat(a.vcs()).doesNotContainKey(root);
        assertThat(log).anyMatch(l -> l.startsWith("a: incoming close on " + root));
    }

    @Test
    @DisplayName("R22/E4/R14: a close-call right after a drop-party (still pending) is accepted; the drop completes "
            + "before the close, and every leaf is closed")
    void closeWhileDropPending() {
        Result<VcHandle> call = a.call("hostb:video", FlowSpec.guaranteed(100_000, 100_000, 1500),
                FlowSpec.BEST_EFFORT, true);
        ndis.runUntilIdle();
        VcHandle root = call.value();
        Result<PartyHandle> add = a.addParty(root, "hostc:video");
        ndis.runUntilIdle();
        assertThat(a.vc(root).parties()).hasSize(2);
        assertThat(a.dropParty(add.value())).isEqualTo(Status.PENDING);
        assertThat(a.closeCall(root)).isEqualTo(Status.PENDING);
        ndis.runUntilIdle();
        assertThat(b.vcs()).isEmpty();
        assertThat(c.vcs()).isEmpty();
        assertThat(a.vc(root).state()).isEqualTo("IDLE");
        assertThat(log.stream().filter(l -> l.startsWith("a: party ") || l.startsWith("a: call on ")).toList())
                .containsSubsequence("a: party " + add.value() + " dropped: SUCCESS",
                        "a: call on " + root + " closed: SUCCESS");
        assertThat(a.deleteVc(root)).isEqualTo(Status.SUCCESS);
    }

    @Test
    @DisplayName("Admission: a call over capacity is refused with CELLRATE_NOT_AVAILABLE; no SAP: INVALID_SAP")
    void refusals() {
        Result<VcHandle> big = a.call("hostc:video", FlowSpec.guaranteed(400_000, 400_000, 1500),
                FlowSpec.BEST_EFFORT, false);
        ndis.runUntilIdle();
        assertThat(a.vc(big.value()).state()).isEqualTo("IDLE");
        assertThat(log).anyMatch(l -> l.contains("failed: CELLRATE_NOT_AVAILABLE"));
        Result<VcHandle> nosap = a.call("hostb:audio", FlowSpec.BEST_EFFORT, FlowSpec.BEST_EFFORT, false);
        ndis.runUntilIdle();
        assertThat(log).anyMatch(l -> l.contains("failed: INVALID_SAP"));
        Result<VcHandle> noroute = a.call("nowhere:x", FlowSpec.BEST_EFFORT, FlowSpec.BEST_EFFORT, false);
        ndis.runUntilIdle();
        assertThat(log).anyMatch(l -> l.contains("failed: NO_ROUTE_TO_DESTINATION"));
        assertThat(sw.downlinkFreeBps("hostc")).isEqualTo(300_000);
        for (VcHandle v : List.of(big.value(), nosap.value(), noroute.value())) {
            assertThat(a.deleteVc(v)).isEqualTo(Status.SUCCESS);
        }
    }

    @Test
    @DisplayName("E7/E8, R27, R28: QoS change asked by the client and by the far end; over capacity is refused")
    void qos() {
        Result<VcHandle> call = a.call("hostb:video", FlowSpec.guaranteed(100_000, 100_000, 1500),
                FlowSpec.BEST_EFFORT, false);
        ndis.runUntilIdle();
        VcHandle vc = call.value();
        assertThat(a.modifyQos(vc, FlowSpec.guaranteed(200_000, 200_000, 1500), FlowSpec.BEST_EFFORT))
                .isEqualTo(Status.PENDING);
        ndis.runUntilIdle();
        assertThat(sw.uplinkFreeBps("hosta")).isEqualTo(800_000);
        assertThat(log).anyMatch(l -> l.startsWith("b: remote QoS change"));
        assertThat(a.modifyQos(vc, FlowSpec.guaranteed(5_000_000, 1, 1500), FlowSpec.BEST_EFFORT))
                .isEqualTo(Status.PENDING);
        ndis.runUntilIdle();
        assertThat(log).anyMatch(l -> l.startsWith("a: QoS change on " + vc + ": CELLRATE_NOT_AVAILABLE"));
        assertThat(sw.uplinkFreeBps("hosta")).isEqualTo(800_000);
        VcHandle leaf = b.vcs().keySet().iterator().next();
        assertThat(sw.remoteQosChange(leaf, FlowSpec.guaranteed(10_000, 10_000, 1500),
                FlowSpec.guaranteed(150_000, 150_000, 1500))).isEqualTo(Status.SUCCESS);
        assertThat(sw.uplinkFreeBps("hosta")).isEqualTo(850_000);
        b.closeCall(leaf);
        ndis.runUntilIdle();
        assertThat(a.vcs()).doesNotContainKey(vc);
    }

    @Test
    @DisplayName("H1, A5: status indications reach the adapter's bindings; a halted host tears everything down")
    void statusAndHalt() {
        sw.indicateStatus("hostb", null, new StatusIndication(Status.of(Status.Code.MEDIA_DISCONNECT), null));
        assertThat(log).contains("b: status MEDIA_DISCONNECT (adapter)");
        assertThat(log).noneMatch(l -> l.startsWith("a: status"));
        a.call("hostb:video", FlowSpec.BEST_EFFORT, FlowSpec.BEST_EFFORT, false);
        ndis.runUntilIdle();
        assertThat(sw.haltHost("hostb")).isEqualTo(Status.PENDING);
        ndis.runUntilIdle();
        assertThat(sw.hosts()).doesNotContain("hostb");
        assertThat(b.isIdle()).isTrue();
        assertThat(log).anyMatch(l -> l.startsWith("a: incoming close on") && l.contains("DEST_OUT_OF_ORDER"));
        assertThat(ndis.snapshot().adapters()).isEqualTo(2);
    }
}
