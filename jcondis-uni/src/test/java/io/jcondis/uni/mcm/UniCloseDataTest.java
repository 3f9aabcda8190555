package io.jcondis.uni.mcm;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcondis.api.PartyHandle;
import io.jcondis.api.Result;
import io.jcondis.api.Status;
import io.jcondis.api.VcHandle;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Close data on the uni driver (R26, E4, E5, E9, E10): node A with {@code hosta}, node B with {@code hostb} and
 * {@code hostc}, over loopback UDP. Close data of at most 128 bytes crosses in the RELEASE or DROP PARTY and reaches
 * the far client's incoming close-call or drop-party; more is refused at once with {@code INVALID_DATA} and changes
 * nothing. The clients close through their services (the test client itself never sends close data); the data
 * they are given is recorded by {@link UniSites}. Every test ends with the leak check.
 */
@Timeout(60)
class UniCloseDataTest {
    private UniSites net;
    private UniSites.Site a;
    private UniSites.Site b;

    @BeforeEach
    void start() throws Exception {
        net = new UniSites();
        UniSites.Site[] ab = net.hostaAndHostbc();
        a = ab[0];
        b = ab[1];
    }

    @AfterEach
    void stop() {
        net.assertNoLeak();
        net.close();
    }

    private static byte[] bytes(int n) {
        byte[] d = new byte[n];
        for (int i = 0; i < n; i++) {
            d[i] = (byte) (255 - i);
        }
        return d;
    }

    private static String hex(byte[] d) {
        return HexFormat.of().formatHex(d);
    }

    private Status closeCall(UniSites.Site s, String host, VcHandle vc, PartyHandle party, byte[] data) {
        return s.on(() -> s.agent(host).services().closeCall(vc, party, data));
    }

    private void awaitClosedAndDelete(VcHandle vc) {
        net.await(() -> Set.of("IDLE", "CLOSED").contains(a.state("hosta", vc)), vc + " closed");
        a.on(() -> a.agent("hosta").deleteVc(vc));
    }

    private static void assertPending(Status st) {
        assertThat(st.isPending()).as(st.toString()).isTrue();
    }

    /** A connected point-to-point call: the caller's VC and the callee's. */
    private record Up(VcHandle vc, VcHandle in) {
    }

    /** {@code fromHost} on {@code from} calls {@code toHost:video} on {@code to}; both ends connected. */
    private Up connect(UniSites.Site from, String fromHost, UniSites.Site to, String toHost) {
        VcHandle vc = from.call(fromHost, toHost + ":video", 10_000, 10_000, false);
        net.await(() -> from.state(fromHost, vc).equals("CONNECTED"), "call connected");
        return new Up(vc, to.incoming(toHost));
    }

    /** After an incoming close the test client closes the call and deletes the VC itself (R20). */
    private void awaitGone(VcHandle vc) {
        net.await(() -> a.state("hosta", vc).equals("GONE"), vc + " closed and deleted by its client");
    }

    /** The state both call managers and both ends show, to compare before and after a refused request. */
    private String everything(VcHandle mine, String farHost, VcHandle far) {
        return a.snapshot() + " " + b.snapshot() + " " + a.state("hosta", mine) + " " + b.state(farHost, far);
    }

    @Test
    @DisplayName("R26/E9/E10: close-call data over 128 bytes is refused with INVALID_DATA and nothing changes (data "
            + "still flows); 128 bytes reach the callee's incoming close")
    void shouldRefuse129BytesAndCarry128OnCloseCall() {
        Up up = connect(a, "hosta", b, "hostb");
        VcHandle vc = up.vc();
        VcHandle in = up.in();
        String before = everything(vc, "hostb", in);

        Status refused = closeCall(a, "hosta", vc, null, bytes(129));
        assertThat(refused.code()).isEqualTo(Status.Code.INVALID_DATA);
        assertThat(everything(vc, "hostb", in)).isEqualTo(before);
        a.on(() -> a.agent("hosta").send(vc, "still up".getBytes()));
        net.await(() -> b.received.get("hostb").size() == 1, "a frame after the refusal");
        a.awaitSendsCompleted("hosta", vc, 1);

        assertPending(closeCall(a, "hosta", vc, null, bytes(128)));
        net.await(() -> b.closeData.contains("close " + in + " " + hex(bytes(128))), "hostb's incoming close data");
        net.await(() -> b.state("hostb", in).equals("GONE"), "callee closed");
        awaitClosedAndDelete(vc);
    }

    @Test
    @DisplayName("E10: the callee's close data reaches the caller's incoming close; no data arrives as none")
    void shouldCarryTheCalleesCloseDataToTheCaller() {
        Up up = connect(a, "hosta", b, "hostb");
        VcHandle vc = up.vc();
        assertPending(closeCall(b, "hostb", up.in(), null, "from b".getBytes()));
        net.await(() -> a.closeData.contains("close " + vc + " " + hex("from b".getBytes())), "caller's close data");
        awaitGone(vc);

        Up second = connect(a, "hosta", b, "hostb");
        VcHandle vc2 = second.vc();
        assertPending(closeCall(b, "hostb", second.in(), null, new byte[0]));
        net.await(() -> a.closeData.contains("close " + vc2 + " "), "caller's incoming close without data");
        awaitGone(vc2);
    }

    /** A root on A with leaves on hostb (the make-call's party p1) and hostc (pc), one Q.2931 call at B. */
    private record Tree(VcHandle root, PartyHandle p1, VcHandle inB, PartyHandle pc, VcHandle inC) {
    }

    private Tree tree() {
        VcHandle root = a.call("hosta", "hostb:video", 50_000, 0, true);
        net.await(() -> a.state("hosta", root).equals("CONNECTED"), "make-call with a party");
        PartyHandle p1 = a.on(() -> a.agent("hosta").vc(root).parties().iterator().next());
        VcHandle inB = b.incoming("hostb");
        Result<PartyHandle> r = a.on(() -> a.agent("hosta").addParty(root, "hostc:video"));
        assertThat(r.status().isPending()).as(r.status().toString()).isTrue();
        net.awaitLog("party " + r.value() + " on " + root + " joined");
        return new Tree(root, p1, inB, r.value(), b.incoming("hostc"));
    }

    @Test
    @DisplayName("R26/E4: drop-party data over 128 bytes is refused with INVALID_DATA and the party stays; 'bye' "
            + "goes in the DROP PARTY to the leaf's incoming close; the root's close data reaches the last leaf")
    void shouldRefuse129BytesAndCarryDataOnDropParty() {
        Tree t = tree();
        String before = everything(t.root(), "hostc", t.inC());
        Status refused = a.on(() -> a.agent("hosta").services().dropParty(t.pc(), bytes(129)));
        assertThat(refused.code()).isEqualTo(Status.Code.INVALID_DATA);
        assertThat(everything(t.root(), "hostc", t.inC())).isEqualTo(before);
        assertThat(a.on(() -> a.agent("hosta").vc(t.root()).parties())).contains(t.pc());

        Status drop = a.on(() -> a.agent("hosta").services().dropParty(t.pc(), "bye".getBytes()));
        assertThat(drop.isPending()).as(drop.toString()).isTrue();
        net.await(() -> b.closeData.contains("close " + t.inC() + " " + hex("bye".getBytes())),
                "hostc's incoming close data");
        net.awaitLog("party " + t.pc() + " dropped: SUCCESS");
        net.await(() -> b.state("hostc", t.inC()).equals("GONE"), "hostc's leaf gone");
        assertThat(b.state("hostb", t.inB())).isEqualTo("CONNECTED");

        assertPending(closeCall(a, "hosta", t.root(), t.p1(), "end".getBytes()));
        net.await(() -> b.closeData.contains("close " + t.inB() + " " + hex("end".getBytes())),
                "hostb's incoming close data");
        awaitClosedAndDelete(t.root());
    }

    @Test
    @DisplayName("E5/R23: a leaf's close data reaches the root's incoming drop-party; the last leaf's reaches its "
            + "incoming close-call")
    void shouldCarryLeafCloseDataToTheRoot() {
        Tree t = tree();
        assertPending(closeCall(b, "hostc", t.inC(), null, "c gone".getBytes()));
        net.await(() -> a.closeData.contains("drop " + t.pc() + " " + hex("c gone".getBytes())),
                "root's incoming drop-party data");
        net.awaitLog("party " + t.pc() + " dropped: SUCCESS");
        assertThat(a.state("hosta", t.root())).isEqualTo("CONNECTED");

        assertPending(closeCall(b, "hostb", t.inB(), null, bytes(128)));
        net.await(() -> a.closeData.contains("close " + t.root() + " " + hex(bytes(128))),
                "root's incoming close data (R23)");
        awaitGone(t.root());
    }

    @Test
    @DisplayName("R26 on a locally switched call (in-memory Q.2931 pair): 129 bytes refused, 128 carried")
    void shouldCarryCloseDataOnALocalCall() {
        Up up = connect(b, "hostb", b, "hostc");
        VcHandle vc = up.vc();
        VcHandle in = up.in();
        assertThat(closeCall(b, "hostb", vc, null, bytes(129)).code()).isEqualTo(Status.Code.INVALID_DATA);
        assertThat(b.state("hostc", in)).isEqualTo("CONNECTED");
        assertPending(closeCall(b, "hostb", vc, null, bytes(128)));
        net.await(() -> b.closeData.contains("close " + in + " " + hex(bytes(128))), "hostc's incoming close data");
        net.await(() -> Set.of("IDLE", "CLOSED").contains(b.state("hostb", vc)), "caller closed");
        b.on(() -> b.agent("hostb").deleteVc(vc));
    }
}
