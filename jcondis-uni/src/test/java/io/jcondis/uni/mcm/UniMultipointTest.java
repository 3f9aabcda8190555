package io.jcondis.uni.mcm;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcondis.api.PartyHandle;
import io.jcondis.api.Result;
import io.jcondis.api.Status;
import io.jcondis.api.VcHandle;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Point-to-multipoint calls (Q.2971) and local switching: node A with {@code hosta}, node B with {@code hostb} and
 * {@code hostc}, linked over loopback UDP. A's parties on B share one Q.2931 call (SETUP, then ADD PARTY); calls
 * between B's two hosts are switched inside B. Every test ends with the leak check.
 */
@Timeout(60)
class UniMultipointTest {
    private UniSites net;
    private UniSites.Site a;
    private UniSites.Site b;

    @BeforeEach
    void start() throws Exception {
        net = new UniSites();
        UniSites.Site[] ab = net.hostaAndHostbc();
        a = ab[0];
        b = ab[1];
        a.listen("hosta", "hosta:video");
    }

    @AfterEach
    void stop() {
        net.assertNoLeak();
        net.close();
    }

    private PartyHandle addParty(UniSites.Site s, String host, VcHandle vc, String to) {
        Result<PartyHandle> r = s.on(() -> s.agent(host).addParty(vc, to));
        assertThat(r.status().isPending()).as(r.status().toString()).isTrue();
        net.awaitLog("party " + r.value() + " on " + vc + " joined");
        return r.value();
    }

    private VcHandle incomingOn(UniSites.Site s, String host) {
        return s.incoming(host);
    }

    /** A root on A with leaves on hostb (the make-call's party) and hostc (added). */
    private record Tree(VcHandle root, VcHandle inB, PartyHandle pc, VcHandle inC) {
    }

    private Tree rootOnAWithLeavesOnB() {
        VcHandle root = a.call("hosta", "hostb:video", 50_000, 0, true);
        net.await(() -> a.state("hosta", root).equals("CONNECTED"), "make-call with a party");
        VcHandle inB = incomingOn(b, "hostb");
        PartyHandle pc = addParty(a, "hosta", root, "hostc:video");
        return new Tree(root, inB, pc, incomingOn(b, "hostc"));
    }

    private void send(UniSites.Site s, String host, VcHandle vc, int n) {
        for (int i = 0; i < n; i++) {
            byte[] p = (host + " " + i).getBytes();
            s.on(() -> s.agent(host).send(vc, p));
        }
    }

    @Test
    @DisplayName("E2/E3/F1/E4/R22: a root on A calls hostb, adds hostc (ADD PARTY on the same link), data reaches "
            + "both leaves, hostc is dropped, the close with the last party ends the call")
    void shouldAddSendDropAndClose() {
        Tree t = rootOnAWithLeavesOnB();
        VcHandle root = t.root();
        VcHandle inB = t.inB();
        PartyHandle pc = t.pc();
        VcHandle inC = t.inC();
        assertThat(b.snapshot().wireCalls()).as("both parties on one Q.2931 call").isEqualTo(1);
        assertThat(b.snapshot().receivers()).as("one receiver fans out to both leaves").isEqualTo(1);
        send(a, "hosta", root, 3);
        net.await(() -> b.received.get("hostb").size() == 3 && b.received.get("hostc").size() == 3,
                "frames at both leaves");
        assertThat(new String(b.received.get("hostc").get(2))).isEqualTo("hosta 2");
        a.awaitSendsCompleted("hosta", root, 3);
        a.on(() -> a.agent("hosta").dropParty(pc));
        net.awaitLog("party " + pc + " dropped: SUCCESS");
        net.await(() -> b.state("hostc", inC).equals("GONE"), "hostc's leaf closed (E10) and deleted");
        assertThat(b.state("hostb", inB)).isEqualTo("CONNECTED");
        a.on(() -> a.agent("hosta").closeCall(root));
        net.await(() -> b.state("hostb", inB).equals("GONE"), "last leaf closed");
        net.await(() -> Set.of("IDLE", "CLOSED").contains(a.state("hosta", root)), "root closed");
        a.on(() -> a.agent("hosta").deleteVc(root));
    }

    @Test
    @DisplayName("E5/R23: a leaf that is not the last leaves (incoming drop-party at the root); the last one "
            + "leaving is an incoming close-call")
    void shouldTellTheRootWhenLeavesLeave() {
        Tree t = rootOnAWithLeavesOnB();
        VcHandle root = t.root();
        VcHandle inB = t.inB();
        PartyHandle pc = t.pc();
        VcHandle inC = t.inC();
        b.on(() -> b.agent("hostc").closeCall(inC));
        net.awaitLog("party " + pc + " left");
        net.awaitLog("party " + pc + " dropped: SUCCESS");
        net.await(() -> b.state("hostc", inC).equals("GONE"), "hostc closed");
        assertThat(a.state("hosta", root)).isEqualTo("CONNECTED");
        b.on(() -> b.agent("hostb").closeCall(inB));
        net.awaitLog("incoming close on " + root);
        net.await(() -> a.state("hosta", root).equals("GONE"), "root closed after R23");
    }

    @Test
    @DisplayName("Local switching: hostb calls hostc on the same node; data both ways; no datagram leaves the node")
    void shouldSwitchLocally() {
        VcHandle vc = b.call("hostb", "hostc:video", 100_000, 10_000, false);
        net.await(() -> b.state("hostb", vc).equals("CONNECTED"), "local call connected");
        VcHandle in = incomingOn(b, "hostc");
        send(b, "hostb", vc, 4);
        b.on(() -> b.agent("hostc").send(in, "back".getBytes()));
        net.await(() -> b.received.get("hostc").size() == 4 && b.received.get("hostb").size() == 1, "frames");
        assertThat(b.on(() -> b.mcm.uplinkFreeBps("hostb"))).isEqualTo(900_000);
        assertThat(b.on(() -> b.mcm.downlinkFreeBps("hostc"))).isEqualTo(1_000_000 - 100_000);
        assertThat(b.mcm.dataEndpoint().counters().datagramsSent()).isZero();
        assertThat(b.snapshot().senders()).isZero();
        b.awaitSendsCompleted("hostb", vc, 4);
        b.awaitSendsCompleted("hostc", in, 1);
        b.on(() -> b.agent("hostb").closeCall(vc));
        net.await(() -> b.state("hostc", in).equals("GONE"), "callee closed");
        net.await(() -> Set.of("IDLE", "CLOSED").contains(b.state("hostb", vc)), "caller closed");
        b.on(() -> b.agent("hostb").deleteVc(vc));
    }

    /** A root on B with a local leaf (hostc, the make-call's party) and a remote one (hosta on A, added). */
    private record Mixed(VcHandle root, VcHandle inC, PartyHandle pa, VcHandle inA) {
    }

    private Mixed rootOnBWithLocalAndRemoteLeaves() {
        VcHandle root = b.call("hostb", "hostc:video", 20_000, 0, true);
        net.await(() -> b.state("hostb", root).equals("CONNECTED"), "connected");
        VcHandle inC = incomingOn(b, "hostc");
        PartyHandle pa = addParty(b, "hostb", root, "hosta:video");
        return new Mixed(root, inC, pa, incomingOn(a, "hosta"));
    }

    private void awaitMixedClosed(Mixed m) {
        net.await(() -> b.state("hostc", m.inC()).equals("GONE"), "local leaf closed");
        net.await(() -> a.state("hosta", m.inA()).equals("GONE"), "remote leaf closed");
        net.await(() -> Set.of("IDLE", "CLOSED").contains(b.state("hostb", m.root())), "root closed");
        assertThat(b.on(() -> b.agent("hostb").deleteVc(m.root()))).isEqualTo(Status.SUCCESS);
    }

    @Test
    @DisplayName("E2/E3 mixed: a root on B with a local leaf (hostc) and a remote one (hosta); data reaches both")
    void shouldMixLocalAndRemoteLeaves() {
        Mixed m = rootOnBWithLocalAndRemoteLeaves();
        send(b, "hostb", m.root(), 2);
        net.await(() -> b.received.get("hostc").size() == 2 && a.received.get("hosta").size() == 2, "frames");
        assertThat(b.on(() -> b.agent("hostb").dropParty(m.pa()))).isEqualTo(Status.PENDING);
        net.await(() -> a.state("hosta", m.inA()).equals("GONE"), "remote leaf dropped");
        // The DROP PARTY's answer (RELEASE COMPLETE from A) may still be on its way: the close is accepted anyway.
        assertThat(b.on(() -> b.agent("hostb").closeCall(m.root()))).isEqualTo(Status.PENDING);
        awaitMixedClosed(m);
    }

    @Test
    @DisplayName("R22/E4/R14 (issue 4 flake): a close-call in the same turn as a drop-party, before the network "
            + "answered the drop, is accepted; the drop completes first, then the close; both leaves go")
    void shouldCloseWhileDropPartyPending() {
        Mixed m = rootOnBWithLocalAndRemoteLeaves();
        Status[] st = b.on(() -> new Status[] {b.agent("hostb").dropParty(m.pa()),
            b.agent("hostb").closeCall(m.root())});
        assertThat(st).containsExactly(Status.PENDING, Status.PENDING);
        awaitMixedClosed(m);
        List<String> order = net.log.stream().filter(l -> l.contains(m.pa() + " dropped")
                || l.contains(m.root() + " closed")).map(l -> l.substring(l.indexOf(": ") + 2)).toList();
        assertThat(order).containsExactly("party " + m.pa() + " dropped: SUCCESS",
                "call on " + m.root() + " closed: SUCCESS");
    }

    @Test
    @DisplayName("R23/E4/E9 (found by UniModelTest): the root drops its remote party and, before the network answers, "
            + "the local leaf closes; the root gets the incoming close, closes once the drop completed, and the close "
            + "completes exactly once")
    @SuppressWarnings("try") // the hold is only closed, by the try
    void shouldCompleteTheCloseOnceWhenTheLastLeafLeavesDuringADrop() {
        Mixed m = rootOnBWithLocalAndRemoteLeaves();
        // A's signalling loop is held while B drops the remote party and closes the local leaf, so A cannot answer
        // the drop's RELEASE before the root hears that its last (non-dropping) party left.
        try (UniSites.Hold hold = a.holdSignalling()) {
            Status[] st = b.on(() -> new Status[] {b.agent("hostb").dropParty(m.pa()),
                b.agent("hostc").closeCall(m.inC())});
            assertThat(st).containsExactly(Status.PENDING, Status.PENDING);
            net.awaitLog("incoming close on " + m.root());
            assertThat(net.logged("party " + m.pa() + " dropped")).isFalse();
        }
        net.await(() -> b.state("hostc", m.inC()).equals("GONE"), "local leaf closed");
        net.await(() -> a.state("hosta", m.inA()).equals("GONE"), "remote leaf dropped");
        // After an incoming close the agent closes and deletes the root itself (R20).
        net.await(() -> b.state("hostb", m.root()).equals("GONE"), "root closed and deleted");
        List<String> root = net.log.stream().filter(l -> l.startsWith("client-hostb: ")).map(l -> l.substring(14))
                .filter(l -> l.contains(m.root().toString()) || l.contains(m.pa().toString()))
                .map(l -> l.replaceAll(" \\(.*$", "")).toList();
        assertThat(root).containsSubsequence("incoming close on " + m.root(), "party " + m.pa() + " dropped: SUCCESS",
                "call on " + m.root() + " closed: SUCCESS");
        assertThat(root.stream().filter(l -> l.startsWith("call on " + m.root() + " closed"))).hasSize(1);
        assertThat(net.problems()).as("no close-call completed twice (E9)").isEmpty();
    }

    @Test
    @DisplayName("R14/A5 (found by UniModelTest): a host halted while its root's add-party is pending: the add fails "
            + "with DEST_OUT_OF_ORDER before the root's incoming close, and everything is released")
    @SuppressWarnings("try") // the hold is only closed, by the try
    void shouldFailAPendingAddPartyWhenTheRootsHostHalts() {
        VcHandle root = a.call("hosta", "hostb:video", 50_000, 0, true);
        net.await(() -> a.state("hosta", root).equals("CONNECTED"), "make-call with a party");
        VcHandle inB = incomingOn(b, "hostb");
        Result<PartyHandle> add;
        try (UniSites.Hold hold = b.holdSignalling()) {
            // B cannot answer the ADD PARTY: it is pending when hosta halts.
            add = a.on(() -> a.agent("hosta").addParty(root, "hostc:video"));
            assertThat(add.status().isPending()).as(add.status().toString()).isTrue();
            assertThat(a.on(() -> a.mcm.haltHost("hosta")).isPending()).isTrue();
            net.awaitLog("incoming close on " + root);
        }
        net.await(() -> a.on(() -> a.agent("hosta").isIdle()), "the halted host's client gone (A5, R6)");
        net.await(() -> b.state("hostb", inB).equals("GONE"), "hostb's leaf released");
        List<String> rootLog = net.log.stream().filter(l -> l.startsWith("client-hosta: "))
                .map(l -> l.substring(14)).filter(l -> l.contains(root.toString()) || l.contains(add.value()
                        .toString())).map(l -> l.replaceAll(" \\(.*$", "")).toList();
        assertThat(rootLog).containsSubsequence("party " + add.value() + " on " + root + " failed: DEST_OUT_OF_ORDER",
                "incoming close on " + root, "call on " + root + " closed: SUCCESS");
        assertThat(net.problems()).as("R14: nothing pending at the close").isEmpty();
    }

    @Test
    @DisplayName("localSwitching off: a call to a local host goes out on the link of the peer announcing it (cause 3 "
            + "from a peer that is no transit switch)")
    void shouldRouteLocalHostsOnTheWireWhenLocalSwitchingIsOff() throws Exception {
        UniSites.Site c = net.site(false, Map.of("hostd", 1_000_000L, "hoste", 1_000_000L));
        c.listen("hoste", "hoste:video");
        c.on(() -> {
            c.mcm.addPeer("fabric", a.mcm.signallingAddress(), a.mcm.dataAddress(), Set.of("*"));
            return null;
        });
        a.on(() -> {
            a.mcm.addPeer("c", c.mcm.signallingAddress(), c.mcm.dataAddress(), Set.of("hostd", "hoste"));
            return null;
        });
        VcHandle vc = c.call("hostd", "hoste:video", 10_000, 10_000, false);
        net.await(() -> c.state("hostd", vc).equals("IDLE"), "refused by the far end");
        assertThat(net.logged("NO_ROUTE_TO_DESTINATION")).isTrue();
        c.on(() -> c.agent("hostd").deleteVc(vc));
    }
}
