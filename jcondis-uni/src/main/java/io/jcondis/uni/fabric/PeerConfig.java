package io.jcondis.uni.fabric;

import java.net.InetSocketAddress;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One link of a {@link UniFabric}: the peer at the other end and the hosts it announces.
 *
 * <p>Text form (the node's {@code --peer} option): {@code NAME=ADDR:PORT[,hosts=h1,h2|*][,capacity=BYTES_PER_S]
 * [,data=ADDR:PORT][,local=PORT]}. Words after {@code hosts=} that contain no {@code =} are more host names. The
 * default hosts are {@code {NAME}}; {@code *} makes the link the default route.
 *
 * @param name        the peer's name (also the link's name in logs and snapshots)
 * @param address     the peer's signalling address (its SSCOP/UDP socket)
 * @param hosts       the host names the peer announces; {@code "*"} means every host
 * @param capacityBps the link's capacity in bytes/s, each direction
 * @param localPort   the port of the fabric's socket for this link (0: chosen by the system)
 * @param dataAddress the peer's data address (source and destination of its VC frames), if it has a data plane
 */
public record PeerConfig(String name, InetSocketAddress address, Set<String> hosts, long capacityBps, int localPort,
                         Optional<InetSocketAddress> dataAddress) {

    /** Default link capacity: 155.52 Mbit/s (OC-3), in bytes/s. */
    public static final long DEFAULT_CAPACITY_BPS = 155_520_000L / 8;

    /** @throws IllegalArgumentException if a value is out of range */
    public PeerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(dataAddress, "dataAddress");
        hosts = Set.copyOf(hosts);
        if (name.isBlank() || hosts.isEmpty()) {
            throw new IllegalArgumentException("a peer needs a name and at least one host");
        }
        if (capacityBps <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacityBps);
        }
        if (localPort < 0 || localPort > 0xFFFF) {
            throw new IllegalArgumentException("local port out of range: " + localPort);
        }
    }

    /**
     * @param name    peer name, announcing the host of the same name
     * @param address its signalling address
     * @return a peer with the default capacity, no fixed local port and no data address
     */
    public static PeerConfig of(String name, InetSocketAddress address) {
        return new PeerConfig(name, address, Set.of(name), DEFAULT_CAPACITY_BPS, 0, Optional.empty());
    }

    /**
     * @param announced host names ({@code "*"} for all)
     * @return a copy announcing them
     */
    public PeerConfig withHosts(String... announced) {
        return new PeerConfig(name, address, Set.of(announced), capacityBps, localPort, dataAddress);
    }

    /**
     * @param bps capacity in bytes/s
     * @return a copy with it
     */
    public PeerConfig withCapacity(long bps) {
        return new PeerConfig(name, address, hosts, bps, localPort, dataAddress);
    }

    /**
     * @param data the peer's data address
     * @return a copy with it
     */
    public PeerConfig withData(InetSocketAddress data) {
        return new PeerConfig(name, address, hosts, capacityBps, localPort, Optional.of(data));
    }

    /**
     * @param host a host name
     * @return whether this peer announces it (or {@code *})
     */
    public boolean announces(String host) {
        return hosts.contains(host) || hosts.contains("*");
    }

    /**
     * Parses the text form.
     *
     * @param text e.g. {@code "b=127.0.0.1:7001,hosts=hostb,hostc,capacity=1000000,data=127.0.0.1:7101"}
     * @return the peer
     * @throws IllegalArgumentException if the text is not of that form
     */
    public static PeerConfig parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] words = text.split(",");
        int eq = words[0].indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("peer must start with NAME=ADDR:PORT: " + text);
        }
        String name = words[0].substring(0, eq).trim();
        InetSocketAddress address = address(words[0].substring(eq + 1));
        Set<String> hosts = new LinkedHashSet<>();
        long capacity = DEFAULT_CAPACITY_BPS;
        int local = 0;
        Optional<InetSocketAddress> data = Optional.empty();
        boolean inHosts = false;
        for (int i = 1; i < words.length; i++) {
            String w = words[i].trim();
            int e = w.indexOf('=');
            if (e < 0) {
                if (!inHosts || w.isEmpty()) {
                    throw new IllegalArgumentException("unexpected '" + w + "' in peer " + text);
                }
                hosts.add(w);
                continue;
            }
            String key = w.substring(0, e);
            String value = w.substring(e + 1);
            inHosts = key.equals("hosts");
            switch (key) {
                case "hosts" -> hosts.add(value);
                case "capacity" -> capacity = Long.parseLong(value);
                case "data" -> data = Optional.of(address(value));
                case "local" -> local = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown peer option '" + key + "' in " + text);
            }
        }
        if (hosts.isEmpty()) {
            hosts.add(name);
        }
        return new PeerConfig(name, address, hosts, capacity, local, data);
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("address must be ADDR:PORT: " + hostPort);
        }
        return new InetSocketAddress(hostPort.substring(0, colon).trim(),
                Integer.parseInt(hostPort.substring(colon + 1).trim()));
    }
}
