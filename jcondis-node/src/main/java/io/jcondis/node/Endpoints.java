package io.jcondis.node;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Parses and formats {@code HOST:PORT} endpoints ({@code [v6]:PORT} for IPv6 literals). Stateless. */
public final class Endpoints {
    private Endpoints() {
    }

    /**
     * @param text {@code HOST:PORT}, {@code [V6]:PORT}; port 0..65535
     * @param what what the endpoint is, for the error message
     * @return the resolved address
     * @throws IllegalArgumentException naming {@code what} and the problem
     */
    public static InetSocketAddress parse(String text, String what) {
        String t = text == null ? "" : text.trim();
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new IllegalArgumentException(what + ": '" + t + "' is not HOST:PORT");
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException(what + ": write an IPv6 address as [ADDR]:PORT, not '" + t + "'");
        }
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": port '" + t.substring(colon + 1) + "' is not a number", e);
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(what + ": port " + port + " is outside 0..65535");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(what + ": unknown host '" + host + "'", e);
        }
    }

    /** @return {@code ADDR:PORT} with the numeric address ({@code [V6]:PORT}) */
    public static String format(InetSocketAddress a) {
        String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
