package io.jcondis.uni.mcm;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcondis.api.FlowSpec;
import io.jcondis.api.Result;
import io.jcondis.api.Status;
import io.jcondis.api.VcHandle;
import io.jcondis.core.Jcondis;
import io.jcondis.core.JcondisContext;
import io.jcondis.core.RuntimeSnapshot;
import io.jcondis.core.ThreadingMode;
import io.jcondis.tck.ClientAgent;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two runtimes (DEDICATED mode), each with a {@link UniCallManager} and one host with a {@link ClientAgent}, linked
 * over real loopback UDP: Q.2931 over SSCOP between them, VC frames on their data sockets. Waits are bounded polls
 * of state read on the control plane; every socket is closed after each test.
 */
@Timeout(60)
class UniCallManagerTest {
    private static final InetSocketAddress ANY = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final long WAIT_NS = 15_000_000_000L;

    private Side a;
    private Side b;
    private final List<String> log = new CopyOnWriteArrayList<>();

    /** One node: runtime, call manager, host and its client. */
    private final class Side {
        final Jcondis rt;
        final UniCallManager mcm;
        final ClientAgent agent;
        final List<byte[]> received = new CopyOnWriteArrayList<>();
        final String host;

        Side(String host, long capacity) throws InterruptedException {
            this.host = host;
            rt = Jcondis.launch(new JcondisContext().threadingMode(ThreadingMode.DEDICATED));
            mcm = UniCallManager.install(rt, "uni-" + host, UniCallManager.Config.of(ANY, ANY));
            agent = new ClientAgent("client-" + host, host).log(log::add)
                    .onData((vc, p) -> received.add(p.toBytes()));
            rt.onConductor(() -> {
                agent.attach(rt);
                return mcm.addHost(host, capacity);
            });
        }

        <T> T on(Supplier<T> action) {
            return rt.onConductor(action);
        }

        void close() {
            rt.onConductor(() -> {
                agent.shutdown();
                return null;
            });
            await(() -> on(() -> agent.isIdle()), host + " client idle");
            rt.close();
            mcm.close();
        }
    }

    private static void link(Side x, Side y) {
        x.on(() -> {
            x.mcm.addPeer(y.host, y.mcm.signallingAddress(), y.mcm.dataAddress(), Set.of(y.host));
            return null;
        });
    }

    private static void await(BooleanSupplier condition, String what) {
        long end = System.nanoTime() + WAIT_NS;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(end);
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @BeforeEach
    void start() throws Exception {
        a = new Side("hosta", 1_000_000);
        b = new Side("hostb", 500_000);
        link(a, b);
        link(b, a);
        await(() -> a.on(() -> a.agent.af() != null) && b.on(() -> b.agent.af() != null), "AFs open");
        b.on(() -> b.agent.registerSap("hostb:video"));
        await(() -> b.on(() -> b.agent.saps().containsKey("hostb:video")), "SAP");
    }

    @AfterEach
    void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        assertThat(a.rt.snapshot().isQuiescent()).isTrue();
        assertThat(b.rt.snapshot().isQuiescent()).isTrue();
    }

    private VcHandle call(String to, long tx, long rx) {
        Result<VcHandle> r = a.on(() -> a.agent.call(to, FlowSpec.guaranteed(tx, tx, 1500),
                FlowSpec.guaranteed(rx, rx, 1500), false));
        assertThat(r.status().isPending()).as(r.status().toString()).isTrue();
        return r.value();
    }

    private String state(Side s, VcHandle vc) {
        return s.on(() -> s.agent.vc(vc) == null ? "GONE" : s.agent.vc(vc).state());
    }

    private VcHandle incoming() {
        await(() -> b.on(() -> b.agent.vcs().values().stream().anyMatch(i -> i.state().equals("CONNECTED"))),
                "incoming connected");
        return b.on(() -> b.agent.vcs().keySet().iterator().next());
    }

    private void assertNoLeak() {
        await(() -> a.on(() -> a.mcm.snapshot().calls() == 0 && a.mcm.snapshot().linkCalls() == 0)
                && b.on(() -> b.mcm.snapshot().calls() == 0 && b.mcm.snapshot().linkCalls() == 0), "calls gone");
        assertThat(a.on(() -> a.mcm.snapshot().reservedBps())).isZero();
        assertThat(b.on(() -> b.mcm.snapshot().reservedBps())).isZero();
    }

    @Test
    @DisplayName("E1/E6/F1/E9: a call crosses the wire, data flows both ways, the caller closes, the callee sees E10")
    void shouldCallSendBothWaysAndCloseFromCaller() {
        VcHandle vc = call("hostb:video", 100_000, 50_000);
        await(() -> state(a, vc).equals("CONNECTED"), "make-call complete");
        VcHandle in = incoming();
        assertThat(a.on(() -> a.mcm.uplinkFreeBps("hosta"))).isEqualTo(900_000);
        assertThat(b.on(() -> b.mcm.downlinkFreeBps("hostb"))).isEqualTo(500_000 - 100_032);
        for (int i = 0; i < 5; i++) {
            byte[] p = ("a->b " + i).getBytes();
            a.on(() -> a.agent.send(vc, p));
        }
        b.on(() -> b.agent.send(in, "b->a".getBytes()));
        await(() -> b.received.size() == 5 && a.received.size() == 1, "frames");
        assertThat(new String(b.received.get(4))).isEqualTo("a->b 4");
        assertThat(new String(a.received.get(0))).isEqualTo("b->a");
        a.on(() -> a.agent.closeCall(vc));
        await(() -> state(a, vc).equals("IDLE") || state(a, vc).equals("CLOSED"), "caller closed");
        await(() -> state(b, in).equals("GONE"), "callee closed and VC deleted (R20)");
        a.on(() -> a.agent.deleteVc(vc));
        assertNoLeak();
    }

    @Test
    @DisplayName("E10: the callee closes; the caller gets an incoming close with SUCCESS (cause 16)")
    void shouldCloseFromCallee() {
        VcHandle vc = call("hostb:video", 10_000, 10_000);
        await(() -> state(a, vc).equals("CONNECTED"), "connected");
        VcHandle in = incoming();
        b.on(() -> b.agent.closeCall(in));
        await(() -> state(b, in).equals("GONE"), "callee closed");
        await(() -> state(a, vc).equals("GONE"), "caller closed and deleted its VC after E10");
        assertThat(log).anyMatch(l -> l.contains("incoming close on " + vc + " (SUCCESS"));
        assertNoLeak();
    }

    @Test
    @DisplayName("R17: the callee rejects; the make-call fails with the status the cause maps to")
    void shouldRejectWithCause() {
        b.on(() -> {
            b.agent.incomingPolicy((sap, p) -> Status.of(Status.Code.INVALID_SAP));
            return null;
        });
        VcHandle vc = call("hostb:video", 10_000, 10_000);
        await(() -> !state(a, vc).equals("MAKING"), "make-call complete");
        assertThat(state(a, vc)).isEqualTo("IDLE");
        assertThat(log).anyMatch(l -> l.contains("INVALID_SAP"));
        a.on(() -> a.agent.deleteVc(vc));
        assertNoLeak();
    }

    @Test
    @DisplayName("E1: no peer announces the host: NO_ROUTE_TO_DESTINATION; no SAP matches: INVALID_SAP (cause 1)")
    void shouldFailWithoutRouteOrSap() {
        VcHandle vc = call("hostz:video", 10_000, 10_000);
        await(() -> !state(a, vc).equals("MAKING"), "no route");
        assertThat(log).anyMatch(l -> l.contains("NO_ROUTE_TO_DESTINATION"));
        a.on(() -> a.agent.deleteVc(vc));
        VcHandle vc2 = call("hostb:audio", 10_000, 10_000);
        await(() -> !state(a, vc2).equals("MAKING"), "no SAP");
        assertThat(state(a, vc2)).isEqualTo("IDLE");
        assertThat(log).anyMatch(l -> l.contains("INVALID_SAP"));
        a.on(() -> a.agent.deleteVc(vc2));
        assertNoLeak();
    }

    @Test
    @DisplayName("CAC: more than the caller's link, or more than the callee's (cause 37): CELLRATE_NOT_AVAILABLE")
    void shouldRefuseWhatTheLinksCannotCarry() {
        VcHandle vc = call("hostb:video", 2_000_000, 10_000);
        await(() -> !state(a, vc).equals("MAKING"), "local CAC");
        assertThat(state(a, vc)).isEqualTo("IDLE");
        a.on(() -> a.agent.deleteVc(vc));
        // hostb's link (500 kB/s) is smaller than hosta's: hosta admits the call, hostb refuses it (cause 37).
        VcHandle more = call("hostb:video", 600_000, 0);
        await(() -> !state(a, more).equals("MAKING"), "remote CAC");
        assertThat(state(a, more)).isEqualTo("IDLE");
        assertThat(log).anyMatch(l -> l.contains("CELLRATE_NOT_AVAILABLE"));
        a.on(() -> a.agent.deleteVc(more));
        assertNoLeak();
    }

    @Test
    @DisplayName("E7/E8: the caller changes QoS (MODIFY REQUEST); the callee sees the change; too much is refused")
    void shouldModifyQos() {
        VcHandle vc = call("hostb:video", 10_000, 10_000);
        await(() -> state(a, vc).equals("CONNECTED"), "connected");
        VcHandle in = incoming();
        a.on(() -> a.agent.modifyQos(vc, FlowSpec.guaranteed(200_000, 200_000, 1500),
                FlowSpec.guaranteed(10_000, 10_000, 1500)));
        await(() -> log.stream().anyMatch(l -> l.contains("QoS change on " + vc + ": SUCCESS")), "E7 complete");
        await(() -> log.stream().anyMatch(l -> l.contains("remote QoS change on " + in)), "E8 at the callee");
        assertThat(b.on(() -> b.mcm.downlinkFreeBps("hostb"))).isEqualTo(500_000 - 200_016);
        a.on(() -> a.agent.modifyQos(vc, FlowSpec.guaranteed(5_000_000, 5_000_000, 1500),
                FlowSpec.guaranteed(10_000, 10_000, 1500)));
        await(() -> log.stream().anyMatch(l -> l.contains("QoS change on " + vc + ": CELLRATE_NOT_AVAILABLE")),
                "refused");
        assertThat(a.on(() -> a.mcm.uplinkFreeBps("hosta"))).isEqualTo(800_000);
        a.on(() -> a.agent.closeCall(vc));
        await(() -> state(b, in).equals("GONE"), "closed");
        a.on(() -> a.agent.deleteVc(vc));
        assertNoLeak();
    }

    @Test
    @DisplayName("A halted host releases its calls with cause 27: the peer's client gets DEST_OUT_OF_ORDER (E10)")
    void shouldReleaseCallsOfAHaltedHost() {
        VcHandle vc = call("hostb:video", 10_000, 10_000);
        await(() -> state(a, vc).equals("CONNECTED"), "connected");
        VcHandle in = incoming();
        a.on(() -> a.mcm.haltHost("hosta"));
        await(() -> state(b, in).equals("GONE"), "callee closed");
        assertThat(log).anyMatch(l -> l.contains("incoming close on " + in) && l.contains("DEST_OUT_OF_ORDER"));
        await(() -> a.on(() -> a.agent.isIdle()), "halted host's client gone");
        assertNoLeak();
    }

    @Test
    @DisplayName("Garbage datagrams on the signalling and data ports are counted and dropped; a call still works")
    void shouldIgnoreGarbage() throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            byte[] junk = {1, 2, 3, 4, 5, 6, 7};
            s.send(new DatagramPacket(junk, junk.length, b.mcm.signallingAddress()));
            s.send(new DatagramPacket(junk, junk.length, b.mcm.dataAddress()));
        }
        await(() -> b.on(() -> b.mcm.snapshot().foreignDatagrams()) == 1
                && b.mcm.dataEndpoint().counters().foreignSource() == 1, "counted");
        VcHandle vc = call("hostb:video", 10_000, 10_000);
        await(() -> state(a, vc).equals("CONNECTED"), "connected");
        a.on(() -> a.agent.closeCall(vc));
        await(() -> state(a, vc).equals("IDLE") || state(a, vc).equals("CLOSED"), "closed");
        a.on(() -> a.agent.deleteVc(vc));
        assertNoLeak();
        RuntimeSnapshot sa = a.rt.snapshot();
        assertThat(sa.violations()).isZero();
        assertThat(sa.handlerErrors()).isZero();
        assertThat(b.rt.snapshot().violations()).isZero();
    }
}
