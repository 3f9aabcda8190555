package io.jcondis.uni.fabric;

import io.jcondis.uni.q2931.CalledPartyNumber;
import io.jcondis.uni.signal.Side;
import io.jcondis.uni.signal.UniLinkConfig;
import io.jcondis.uni.sscop.SscopConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Settings of a {@link UniFabric}.
 *
 * @param name        for threads and logs
 * @param bind        the local address the links' signalling sockets bind to (each link its own port)
 * @param dataBind    where the data socket binds (port 0: chosen by the system)
 * @param peers       one link per peer, names unique
 * @param sscop       SSCOP parameters of every link
 * @param link        Q.2931 timers of every link (the fabric is the network side)
 * @param hostOf      how a called party number names a host ({@link CalledAddress#DEFAULT})
 */
public record FabricConfig(String name, InetAddress bind, InetSocketAddress dataBind, List<PeerConfig> peers,
                           SscopConfig sscop, UniLinkConfig link,
                           Function<CalledPartyNumber, Optional<String>> hostOf) {

    /** @throws IllegalArgumentException if peer names repeat or the link config is not the network side */
    public FabricConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(dataBind, "dataBind");
        Objects.requireNonNull(sscop, "sscop");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(hostOf, "hostOf");
        peers = List.copyOf(peers);
        Set<String> names = new HashSet<>();
        for (PeerConfig p : peers) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("peer " + p.name() + " configured twice");
            }
        }
        if (link.side() != Side.NETWORK) {
            throw new IllegalArgumentException("the fabric is the network side of its links");
        }
    }

    /**
     * @param name  a name
     * @param peers the peers
     * @return loopback sockets, default SSCOP and network-side Q.2931 timers, the default address plan
     */
    public static FabricConfig loopback(String name, List<PeerConfig> peers) {
        InetAddress lo = InetAddress.getLoopbackAddress();
        return new FabricConfig(name, lo, new InetSocketAddress(lo, 0), peers, SscopConfig.defaults(),
                UniLinkConfig.defaults(Side.NETWORK).withNetworkModify(true), CalledAddress.DEFAULT);
    }

    /**
     * @param next SSCOP parameters
     * @return a copy with them
     */
    public FabricConfig withSscop(SscopConfig next) {
        return new FabricConfig(name, bind, dataBind, peers, next, link, hostOf);
    }

    /**
     * @param next Q.2931 timers (network side)
     * @return a copy with them
     */
    public FabricConfig withLink(UniLinkConfig next) {
        return new FabricConfig(name, bind, dataBind, peers, sscop, next, hostOf);
    }
}
