package io.jcondis.uni.system;

import io.jcondis.api.Status;
import io.jcondis.uni.data.DatagramTap;
import io.jcondis.uni.fabric.FabricCallState;
import io.jcondis.uni.fabric.FabricConfig;
import io.jcondis.uni.fabric.FabricSnapshot;
import io.jcondis.uni.fabric.PeerConfig;
import io.jcondis.uni.fabric.UniFabric;
import io.jcondis.uni.signal.Side;
import io.jcondis.uni.signal.UniLinkConfig;
import io.jcondis.uni.sscop.SscopConfig;
import io.jcondis.uni.testing.UdpFaultRelay;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A fabric on loopback with test hosts around it, each host on its own link ({@code peer NAME=...,hosts=NAME}),
 * optionally through a {@link UdpFaultRelay} per link (faults, capture). Closes everything.
 */
public final class FabricHarness implements AutoCloseable {
    private final Map<String, TestHost> hosts = new LinkedHashMap<>();
    private final Map<String, UdpFaultRelay> relays = new LinkedHashMap<>();
    private final UniFabric fabric;

    private FabricHarness(List<String> names, long capacityBps, SscopConfig hostSscop, UniLinkConfig hostLink,
                          UnaryOperator<FabricConfig> fabricConfig, UdpFaultRelay.Faults faults, long seed,
                          DatagramTap tap) throws Exception {
        List<PeerConfig> peers = new ArrayList<>();
        try {
            for (String n : names) {
                TestHost h = TestHost.start(n, hostSscop, hostLink);
                hosts.put(n, h);
                peers.add(PeerConfig.of(n, h.signallingAddress()).withCapacity(capacityBps).withData(h.dataAddress()));
            }
            fabric = UniFabric.start(fabricConfig.apply(FabricConfig.loopback("fabric", peers)));
            long s = seed;
            for (TestHost h : hosts.values()) {
                if (faults == null && tap == null) {
                    h.peer(fabric.linkAddress(h.name()));
                    continue;
                }
                UdpFaultRelay r = UdpFaultRelay.start("relay-" + h.name(), h.signallingAddress(),
                        fabric.linkAddress(h.name()), faults == null ? UdpFaultRelay.Faults.NONE : faults, s++, tap);
                relays.put(h.name(), r);
                h.peer(r.addressForA());
                fabric.peerAddress(h.name(), r.addressForB());
            }
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /**
     * @param names host names, one link each
     * @return hosts and a fabric with default timers, 10 MB/s links, no relays
     * @throws Exception if a socket cannot be bound
     */
    public static FabricHarness start(String... names) throws Exception {
        return new FabricHarness(List.of(names), 10_000_000, SscopConfig.defaults(), UniLinkConfig.defaults(Side.USER),
                c -> c, null, 0, null);
    }

    /**
     * @param names        host names
     * @param capacityBps  each link's capacity
     * @param hostSscop    the hosts' SSCOP parameters
     * @param hostLink     the hosts' Q.2931 timers
     * @param fabricConfig changes to the fabric's configuration
     * @param faults       relay faults, or {@code null} for no relay (unless {@code tap} is set)
     * @param seed         first relay seed (one more per link)
     * @param tap          capture of every signalling datagram, or {@code null}
     * @return the harness
     * @throws Exception if a socket cannot be bound
     */
    public static FabricHarness start(List<String> names, long capacityBps, SscopConfig hostSscop,
                                      UniLinkConfig hostLink, UnaryOperator<FabricConfig> fabricConfig,
                                      UdpFaultRelay.Faults faults, long seed, DatagramTap tap) throws Exception {
        return new FabricHarness(names, capacityBps, hostSscop, hostLink, fabricConfig, faults, seed, tap);
    }

    /** @return the fabric */
    public UniFabric fabric() {
        return fabric;
    }

    /**
     * @param name a host name
     * @return that host
     */
    public TestHost host(String name) {
        return hosts.get(name);
    }

    /**
     * @param name a host name
     * @return the relay on its link (only when started with faults or a tap)
     */
    public UdpFaultRelay relay(String name) {
        return relays.get(name);
    }

    /** @return the fabric's snapshot now */
    public FabricSnapshot snapshot() {
        return get(fabric.snapshot());
    }

    /**
     * Waits, bounded, until the fabric has no call, reservation or outstanding signalling left, and every host's
     * link has no call or timer.
     *
     * @return the quiescent snapshot
     * @throws AssertionError with the last snapshot if it does not come
     */
    public FabricSnapshot awaitQuiescent() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TestHost.WAIT_SECONDS);
        FabricSnapshot s = snapshot();
        while (!(s.quiescent() && hostsIdle())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not quiescent within " + TestHost.WAIT_SECONDS + " s: " + s);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            s = snapshot();
        }
        return s;
    }

    /**
     * Waits (bounded) until every call in the fabric is active, i.e. the callers' CONNECT ACKNOWLEDGEs have
     * arrived: a RELEASE sent before would cross one (STATUS 101 for the late CONNECT ACKNOWLEDGE), which is not
     * the ladder a test means.
     */
    public void awaitActive() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TestHost.WAIT_SECONDS);
        while (!snapshot().calls().stream().allMatch(c -> c.state() == FabricCallState.ACTIVE)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fabric calls not active in time: " + snapshot());
            }
            Thread.onSpinWait();
        }
    }

    private boolean hostsIdle() {
        for (TestHost h : hosts.values()) {
            if (h.on(l -> l.callCount() + l.runningTimers()) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param f a future of the fabric
     * @param <T> its value
     * @return its value, waited for at most {@link TestHost#WAIT_SECONDS}
     */
    public static <T> T get(CompletableFuture<T> f) {
        try {
            return f.get(TestHost.WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("fabric did not answer", e);
        }
    }

    /**
     * @param f a remote action
     * @return its status
     */
    public static Status status(CompletableFuture<Status> f) {
        return get(f);
    }

    @Override
    public void close() {
        for (UdpFaultRelay r : relays.values()) {
            r.close();
        }
        if (fabric != null) {
            fabric.close();
        }
        for (TestHost h : hosts.values()) {
            h.close();
        }
    }
}
