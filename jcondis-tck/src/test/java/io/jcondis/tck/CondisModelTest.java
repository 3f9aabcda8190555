package io.jcondis.tck;

import io.jcondis.core.CollectingErrorHandler;
import io.jcondis.api.FlowSpec;
import io.jcondis.api.Packet;
import io.jcondis.api.PartyHandle;
import io.jcondis.api.Result;
import io.jcondis.api.SapHandle;
import io.jcondis.api.Status;
import io.jcondis.api.VcHandle;
import io.jcondis.core.Jcondis;
import io.jcondis.core.JcondisContext;
import io.jcondis.core.RuntimeSnapshot;
import io.jcondis.embedded.EmbeddedSwitch;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Randomized model-based test: long random sequences of legal and illegal operations across four clients on
 * three hosts of the embedded switch. Work is flushed only now and then, so requests from both ends cross
 * (local close vs. remote close, drop-party vs. close-call, remote hang-up vs. local drop, QoS change vs.
 * close). After every step: no contract violation or handler exception, and stale or foreign handles are
 * refused with INVALID_HANDLE without changing anything. At quiet points, a packet from a call's root reaches
 * exactly as many VCs as the root has connected parties. At the end, after every client's R6 teardown: every
 * pended request completed (none left pending), nothing leaks and all link capacity is back.
 */
class CondisModelTest {
    private static final String[] HOSTS = {"hosta", "hostb", "hostc"};
    private static final long CAPACITY = 1_000_000;

    @Property(tries = 40)
    void randomOperationSequencesKeepEveryInvariant(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long seed,
                                                    @ForAll @IntRange(min = 100, max = 400) int steps) {
        new Run(seed).play(steps);
    }

    /** One run of the model. */
    private static final class Run {
        final Random rnd;
        final CollectingErrorHandler errors = new CollectingErrorHandler();
        final List<String> problems = errors.problems();
        final List<String> trail = new ArrayList<>();
        final Jcondis ndis;
        final EmbeddedSwitch sw;
        final List<ClientAgent> agents = new ArrayList<>();
        /** Handles seen once and then closed or deleted: must be refused forever after. */
        final List<VcHandle> deadVcs = new ArrayList<>();
        final List<PartyHandle> deadParties = new ArrayList<>();
        final Map<Long, Set<VcHandle>> deliveries = new HashMap<>();

        Run(long seed) {
            rnd = new Random(seed);
            ndis = Jcondis.launch(new JcondisContext().errorHandler(errors));
            sw = EmbeddedSwitch.install(ndis, "switch");
            String[] homes = {"hosta", "hostb", "hostc", "hostb"};
            for (int i = 0; i < homes.length; i++) {
                ClientAgent a = new ClientAgent("c" + i, homes[i]).attach(ndis);
                a.onData((vc, p) -> {
                    long tag = p.payload().getLong(0);
                    deliveries.computeIfAbsent(tag, k -> new HashSet<>()).add(vc);
                });
                // One in five incoming calls is rejected, one in five held and answered later.
                a.incomingPolicy((sap, prm) -> {
                    int r = rnd.nextInt(5);
                    return r == 0 ? Status.NOT_SUPPORTED : r == 1 ? Status.PENDING : Status.SUCCESS;
                });
                agents.add(a);
            }
            for (String h : HOSTS) {
                sw.addHost(h, CAPACITY);
            }
            ndis.runUntilIdle();
            for (ClientAgent a : agents) {
                a.registerSap("*:" + a.name());
            }
            ndis.runUntilIdle();
        }

        ClientAgent anyAgent() {
            return agents.get(rnd.nextInt(agents.size()));
        }

        <T> T pick(List<T> list) {
            return list.isEmpty() ? null : list.get(rnd.nextInt(list.size()));
        }

        FlowSpec flow() {
            return FlowSpec.guaranteed(rnd.nextInt(6) * 60_000L, 1000, 1500);
        }

        void play(int steps) {
            long tag = 0;
            for (int i = 0; i < steps; i++) {
                ClientAgent a = anyAgent();
                List<VcHandle> mine = new ArrayList<>(a.vcs().keySet());
                VcHandle vc = pick(mine);
                int op = rnd.nextInt(16);
                trail.add(i + ": op " + op + " by " + a.name() + " on " + vc);
                switch (op) {
                    case 0:
                    case 1: {
                        ClientAgent to = anyAgent();
                        a.call(HOSTS[rnd.nextInt(3)] + ":" + to.name(), flow(), flow(), rnd.nextBoolean());
                        break;
                    }
                    case 2:
                        if (vc != null) {
                            ClientAgent to = anyAgent();
                            a.addParty(vc, HOSTS[rnd.nextInt(3)] + ":" + to.name());
                        }
                        break;
                    case 3:
                        if (vc != null) {
                            PartyHandle p = pick(new ArrayList<>(a.vc(vc).parties()));
                            if (p != null) {
                                rememberIfDropped(a, p, a.dropParty(p));
                            }
                        }
                        break;
                    case 4:
                        if (vc != null) {
                            a.closeCall(vc);
                        }
                        break;
                    case 5:
                    case 6:
                        if (vc != null) {
                            ByteBuffer b = ByteBuffer.allocate(8 + rnd.nextInt(200)).putLong(0, ++tag);
                            assertThat(a.services().send(vc, Packet.wrap(b.array()))).isEqualTo(Status.PENDING);
                        }
                        break;
                    case 7:
                        if (vc != null) {
                            a.modifyQos(vc, flow(), flow());
                        }
                        break;
                    case 8:
                        if (vc != null) {
                            sw.remoteClose(vc, rnd.nextBoolean() ? Status.SUCCESS : Status.of(Status.Code.DEST_OUT_OF_ORDER));
                        }
                        break;
                    case 9: {
                        PartyHandle p = vc == null ? null : pick(new ArrayList<>(a.vc(vc).parties()));
                        if (p != null) {
                            sw.remoteDropParty(p);
                        }
                        break;
                    }
                    case 10:
                        if (vc != null) {
                            sw.remoteQosChange(vc, flow(), flow());
                        }
                        break;
                    case 11:
                        if (!a.pendingIncoming().isEmpty()) {
                            a.answer(a.pendingIncoming().get(0), rnd.nextBoolean() ? Status.SUCCESS
                                    : Status.of(Status.Code.NOT_SUPPORTED));
                        }
                        break;
                    case 12:
                        if (vc != null && a.vc(vc).state().equals("IDLE")) {
                            Status st = a.deleteVc(vc);
                            if (st.isSuccess()) {
                                deadVcs.add(vc);
                            }
                        }
                        break;
                    case 13:
                        staleAndForeignHandlesAreRefused(a);
                        break;
                    default:
                        ndis.runUntilIdle();
                        deliveryReachesExactlyTheConnectedLeaves(++tag);
                        break;
                }
                assertThat(problems).as("after %s", trail.subList(Math.max(0, trail.size() - 8), trail.size()))
                        .isEmpty();
            }
            ndis.runUntilIdle();
            for (ClientAgent a : agents) {
                a.shutdown();
            }
            for (int round = 0; round < 10; round++) {
                ndis.runUntilIdle();
                for (ClientAgent a : agents) {
                    for (VcHandle held : new ArrayList<>(a.pendingIncoming())) {
                        a.answer(held, Status.of(Status.Code.NOT_SUPPORTED));
                    }
                    if (!a.isIdle()) {
                        a.shutdown();
                    }
                }
            }
            RuntimeSnapshot s = ndis.snapshot();
            assertThat(s.isQuiescent()).as("%s", s).isTrue();
            assertThat(s.pendingRequests()).isZero();
            assertThat(problems).isEmpty();
            for (String h : HOSTS) {
                assertThat(sw.uplinkFreeBps(h)).as("uplink of %s", h).isEqualTo(CAPACITY);
                assertThat(sw.downlinkFreeBps(h)).as("downlink of %s", h).isEqualTo(CAPACITY);
            }
        }

        void rememberIfDropped(ClientAgent a, PartyHandle p, Status st) {
            if (st.isSuccess()) {
                deadParties.add(p);
            }
        }

        /** Stale handles (deleted VCs, dropped parties) and another client's handles get INVALID_HANDLE. */
        void staleAndForeignHandlesAreRefused(ClientAgent a) {
            RuntimeSnapshot before = ndis.snapshot();
            VcHandle dead = pick(deadVcs);
            if (dead != null) {
                assertThat(a.services().deleteVc(dead).code()).isEqualTo(Status.Code.INVALID_HANDLE);
                assertThat(a.services().closeCall(dead, null, null).code()).isEqualTo(Status.Code.INVALID_HANDLE);
                assertThat(a.services().send(dead, Packet.wrap(new byte[8])).code())
                        .isEqualTo(Status.Code.INVALID_HANDLE);
            }
            PartyHandle deadParty = pick(deadParties);
            if (deadParty != null) {
                assertThat(a.services().dropParty(deadParty, null).code()).isEqualTo(Status.Code.INVALID_HANDLE);
            }
            ClientAgent other = anyAgent();
            if (other != a) {
                VcHandle foreign = pick(new ArrayList<>(other.vcs().keySet()));
                if (foreign != null) {
                    assertThat(a.services().deleteVc(foreign).code()).isEqualTo(Status.Code.INVALID_HANDLE);
                    assertThat(a.services().modifyCallQos(foreign, null).code())
                            .isEqualTo(Status.Code.INVALID_HANDLE);
                }
                SapHandle foreignSap = pick(new ArrayList<>(other.saps().values()));
                if (foreignSap != null) {
                    assertThat(a.services().deregisterSap(foreignSap).code()).isEqualTo(Status.Code.INVALID_HANDLE);
                }
                if (other.af() != null) {
                    assertThat(a.services().closeAddressFamily(other.af()).code())
                            .isEqualTo(Status.Code.INVALID_HANDLE);
                }
            }
            assertThat(ndis.snapshot()).isEqualTo(before);
        }

        /** At a quiet point, a tagged packet from each connected root reaches exactly its connected leaves. */
        void deliveryReachesExactlyTheConnectedLeaves(long tagBase) {
            long tag = tagBase * 1000;
            Map<Long, Integer> expected = new HashMap<>();
            for (ClientAgent a : agents) {
                for (Map.Entry<VcHandle, ClientAgent.VcInfo> e : a.vcs().entrySet()) {
                    ClientAgent.VcInfo info = e.getValue();
                    if (!info.state().equals("CONNECTED")) {
                        continue;
                    }
                    long t = ++tag;
                    ByteBuffer b = ByteBuffer.allocate(16).putLong(0, t);
                    a.services().send(e.getKey(), Packet.wrap(b.array()));
                    // A root (client-created VC) reaches one VC per connected party (one for point-to-point);
                    // a leaf reaches its root.
                    boolean root = info.multipoint || !info.parties().isEmpty();
                    expected.put(t, root && info.multipoint ? info.parties().size() : 1);
                }
            }
            ndis.runUntilIdle();
            for (Map.Entry<Long, Integer> e : expected.entrySet()) {
                Set<VcHandle> got = deliveries.getOrDefault(e.getKey(), Set.of());
                assertThat(got).as("packet %d", e.getKey()).hasSize(e.getValue());
                for (VcHandle v : got) {
                    boolean connected = agents.stream().anyMatch(x -> x.vc(v) != null
                            && x.vc(v).state().equals("CONNECTED"));
                    assertThat(connected).as("%s received but is not connected", v).isTrue();
                }
            }
        }
    }
}
