package io.jcondis.node;

import io.jcondis.core.Jcondis;
import io.jcondis.uni.mcm.UniCallManager;
import io.jcondis.uni.mcm.UniMapping;
import io.jcondis.uni.signal.Side;
import io.jcondis.uni.signal.UniLinkConfig;
import io.jcondis.uni.sscop.SscopConfig;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code uni} driver: a {@link UniCallManager} whose hosts are the node's, signalling Q.2931 over SSCOP on UDP
 * to the configured peers (docs/node.md, "The uni driver"). The node's listen address is its signalling socket;
 * its data socket is the listen address with the port plus one, and so is each peer's (the wire conventions in
 * {@link UniMapping}). A peer announces the hosts given with it ({@code --peer n2=ADDR:PORT,hosts=hostb,hostc}), by
 * default the host named like it; calls between the node's own hosts are switched inside it unless
 * {@code --no-local-switching}. The node's {@code timer.NAME} values ({@link NodeConfig#TIMERS}) replace the SSCOP and
 * Q.2931 defaults ({@link #managerConfig}).
 */
public final class UniNodeDriver implements NodeDriver {
    /** Its provider, found by ServiceLoader. */
    public static final class Provider implements NodeDriverProvider {
        @Override
        public String name() {
            return NodeDrivers.UNI;
        }

        @Override
        public NodeDriver create(Jcondis runtime, NodeConfig config) {
            return new UniNodeDriver(runtime, config);
        }
    }

    private final NodeConfig config;
    private final UniCallManager mcm;
    private final List<String> started = new ArrayList<>();

    private UniNodeDriver(Jcondis runtime, NodeConfig config) {
        this.config = config;
        InetSocketAddress listen = config.listen();
        if (listen == null) {
            throw new IllegalArgumentException("driver uni needs --listen ADDR:PORT (its signalling socket)");
        }
        try {
            mcm = UniCallManager.install(runtime, "uni", managerConfig(config));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding " + listen, e);
        }
        runtime.onConductor(() -> {
            mcm.localSwitching(config.localSwitching());
            for (NodeConfig.Peer p : config.peers()) {
                mcm.addPeer(p.name(), p.address(), dataAddress(p.address()), p.hosts());
            }
            return null;
        });
    }

    /**
     * The call manager's configuration for a node: its sockets (listen address, data at port + 1), the SSCOP
     * parameters and the user-side Q.2931 timers, each timer the node gives ({@code timer.sscop-no-response},
     * {@code timer.t309}, ...) in place of the default.
     *
     * @param config a node configuration with a listen address
     * @return the configuration
     */
    public static UniCallManager.Config managerConfig(NodeConfig config) {
        Map<String, Long> t = config.timers();
        SscopConfig d = SscopConfig.defaults();
        SscopConfig sscop = new SscopConfig(ns(t, "sscop-cc", d.timerCcNs()), ns(t, "sscop-poll", d.timerPollNs()),
                ns(t, "sscop-keep-alive", d.timerKeepAliveNs()), ns(t, "sscop-no-response", d.timerNoResponseNs()),
                ns(t, "sscop-idle", d.timerIdleNs()), d.maxCc(), d.maxPd(), d.maxStat(), d.receiveWindow(),
                d.maxTransmitQueue());
        UniLinkConfig q = UniLinkConfig.defaults(Side.USER);
        UniLinkConfig link = new UniLinkConfig(q.side(), dur(t, "t303", q.t303()), dur(t, "t308", q.t308()),
                dur(t, "t309", q.t309()), dur(t, "t310", q.t310()), dur(t, "t313", q.t313()),
                dur(t, "t322", q.t322()), dur(t, "t360", q.t360()), dur(t, "t398", q.t398()),
                dur(t, "t399", q.t399()));
        InetSocketAddress listen = config.listen();
        return new UniCallManager.Config(listen, dataAddress(listen), sscop, link);
    }

    private static long ns(Map<String, Long> timers, String name, long defaultNs) {
        Long ms = timers.get(name);
        return ms == null ? defaultNs : TimeUnit.MILLISECONDS.toNanos(ms);
    }

    private static Duration dur(Map<String, Long> timers, String name, Duration defaultValue) {
        Long ms = timers.get(name);
        return ms == null ? defaultValue : Duration.ofMillis(ms);
    }

    /**
     * @param signalling a node's signalling address
     * @return its data address: the same host, the next port
     */
    public static InetSocketAddress dataAddress(InetSocketAddress signalling) {
        return UniMapping.dataAddress(signalling);
    }

    /**
     * A loopback signalling address whose port and port + 1 (the data socket) were both free when asked, for
     * starting nodes on loopback (tests, the script runner). Bounded: 50 tries.
     *
     * @return the address
     * @throws IllegalStateException if no pair was found
     */
    public static InetSocketAddress freeLoopbackAddress() {
        java.net.InetAddress lo = java.net.InetAddress.getLoopbackAddress();
        for (int i = 0; i < 50; i++) {
            int p;
            try (java.net.DatagramSocket s = new java.net.DatagramSocket(0, lo)) {
                p = s.getLocalPort();
            } catch (java.net.SocketException e) {
                continue;
            }
            if (p >= 65_535) {
                continue;
            }
            try (java.net.DatagramSocket s = new java.net.DatagramSocket(p + 1, lo)) {
                return new InetSocketAddress(lo, p);
            } catch (java.net.SocketException busy) {
                // Taken: try another.
            }
        }
        throw new IllegalStateException("no free loopback port pair");
    }

    /** @return the call manager (tests) */
    public UniCallManager callManager() {
        return mcm;
    }

    /**
     * The call manager's {@link UniCallManager.Snapshot} as {@code show} reports it under {@code driver}: calls,
     * reservations, Q.2931 calls and timers on the links, senders and receivers, dropped datagrams, and
     * {@code quiescent} (the leak check). Runs on the control plane.
     */
    @Override
    public Map<String, Object> snapshot() {
        UniCallManager.Snapshot s = mcm.snapshot();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("calls", s.calls());
        m.put("reservedBps", s.reservedBps());
        m.put("linkCalls", s.linkCalls());
        m.put("linkTimers", s.linkTimers());
        m.put("wireCalls", s.wireCalls());
        m.put("senders", s.senders());
        m.put("receivers", s.receivers());
        m.put("foreignDatagrams", s.foreignDatagrams());
        m.put("malformedDatagrams", s.malformedDatagrams());
        m.put("quiescent", s.isQuiescent());
        return m;
    }

    @Override
    public List<String> start() {
        return NodeDrivers.startHosts(config, mcm::addHost, started);
    }

    @Override
    public void close() {
        for (String h : started) {
            mcm.haltHost(h);
        }
        started.clear();
        // Closing the sockets waits for their loops: not on the control plane. Wire work already posted (RELEASEs
        // of the halted hosts' calls) runs first, since each loop runs its tasks in order.
        Thread closer = new Thread(mcm::close, "uni-driver-close");
        closer.setDaemon(true);
        closer.start();
    }
}
