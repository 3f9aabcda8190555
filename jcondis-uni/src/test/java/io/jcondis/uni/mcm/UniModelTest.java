package io.jcondis.uni.mcm;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcondis.api.FlowSpec;
import io.jcondis.api.Packet;
import io.jcondis.api.PartyHandle;
import io.jcondis.api.Result;
import io.jcondis.api.SapHandle;
import io.jcondis.api.Status;
import io.jcondis.api.VcHandle;
import io.jcondis.core.RuntimeSnapshot;
import io.jcondis.tck.ClientAgent;
import io.jcondis.uni.fabric.FabricCallId;
import io.jcondis.uni.fabric.FabricCallState;
import io.jcondis.uni.fabric.FabricConfig;
import io.jcondis.uni.fabric.FabricSnapshot;
import io.jcondis.uni.fabric.PeerConfig;
import io.jcondis.uni.fabric.UniFabric;
import io.jcondis.uni.q2931.CauseValue;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Randomized model-based tests of the uni driver: two nodes over loopback UDP, A with {@code hosta} and B with
 * {@code hostb} and {@code hostc}, one client per host listening on {@code HOST:video}; either linked to each other
 * (B switches its own calls locally) or both linked to an in-process {@link UniFabric} that switches every call.
 * Long random sequences of client operations (make, add party, drop party, close, send, QoS change, answer a held
 * call, delete) are made without waiting for one another, so requests from both ends cross on the wire: local
 * close vs. remote close, drop vs. close, remote hang-up vs. local drop, QoS change vs. close, add party vs.
 * close. One incoming call in five is rejected and one held until answered later. Through the fabric the network
 * acts too: it releases calls, drops parties and changes QoS (towards either end).
 *
 * <p>Now and then the run <i>settles</i>: held calls are answered and the test waits (bounded) until no request,
 * send, task or timer is pending anywhere and both ends agree: the connected parties of the roots and the connected
 * incoming VCs are the same calls (named by VPI/VCI and endpoint reference between nodes, by the fabric's call id
 * through it). At settled points: stale and foreign handles are refused with INVALID_HANDLE and change nothing, and
 * a tagged packet from each connected VC reaches exactly its far ends (a root's connected parties; a point-to-point
 * callee's caller; a point-to-multipoint leaf's send fails). Half the runs end with a host halted while its calls
 * are up and operations are in flight (the far ends are released with cause 27, its client is asked to close its
 * AF). At the end, after every client's R6 teardown: no violation or handler error anywhere, nothing left in either
 * runtime, call manager or the fabric, and all link capacity back. The operation sequence comes from a fixed seed;
 * the scheduling of the nodes is the machine's, and a failure prints the operations and the clients' log.
 */
class UniModelTest {
    private static final String[] HOSTS = {"hosta", "hostb", "hostc"};
    private static final long CAPACITY = 1_000_000;
    private static final long WAIT_S = 15;

    @Property(tries = 60, seed = "2931", shrinking = ShrinkingMode.OFF)
    @Label("uni: random crossing operations from three clients on two nodes keep both ends consistent, leak nothing")
    void randomOperationSequencesKeepBothEndsConsistent(@ForAll long seed,
                                                        @ForAll @IntRange(min = 100, max = 400) int steps)
            throws InterruptedException {
        try (UniSites net = new UniSites()) {
            UniSites.Site[] ab = net.hostaAndHostbc();
            ab[0].listen("hosta", "hosta:video");
            play(new Run(net, seed, ab[0], ab[1], DIRECT), seed, steps);
        }
    }

    @Property(tries = 30, seed = "2931", shrinking = ShrinkingMode.OFF)
    @Label("uni through a fabric: the same, plus the network's release, drop-party and QoS change, all calls switched "
            + "by an in-process UniFabric")
    void randomOperationSequencesThroughAFabricKeepBothEndsConsistent(@ForAll long seed,
            @ForAll @IntRange(min = 100, max = 300) int steps) throws Exception {
        UniFabric fabric = UniFabric.start(FabricConfig.loopback("fabric", List.of()));
        try (UniSites net = new UniSites()) {
            UniSites.Site a = net.site(false, Map.of("hosta", CAPACITY));
            Map<String, Long> bc = new LinkedHashMap<>();
            bc.put("hostb", CAPACITY);
            bc.put("hostc", CAPACITY);
            UniSites.Site b = net.site(false, bc);
            Map<UniSites.Site, String> links = new LinkedHashMap<>();
            links.put(a, "node-a");
            links.put(b, "node-b");
            for (Map.Entry<UniSites.Site, String> e : links.entrySet()) {
                UniSites.Site s = e.getKey();
                PeerConfig peer = PeerConfig.of(e.getValue(), s.mcm.signallingAddress())
                        .withHosts(s.agents.keySet().toArray(new String[0]))
                        .withCapacity(CAPACITY * s.agents.size()).withData(s.mcm.dataAddress());
                InetSocketAddress link = fabric.addPeer(peer).get(WAIT_S, TimeUnit.SECONDS);
                s.on(() -> {
                    s.mcm.addPeer("fabric", link, fabric.dataAddress(), Set.of("*"));
                    return null;
                });
            }
            a.listen("hosta", "hosta:video");
            b.listen("hostb", "hostb:video");
            b.listen("hostc", "hostc:video");
            play(new Run(net, seed, a, b, new ThroughFabric(fabric, links)), seed, steps);
        } finally {
            fabric.close();
        }
    }

    private static void play(Run run, long seed, int steps) {
        try {
            run.play(steps);
        } catch (AssertionError e) {
            System.out.println("UniModelTest seed " + seed + ": the operations\n  " + String.join("\n  ", run.trail)
                    + "\nthe clients' log\n  " + String.join("\n  ", run.net.log));
            throw new AssertionError("seed " + seed + ", last operations:\n  " + String.join("\n  ",
                    run.trail.subList(Math.max(0, run.trail.size() - 25), run.trail.size())), e);
        }
    }

    /** What a topology adds to the model: how both ends name a call, the network's own actions and leftovers. */
    private interface ModelNetwork {
        /**
         * @return for one settled check, the name of the call a wire end (at a node) belongs to, the same at both
         *     ends of a call; null while the network itself is busy
         */
        BiFunction<UniSites.Site, UniCallManager.WireRef, String> callNames();

        /** @return how many kinds of network action {@link #act} takes (0: none) */
        int actions();

        /** A network action of kind {@code kind} on one of {@code c}'s calls; returns what it did. */
        String act(Run run, Client c, int kind);

        /** Nothing is left in the network (waits, bounded, through {@code net}). */
        void assertNoLeak(UniSites net);
    }

    /** Nodes linked to each other: the caller chooses the VPI/VCI and endpoint reference both ends then use. */
    private static final ModelNetwork DIRECT = new ModelNetwork() {
        @Override
        public BiFunction<UniSites.Site, UniCallManager.WireRef, String> callNames() {
            return (site, w) -> w.vc() + "#" + Math.max(0, w.endpointReference());
        }

        @Override
        public int actions() {
            return 0;
        }

        @Override
        public String act(Run run, Client c, int kind) {
            throw new IllegalStateException("no network actions");
        }

        @Override
        public void assertNoLeak(UniSites net) {
        }
    };

    /**
     * Nodes linked to a fabric that switches every call (also between hosts of one node): a call is named by the
     * fabric's call id, found from the root's (link, VPI/VCI) or a branch's; the network releases calls, drops
     * parties and changes QoS (towards the caller, the jcondis extension, or the called end).
     */
    private record ThroughFabric(UniFabric fabric, Map<UniSites.Site, String> links) implements ModelNetwork {
        FabricSnapshot snapshot() {
            try {
                return fabric.snapshot().get(WAIT_S, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("fabric snapshot", e);
            }
        }

        @Override
        public BiFunction<UniSites.Site, UniCallManager.WireRef, String> callNames() {
            FabricSnapshot snap = snapshot();
            boolean busy = snap.links().stream().anyMatch(l -> l.runningTimers() != 0)
                    || snap.calls().stream().anyMatch(c -> c.state() != FabricCallState.ACTIVE);
            return busy ? null : (site, w) -> callOf(snap, links.get(site), w).map(id -> "call " + id.value())
                    .orElse("unknown " + w);
        }

        static Optional<FabricCallId> callOf(FabricSnapshot snap, String link, UniCallManager.WireRef w) {
            for (FabricSnapshot.CallView c : snap.calls()) {
                if (w.outgoing()) {
                    if (c.rootLink().equals(link) && c.rootVc().equals(Optional.of(w.vc()))) {
                        return Optional.of(c.id());
                    }
                } else if (c.branches().stream().anyMatch(b -> b.link().equals(link) && b.vc().equals(w.vc()))) {
                    return Optional.of(c.id());
                }
            }
            return Optional.empty();
        }

        @Override
        public int actions() {
            return 3;
        }

        @Override
        public String act(Run run, Client c, int kind) {
            // Chosen on the node's control plane; the fabric is asked from here (its answers need the nodes').
            Object[] chosen = c.on(() -> {
                VcHandle vc = run.pick(new ArrayList<>(c.agent().vcs().keySet()));
                if (vc == null) {
                    return null;
                }
                PartyHandle p = run.pick(new ArrayList<>(c.agent().vc(vc).parties()));
                Optional<UniCallManager.WireRef> w = kind == 1 && p != null ? c.site().mcm.wireOf(p)
                        : c.site().mcm.wireOf(vc);
                return w.isEmpty() ? null : new Object[] {vc, w.get()};
            });
            if (chosen == null) {
                return "network action " + kind + ": no call through the fabric";
            }
            UniCallManager.WireRef w = (UniCallManager.WireRef) chosen[1];
            Optional<FabricCallId> call = callOf(snapshot(), links.get(c.site()), w);
            if (call.isEmpty()) {
                return "network action " + kind + " on " + chosen[0] + ": the fabric has no call for " + w;
            }
            CompletableFuture<Status> done;
            String what;
            switch (kind) {
                case 0 -> {
                    CauseValue cause = run.rnd.nextBoolean() ? CauseValue.NORMAL_CALL_CLEARING
                            : CauseValue.DESTINATION_OUT_OF_ORDER;
                    done = fabric.release(call.get(), cause);
                    what = "network release (" + cause + ")";
                }
                case 1 -> {
                    done = fabric.dropParty(call.get(), Math.max(0, w.endpointReference()),
                            CauseValue.NORMAL_CALL_CLEARING);
                    what = "network drop-party ep " + w.endpointReference();
                }
                default -> {
                    FlowSpec f = run.flow();
                    FlowSpec r = run.flow();
                    boolean towardsOwner = run.rnd.nextBoolean();
                    done = fabric.modify(call.get(), UniMapping.trafficDescriptor(f, r),
                            Optional.of(UniMapping.exactFlowSpecs(f, r)), towardsOwner);
                    what = "network modify towards the " + (towardsOwner ? "owner" : "called end");
                }
            }
            // Not awaited: the answer may need this thread's next operations to run first (crossing is the point).
            return what + " of " + call.get() + " (" + chosen[0] + ")" + (done.isDone() ? ": " + done.join() : "");
        }

        @Override
        public void assertNoLeak(UniSites net) {
            net.await(() -> snapshot().calls().isEmpty(), () -> "no call left in the fabric: " + snapshot().calls());
            assertThat(snapshot().links()).allSatisfy(l -> {
                assertThat(l.runningTimers()).as("timers of %s", l.name()).isZero();
                assertThat(l.reserved().upBps() + l.reserved().downBps()).as("reserved on %s", l.name()).isZero();
            });
        }
    }

    /** One client: its host, node and agent. */
    private record Client(String host, UniSites.Site site, ClientAgent agent) {
        <T> T on(java.util.function.Supplier<T> action) {
            return site.on(action);
        }
    }

    /** One run of the model. */
    private static final class Run {
        final UniSites net;
        final Random rnd;
        final ModelNetwork network;
        final List<Client> clients = new ArrayList<>();
        final List<String> trail = new ArrayList<>();
        /**
         * VCs the clients made (the others are incoming), as "host/vc": the two runtimes number their handles alike.
         */
        final Set<String> made = ConcurrentHashMap.newKeySet();
        /** Per client, VCs deleted or dropped parties seen once: refused forever after. */
        final Map<Client, List<VcHandle>> deadVcs = new LinkedHashMap<>();
        final Map<Client, List<PartyHandle>> deadParties = new LinkedHashMap<>();
        final Map<Client, Set<PartyHandle>> seenParties = new LinkedHashMap<>();
        /** Which VCs (by client) each tagged packet reached. */
        final Map<Long, Set<String>> deliveries = new ConcurrentHashMap<>();
        long tag;
        /** Tagged packets whose deliveries the settled checks counted. */
        int checked;

        Run(UniSites net, long seed, UniSites.Site a, UniSites.Site b, ModelNetwork network) {
            this.net = net;
            this.rnd = new Random(seed);
            this.network = network;
            for (String h : HOSTS) {
                UniSites.Site s = h.equals("hosta") ? a : b;
                Client c = new Client(h, s, s.agent(h));
                clients.add(c);
                deadVcs.put(c, new ArrayList<>());
                deadParties.put(c, new ArrayList<>());
                // Each policy runs on its node's conductor only, so its own Random needs no lock.
                Random policy = new Random(seed ^ h.hashCode());
                c.on(() -> {
                    c.agent().incomingPolicy((sap, prm) -> {
                        int r = policy.nextInt(5);
                        return r == 0 ? Status.NOT_SUPPORTED : r == 1 ? Status.PENDING : Status.SUCCESS;
                    });
                    c.agent().onData((vc, p) -> {
                        deliveries.computeIfAbsent(p.payload().getLong(0), k -> ConcurrentHashMap.newKeySet())
                                .add(h + "/" + vc);
                        net.changed();
                    });
                    return null;
                });
            }
        }

        <T> T pick(List<T> list) {
            return list.isEmpty() ? null : list.get(rnd.nextInt(list.size()));
        }

        FlowSpec flow() {
            return FlowSpec.guaranteed(rnd.nextInt(6) * 60_000L, 1000, 1500);
        }

        String anyAddress() {
            return HOSTS[rnd.nextInt(HOSTS.length)] + ":video";
        }

        byte[] tagged(long t, int size) {
            return ByteBuffer.allocate(size).putLong(0, t).array();
        }

        void play(int steps) {
            for (int i = 0; i < steps; i++) {
                Client c = clients.get(rnd.nextInt(clients.size()));
                int op = rnd.nextInt(14 + network.actions());
                String what = op >= 14 ? network.act(this, c, op - 14) : c.on(() -> step(c, op));
                trail.add(i + ": " + c.host() + " " + what);
                assertThat(net.problems()).as("violations and handler errors").isEmpty();
                if (op == 12 || op == 13) {
                    settle();
                    if (op == 12) {
                        staleAndForeignHandlesAreRefused(c);
                    } else {
                        deliveryReachesExactlyTheFarEnds();
                    }
                }
            }
            settle();
            deliveryReachesExactlyTheFarEnds();
            // Half the runs end with a host halted while its calls are up and operations are in flight (H, A5):
            // the far ends are released (E10, cause 27), its client is asked to close its AF, nothing leaks.
            Client halted = rnd.nextBoolean() ? clients.get(rnd.nextInt(clients.size())) : null;
            if (halted != null) {
                for (int i = 0; i < 6; i++) {
                    Client c = clients.get(rnd.nextInt(clients.size()));
                    int op = rnd.nextInt(12);
                    trail.add("end: " + c.host() + " " + c.on(() -> step(c, op)));
                }
                trail.add("end: halt " + halted.host() + ": " + halted.on(() -> halted.site().mcm
                        .haltHost(halted.host())));
            }
            for (Client c : clients) {
                c.on(() -> {
                    c.agent().shutdown();
                    return null;
                });
            }
            net.await(() -> {
                // Every client answers what it holds (no short cut: a held call keeps its caller from finishing).
                clients.forEach(c -> c.on(() -> {
                    answerHeld(c);
                    return null;
                }));
                return clients.stream().allMatch(c -> c.on(() -> c.agent().isIdle()));
            }, () -> "every client's R6 teardown: " + describe() + "\n  problems " + net.problems());
            net.assertNoLeak();
            network.assertNoLeak(net);
            for (Client c : clients) {
                RuntimeSnapshot s = c.on(() -> c.site().rt.snapshot());
                assertThat(s.isQuiescent()).as("%s's runtime: %s", c.host(), s).isTrue();
                if (c == halted) {
                    assertThat(c.on(() -> c.site().mcm.uplinkFreeBps(c.host()))).as("halted host gone").isEqualTo(-1);
                    continue;
                }
                assertThat(c.on(() -> c.site().mcm.uplinkFreeBps(c.host()))).as("uplink of %s", c.host())
                        .isEqualTo(CAPACITY);
                assertThat(c.on(() -> c.site().mcm.downlinkFreeBps(c.host()))).as("downlink of %s", c.host())
                        .isEqualTo(CAPACITY);
            }
            assertThat(net.problems()).as("violations and handler errors").isEmpty();
            // What the run went through, so that a change that stops exercising something shows in the report.
            for (String event : List.of("connected", "incoming close", "left", "held", "rejected", "QoS change on",
                    "remote QoS change", "joined", "refused")) {
                long n = net.log.stream().filter(l -> l.contains(" " + event)).count();
                Statistics.label(event).collect(n == 0 ? "none" : n < 5 ? "1-4" : "5+");
            }
            Statistics.label("ends with a host halted").collect(halted != null);
            if (network.actions() > 0) {
                long acted = trail.stream().filter(t -> t.contains(" network ") && t.contains(" of ")).count();
                Statistics.label("network actions on a call").collect(acted == 0 ? "none" : acted < 5 ? "1-4" : "5+");
            }
            Statistics.label("packets checked").collect(checked == 0 ? "none" : checked < 10 ? "1-9" : "10+");
        }

        /** One random operation by {@code c}, on its node's conductor; returns what it did. */
        String step(Client c, int op) {
            ClientAgent a = c.agent();
            VcHandle vc = pick(new ArrayList<>(a.vcs().keySet()));
            switch (op) {
                case 0, 1 -> {
                    String to = anyAddress();
                    boolean multipoint = rnd.nextBoolean();
                    Result<VcHandle> r = a.call(to, flow(), flow(), multipoint);
                    if (r.value() != null) {
                        made.add(c.host() + "/" + r.value());
                    }
                    return "call " + to + (multipoint ? " multipoint" : "") + " on " + r.value() + ": " + r.status();
                }
                case 2 -> {
                    if (vc == null) {
                        return "add party: no VC";
                    }
                    String to = anyAddress();
                    return "add party " + to + " on " + vc + ": " + a.addParty(vc, to).status();
                }
                case 3 -> {
                    PartyHandle p = vc == null ? null : pick(new ArrayList<>(a.vc(vc).parties()));
                    if (p == null) {
                        return "drop party: none";
                    }
                    Status st = a.dropParty(p);
                    return "drop party " + p + " on " + vc + ": " + st;
                }
                case 4 -> {
                    return vc == null ? "close: no VC" : "close " + vc + ": " + a.closeCall(vc);
                }
                case 5, 6 -> {
                    if (vc == null) {
                        return "send: no VC";
                    }
                    // Tags below a million: never confused with the delivery checks' (above).
                    long t = ++tag;
                    return "send on " + vc + ": " + a.send(vc, tagged(t, 8 + rnd.nextInt(300)));
                }
                case 7 -> {
                    return vc == null ? "modify: no VC" : "modify " + vc + ": " + a.modifyQos(vc, flow(), flow());
                }
                case 8 -> {
                    if (a.pendingIncoming().isEmpty()) {
                        return "answer: none held";
                    }
                    VcHandle held = a.pendingIncoming().get(0);
                    Status answer = rnd.nextBoolean() ? Status.SUCCESS : Status.of(Status.Code.NOT_SUPPORTED);
                    a.answer(held, answer);
                    return "answer " + held + ": " + answer;
                }
                case 9, 10, 11 -> {
                    if (vc == null || !a.vc(vc).state().equals("IDLE") || !made.contains(c.host() + "/" + vc)) {
                        return "delete: no idle VC";
                    }
                    Status st = a.deleteVc(vc);
                    if (st.isSuccess()) {
                        deadVcs.get(c).add(vc);
                    }
                    return "delete " + vc + ": " + st;
                }
                default -> {
                    return op == 12 ? "settle, stale and foreign handles" : "settle, deliveries";
                }
            }
        }

        private void answerHeld(Client c) {
            for (VcHandle held : new ArrayList<>(c.agent().pendingIncoming())) {
                c.agent().answer(held, rnd.nextBoolean() ? Status.SUCCESS : Status.of(Status.Code.NOT_SUPPORTED));
            }
        }

        /**
         * Waits until nothing is pending anywhere and both ends agree (answering held calls); remembers the parties
         * that went away meanwhile.
         */
        void settle() {
            net.await(this::settled, () -> "a settled network (nothing pending, both ends agree): " + describe());
            for (Client c : clients) {
                c.on(() -> {
                    // A party seen before and held by no VC now was dropped or left: its handle is dead (E4, E5).
                    Set<PartyHandle> now = new java.util.HashSet<>();
                    c.agent().vcs().values().forEach(v -> now.addAll(v.parties()));
                    Set<PartyHandle> seen = seenParties.computeIfAbsent(c, k -> new java.util.HashSet<>());
                    for (PartyHandle p : seen) {
                        if (!now.contains(p) && !deadParties.get(c).contains(p)) {
                            deadParties.get(c).add(p);
                        }
                    }
                    seen.addAll(now);
                    return null;
                });
            }
        }

        /** The settled condition; answers held calls on the way (answering is what lets the network settle). */
        boolean settled() {
            for (Client c : clients) {
                c.on(() -> {
                    answerHeld(c);
                    return null;
                });
            }
            BiFunction<UniSites.Site, UniCallManager.WireRef, String> names = network.callNames();
            if (names == null) {
                return false;
            }
            List<String> rootEnds = new ArrayList<>();
            List<String> leafEnds = new ArrayList<>();
            for (Client c : clients) {
                boolean quiet = c.on(() -> {
                    RuntimeSnapshot s = c.site().rt.snapshot();
                    if (s.pendingRequests() != 0 || s.sendsInFlight() != 0 || s.receivesLent() != 0 || s.tasks() != 0
                            || c.site().mcm.snapshot().linkTimers() != 0) {
                        return false;
                    }
                    UniCallManager mcm = c.site().mcm;
                    for (Map.Entry<VcHandle, ClientAgent.VcInfo> e : c.agent().vcs().entrySet()) {
                        String st = e.getValue().state();
                        if (!st.equals("IDLE") && !st.equals("CONNECTED")) {
                            return false;
                        }
                        if (!st.equals("CONNECTED")) {
                            continue;
                        }
                        boolean root = made.contains(c.host() + "/" + e.getKey());
                        List<Optional<UniCallManager.WireRef>> ends = new ArrayList<>();
                        if (root && e.getValue().multipoint()) {
                            e.getValue().parties().forEach(p -> ends.add(mcm.wireOf(p)));
                        } else {
                            ends.add(mcm.wireOf(e.getKey()));
                        }
                        for (Optional<UniCallManager.WireRef> w : ends) {
                            if (w.isEmpty()) {
                                return false;
                            }
                            (root ? rootEnds : leafEnds).add(names.apply(c.site(), w.get()));
                        }
                    }
                    return true;
                });
                if (!quiet) {
                    return false;
                }
            }
            // Every connected party of a root and every connected incoming VC, named as both ends name their call:
            // the same calls.
            java.util.Collections.sort(rootEnds);
            java.util.Collections.sort(leafEnds);
            return rootEnds.equals(leafEnds);
        }

        String describe() {
            StringBuilder b = new StringBuilder();
            for (Client c : clients) {
                b.append("\n  ").append(c.host()).append(": ").append(c.on(() -> {
                    StringBuilder v = new StringBuilder(c.site().rt.snapshot().toString());
                    for (Map.Entry<VcHandle, ClientAgent.VcInfo> e : c.agent().vcs().entrySet()) {
                        v.append(' ').append(e.getKey()).append(made.contains(c.host() + "/" + e.getKey()) ? "(out)=" : "(in)=")
                                .append(e.getValue().state()).append(e.getValue().parties());
                    }
                    return v.append(" held ").append(c.agent().pendingIncoming()).append(' ')
                            .append(c.site().mcm.snapshot()).toString();
                }));
            }
            return b.toString();
        }

        /**
         * R2, R3: a deleted VC, a dropped party and another client's handles (of the same node: handles of another
         * runtime could be anything here) get INVALID_HANDLE, and nothing changes.
         */
        void staleAndForeignHandlesAreRefused(Client c) {
            c.on(() -> {
                RuntimeSnapshot before = c.site().rt.snapshot();
                VcHandle dead = pick(deadVcs.get(c));
                if (dead != null) {
                    assertThat(c.agent().services().deleteVc(dead).code()).isEqualTo(Status.Code.INVALID_HANDLE);
                    assertThat(c.agent().services().closeCall(dead, null, null).code())
                            .isEqualTo(Status.Code.INVALID_HANDLE);
                    assertThat(c.agent().services().send(dead, Packet.wrap(new byte[8])).code())
                            .isEqualTo(Status.Code.INVALID_HANDLE);
                }
                PartyHandle deadParty = pick(deadParties.get(c));
                if (deadParty != null) {
                    assertThat(c.agent().services().dropParty(deadParty, null).code())
                            .isEqualTo(Status.Code.INVALID_HANDLE);
                }
                for (Client other : clients) {
                    if (other == c || other.site() != c.site()) {
                        continue;
                    }
                    VcHandle foreign = pick(new ArrayList<>(other.agent().vcs().keySet()));
                    if (foreign != null) {
                        assertThat(c.agent().services().deleteVc(foreign).code())
                                .isEqualTo(Status.Code.INVALID_HANDLE);
                        assertThat(c.agent().services().modifyCallQos(foreign, null).code())
                                .isEqualTo(Status.Code.INVALID_HANDLE);
                        for (PartyHandle p : other.agent().vc(foreign).parties()) {
                            assertThat(c.agent().services().dropParty(p, null).code())
                                    .isEqualTo(Status.Code.INVALID_HANDLE);
                        }
                    }
                    SapHandle sap = pick(new ArrayList<>(other.agent().saps().values()));
                    if (sap != null) {
                        assertThat(c.agent().services().deregisterSap(sap).code())
                                .isEqualTo(Status.Code.INVALID_HANDLE);
                    }
                    assertThat(c.agent().services().closeAddressFamily(other.agent().af()).code())
                            .isEqualTo(Status.Code.INVALID_HANDLE);
                }
                assertThat(withoutTasks(c.site().rt.snapshot())).isEqualTo(withoutTasks(before));
                return null;
            });
        }

        private static RuntimeSnapshot withoutTasks(RuntimeSnapshot s) {
            return new RuntimeSnapshot(s.adapters(), s.bindings(), s.afOpens(), s.saps(), s.vcs(), s.parties(),
                    s.pendingRequests(), s.sendsInFlight(), s.receivesLent(), 0, s.violations(), s.handlerErrors());
        }

        /**
         * F1 at a settled point: a tagged packet from each connected root (a VC its client made) reaches exactly the
         * root's connected parties (one for point-to-point), each a connected VC; then one from each connected
         * incoming VC reaches its root when the call is point-to-point, and completes with NOT_SUPPORTED, reaching
         * nobody, when it is the leaf of a point-to-multipoint call (Q.2971 calls are one-way: docs/uni.md).
         */
        void deliveryReachesExactlyTheFarEnds() {
            long base = 1_000_000L * (trail.size() + 1);
            Map<Long, String> fromRoots = new LinkedHashMap<>();
            Map<Long, Integer> expected = sendFromEach(base, true, Set.of(), fromRoots);
            awaitDelivered(expected, fromRoots);
            Set<String> leaves = new java.util.HashSet<>();
            for (Map.Entry<Long, String> e : fromRoots.entrySet()) {
                if (e.getValue().contains("multipoint")) {
                    leaves.addAll(deliveries.getOrDefault(e.getKey(), Set.of()));
                }
            }
            Map<String, Long> failedBefore = sendsFailed();
            Map<Long, String> fromIncoming = new LinkedHashMap<>();
            Map<Long, Integer> back = sendFromEach(base + 500_000, false, leaves, fromIncoming);
            awaitDelivered(back, fromIncoming);
            settle();
            Map<String, Long> failedAfter = sendsFailed();
            for (String leaf : leaves) {
                assertThat(failedAfter.get(leaf)).as("failed sends of leaf %s", leaf)
                        .isEqualTo(failedBefore.get(leaf) + 1);
            }
            expected.putAll(back);
            checked += expected.size();
            for (Map.Entry<Long, Integer> e : expected.entrySet()) {
                Set<String> got = deliveries.getOrDefault(e.getKey(), Set.of());
                assertThat(got).as("packet %d", e.getKey()).hasSize(e.getValue());
                for (String at : got) {
                    Client to = clients.stream().filter(c -> at.startsWith(c.host() + "/")).findFirst().orElseThrow();
                    String state = to.on(() -> to.agent().vcs().entrySet().stream()
                            .filter(v -> at.equals(to.host() + "/" + v.getKey())).map(v -> v.getValue().state())
                            .findFirst().orElse("GONE"));
                    assertThat(state).as("%s received packet %d", at, e.getKey()).isEqualTo("CONNECTED");
                }
            }
        }

        /**
         * Sends a tagged packet on each connected VC that is a root ({@code roots}) or an incoming VC (otherwise).
         *
         * @return per tag, how many VCs it must reach
         */
        private Map<Long, Integer> sendFromEach(long base, boolean roots, Set<String> leaves, Map<Long, String> from) {
            Map<Long, Integer> expected = new LinkedHashMap<>();
            for (Client c : clients) {
                c.on(() -> {
                    long t = base + clients.indexOf(c) * 10_000L;
                    for (Map.Entry<VcHandle, ClientAgent.VcInfo> e : new ArrayList<>(c.agent().vcs().entrySet())) {
                        ClientAgent.VcInfo info = e.getValue();
                        String at = c.host() + "/" + e.getKey();
                        if (!info.state().equals("CONNECTED") || made.contains(c.host() + "/" + e.getKey()) != roots) {
                            continue;
                        }
                        t++;
                        assertThat(c.agent().send(e.getKey(), tagged(t, 16)).isPending()).isTrue();
                        expected.put(t, roots ? Math.max(1, info.parties().size()) : leaves.contains(at) ? 0 : 1);
                        from.put(t, at + (roots ? "(out" : "(in") + (info.multipoint() ? ", multipoint "
                                + info.parties() : "") + (leaves.contains(at) ? ", leaf" : "") + ")");
                    }
                    return null;
                });
            }
            return expected;
        }

        private void awaitDelivered(Map<Long, Integer> expected, Map<Long, String> from) {
            net.await(() -> expected.entrySet().stream().allMatch(e -> deliveries.getOrDefault(e.getKey(), Set.of())
                    .size() >= e.getValue()), () -> "every tagged packet at its far ends: expected " + expected
                    + " from " + from + ", got " + expected.keySet().stream().map(t -> t + "=" + deliveries.get(t))
                    .toList() + describe());
        }

        /** @return per VC ("host/vc"), its sends completed with a failure */
        private Map<String, Long> sendsFailed() {
            Map<String, Long> failed = new LinkedHashMap<>();
            for (Client c : clients) {
                c.on(() -> {
                    c.agent().vcs().forEach((vc, info) -> failed.put(c.host() + "/" + vc, info.sendsFailed()));
                    return null;
                });
            }
            return failed;
        }
    }
}
