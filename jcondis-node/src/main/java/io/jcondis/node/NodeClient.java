package io.jcondis.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A blocking client of a node's control interface: one request line out, one reply line back. The CLI
 * commands, {@link NodeProcess} and tests use it. A plain socket rather than Netty: a command makes one
 * request and exits, so an event loop would only add threads. Not thread-safe; close it after use.
 */
public final class NodeClient implements AutoCloseable {
    /** Default bound on a reply: longer than the node's own request bound, so the node's TIMEOUT arrives first. */
    public static final int DEFAULT_REPLY_TIMEOUT_MS = 30_000;

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    private NodeClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
    }

    /**
     * Connects to a control address.
     *
     * @throws IOException when nothing answers there
     */
    public static NodeClient connect(InetSocketAddress control, int replyTimeoutMs) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(control, replyTimeoutMs);
            s.setSoTimeout(replyTimeoutMs);
            return new NodeClient(s);
        } catch (IOException e) {
            s.close();
            throw new IOException("no node answers on " + Endpoints.format(control) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Connects to the node named {@code name} through its state file in {@code stateDir}; with a null name,
     * to the only node that has a state file there.
     *
     * @throws IOException naming the problem: no such node, several nodes, a stale state file, no answer
     */
    public static NodeClient connect(Path stateDir, String name, int replyTimeoutMs) throws IOException {
        return connect(find(stateDir, name).control(), replyTimeoutMs);
    }

    /**
     * @return the state of node {@code name} (or of the only node when {@code name} is null)
     * @throws IOException naming the problem
     */
    public static NodeState find(Path stateDir, String name) throws IOException {
        String n = name;
        if (n == null) {
            List<String> all = NodeState.list(stateDir);
            if (all.isEmpty()) {
                throw new IOException("no node is running (no state file in " + stateDir + ")");
            }
            if (all.size() > 1) {
                throw new IOException("several nodes are running (" + String.join(", ", all)
                        + "): name one with --node");
            }
            n = all.get(0);
        }
        NodeState st = NodeState.read(stateDir, n);
        if (st == null) {
            List<String> all = NodeState.list(stateDir);
            throw new IOException("unknown node '" + n + "': no state file " + NodeState.file(stateDir, n)
                    + (all.isEmpty() ? "" : " (running: " + String.join(", ", all) + ")"));
        }
        if (!st.isAlive()) {
            throw new IOException("node '" + n + "' is not running: its process " + st.pid()
                    + " is gone (stale state file " + NodeState.file(stateDir, n) + ")");
        }
        return st;
    }

    /**
     * Sends {@code request} and reads its reply.
     *
     * @throws IOException when the connection fails, the reply does not arrive in time or is not a reply
     */
    public ControlReply request(ControlRequest request) throws IOException {
        return ControlReply.parse(requestLine(request.toLine()));
    }

    /**
     * Sends one raw line (tests of malformed requests) and returns the raw reply line.
     *
     * @throws IOException when the connection fails or no reply arrives in time
     */
    public String requestLine(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        try {
            String reply = in.readLine();
            if (reply == null) {
                throw new IOException("the node closed the connection without a reply");
            }
            return reply;
        } catch (SocketTimeoutException e) {
            throw new IOException("no reply within " + socket.getSoTimeout() + " ms", e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
