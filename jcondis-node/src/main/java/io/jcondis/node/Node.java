package io.jcondis.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcondis.api.FlowSpec;
import io.jcondis.api.Ndis;
import io.jcondis.api.PartyHandle;
import io.jcondis.api.Result;
import io.jcondis.api.SapHandle;
import io.jcondis.api.Status;
import io.jcondis.api.VcHandle;
import io.jcondis.api.callmanager.CallManagerHandlers;
import io.jcondis.api.callmanager.CallManagerServices;
import io.jcondis.api.callmanager.McmServices;
import io.jcondis.api.client.ClientHandlers;
import io.jcondis.api.client.ClientServices;
import io.jcondis.api.miniport.MiniportHandlers;
import io.jcondis.api.miniport.MiniportServices;
import io.jcondis.core.ErrorHandler;
import io.jcondis.core.Jcondis;
import io.jcondis.core.JcondisContext;
import io.jcondis.core.RuntimeSnapshot;
import io.jcondis.core.ThreadingMode;
import io.jcondis.tck.ClientAgent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A running node: a runtime in DEDICATED mode, a driver ({@link NodeDriver}), one {@link ClientAgent} per host
 * and the control server, which answers the JSON-lines requests of docs/node.md ({@code listen}, {@code call},
 * {@code send}, {@code drop}, {@code show}, {@code ping}, {@code stop}).
 *
 * <pre>
 *   control client ──TCP line──▶ ControlServer (Netty I/O thread)
 *                                   │ one request at a time
 *                                   ▼
 *                          jcondis-node-requests thread ── Node.handle ──▶ onConductor(...) ──▶ ClientAgent
 *                                   ▲                                                              │
 *                                   └──── waits (bounded) for ◀── ObservedClient records completions ◀┘
 *                                                                  (on the jcondis-conductor thread)
 * </pre>
 *
 * <p>Threading: {@link #handle} may be called from any thread; requests are answered one at a time, each
 * waiting at most the configured request bound for the network. Every read or write of agent and
 * {@link CallBook} state happens inside {@code Jcondis.onConductor}. {@link #close()} may be called from any
 * thread, more than once: it refuses new requests, runs the R6 teardown of every client (bounded), stops the
 * driver, the control server and the runtime, and removes the state file.
 */
public final class Node implements NodeMain.Served {
    /** Largest packet {@code send} sends, bytes. */
    public static final int MAX_PACKET_BYTES = 65_535;
    /** Most packets one {@code send} request sends. */
    public static final int MAX_SEND_COUNT = 1_000_000;
    /**
     * Most packets one {@code send} request keeps outstanding (sent, not yet completed): a quarter of the uni
     * data path's per-sender queue (1024 frames, beyond which a send is refused with RESOURCES).
     */
    public static final int SEND_WINDOW = 256;

    private final NodeConfig config;
    private final Consumer<String> log;
    private final Jcondis ndis;
    private final CallBook book = new CallBook();
    private final Map<String, ClientAgent> agents = new LinkedHashMap<>();
    private final Map<String, String> hostOfAddress = new LinkedHashMap<>();
    private final Object signal = new Object();
    /** Bumped by every client handler (under {@link #signal}); waiters sleep until it moves. */
    private long version;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicLong handlerErrors = new AtomicLong();
    private NodeDriver driver;
    private ControlServer server;
    private Path stateFile;

    private Node(NodeConfig config, Consumer<String> log) {
        this.config = config;
        this.log = log;
        this.ndis = Jcondis.launch(new JcondisContext().threadingMode(ThreadingMode.DEDICATED)
                .errorHandler(new ErrorHandler() {
                    @Override
                    public void onHandlerException(String drv, String handler, Throwable error) {
                        handlerErrors.incrementAndGet();
                        log.accept("error: " + drv + "." + handler + " threw " + error);
                    }

                    @Override
                    public void onContractViolation(String drv, String rule, String message) {
                        log.accept("contract violation by " + drv + " (" + rule + "): " + message);
                    }
                }));
    }

    /**
     * Starts a node: concludes {@code config}, starts the driver and a client agent per host, waits (bounded)
     * for every host's address family to open, starts the control server and writes the state file.
     *
     * @param log receives one line per client event and node action (the {@code node} command prints them)
     * @throws IllegalArgumentException for a bad configuration or an unavailable driver (nothing is left running)
     * @throws IllegalStateException    when a node of that name is already running
     * @throws IOException              when the control address cannot be bound or the state file written
     */
    public static Node start(NodeConfig config, Consumer<String> log) throws IOException {
        config.conclude();
        NodeDriverProvider provider = NodeDrivers.find(config.driver());
        NodeState existing = NodeState.read(config.stateDir(), config.name());
        if (existing != null && existing.isAlive()) {
            throw new IllegalStateException("node " + config.name() + " is already running (pid " + existing.pid()
                    + ", control " + Endpoints.format(existing.control()) + ")");
        }
        Node node = new Node(config, log);
        try {
            node.startUp(provider);
            return node;
        } catch (RuntimeException | IOException e) {
            node.close();
            throw e;
        }
    }

    private void startUp(NodeDriverProvider provider) throws IOException {
        driver = provider.create(ndis, config);
        Ndis observed = observingRuntime();
        for (NodeConfig.HostSpec h : config.hosts()) {
            agents.put(h.name(), new ClientAgent("client@" + h.name(), h.name()).log(log).attach(observed));
            hostOfAddress.put(h.name(), h.name());
            h.aliases().forEach(a -> hostOfAddress.put(a, h.name()));
        }
        ndis.onConductor(driver::start);
        if (!awaitUntil(() -> agents.values().stream().allMatch(a -> a.af() != null),
                TimeUnit.MILLISECONDS.toNanos(config.requestTimeoutMs()))) {
            throw new IllegalStateException("node " + config.name() + ": not every host's address family opened"
                    + " within " + config.requestTimeoutMs() + " ms");
        }
        server = ControlServer.start(config.control(), this::handle);
        stateFile = new NodeState(config.name(), ProcessHandle.current().pid(), server.address(), config.driver(),
                List.copyOf(agents.keySet())).write(config.stateDir());
    }

    /** The runtime as the agents see it: their handlers are wrapped in {@link ObservedClient}s. */
    private Ndis observingRuntime() {
        return new Ndis() {
            @Override
            public ClientServices registerClient(String name, ClientHandlers handlers) {
                String host = name.substring(name.indexOf('@') + 1);
                return ndis.registerClient(name, new ObservedClient(host, handlers, book, Node.this::changed));
            }

            @Override
            public CallManagerServices registerCallManager(String name, CallManagerHandlers handlers) {
                return ndis.registerCallManager(name, handlers);
            }

            @Override
            public MiniportServices registerMiniport(String name, MiniportHandlers handlers) {
                return ndis.registerMiniport(name, handlers);
            }

            @Override
            public McmServices registerMcm(String name, MiniportHandlers miniport, CallManagerHandlers cm) {
                return ndis.registerMcm(name, miniport, cm);
            }
        };
    }

    private void changed() {
        synchronized (signal) {
            version++;
            signal.notifyAll();
        }
    }

    /**
     * Waits until {@code condition} (evaluated on the conductor) holds, re-checking after every client event.
     *
     * @return false when it did not hold within {@code timeoutNs}
     */
    private boolean awaitUntil(BooleanSupplier condition, long timeoutNs) {
        long deadline = System.nanoTime() + timeoutNs;
        while (true) {
            long seen;
            synchronized (signal) {
                seen = version;
            }
            if (ndis.onConductor(condition::getAsBoolean)) {
                return true;
            }
            synchronized (signal) {
                while (version == seen) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(signal, left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
            }
        }
    }

    private void await(BooleanSupplier condition, String what) {
        if (!awaitUntil(condition, TimeUnit.MILLISECONDS.toNanos(config.requestTimeoutMs()))) {
            throw new RequestException(ControlError.TIMEOUT, what + " did not complete within "
                    + config.requestTimeoutMs() + " ms");
        }
    }

    private <T> T locked(Supplier<T> action) {
        return ndis.onConductor(action);
    }

    // ------------------------------------------------------------------------------------------- accessors

    /** @return the concluded configuration */
    public NodeConfig config() {
        return config;
    }

    /** @return the bound control address */
    public InetSocketAddress controlAddress() {
        return server.address();
    }

    /** @return the state file */
    public Path stateFile() {
        return stateFile;
    }

    /** @return the runtime (tests, tools) */
    public Jcondis runtime() {
        return ndis;
    }

    /** @return the one line the node prints when it is ready (docs/node.md) */
    public String readyLine() {
        return "jcondis node " + config.name() + " ready: control " + Endpoints.format(controlAddress())
                + " driver " + config.driver() + " hosts " + String.join(",", agents.keySet()) + " pid "
                + ProcessHandle.current().pid() + " state " + stateFile;
    }

    // ---------------------------------------------------------------------------------------------- requests

    /** Answers one request line (the control server calls this; so do in-process tests). Never throws. */
    public ControlReply handle(String line) {
        ControlRequest request;
        try {
            request = ControlRequest.parse(line);
        } catch (RequestException e) {
            return ControlReply.error(ControlRequest.idOf(line), e.error(), e.getMessage());
        }
        return handle(request);
    }

    /** Answers one request. Never throws: every failure is an error reply, and the node is unaffected. */
    public ControlReply handle(ControlRequest request) {
        JsonNode id = request.id();
        if (stopping.get()) {
            return ControlReply.error(id, ControlError.SHUTTING_DOWN, "node " + config.name() + " is stopping");
        }
        try {
            JsonNode result = switch (request.op()) {
                case "ping" -> ping();
                case "listen" -> listen(request);
                case "call" -> call(request);
                case "send" -> send(request);
                case "drop" -> drop(request);
                case "show" -> show(request);
                case "stop" -> stop();
                default -> throw new RequestException(ControlError.UNKNOWN_OP, "unknown op '" + request.op()
                        + "' (ops: ping, listen, call, send, drop, show, stop)");
            };
            return ControlReply.ok(id, result);
        } catch (RequestException e) {
            return ControlReply.error(id, e.error(), e.getMessage());
        } catch (RuntimeException e) {
            log.accept("error: request " + request + " failed: " + e);
            return ControlReply.error(id, ControlError.INTERNAL, request.op() + " failed inside the node: " + e);
        }
    }

    private ObjectNode ping() {
        ObjectNode o = ControlRequest.JSON.createObjectNode();
        o.put("node", config.name());
        o.put("pid", ProcessHandle.current().pid());
        o.put("driver", config.driver());
        agents.keySet().forEach(o.putArray("hosts")::add);
        return o;
    }

    private ObjectNode stop() {
        Thread t = new Thread(this::close, "jcondis-node-stop");
        t.setDaemon(false);
        t.start();
        ObjectNode o = ControlRequest.JSON.createObjectNode();
        o.put("node", config.name());
        o.put("stopping", true);
        return o;
    }

    private ClientAgent hostNamed(String name) {
        String host = hostOfAddress.get(name);
        if (host == null) {
            throw new RequestException(ControlError.UNKNOWN_HOST, name + " is not a host or address of node "
                    + config.name() + " (hosts: " + String.join(", ", agents.keySet()) + ")");
        }
        return agents.get(host);
    }

    private static String[] splitAddress(ControlRequest r, String key, String text) {
        String[] parts = text.split(":", 2);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new RequestException(ControlError.BAD_ARGUMENT, r.op() + ": " + key + " '" + text
                    + "' is not ADDRESS:SELECTOR");
        }
        return parts;
    }

    private void requireAfOpen(ClientAgent agent) {
        if (agent.af() == null) {
            throw new RequestException(ControlError.WRONG_STATE, "the address family on " + hostOf(agent)
                    + " is not open");
        }
    }

    private static String hostOf(ClientAgent agent) {
        return agent.name().substring(agent.name().indexOf('@') + 1);
    }

    /** B1: {@code {"op":"listen","sap":"hostb:video"[,"host":"hostb"]}}. */
    private ObjectNode listen(ControlRequest r) {
        String sap = r.text("sap");
        String[] parts = splitAddress(r, "sap", sap);
        ClientAgent agent;
        if (r.has("host")) {
            agent = hostNamed(r.text("host"));
        } else if (parts[0].equals("*")) {
            if (agents.size() != 1) {
                throw new RequestException(ControlError.BAD_ARGUMENT, "listen: SAP " + sap
                        + " has a wildcard address; name the host (hosts: " + String.join(", ", agents.keySet())
                        + ")");
            }
            agent = agents.values().iterator().next();
        } else {
            agent = hostNamed(parts[0]);
        }
        SapHandle handle = locked(() -> {
            requireAfOpen(agent);
            if (agent.saps().containsKey(sap)) {
                throw new RequestException(ControlError.WRONG_STATE, "SAP " + sap + " is already registered on "
                        + hostOf(agent));
            }
            Status st = agent.registerSap(sap);
            SapHandle h = agent.saps().get(sap);
            if (h == null || st.isFailure()) {
                throw new RequestException(ControlError.REFUSED, "SAP " + sap + " refused: " + st);
            }
            return h;
        });
        await(() -> book.hasCompleted(CallBook.Op.REGISTER_SAP, handle)
                || !handle.equals(agent.saps().get(sap)), "registering SAP " + sap);
        Status st = locked(() -> book.takeCompletion(CallBook.Op.REGISTER_SAP, handle));
        if (st != null && !st.isSuccess()) {
            throw new RequestException(ControlError.REFUSED, "SAP " + sap + " refused: " + st);
        }
        ObjectNode o = ControlRequest.JSON.createObjectNode();
        o.put("sap", sap);
        o.put("host", hostOf(agent));
        o.put("handle", handle.toString());
        return o;
    }

    private static FlowSpec flow(long rateBps) {
        return rateBps < 0 ? FlowSpec.BEST_EFFORT : FlowSpec.guaranteed(rateBps, rateBps, MAX_PACKET_BYTES);
    }

    /** D1 + E1 (+ E3): {@code {"op":"call","to":"hostb:video","from":"hosta","tx":"1M","rx":0,"multipoint":[..]}}. */
    private ObjectNode call(ControlRequest r) {
        String to = r.text("to");
        splitAddress(r, "to", to);
        ClientAgent agent = r.has("from") ? hostNamed(r.text("from")) : agents.values().iterator().next();
        FlowSpec tx = flow(r.number("tx", -1, 0, FlowSpec.NOT_SPECIFIED - 1));
        FlowSpec rx = flow(r.number("rx", -1, 0, FlowSpec.NOT_SPECIFIED - 1));
        List<String> leaves = r.texts("multipoint");
        leaves.forEach(l -> splitAddress(r, "multipoint", l));
        boolean multipoint = !leaves.isEmpty();
        String host = hostOf(agent);
        Result<VcHandle> made = locked(() -> {
            requireAfOpen(agent);
            Result<VcHandle> res = agent.call(to, tx, rx, multipoint);
            if (res.value() != null) {
                book.calls.put(res.value().id(), new CallBook.CallRecord(host, true, to, multipoint, tx, rx));
            }
            return res;
        });
        VcHandle vc = made.value();
        if (vc == null) {
            throw new RequestException(ControlError.REFUSED, "call from " + host + " to " + to
                    + ": no VC: " + made.status());
        }
        Status st = made.status();
        if (st.isPending()) {
            await(() -> book.hasCompleted(CallBook.Op.MAKE_CALL, vc), "call " + vc + " to " + to);
            st = locked(() -> book.takeCompletion(CallBook.Op.MAKE_CALL, vc));
        }
        if (!st.isSuccess()) {
            locked(() -> {
                agent.deleteVc(vc);
                book.forget(vc.id());
                return null;
            });
            throw new RequestException(ControlError.REFUSED, "call from " + host + " to " + to + " failed: " + st);
        }
        ObjectNode o = callJson(agent, vc);
        ArrayNode parties = o.putArray("added");
        for (String leaf : leaves) {
            parties.add(addParty(agent, vc, leaf));
        }
        return o;
    }

    private ObjectNode addParty(ClientAgent agent, VcHandle vc, String leaf) {
        Result<PartyHandle> added = locked(() -> {
            Result<PartyHandle> res = agent.addParty(vc, leaf);
            if (res.value() != null) {
                book.parties.put(res.value().id(), new CallBook.PartyRecord(vc.id(), leaf));
            }
            return res;
        });
        Status st = added.status();
        PartyHandle party = added.value();
        if (st.isPending() && party != null) {
            await(() -> book.hasCompleted(CallBook.Op.ADD_PARTY, party), "adding party " + leaf + " to " + vc);
            st = locked(() -> book.takeCompletion(CallBook.Op.ADD_PARTY, party));
        }
        ObjectNode p = ControlRequest.JSON.createObjectNode();
        p.put("to", leaf);
        p.put("party", party == null || !st.isSuccess() ? null : party.toString());
        p.put("status", st.toString());
        return p;
    }

    private ObjectNode callJson(ClientAgent agent, VcHandle vc) {
        return locked(() -> {
            ClientAgent.VcInfo info = agent.vc(vc);
            CallBook.CallRecord rec = book.calls.get(vc.id());
            ObjectNode o = ControlRequest.JSON.createObjectNode();
            o.put("call", vc.toString());
            o.put("host", hostOf(agent));
            o.put("state", info == null ? "GONE" : info.state());
            if (rec != null) {
                o.put("direction", rec.outgoing ? "out" : "in");
                o.put("address", rec.address);
                o.put("multipoint", rec.multipoint);
                o.set("tx", flowJson(rec.transmit));
                o.set("rx", flowJson(rec.receive));
            }
            ArrayNode parties = o.putArray("parties");
            if (info != null) {
                info.parties().forEach(p -> parties.add(p.toString()));
            }
            return o;
        });
    }

    private static ObjectNode flowJson(FlowSpec f) {
        ObjectNode o = ControlRequest.JSON.createObjectNode();
        if (f == null) {
            return o;
        }
        o.put("service", switch ((int) f.serviceType()) {
            case (int) FlowSpec.SERVICETYPE_NOTRAFFIC -> "no-traffic";
            case (int) FlowSpec.SERVICETYPE_BESTEFFORT -> "best-effort";
            case (int) FlowSpec.SERVICETYPE_CONTROLLEDLOAD -> "controlled-load";
            case (int) FlowSpec.SERVICETYPE_GUARANTEED -> "guaranteed";
            default -> "0x" + Long.toHexString(f.serviceType());
        });
        putSpecified(o, "peakBps", f.peakBandwidthBps());
        putSpecified(o, "rateBps", f.tokenRateBps());
        putSpecified(o, "maxSduBytes", f.maxSduSizeBytes());
        return o;
    }

    private static void putSpecified(ObjectNode o, String key, long v) {
        if (v != FlowSpec.NOT_SPECIFIED) {
            o.put(key, v);
        }
    }

    /** A call found by its id, with the agent that holds it. */
    private record Found(ClientAgent agent, VcHandle vc) {
    }

    private Found findCall(ControlRequest r) {
        String text = r.text("call");
        long id = parseId(r, "call", text, "vc#");
        VcHandle vc = new VcHandle(id);
        return locked(() -> {
            for (ClientAgent a : agents.values()) {
                if (a.vc(vc) != null) {
                    return new Found(a, vc);
                }
            }
            throw new RequestException(ControlError.UNKNOWN_CALL, "no call " + vc + " on node " + config.name()
                    + " (it never existed or is closed)");
        });
    }

    private static long parseId(ControlRequest r, String key, String text, String prefix) {
        String digits = text.startsWith(prefix) ? text.substring(prefix.length()) : text;
        if (!digits.matches("[1-9][0-9]{0,17}")) {
            throw new RequestException(ControlError.BAD_ARGUMENT, r.op() + ": " + key + " '" + text + "' is not "
                    + prefix + "N or N");
        }
        return Long.parseLong(digits);
    }

    private void requireState(Found f, String state, String what) {
        String now = f.agent.vc(f.vc).state();
        if (!now.equals(state)) {
            throw new RequestException(ControlError.WRONG_STATE, "call " + f.vc + " is " + now + ", not " + state
                    + ": cannot " + what);
        }
    }

    /**
     * F1: {@code {"op":"send","call":"vc#5","count":10,"bytes":64}}. Paced: at most {@link #SEND_WINDOW} packets
     * are outstanding (sent, send-complete not yet seen) at a time; when the window is full the request waits
     * until half of it has completed, then fills it again. The whole request, sends and completions, is bounded
     * by the request timeout; what was not sent or not completed by then is named in the TIMEOUT message.
     */
    private ObjectNode send(ControlRequest r) {
        Found f = findCall(r);
        long count = r.number("count", 1, 1, MAX_SEND_COUNT);
        int bytes = (int) r.number("bytes", 64, 1, MAX_PACKET_BYTES);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.requestTimeoutMs());
        SendTally before = locked(() -> {
            requireState(f, "CONNECTED", "send");
            return tally(f);
        });
        byte[] payload = new byte[bytes];
        long accepted = 0;
        long issued = 0;
        Status firstRefusal = null;
        boolean timedOut = false;
        while (issued < count && !timedOut) {
            long done = locked(() -> tally(f).completedSince(before));
            long room = Math.min(SEND_WINDOW - Math.max(0, accepted - done), count - issued);
            if (room <= 0) {
                // Window full: wait (bounded by the request's deadline) until half of it has completed.
                long lowWater = accepted - SEND_WINDOW / 2;
                timedOut = !awaitUntil(() -> tally(f).completedSince(before) >= lowWater,
                        deadline - System.nanoTime());
                continue;
            }
            for (long i = 0; i < room; i++) {
                // Requests may come from any thread; the runtime serializes them (a packet per lock round trip).
                Status st = f.agent.send(f.vc, payload);
                issued++;
                if (st.isPending() || st.isSuccess()) {
                    accepted++;
                } else if (firstRefusal == null) {
                    firstRefusal = st;
                }
            }
        }
        long sent = accepted;
        if (!timedOut) {
            timedOut = !awaitUntil(() -> tally(f).completedSince(before) >= sent, deadline - System.nanoTime());
        }
        SendTally after = locked(() -> {
            CallBook.CallRecord rec = book.calls.get(f.vc.id());
            if (rec != null) {
                rec.packetsSent += sent;
                rec.bytesSent += sent * bytes;
            }
            return tally(f);
        });
        Map<Status.Code, Long> statuses = after.statusesSince(before);
        long completed = statuses.values().stream().mapToLong(Long::longValue).sum();
        if (timedOut) {
            throw new RequestException(ControlError.TIMEOUT, "sending " + count + " packets on " + f.vc + ": "
                    + sent + " sent, " + completed + " completed " + statuses + ", " + Math.max(0, sent - completed)
                    + " in flight, " + (issued > sent ? issued - sent + " refused, " : "") + (count - issued)
                    + " not sent within " + config.requestTimeoutMs() + " ms");
        }
        ObjectNode o = ControlRequest.JSON.createObjectNode();
        o.put("call", f.vc.toString());
        o.put("sent", sent);
        o.put("bytes", sent * bytes);
        o.put("refused", issued - accepted);
        if (firstRefusal != null) {
            o.put("firstRefusal", firstRefusal.toString());
        }
        o.put("completed", completed);
        ObjectNode byStatus = o.putObject("statuses");
        statuses.forEach((code, n) -> byStatus.put(code.name(), n));
        o.put("sendsCompleted", after.succeeded());
        o.put("sendsFailed", after.failed());
        return o;
    }

    /**
     * A call's send completions at one moment (read on the conductor): the agent's totals and the node's count
     * per status; all zero once the call is gone.
     */
    private record SendTally(boolean gone, long succeeded, long failed, Map<Status.Code, Long> byStatus) {
        /** @return completions seen since {@code earlier}; {@code Long.MAX_VALUE} once the call is gone */
        long completedSince(SendTally earlier) {
            return gone ? Long.MAX_VALUE : succeeded + failed - earlier.succeeded - earlier.failed;
        }

        /** @return completions per status since {@code earlier}, statuses in code order, zeros left out */
        Map<Status.Code, Long> statusesSince(SendTally earlier) {
            Map<Status.Code, Long> d = new EnumMap<>(Status.Code.class);
            byStatus.forEach((code, n) -> {
                long delta = n - earlier.byStatus.getOrDefault(code, 0L);
                if (delta > 0) {
                    d.put(code, delta);
                }
            });
            return d;
        }
    }

    /** Conductor only. */
    private SendTally tally(Found f) {
        ClientAgent.VcInfo info = f.agent.vc(f.vc);
        CallBook.CallRecord rec = book.calls.get(f.vc.id());
        Map<Status.Code, Long> byStatus = rec == null ? Map.of() : new EnumMap<>(rec.sendStatuses);
        return info == null ? new SendTally(true, 0, 0, byStatus)
                : new SendTally(false, info.sendsCompleted(), info.sendsFailed(), byStatus);
    }

    /** E4 / E9: {@code {"op":"drop","call":"vc#5"[,"party":"party#7"]}}. */
    private ObjectNode drop(ControlRequest r) {
        Found f = findCall(r);
        ObjectNode o = ControlRequest.JSON.createObjectNode();
        o.put("call", f.vc.toString());
        if (r.has("party")) {
            PartyHandle party = new PartyHandle(parseId(r, "party", r.text("party"), "party#"));
            locked(() -> {
                ClientAgent.VcInfo info = f.agent.vc(f.vc);
                if (!info.parties().contains(party)) {
                    throw new RequestException(ControlError.UNKNOWN_PARTY, "call " + f.vc + " has no party " + party
                            + " (parties: " + info.parties() + ")");
                }
                if (info.parties().size() == 1) {
                    throw new RequestException(ControlError.WRONG_STATE, party + " is the last party of " + f.vc
                            + " (R22): drop the call instead");
                }
                return null;
            });
            Status st = dropParty(f, party);
            o.put("party", party.toString());
            o.put("status", st.toString());
            if (!st.isSuccess()) {
                throw new RequestException(ControlError.REFUSED, "dropping " + party + " from " + f.vc + ": " + st);
            }
            return o;
        }
        List<PartyHandle> extra = locked(() -> {
            String state = f.agent.vc(f.vc).state();
            if (!state.equals("CONNECTED") && !state.equals("ACCEPTED")) {
                throw new RequestException(ControlError.WRONG_STATE, "call " + f.vc + " is " + state
                        + ", not CONNECTED: cannot drop it");
            }
            List<PartyHandle> all = new ArrayList<>(f.agent.vc(f.vc).parties());
            return all.size() <= 1 ? List.<PartyHandle>of() : all.subList(1, all.size());
        });
        for (PartyHandle p : extra) {
            dropParty(f, p);
        }
        Status st = locked(() -> f.agent.closeCall(f.vc));
        if (st.isPending()) {
            await(() -> book.hasCompleted(CallBook.Op.CLOSE_CALL, f.vc) || f.agent.vc(f.vc) == null
                    || f.agent.vc(f.vc).state().equals("IDLE"), "closing " + f.vc);
            Status done = locked(() -> book.takeCompletion(CallBook.Op.CLOSE_CALL, f.vc));
            st = done == null ? Status.SUCCESS : done;
        }
        if (!st.isSuccess()) {
            throw new RequestException(ControlError.REFUSED, "closing " + f.vc + ": " + st);
        }
        locked(() -> {
            // An outgoing call leaves an idle VC the node created (R24 allows reuse); the node deletes it (D7).
            ClientAgent.VcInfo info = f.agent.vc(f.vc);
            CallBook.CallRecord rec = book.calls.get(f.vc.id());
            if (info != null && info.state().equals("IDLE") && rec != null && rec.outgoing) {
                f.agent.deleteVc(f.vc);
            }
            if (f.agent.vc(f.vc) == null) {
                book.forget(f.vc.id());
            }
            return null;
        });
        o.put("status", st.toString());
        o.put("droppedParties", extra.size());
        return o;
    }

    private Status dropParty(Found f, PartyHandle party) {
        Status st = locked(() -> f.agent.dropParty(party));
        if (st.isPending()) {
            await(() -> book.hasCompleted(CallBook.Op.DROP_PARTY, party), "dropping " + party);
            st = locked(() -> book.takeCompletion(CallBook.Op.DROP_PARTY, party));
        }
        return st;
    }

    /** {@code {"op":"show"[,"what":"afs|saps|vcs|calls|parties"]}}. */
    private ObjectNode show(ControlRequest r) {
        String what = r.optText("what");
        List<String> sections = List.of("afs", "saps", "vcs", "calls", "parties");
        if (what != null && !sections.contains(what)) {
            throw new RequestException(ControlError.BAD_ARGUMENT, "show: '" + what + "' is not one of "
                    + String.join(", ", sections));
        }
        return locked(() -> {
            ObjectNode o = ControlRequest.JSON.createObjectNode();
            o.put("node", config.name());
            for (String s : sections) {
                if (what == null || what.equals(s)) {
                    o.set(s, section(s));
                }
            }
            RuntimeSnapshot snap = ndis.snapshot();
            ObjectNode rt = o.putObject("runtime");
            rt.put("afOpens", snap.afOpens());
            rt.put("saps", snap.saps());
            rt.put("vcs", snap.vcs());
            rt.put("parties", snap.parties());
            rt.put("pendingRequests", snap.pendingRequests());
            rt.put("violations", snap.violations());
            rt.put("handlerErrors", snap.handlerErrors());
            Map<String, Object> drv = driver.snapshot();
            if (!drv.isEmpty()) {
                o.set("driver", ControlRequest.JSON.valueToTree(drv));
            }
            return o;
        });
    }

    private ArrayNode section(String s) {
        ArrayNode rows = ControlRequest.JSON.createArrayNode();
        for (ClientAgent a : agents.values()) {
            String host = hostOf(a);
            switch (s) {
                case "afs" -> {
                    ObjectNode o = rows.addObject();
                    o.put("host", host);
                    o.put("bound", a.binding() != null);
                    o.put("af", a.af() == null ? null : a.af().toString());
                    o.put("open", a.af() != null);
                    o.put("saps", a.saps().size());
                    o.put("vcs", a.vcs().size());
                }
                case "saps" -> a.saps().forEach((text, h) -> {
                    ObjectNode o = rows.addObject();
                    o.put("host", host);
                    o.put("sap", text);
                    o.put("handle", h.toString());
                });
                case "vcs" -> a.vcs().forEach((vc, info) -> rows.add(vcJson(host, vc, info)));
                case "calls" -> a.vcs().forEach((vc, info) -> {
                    if (!info.state().equals("IDLE")) {
                        rows.add(callJson(a, vc));
                    }
                });
                default -> a.vcs().forEach((vc, info) -> info.parties().forEach(p -> {
                    ObjectNode o = rows.addObject();
                    o.put("party", p.toString());
                    o.put("call", vc.toString());
                    o.put("host", host);
                    CallBook.PartyRecord pr = book.parties.get(p.id());
                    o.put("address", pr == null ? null : pr.address());
                }));
            }
        }
        return rows;
    }

    private ObjectNode vcJson(String host, VcHandle vc, ClientAgent.VcInfo info) {
        ObjectNode o = ControlRequest.JSON.createObjectNode();
        CallBook.CallRecord rec = book.calls.get(vc.id());
        o.put("vc", vc.toString());
        o.put("host", host);
        o.put("state", info.state());
        o.put("direction", rec == null ? null : rec.outgoing ? "out" : "in");
        o.put("packetsSent", rec == null ? 0 : rec.packetsSent);
        o.put("bytesSent", rec == null ? 0 : rec.bytesSent);
        o.put("sendsCompleted", info.sendsCompleted());
        o.put("sendsFailed", info.sendsFailed());
        o.put("packetsReceived", info.packetsReceived());
        o.put("bytesReceived", info.bytesReceived());
        o.put("runtime", ndis.describeVc(vc.id()));
        return o;
    }

    // ---------------------------------------------------------------------------------------------- shutdown

    /**
     * Stops the node (bounded): refuses new requests, runs the R6 teardown of every host's client (drop
     * parties, close calls, delete VCs, deregister SAPs, close the AF) for at most the shutdown bound, stops
     * the driver, the control server and the runtime, and removes the state file. Idempotent; later callers
     * wait (bounded) for the first.
     */
    @Override
    public void close() {
        if (!stopping.compareAndSet(false, true)) {
            awaitStopped(config.shutdownTimeoutMs() * 2);
            return;
        }
        try {
            int calls = locked(() -> (int) agents.values().stream().flatMap(a -> a.vcs().values().stream())
                    .filter(v -> !v.state().equals("IDLE")).count());
            locked(() -> {
                agents.values().forEach(ClientAgent::shutdown);
                return null;
            });
            boolean clean = awaitUntil(() -> agents.values().stream().allMatch(ClientAgent::isIdle),
                    TimeUnit.MILLISECONDS.toNanos(config.shutdownTimeoutMs()));
            if (driver != null) {
                locked(() -> {
                    driver.close();
                    return null;
                });
            }
            log.accept("node " + config.name() + " stopping: " + calls + " call(s) released (R6), teardown "
                    + (clean ? "complete" : "incomplete after " + config.shutdownTimeoutMs() + " ms"));
        } finally {
            if (server != null) {
                server.close();
            }
            ndis.close();
            deleteStateFile();
            log.accept("node " + config.name() + " stopped");
            stopped.countDown();
        }
    }

    private void deleteStateFile() {
        if (stateFile == null) {
            return;
        }
        try {
            Files.deleteIfExists(stateFile);
        } catch (IOException e) {
            log.accept("error: could not remove the state file " + stateFile + ": " + e);
        }
    }

    /** Waits (bounded) until the node has stopped; returns false if it had not within {@code timeoutMs}. */
    public boolean awaitStopped(long timeoutMs) {
        try {
            return stopped.await(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @return true once {@link #close()} has finished */
    public boolean isStopped() {
        return stopped.getCount() == 0;
    }
}
