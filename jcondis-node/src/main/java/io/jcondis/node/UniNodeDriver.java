package io.jcondis.node;

import io.jcondis.core.Jcondis;
import io.jcondis.uni.mcm.UniCallManager;
import io.jcondis.uni.mcm.UniMapping;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code uni} driver: a {@link UniCallManager} whose hosts are the node's, signalling Q.2931 over SSCOP on UDP
 * to the configured peers (docs/node.md, "The uni driver"). The node's listen address is its signalling socket;
 * its data socket is the listen address with the port plus one, and so is each peer's (the wire conventions in
 * {@link UniMapping}). A peer announces the hosts given with it ({@code --peer n2=ADDR:PORT,hosts=hostb,hostc}), by
 * default the host named like it; calls between the node's own hosts are switched inside it unless
 * {@code --no-local-switching}.
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
            mcm = UniCallManager.install(runtime, "uni", UniCallManager.Config.of(listen, dataAddress(listen)));
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
