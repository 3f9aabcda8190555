package io.jcondis.uni.fabric;

import io.jcondis.api.Packet;
import io.jcondis.api.Result;
import io.jcondis.api.Status;
import io.jcondis.uni.data.TrafficContract;
import io.jcondis.uni.data.UdpDataEndpoint;
import io.jcondis.uni.data.VcId;
import io.jcondis.uni.data.VcReceiver;
import io.jcondis.uni.data.VcSender;
import io.jcondis.uni.q2931.AddParty;
import io.jcondis.uni.q2931.Alerting;
import io.jcondis.uni.q2931.AtmTrafficDescriptor;
import io.jcondis.uni.q2931.CallProceeding;
import io.jcondis.uni.q2931.CalledPartyNumber;
import io.jcondis.uni.q2931.Cause;
import io.jcondis.uni.q2931.CauseValue;
import io.jcondis.uni.q2931.ConnectionIdentifier;
import io.jcondis.uni.q2931.ModifyRequest;
import io.jcondis.uni.q2931.Q2931Message;
import io.jcondis.uni.q2931.Setup;
import io.jcondis.uni.q2931.TrafficParameter;
import io.jcondis.uni.q2931.UserUserInformation;
import io.jcondis.uni.signal.CallParameters;
import io.jcondis.uni.signal.Outcome;
import io.jcondis.uni.signal.Saal;
import io.jcondis.uni.signal.UniCallId;
import io.jcondis.uni.signal.UniCallState;
import io.jcondis.uni.signal.UniEvent;
import io.jcondis.uni.signal.UniLink;
import io.jcondis.uni.signal.UniLinkConfig;
import io.jcondis.uni.sscop.EventLoopTimers;
import io.jcondis.uni.sscop.SscopUdpEndpoint;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The transit switch of the UNI driver: the network side of one Q.2931/SSCOP/UDP link per peer, bridging the
 * half-calls of every call that crosses it.
 *
 * <pre>
 *   calling end                       UniFabric                           called end(s)
 *   root link A  SETUP ----------&gt;  route by called number  ----SETUP----&gt;  leaf link B
 *                CALL PROC/ALERT/CONNECT &lt;--- relayed &lt;--- CALL PROC/ALERT/CONNECT
 *                CONNECT ACK ----------------------------------------&gt; CONNECT ACK (held until then)
 *                ADD PARTY ----&gt; SETUP of its own on the party's leaf link, endpoint reference 0
 *                ADD PARTY ACK &lt;--- CONNECT;  STATUS ENQUIRY / STATUS ---&gt; CONNECT ACK (held until then)
 *                RELEASE / DROP PARTY / MODIFY &lt;-------- relayed both ways, causes carried through --------&gt;
 *   frames (A, VPI/VCI a) ======== data socket: replicated to every leaf link ========&gt; (B, VPI/VCI b)
 * </pre>
 *
 * <h2>Routing and addresses</h2>
 * A SETUP's called party number names a host ({@link FabricConfig#hostOf()}); the call goes to the first link whose
 * peer announces the host (or {@code *}). No such link: RELEASE COMPLETE cause 3 (no route to destination); the
 * host's link halted: cause 27 (destination out of order). Each half-call uses one VPI/VCI on its link, chosen by
 * the side that sends the SETUP and given in its connection identifier (exclusive VPCI and VCI): the calling end
 * chooses on its link (the fabric refuses a pair already in use with cause 35), the fabric chooses on the called
 * end's link from the upper half of the VCI space (VPI 0, VCI 32768..65535), so the ends keep the lower half. A
 * SETUP without an exclusive connection identifier gets a call without a data path on that link.
 *
 * <h2>Admission control</h2>
 * Each link has a capacity in bytes/s per direction. A call holds exactly the peak cell rates of its traffic
 * descriptor (CLP=0+1, else CLP=0), converted at 48 payload bytes per cell: forward rate up the root link and
 * down every leaf link (once per leaf link for a point-to-multipoint call: the fabric replicates), backward rate
 * the other way for point-to-point calls. A call, a party on a new leaf link or a modification that does not fit
 * is refused with cause 37 (user cell rate not available; Q.2931 keeps 49 for QoS classes, which the fabric does
 * not police). Reservations are given back when a call starts clearing, when a leaf link's half-call ends, and
 * when a modification is rejected (back to the old rates).
 *
 * <h2>Threading</h2>
 * Single-threaded: one Netty event loop ({@code fabric-<name>}) runs every link's socket, SSCOP entity and
 * {@link UniLink}, every timer and all call state. The links' events are queued and handled one at a time
 * (run-to-completion), so a handler that acts on another link never sees the fabric half-way through another
 * event. Public methods may be called from any thread: they post to the loop and return a future (a test waits on
 * it with a bound). The data path runs on the data socket's own loop and touches only its forwarding entries
 * (a receiver's sink holds its sender) and atomic counters; the fabric loop opens and closes those entries.
 */
public final class UniFabric implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(UniFabric.class.getName());
    /** Payload bytes per ATM cell: the unit of the capacity conversion. */
    public static final int CELL_PAYLOAD_BYTES = 48;
    /** The first VCI the fabric allocates; the ends use VCIs below it. */
    public static final int FIRST_FABRIC_VCI = 32_768;
    private static final Map<FabricCallState, Set<FabricCallState>> MOVES = new EnumMap<>(FabricCallState.class);

    static {
        MOVES.put(FabricCallState.SETTING_UP, EnumSet.of(FabricCallState.ACTIVE, FabricCallState.CLEARING));
        MOVES.put(FabricCallState.ACTIVE, EnumSet.of(FabricCallState.CLEARING));
        MOVES.put(FabricCallState.CLEARING, EnumSet.noneOf(FabricCallState.class));
    }

    private final FabricConfig config;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final UdpDataEndpoint data;
    /** Written on the loop only (after construction); read under its own lock from other threads. */
    private final Map<String, Link> links = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    /** Every link's signalling goes here too, when set ({@link #capture}); loop only. */
    private io.jcondis.uni.data.DatagramTap tap;
    // Everything below: fabric loop only.
    private final Map<Long, FabricCall> calls = new LinkedHashMap<>();
    private final Map<HalfKey, FabricCall> byHalf = new HashMap<>();
    private final ArrayDeque<Runnable> work = new ArrayDeque<>();
    private boolean dispatching;
    private long nextCallId = 1;
    private long callsRouted;
    private long partiesRouted;
    private final Map<Integer, Long> refused = new TreeMap<>();
    // Data loop writes, any thread reads.
    private final AtomicLong framesForwarded = new AtomicLong();
    private final AtomicLong framesDropped = new AtomicLong();

    private UniFabric(FabricConfig config) throws InterruptedException {
        this.config = config;
        group = new NioEventLoopGroup(1, new DefaultThreadFactory("fabric-" + config.name(), true));
        loop = group.next();
        UdpDataEndpoint d = null;
        try {
            d = UdpDataEndpoint.bind(config.name() + "-data", config.dataBind(), UdpDataEndpoint.Config.defaults());
            for (PeerConfig p : config.peers()) {
                Link link = bindLink(p);
                links.put(p.name(), link);
            }
            data = d;
            await(onLoop(() -> {
                for (Link link : links.values()) {
                    startLink(link);
                }
                return null;
            }));
        } catch (InterruptedException | RuntimeException e) {
            closeSockets(d);
            throw e;
        }
    }

    /**
     * Binds the fabric's sockets (one signalling socket per peer, one data socket) and starts its loop. Links come
     * up on demand: when a peer starts the association or the fabric has a SETUP for it.
     *
     * @param config the settings
     * @return the running fabric
     * @throws InterruptedException if interrupted while binding
     */
    public static UniFabric start(FabricConfig config) throws InterruptedException {
        return new UniFabric(Objects.requireNonNull(config, "config"));
    }

    /** @return the configuration */
    public FabricConfig config() {
        return config;
    }

    /**
     * @param peer a peer name
     * @return the fabric's signalling address for that peer's link (where the peer must send)
     * @throws IllegalArgumentException for an unknown peer
     */
    public InetSocketAddress linkAddress(String peer) {
        Link l = links.get(peer);
        if (l == null) {
            throw new IllegalArgumentException("no peer " + peer);
        }
        return l.endpoint.localAddress();
    }

    /**
     * Points a link at another peer address (a peer that moved, or a relay in a test). Any thread.
     *
     * @param peer    a peer name
     * @param address where the link's datagrams go from now on (and the only source it accepts)
     * @throws IllegalArgumentException for an unknown peer
     */
    public void peerAddress(String peer, InetSocketAddress address) {
        Link l = links.get(peer);
        if (l == null) {
            throw new IllegalArgumentException("no peer " + peer);
        }
        l.endpoint.peer(address);
    }

    private Link bindLink(PeerConfig p) throws InterruptedException {
        Link link = new Link(p);
        link.endpoint = SscopUdpEndpoint.bind(config.name() + "-" + p.name(),
                new InetSocketAddress(config.bind(), p.localPort()), config.sscop(),
                (sscop, signal) -> {
                    if (link.uni != null) {
                        link.uni.onAaSignal(signal);
                    }
                }, loop);
        link.endpoint.peer(p.address());
        return link;
    }

    /** On the loop: the link's call control. */
    private void startLink(Link link) {
        link.uni = new UniLink(config.name() + "-" + link.peer.name(), config.link(),
                new EventLoopTimers(loop), Saal.over(link.endpoint.sscop()),
                event -> post(() -> onEvent(link, event)));
        // End-to-end connect: a called end's CONNECT is acknowledged once the calling end has acknowledged the
        // relayed CONNECT, so the called user is never connected before the caller (as in the embedded switch).
        link.uni.holdConnectAcknowledge(true);
        if (tap != null) {
            link.endpoint.capture(tap);
        }
    }

    /**
     * Adds a link while the fabric runs (a host that joins: the script runner adds one per script host). Any
     * thread but the fabric's loop.
     *
     * @param peer the peer; its name must be new
     * @return the fabric's signalling address for the new link; {@code INVALID_PARAMETER} as an
     *     {@link IllegalArgumentException} when the name is taken
     * @throws InterruptedException if interrupted while binding
     */
    public CompletableFuture<InetSocketAddress> addPeer(PeerConfig peer) throws InterruptedException {
        Objects.requireNonNull(peer, "peer");
        if (links.containsKey(peer.name())) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("peer " + peer.name() + " exists"));
        }
        Link link = bindLink(peer);
        return onLoop(() -> {
            if (links.containsKey(peer.name())) {
                link.endpoint.close();
                throw new IllegalArgumentException("peer " + peer.name() + " exists");
            }
            links.put(peer.name(), link);
            startLink(link);
            return link.endpoint.localAddress();
        });
    }

    /**
     * Removes a link that carries no call: its association is dropped locally (no PDU) and its socket closed. Any
     * thread.
     *
     * @param peer a peer name
     * @return {@code SUCCESS}; {@code INVALID_PARAMETER} for an unknown peer; {@code NOT_ACCEPTED} while a call
     *     of the fabric uses the link
     */
    public CompletableFuture<Status> removePeer(String peer) {
        return onLoop(() -> {
            Link l = links.get(peer);
            if (l == null) {
                return Status.INVALID_PARAMETER.withDescription("no peer " + peer);
            }
            for (FabricCall fc : calls.values()) {
                if (fc.rootLink == l || fc.branches.stream().anyMatch(b -> b.link == l && !b.gone)) {
                    return Status.NOT_ACCEPTED.withDescription("link " + peer + " carries a call");
                }
            }
            links.remove(peer);
            l.endpoint.close();
            return Status.SUCCESS;
        });
    }

    /**
     * Records every signalling datagram of every link, present and future (the node's {@code --capture}). Any
     * thread.
     *
     * @param capture where the datagrams go (on the fabric's loop)
     * @return done when the links present record
     */
    public CompletableFuture<Void> capture(io.jcondis.uni.data.DatagramTap capture) {
        Objects.requireNonNull(capture, "capture");
        return onLoop(() -> {
            tap = capture;
            for (Link l : links.values()) {
                l.endpoint.capture(capture);
            }
            return null;
        });
    }

    /** @return the fabric's data address (where the peers send VC frames) */
    public InetSocketAddress dataAddress() {
        return data.localAddress();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Remote actions and queries (any thread)

    /**
     * The network releases a call: RELEASE with the cause on every link of the call (each end sees its call
     * cleared by the network).
     *
     * @param call  the call
     * @param cause the cause
     * @return {@code SUCCESS}; {@code INVALID_HANDLE} for an unknown call; {@code NOT_ACCEPTED} if it is already
     *     clearing
     */
    public CompletableFuture<Status> release(FabricCallId call, CauseValue cause) {
        Objects.requireNonNull(cause, "cause");
        return onLoop(() -> {
            FabricCall fc = lookup(call);
            if (fc == null) {
                return Status.INVALID_HANDLE;
            }
            if (fc.state == FabricCallState.CLEARING) {
                return Status.NOT_ACCEPTED;
            }
            clearCall(fc, cause);
            return Status.SUCCESS;
        });
    }

    /**
     * A leaf leaves a point-to-multipoint call: DROP PARTY towards the root (RELEASE if it was the last party) and
     * DROP PARTY towards the leaf (RELEASE if it was the last party on its link).
     *
     * @param call              the call
     * @param endpointReference the party's endpoint reference on the root's link
     * @param cause             the cause
     * @return {@code SUCCESS}; {@code INVALID_HANDLE} for an unknown call or party; {@code NOT_ACCEPTED} for a
     *     point-to-point or clearing call
     */
    public CompletableFuture<Status> dropParty(FabricCallId call, int endpointReference, CauseValue cause) {
        Objects.requireNonNull(cause, "cause");
        return onLoop(() -> {
            FabricCall fc = lookup(call);
            if (fc == null) {
                return Status.INVALID_HANDLE;
            }
            if (!fc.multipoint || fc.state == FabricCallState.CLEARING) {
                return Status.NOT_ACCEPTED;
            }
            Party p = fc.parties.remove(endpointReference);
            if (p == null) {
                return Status.INVALID_HANDLE;
            }
            // The fabric's own action carries no close data.
            partyLostTowardsRoot(fc, p, cause, Optional.empty());
            partyLostTowardsLeaf(fc, p, cause, Optional.empty());
            return Status.SUCCESS;
        });
    }

    /**
     * The network changes the traffic descriptor of a point-to-point call: admitted against the capacity of both
     * links, then MODIFY REQUEST towards the called end (the only end on whose link the fabric owns the call, as
     * Q.2963.1 lets only the call's owner modify). Completes when MODIFY ACKNOWLEDGE or REJECT arrives.
     *
     * @param call              the call
     * @param trafficDescriptor the new descriptor
     * @return {@code SUCCESS} (acknowledged, reservations at the new rates); {@code CELLRATE_NOT_AVAILABLE}
     *     (refused by admission control); {@code FAILURE} (rejected by the end, the old rates stay);
     *     {@code INVALID_HANDLE}; {@code NOT_ACCEPTED} (not active, point-to-multipoint, modification outstanding)
     */
    public CompletableFuture<Status> modify(FabricCallId call, AtmTrafficDescriptor trafficDescriptor) {
        return modify(call, trafficDescriptor, Optional.empty(), false);
    }

    /**
     * As {@link #modify(FabricCallId, AtmTrafficDescriptor)}, with user-user information to carry in the MODIFY
     * REQUEST, and towards either end. Towards the owner (the calling end) is the jcondis extension of Q.2963.1
     * (docs/uni.md, GAP decision "QoS change towards the owner"): it needs {@link UniLinkConfig#networkModify()}
     * at the fabric's links, and the owner answers MODIFY ACKNOWLEDGE or REJECT as a called end would; the called
     * half-call keeps its descriptor.
     *
     * @param call              the call
     * @param trafficDescriptor the new descriptor
     * @param userUser          user-user information for the MODIFY REQUEST (the exact flowspecs), if any
     * @param towardsOwner      send MODIFY REQUEST to the calling end instead of the called end
     * @return as {@link #modify(FabricCallId, AtmTrafficDescriptor)}
     */
    public CompletableFuture<Status> modify(FabricCallId call, AtmTrafficDescriptor trafficDescriptor,
                                            Optional<UserUserInformation> userUser, boolean towardsOwner) {
        return modify(call, trafficDescriptor, userUser, towardsOwner, Optional.empty());
    }

    /**
     * As {@link #modify(FabricCallId, AtmTrafficDescriptor, Optional, boolean)}, then, once that end acknowledged,
     * a second MODIFY REQUEST with the same descriptor towards the other end, carrying {@code otherEnd} (the
     * network changed the whole call: both ends must re-admit and re-shape, while only the first end's user is
     * told; the user-user information says so, docs/uni.md "QoS change by the network"). Completes when the
     * second is answered: {@code SUCCESS} if both acknowledged; {@code FAILURE} if the other end rejected (the
     * first end keeps the new rates: the fabric reports it rather than undo an acknowledged change).
     *
     * @param otherEnd user-user information for the MODIFY REQUEST to the other end; empty for none
     * @return as {@link #modify(FabricCallId, AtmTrafficDescriptor)}
     */
    public CompletableFuture<Status> modify(FabricCallId call, AtmTrafficDescriptor trafficDescriptor,
                                            Optional<UserUserInformation> userUser, boolean towardsOwner,
                                            Optional<UserUserInformation> otherEnd) {
        Objects.requireNonNull(trafficDescriptor, "trafficDescriptor");
        Objects.requireNonNull(userUser, "userUser");
        Objects.requireNonNull(otherEnd, "otherEnd");
        CompletableFuture<Status> done = new CompletableFuture<>();
        onLoop(() -> {
            FabricCall fc = lookup(call);
            if (fc == null) {
                done.complete(Status.INVALID_HANDLE);
            } else {
                Status s = startModify(fc, trafficDescriptor, userUser, towardsOwner, otherEnd, done);
                if (!s.equals(Status.PENDING)) {
                    done.complete(s);
                }
            }
            return null;
        });
        return done;
    }

    /**
     * The link to a host goes down: every call on it is released with cause 41 (temporary failure) on every link
     * it crosses, then the association is ended (SSCOP END). Until {@link #resumeHost}, SETUPs arriving on the link
     * are refused with cause 41 and calls to its hosts with cause 27.
     *
     * @param host a peer name, or a host a peer announces
     * @return {@code SUCCESS}; {@code INVALID_PARAMETER} for an unknown host
     */
    public CompletableFuture<Status> haltHost(String host) {
        return onLoop(() -> {
            Link l = linkOf(host);
            if (l == null) {
                return Status.INVALID_PARAMETER.withDescription("no link for host " + host);
            }
            l.halted = true;
            for (FabricCall fc : new ArrayList<>(calls.values())) {
                if (fc.rootLink == l) {
                    clearCall(fc, CauseValue.TEMPORARY_FAILURE);
                    continue;
                }
                for (Branch b : new ArrayList<>(fc.branches)) {
                    if (b.link == l && !b.gone) {
                        branchLost(fc, b, CauseValue.TEMPORARY_FAILURE, true);
                    }
                }
            }
            endHaltedLink(l);
            return Status.SUCCESS;
        });
    }

    /**
     * Lets a halted link carry calls again (the association comes up on demand).
     *
     * @param host a peer name, or a host a peer announces
     * @return {@code SUCCESS}; {@code INVALID_PARAMETER} for an unknown host
     */
    public CompletableFuture<Status> resumeHost(String host) {
        return onLoop(() -> {
            Link l = linkOf(host);
            if (l == null) {
                return Status.INVALID_PARAMETER.withDescription("no link for host " + host);
            }
            l.halted = false;
            return Status.SUCCESS;
        });
    }

    /**
     * Changes a link's capacity (the free capacity moves by the same amount; calls already admitted stay).
     *
     * @param host        a peer name, or a host a peer announces
     * @param capacityBps the new capacity, bytes/s each direction
     * @return {@code SUCCESS}; {@code INVALID_PARAMETER} for an unknown host or a capacity not positive;
     *     {@code RESOURCES} if it is below what is reserved now
     */
    public CompletableFuture<Status> capacity(String host, long capacityBps) {
        return onLoop(() -> {
            Link l = linkOf(host);
            if (l == null || capacityBps <= 0) {
                return Status.INVALID_PARAMETER.withDescription("no link for host " + host + " or bad capacity");
            }
            if (capacityBps < l.upReserved || capacityBps < l.downReserved) {
                return Status.RESOURCES.withDescription("link " + l.peer.name() + " has " + l.upReserved + " up, "
                        + l.downReserved + " down reserved");
            }
            l.capacityBps = capacityBps;
            return Status.SUCCESS;
        });
    }

    /** @return a snapshot of every call, link and counter, taken on the loop */
    public CompletableFuture<FabricSnapshot> snapshot() {
        return onLoop(this::takeSnapshot);
    }

    /**
     * Stops the fabric at once: every socket is closed with no message sent (the peers see the links fail). Waits
     * a few seconds at most. Idempotent; not from the fabric's loop.
     */
    @Override
    public void close() {
        closeSockets(data);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private void closeSockets(UdpDataEndpoint d) {
        List<Link> all;
        synchronized (links) {
            all = new ArrayList<>(links.values());
        }
        for (Link l : all) {
            if (l.endpoint != null) {
                l.endpoint.close();
            }
        }
        if (d != null) {
            d.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Loop plumbing

    private <T> CompletableFuture<T> onLoop(Supplier<T> action) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            loop.execute(() -> post(() -> {
                try {
                    f.complete(action.get());
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, config.name() + ": request failed", e);
                    f.completeExceptionally(e);
                }
            }));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            f.complete(null);
        }
        return f;
    }

    private static <T> T await(CompletableFuture<T> f) throws InterruptedException {
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("fabric loop did not answer", e);
        }
    }

    /** Queues work and runs the queue unless it is already running further up the stack (run-to-completion). */
    private void post(Runnable task) {
        work.add(task);
        if (dispatching) {
            return;
        }
        dispatching = true;
        try {
            Runnable next;
            while ((next = work.poll()) != null) {
                try {
                    next.run();
                } catch (RuntimeException e) {
                    // A bug in one handler must not stop the loop or leave the queue stuck.
                    LOG.log(System.Logger.Level.ERROR, config.name() + ": event handler failed", e);
                }
            }
        } finally {
            dispatching = false;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Events of the links

    private void onEvent(Link link, UniEvent event) {
        if (event instanceof UniEvent.MessageReceived m) {
            onMessage(link, m.call(), m.message());
        } else if (event instanceof UniEvent.CallActive a) {
            onCallActive(link, a.call());
        } else if (event instanceof UniEvent.CallCleared c) {
            onCallCleared(link, c);
        } else if (event instanceof UniEvent.PartyActive p) {
            onPartyActive(link, p);
        } else if (event instanceof UniEvent.PartyCleared p) {
            onPartyCleared(link, p);
        } else if (event instanceof UniEvent.ModifyCompleted m) {
            onModifyCompleted(link, m);
        } else if (event instanceof UniEvent.ProtocolError e) {
            LOG.log(System.Logger.Level.DEBUG, () -> link.name() + ": protocol error " + e);
        } else if (event instanceof UniEvent.LinkDown) {
            LOG.log(System.Logger.Level.INFO, () -> link.name() + ": signalling link down");
        }
    }

    private void onMessage(Link link, UniCallId call, Q2931Message message) {
        if (message instanceof Setup s) {
            onSetup(link, call, s);
            return;
        }
        FabricCall fc = byHalf.get(new HalfKey(link, call));
        if (fc == null || fc.state == FabricCallState.CLEARING) {
            return;
        }
        boolean root = fc.rootLink == link && fc.rootCall.equals(call);
        UniLink rootUni = fc.rootLink.uni;
        UniCallState rootState = rootUni.callState(fc.rootCall);
        if (message instanceof CallProceeding && !root && firstBranch(fc, link, call)) {
            if (rootState == UniCallState.U6_CALL_PRESENT) {
                rootUni.callProceeding(fc.rootCall);
            }
        } else if (message instanceof Alerting && !root && firstBranch(fc, link, call)) {
            if (rootState == UniCallState.U6_CALL_PRESENT || rootState == UniCallState.U9_INCOMING_CALL_PROCEEDING) {
                rootUni.alerting(fc.rootCall);
            }
        } else if (message instanceof AddParty a && root) {
            onAddParty(fc, a);
        } else if (message instanceof ModifyRequest m && root) {
            onModifyRequest(fc, m);
        } else if (message instanceof io.jcondis.uni.q2931.Status && root) {
            onRootStatus(fc);
        }
    }

    /** Whether the half-call carries the call's set-up (the point-to-point leg, or the first party's branch). */
    private static boolean firstBranch(FabricCall fc, Link link, UniCallId call) {
        return !fc.branches.isEmpty() && fc.branches.get(0).link == link && fc.branches.get(0).call.equals(call)
                && fc.state == FabricCallState.SETTING_UP;
    }

    private void onSetup(Link link, UniCallId call, Setup setup) {
        UniLink uni = link.uni;
        if (link.halted) {
            refuse(link, call, CauseValue.TEMPORARY_FAILURE);
            return;
        }
        CalledPartyNumber called = setup.calledPartyNumber().orElseThrow();
        Link out = route(called);
        if (out == null) {
            refuse(link, call, CauseValue.NO_ROUTE_TO_DESTINATION);
            return;
        }
        if (out.halted) {
            refuse(link, call, CauseValue.DESTINATION_OUT_OF_ORDER);
            return;
        }
        VcId rootVc = null;
        Optional<ConnectionIdentifier> ci = setup.connectionIdentifier();
        if (ci.isPresent() && ci.get().preferredExclusive() == ConnectionIdentifier.EXCLUSIVE_VPCI_EXCLUSIVE_VCI) {
            if (ci.get().vpci() > VcId.MAX_VPI || link.vcs.contains(new VcId(ci.get().vpci(), ci.get().vci()))) {
                refuse(link, call, CauseValue.REQUESTED_VPCI_VCI_NOT_AVAILABLE);
                return;
            }
            rootVc = new VcId(ci.get().vpci(), ci.get().vci());
        }
        boolean multipoint = setup.endpointReference().isPresent();
        FabricCall fc = new FabricCall(new FabricCallId(nextCallId++), link, call, multipoint, setup,
                setup.trafficDescriptor().orElseThrow(), rootVc);
        if (!admit(fc, fc.traffic, List.of(out))) {
            refuse(link, call, CauseValue.USER_CELL_RATE_NOT_AVAILABLE);
            return;
        }
        if (rootVc != null) {
            link.vcs.add(rootVc);
        }
        calls.put(fc.id.value(), fc);
        byHalf.put(new HalfKey(link, call), fc);
        Party first = multipoint ? new Party(UniLink.FIRST_PARTY) : null;
        if (first != null) {
            fc.parties.put(first.rootEp, first);
        }
        callsRouted++;
        if (openBranch(fc, out, called, first) == null) {
            clearCall(fc, CauseValue.TEMPORARY_FAILURE);
        }
        if (uni.callState(call) == UniCallState.U0_NULL) {
            // The refusal above already ended the half-call; nothing else will.
            forgetIfDone(fc);
        }
    }

    /** Opens a half-call towards {@code out}: SETUP with the root's elements, a fabric VPI/VCI and the party. */
    private Branch openBranch(FabricCall fc, Link out, CalledPartyNumber called, Party party) {
        VcId vc = out.allocateVc();
        if (vc == null) {
            return null;
        }
        Setup s = fc.setup;
        CallParameters params = new CallParameters(called, s.callingPartyNumber(), s.aalParameters(), fc.traffic,
                s.bearerCapability().orElseThrow(), s.qosParameter(),
                Optional.of(ConnectionIdentifier.exclusive(vc.vpi(), vc.vci())), fc.multipoint, fc.userUser);
        Outcome<UniCallId> o = out.uni.setup(params);
        if (!o.succeeded()) {
            out.vcs.remove(vc);
            LOG.log(System.Logger.Level.INFO, () -> out.name() + ": SETUP not possible: " + o.status());
            return null;
        }
        Branch b = new Branch(out, o.value(), vc);
        fc.branches.add(b);
        byHalf.put(new HalfKey(out, b.call), fc);
        if (party != null) {
            party.branch = b;
            party.leafEp = UniLink.FIRST_PARTY;
            party.phase = PartyPhase.ADDING;
            b.byLeaf.put(party.leafEp, party);
        }
        return b;
    }

    private void refuse(Link link, UniCallId call, CauseValue cause) {
        refused.merge(cause.code(), 1L, Long::sum);
        link.uni.release(call, cause);
    }

    private Link route(CalledPartyNumber called) {
        Optional<String> host = config.hostOf().apply(called);
        if (host.isEmpty()) {
            return null;
        }
        for (Link l : links.values()) {
            if (l.peer.hosts().contains(host.get())) {
                return l;
            }
        }
        for (Link l : links.values()) {
            if (l.peer.announces(host.get())) {
                return l;
            }
        }
        return null;
    }

    private Link linkOf(String host) {
        Link l = links.get(host);
        if (l != null) {
            return l;
        }
        for (Link k : links.values()) {
            if (k.peer.hosts().contains(host)) {
                return k;
            }
        }
        return null;
    }

    private void onCallActive(Link link, UniCallId call) {
        FabricCall fc = byHalf.get(new HalfKey(link, call));
        if (fc == null || fc.state == FabricCallState.CLEARING) {
            return;
        }
        if (fc.rootLink == link && fc.rootCall.equals(call)) {
            if (fc.state == FabricCallState.SETTING_UP) {
                fc.transition(FabricCallState.ACTIVE);
            }
            cancelConnectGuard(fc);
            for (Branch b : new ArrayList<>(fc.branches)) {
                if (b.active && !b.gone) {
                    acknowledgeBranch(b);
                }
            }
            return;
        }
        Branch b = fc.branch(link, call);
        if (b == null) {
            return;
        }
        b.active = true;
        // The data path opens before CONNECT goes out: the calling end may send as soon as it has CONNECT.
        if (!fc.multipoint) {
            openPointToPointPath(fc, b);
            fc.rootLink.uni.connect(fc.rootCall);
            armConnectGuard(fc);
            return;
        }
        addLeafPath(fc, b);
        Party party = b.byLeaf.get(UniLink.FIRST_PARTY);
        if (party == null) {
            return;
        }
        partyConnected(fc, party);
        if (party.rootEp != UniLink.FIRST_PARTY) {
            // Added by ADD PARTY: the root learnt it from ADD PARTY ACKNOWLEDGE, which nothing acknowledges.
            acknowledgeAfterRootStatus(fc, b);
        } else if (fc.rootLink.uni.callState(fc.rootCall) == UniCallState.U10_ACTIVE) {
            acknowledgeBranch(b);
        } else {
            armConnectGuard(fc);
        }
    }

    /**
     * Holds an added party's CONNECT ACKNOWLEDGE until the root has certainly processed the ADD PARTY
     * ACKNOWLEDGE sent for it: the fabric asks the root STATUS ENQUIRY (Q.2931 5.6.11, allowed at any time) after
     * it, and the root, which handles its link's messages in order, answers STATUS only after it has taken the
     * acknowledgement. So the root's party is active before the leaf's call (the embedded switch's order:
     * add-party complete, then call connected). One enquiry is outstanding per call at a time (T322); branches
     * connected meanwhile wait for the next one. A root that never answers clears the call (T322 twice, cause
     * 41); the leaf's T313 clears a branch held too long (cause 102; the root then sees the party dropped).
     */
    private void acknowledgeAfterRootStatus(FabricCall fc, Branch b) {
        fc.awaitingRootStatus.add(b);
        enquireRoot(fc);
    }

    /** Sends STATUS ENQUIRY on the root call for the branches waiting, unless one is already outstanding. */
    private void enquireRoot(FabricCall fc) {
        if (!fc.enquiryCovers.isEmpty() || fc.awaitingRootStatus.isEmpty()) {
            return;
        }
        if (fc.rootLink.uni.statusEnquiry(fc.rootCall).isSuccess()) {
            fc.enquiryCovers.addAll(fc.awaitingRootStatus);
            fc.awaitingRootStatus.clear();
        }
        // Refused: another enquiry is outstanding (link recovery); its STATUS sends ours (onRootStatus).
    }

    /** The root answered a STATUS ENQUIRY: the branches the enquiry covered get their CONNECT ACKNOWLEDGE. */
    private void onRootStatus(FabricCall fc) {
        List<Branch> covered = new ArrayList<>(fc.enquiryCovers);
        fc.enquiryCovers.clear();
        for (Branch b : covered) {
            if (!b.gone) {
                acknowledgeBranch(b);
            }
        }
        enquireRoot(fc);
    }

    /** The calling end has the connection (or the party): the leaf link's held CONNECT ACKNOWLEDGE goes. */
    private static void acknowledgeBranch(Branch b) {
        UniLink leaf = b.link.uni;
        if (leaf.connectAcknowledgeHeld(b.call)) {
            leaf.acknowledgeConnect(b.call);
        }
    }

    /**
     * Bounds the wait for the calling end's CONNECT ACKNOWLEDGE to half of T313, so that the called end's T313
     * (running since it sent CONNECT) never fires first: if the calling end has not acknowledged by then, both
     * halves are cleared with cause 102 (recovery on timer expiry).
     */
    private void armConnectGuard(FabricCall fc) {
        if (fc.connectGuard != null) {
            return;
        }
        long ns = config.link().t313().toNanos() / 2;
        fc.connectGuard = loop.schedule(() -> post(() -> {
            fc.connectGuard = null;
            if (fc.state == FabricCallState.SETTING_UP && calls.get(fc.id.value()) == fc) {
                LOG.log(System.Logger.Level.INFO, () -> config.name() + ": call " + fc.id.value()
                        + ": calling end did not acknowledge CONNECT");
                clearCall(fc, CauseValue.RECOVERY_ON_TIMER_EXPIRY);
            }
        }), ns, TimeUnit.NANOSECONDS);
    }

    private static void cancelConnectGuard(FabricCall fc) {
        if (fc.connectGuard != null) {
            fc.connectGuard.cancel(false);
            fc.connectGuard = null;
        }
    }

    /** A party answered on its leaf link: the root learns it (CONNECT for the call's first party). */
    private void partyConnected(FabricCall fc, Party p) {
        if (p.phase != PartyPhase.ADDING) {
            return;
        }
        p.phase = PartyPhase.ACTIVE;
        UniLink root = fc.rootLink.uni;
        if (p.rootEp == UniLink.FIRST_PARTY && root.callState(fc.rootCall) != UniCallState.U10_ACTIVE) {
            root.connect(fc.rootCall);
        } else {
            root.acceptAddParty(fc.rootCall, p.rootEp);
        }
    }

    private void onPartyActive(Link link, UniEvent.PartyActive ev) {
        FabricCall fc = byHalf.get(new HalfKey(link, ev.call()));
        if (fc == null || fc.state == FabricCallState.CLEARING
                || fc.rootLink == link && fc.rootCall.equals(ev.call())) {
            return;
        }
        Branch b = fc.branch(link, ev.call());
        Party p = b == null ? null : b.byLeaf.get(ev.endpointReference());
        if (p != null) {
            partyConnected(fc, p);
        }
    }

    private void onAddParty(FabricCall fc, AddParty m) {
        int ep = m.endpointReference().orElseThrow().value();
        CalledPartyNumber called = m.calledPartyNumber().orElseThrow();
        UniLink root = fc.rootLink.uni;
        Link out = route(called);
        CauseValue refusal = null;
        if (out == null) {
            refusal = CauseValue.NO_ROUTE_TO_DESTINATION;
        } else if (out.halted) {
            refusal = CauseValue.DESTINATION_OUT_OF_ORDER;
        }
        if (refusal == null && !admit(fc, fc.traffic, List.of(out))) {
            refusal = CauseValue.USER_CELL_RATE_NOT_AVAILABLE;
        }
        if (refusal != null) {
            refused.merge(refusal.code(), 1L, Long::sum);
            root.rejectAddParty(fc.rootCall, ep, refusal);
            return;
        }
        partiesRouted++;
        Party p = new Party(ep);
        fc.parties.put(ep, p);
        // Each party is a call of its own on its leaf link (SETUP, endpoint reference 0), also on a link that
        // already carries the call: its CONNECT ACKNOWLEDGE can then wait for the root (see
        // acknowledgeAfterRootStatus), which an ADD PARTY ACKNOWLEDGE from the leaf could not.
        if (openBranch(fc, out, called, p) == null) {
            fc.parties.remove(ep);
            admit(fc, fc.traffic, List.of());
            root.rejectAddParty(fc.rootCall, ep, CauseValue.TEMPORARY_FAILURE);
        }
    }

    private void onPartyCleared(Link link, UniEvent.PartyCleared ev) {
        FabricCall fc = byHalf.get(new HalfKey(link, ev.call()));
        if (fc == null || fc.state == FabricCallState.CLEARING) {
            return;
        }
        CauseValue cause = causeOf(ev.cause());
        Optional<UserUserInformation> data = relayable(ev.userUser());
        if (fc.rootLink == link && fc.rootCall.equals(ev.call())) {
            Party p = fc.parties.remove(ev.endpointReference());
            if (p != null) {
                partyLostTowardsLeaf(fc, p, cause, data);
            }
            return;
        }
        Branch b = fc.branch(link, ev.call());
        Party p = b == null ? null : b.byLeaf.remove(ev.endpointReference());
        if (p != null && fc.parties.remove(p.rootEp) != null) {
            partyLostTowardsRoot(fc, p, cause, data);
        }
    }

    /**
     * The user-user information a clearing message brought, to pass on in the clearing messages the fabric sends
     * for it (networks carry it transparently, Q.2957): any protocol, as long as one element can carry it.
     */
    private static Optional<UserUserInformation> relayable(Optional<UserUserInformation> userUser) {
        return userUser.filter(u -> u.information().length() <= UserUserInformation.MAX_INFORMATION_OCTETS);
    }

    /**
     * Tells the root a party is gone (it has been removed from the call's parties already): DROP PARTY (RELEASE for
     * the last party) with the leaf's user-user information, or ADD PARTY REJECT for a party not yet active.
     */
    private void partyLostTowardsRoot(FabricCall fc, Party p, CauseValue cause, Optional<UserUserInformation> data) {
        UniLink root = fc.rootLink.uni;
        if (root.callState(fc.rootCall) != UniCallState.U10_ACTIVE) {
            clearCall(fc, cause, data);
        } else if (p.phase == PartyPhase.ACTIVE) {
            root.dropParty(fc.rootCall, p.rootEp, cause, data);
        } else {
            root.rejectAddParty(fc.rootCall, p.rootEp, cause);
        }
        if (fc.parties.isEmpty()) {
            clearCall(fc, cause, data);
        }
    }

    /**
     * Removes a party from its leaf link: DROP PARTY, or RELEASE of the half-call if it was the last party there,
     * with the root's user-user information.
     */
    private void partyLostTowardsLeaf(FabricCall fc, Party p, CauseValue cause, Optional<UserUserInformation> data) {
        Branch b = p.branch;
        if (b == null || b.gone) {
            return;
        }
        if (p.leafEp >= 0) {
            b.byLeaf.remove(p.leafEp);
            if (b.byLeaf.isEmpty()) {
                branchLost(fc, b, cause, true, data);
            } else {
                b.link.uni.dropParty(b.call, p.leafEp, cause, data);
            }
        }
        if (fc.parties.isEmpty()) {
            clearCall(fc, cause, data);
        }
    }

    private void branchLost(FabricCall fc, Branch b, CauseValue cause, boolean release) {
        branchLost(fc, b, cause, release, Optional.empty());
    }

    /**
     * A leaf link's half-call ends (cleared by the leaf, or released by the fabric when {@code release}): its
     * reservation and data leaf go; its parties leave the root. {@code data} (the clearing end's user-user
     * information) goes with every clearing message this sends.
     */
    private void branchLost(FabricCall fc, Branch b, CauseValue cause, boolean release,
                            Optional<UserUserInformation> data) {
        if (b.gone) {
            return;
        }
        b.gone = true;
        if (release) {
            b.link.uni.release(b.call, cause, data);
        }
        if (!fc.multipoint) {
            clearCall(fc, cause, data);
            return;
        }
        dropLeafPath(fc, b);
        admit(fc, fc.traffic, List.of());
        List<Party> lost = new ArrayList<>(b.byLeaf.values());
        b.byLeaf.clear();
        for (Party p : lost) {
            if (fc.parties.remove(p.rootEp) != null && fc.state != FabricCallState.CLEARING) {
                partyLostTowardsRoot(fc, p, cause, data);
            }
        }
    }

    private void onCallCleared(Link link, UniEvent.CallCleared ev) {
        FabricCall fc = byHalf.remove(new HalfKey(link, ev.call()));
        if (link.halted && link.uni.callCount() == 0) {
            endHaltedLink(link);
        }
        if (fc == null) {
            return;
        }
        CauseValue cause = causeOf(ev.cause());
        Optional<UserUserInformation> data = relayable(ev.userUser());
        if (fc.rootLink == link && fc.rootCall.equals(ev.call())) {
            fc.rootGone = true;
            clearCall(fc, cause, data);
        } else {
            Branch b = fc.branch(link, ev.call());
            if (b != null) {
                b.cleared = true;
                if (fc.state != FabricCallState.CLEARING) {
                    branchLost(fc, b, cause, false, data);
                }
                link.vcs.remove(b.vc);
            }
        }
        forgetIfDone(fc);
    }

    private void clearCall(FabricCall fc, CauseValue cause) {
        clearCall(fc, cause, Optional.empty());
    }

    /**
     * The network clears the call: reservations and data path go, RELEASE on every half-call still up, carrying
     * {@code data} (the user-user information of the end that cleared, if any).
     */
    private void clearCall(FabricCall fc, CauseValue cause, Optional<UserUserInformation> data) {
        if (fc.state == FabricCallState.CLEARING) {
            return;
        }
        fc.transition(FabricCallState.CLEARING);
        cancelConnectGuard(fc);
        closePaths(fc);
        fc.reservedTo(Map.of());
        if (fc.modify != null) {
            fc.modify.done().complete(Status.REQUEST_ABORTED);
            fc.modify = null;
        }
        if (!fc.rootGone) {
            fc.rootLink.uni.release(fc.rootCall, cause, data);
        }
        for (Branch b : fc.branches) {
            b.gone = true;
            if (!b.cleared) {
                b.link.uni.release(b.call, cause, data);
            }
        }
        forgetIfDone(fc);
    }

    /** Forgets a clearing call once every half-call is back in Null on its link. */
    private void forgetIfDone(FabricCall fc) {
        if (fc.state != FabricCallState.CLEARING) {
            return;
        }
        boolean rootDone = fc.rootGone || fc.rootLink.uni.callState(fc.rootCall) == UniCallState.U0_NULL;
        if (!rootDone) {
            return;
        }
        for (Branch b : fc.branches) {
            if (!b.cleared && b.link.uni.callState(b.call) != UniCallState.U0_NULL) {
                return;
            }
        }
        if (calls.remove(fc.id.value()) == null) {
            return;
        }
        byHalf.remove(new HalfKey(fc.rootLink, fc.rootCall));
        if (fc.rootVc != null) {
            fc.rootLink.vcs.remove(fc.rootVc);
        }
        for (Branch b : fc.branches) {
            byHalf.remove(new HalfKey(b.link, b.call));
            b.link.vcs.remove(b.vc);
        }
    }

    private void endHaltedLink(Link l) {
        if (l.uni.callCount() == 0 && l.uni.linkState() != io.jcondis.uni.signal.LinkState.DOWN) {
            l.uni.releaseLink();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Modification (Q.2963.1)

    private void onModifyRequest(FabricCall fc, ModifyRequest m) {
        AtmTrafficDescriptor next = m.trafficDescriptor().orElseThrow();
        CompletableFuture<Status> relayed = new CompletableFuture<>();
        // User-user information (the ends' exact flowspecs) is relayed unchanged.
        Optional<UserUserInformation> uui = m.first(UserUserInformation.class);
        Status s = startModify(fc, next, uui, false, Optional.empty(), relayed);
        UniLink root = fc.rootLink.uni;
        if (s.equals(Status.PENDING)) {
            fc.modify = new PendingModify(fc.modify.old(), next, uui, true, relayed);
        } else {
            root.rejectModify(fc.rootCall, s.equals(Status.CELLRATE_NOT_AVAILABLE)
                    ? CauseValue.USER_CELL_RATE_NOT_AVAILABLE : CauseValue.SERVICE_NOT_AVAILABLE);
        }
    }

    /** Admits a new descriptor and sends MODIFY REQUEST towards the called end; PENDING until it answers. */
    private Status startModify(FabricCall fc, AtmTrafficDescriptor next, Optional<UserUserInformation> uui,
                               boolean towardsOwner, Optional<UserUserInformation> otherEnd,
                               CompletableFuture<Status> done) {
        if (fc.multipoint || fc.state != FabricCallState.ACTIVE || fc.modify != null || fc.branches.size() != 1) {
            return Status.NOT_ACCEPTED;
        }
        Branch b = fc.branches.get(0);
        AtmTrafficDescriptor old = fc.traffic;
        if (!admit(fc, next, List.of())) {
            return Status.CELLRATE_NOT_AVAILABLE;
        }
        Status s = towardsOwner ? fc.rootLink.uni.modify(fc.rootCall, next, uui)
                : b.link.uni.modify(b.call, next, uui);
        if (!s.isSuccess()) {
            admit(fc, old, List.of());
            return Status.NOT_ACCEPTED;
        }
        fc.modify = new PendingModify(old, next, uui, false, done, otherEnd, towardsOwner);
        return Status.PENDING;
    }

    private void onModifyCompleted(Link link, UniEvent.ModifyCompleted ev) {
        FabricCall fc = byHalf.get(new HalfKey(link, ev.call()));
        if (fc == null || fc.modify == null || fc.state == FabricCallState.CLEARING) {
            return;
        }
        PendingModify pm = fc.modify;
        fc.modify = null;
        UniLink root = fc.rootLink.uni;
        if (ev.accepted()) {
            fc.traffic = pm.next();
            if (pm.userUser().isPresent()) {
                fc.userUser = pm.userUser();
            }
            if (pm.fromRoot()) {
                root.acceptModify(fc.rootCall);
            }
            if (pm.otherEnd().isPresent()) {
                // The network's change reaches the other end too (re-admission and shaping, no user told).
                Branch b = fc.branches.get(0);
                Status s = pm.towardsOwner() ? b.link.uni.modify(b.call, pm.next(), pm.otherEnd())
                        : root.modify(fc.rootCall, pm.next(), pm.otherEnd());
                if (s.isSuccess()) {
                    // A rejection now keeps the new reservations: the first end has them.
                    fc.modify = new PendingModify(pm.next(), pm.next(), pm.otherEnd(), false, pm.done());
                    return;
                }
                pm.done().complete(Status.FAILURE.withDescription("the other end's MODIFY REQUEST failed: " + s));
                return;
            }
            pm.done().complete(Status.SUCCESS);
        } else {
            admit(fc, pm.old(), List.of());
            CauseValue cause = ev.cause().flatMap(Cause::standardValue).orElse(CauseValue.QOS_NOT_AVAILABLE);
            if (pm.fromRoot()) {
                root.rejectModify(fc.rootCall, cause);
            }
            pm.done().complete(Status.FAILURE.withDescription("modification rejected, cause " + cause.code()));
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Admission control

    /**
     * Moves the call's reservations to what {@code traffic} needs over its live branches plus {@code extra} leaf
     * links, if every link has room for the difference.
     *
     * @return whether it fits (nothing changes if not)
     */
    private boolean admit(FabricCall fc, AtmTrafficDescriptor traffic, List<Link> extra) {
        long fwd = bytesPerSecond(traffic, true);
        long bwd = fc.multipoint ? 0 : bytesPerSecond(traffic, false);
        Map<Link, long[]> need = new LinkedHashMap<>();
        need.computeIfAbsent(fc.rootLink, l -> new long[2])[0] += fwd;
        need.computeIfAbsent(fc.rootLink, l -> new long[2])[1] += bwd;
        List<Link> leafLinks = new ArrayList<>(extra);
        for (Branch b : fc.branches) {
            if (!b.gone) {
                leafLinks.add(b.link);
            }
        }
        for (Link l : leafLinks) {
            need.computeIfAbsent(l, k -> new long[2])[1] += fwd;
            need.computeIfAbsent(l, k -> new long[2])[0] += bwd;
        }
        if (leafLinks.isEmpty()) {
            need.clear();
        }
        for (Map.Entry<Link, long[]> e : need.entrySet()) {
            Link l = e.getKey();
            long[] held = fc.reserved.getOrDefault(l, new long[2]);
            if (l.upReserved - held[0] + e.getValue()[0] > l.capacityBps
                    || l.downReserved - held[1] + e.getValue()[1] > l.capacityBps) {
                return false;
            }
        }
        fc.reservedTo(need);
        return true;
    }

    /**
     * @param traffic an ATM traffic descriptor
     * @param forward the forward (calling to called) direction, else backward
     * @return its peak cell rate (CLP=0+1, else CLP=0) in payload bytes per second
     */
    static long bytesPerSecond(AtmTrafficDescriptor traffic, boolean forward) {
        OptionalInt pcr = traffic.get(forward ? TrafficParameter.FORWARD_PEAK_CELL_RATE_CLP01
                : TrafficParameter.BACKWARD_PEAK_CELL_RATE_CLP01);
        if (pcr.isEmpty()) {
            pcr = traffic.get(forward ? TrafficParameter.FORWARD_PEAK_CELL_RATE_CLP0
                    : TrafficParameter.BACKWARD_PEAK_CELL_RATE_CLP0);
        }
        return (long) pcr.orElse(0) * CELL_PAYLOAD_BYTES;
    }

    private static CauseValue causeOf(Cause cause) {
        return cause.standardValue().orElse(CauseValue.NORMAL_UNSPECIFIED);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Data path (opened and closed on the fabric loop; frames flow on the data loop)

    private void openPointToPointPath(FabricCall fc, Branch b) {
        Optional<InetSocketAddress> rootData = fc.rootLink.peer.dataAddress();
        Optional<InetSocketAddress> leafData = b.link.peer.dataAddress();
        if (fc.rootVc == null || rootData.isEmpty() || leafData.isEmpty()) {
            return;
        }
        fc.forward = data.openSender(b.vc, leafData.get(), TrafficContract.UNSHAPED, this::onForwarded);
        fc.backward = data.openSender(fc.rootVc, rootData.get(), TrafficContract.UNSHAPED, this::onForwarded);
        fc.fromRoot = receive(rootData.get(), fc.rootVc, fc.forward);
        b.fromLeaf = receive(leafData.get(), b.vc, fc.backward);
    }

    private void addLeafPath(FabricCall fc, Branch b) {
        Optional<InetSocketAddress> rootData = fc.rootLink.peer.dataAddress();
        Optional<InetSocketAddress> leafData = b.link.peer.dataAddress();
        if (fc.rootVc == null || rootData.isEmpty() || leafData.isEmpty()) {
            return;
        }
        if (fc.forward == null) {
            fc.forward = data.openRootSender(TrafficContract.UNSHAPED, this::onForwarded);
            fc.fromRoot = receive(rootData.get(), fc.rootVc, fc.forward);
        }
        fc.forward.addLeaf(leafData.get(), b.vc);
    }

    private void dropLeafPath(FabricCall fc, Branch b) {
        if (fc.forward != null && b.link.peer.dataAddress().isPresent()) {
            fc.forward.dropLeaf(b.link.peer.dataAddress().get(), b.vc);
        }
    }

    private VcReceiver receive(InetSocketAddress from, VcId vc, VcSender to) {
        Result<VcReceiver> r = data.openReceiver(from, vc, (id, packet) -> forward(to, packet));
        if (!r.status().isSuccess()) {
            LOG.log(System.Logger.Level.WARNING, () -> config.name() + ": no receiver for " + vc + " from " + from
                    + ": " + r.status());
            return null;
        }
        return r.value();
    }

    /** Data loop: one frame on to its sender (replicated by the sender to every leaf). */
    private void forward(VcSender to, Packet packet) {
        Status s = to.send(packet);
        if (!s.equals(Status.PENDING)) {
            framesDropped.incrementAndGet();
        }
    }

    private void onForwarded(Packet packet, Status status) {
        if (status.isSuccess()) {
            framesForwarded.incrementAndGet();
        } else {
            framesDropped.incrementAndGet();
        }
    }

    private void closePaths(FabricCall fc) {
        closeQuietly(fc.fromRoot);
        closeQuietly(fc.forward);
        closeQuietly(fc.backward);
        for (Branch b : fc.branches) {
            closeQuietly(b.fromLeaf);
        }
        fc.fromRoot = null;
        fc.forward = null;
        fc.backward = null;
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "close failed", e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Snapshot

    private FabricCall lookup(FabricCallId id) {
        return id == null ? null : calls.get(id.value());
    }

    private FabricSnapshot takeSnapshot() {
        List<FabricSnapshot.CallView> views = new ArrayList<>();
        for (FabricCall fc : calls.values()) {
            List<FabricSnapshot.BranchView> branches = new ArrayList<>();
            for (Branch b : fc.branches) {
                if (!b.cleared) {
                    branches.add(new FabricSnapshot.BranchView(b.link.name(), b.vc, b.active,
                            new ArrayList<>(new java.util.TreeSet<>(b.byLeaf.keySet()))));
                }
            }
            Map<String, FabricSnapshot.Reservation> reserved = new LinkedHashMap<>();
            fc.reserved.forEach((l, r) -> reserved.put(l.name(), new FabricSnapshot.Reservation(r[0], r[1])));
            views.add(new FabricSnapshot.CallView(fc.id, fc.state, fc.multipoint, fc.rootLink.name(),
                    Optional.ofNullable(fc.rootVc), branches, new ArrayList<>(new java.util.TreeSet<>(
                    fc.parties.keySet())), reserved));
        }
        List<FabricSnapshot.LinkView> linkViews = new ArrayList<>();
        for (Link l : links.values()) {
            linkViews.add(new FabricSnapshot.LinkView(l.name(), l.uni.linkState(), l.halted, l.capacityBps,
                    new FabricSnapshot.Reservation(l.upReserved, l.downReserved), l.uni.callCount(),
                    l.uni.runningTimers(), l.vcs.size(), l.endpoint.sscop().statistics(),
                    l.endpoint.foreignDatagramCount(), l.uni.statistics().malformed()));
        }
        return new FabricSnapshot(views, linkViews, new FabricSnapshot.Counters(callsRouted, partiesRouted,
                refused, framesForwarded.get(), framesDropped.get(), data.counters()));
    }

    @Override
    public String toString() {
        return "UniFabric{" + config.name() + ", " + links.keySet() + "}";
    }

    // ---------------------------------------------------------------------------------------------------------
    // State (fabric loop only)

    /** One link: its socket, SSCOP entity and Q.2931 engine, capacity and VPI/VCIs. */
    private static final class Link {
        final PeerConfig peer;
        // Set once in the constructor (endpoint before the loop starts work, uni on the loop).
        SscopUdpEndpoint endpoint;
        UniLink uni;
        long capacityBps;
        long upReserved;
        long downReserved;
        final Set<VcId> vcs = new HashSet<>();
        int nextVci = FIRST_FABRIC_VCI;
        boolean halted;

        Link(PeerConfig peer) {
            this.peer = peer;
            this.capacityBps = peer.capacityBps();
        }

        String name() {
            return peer.name();
        }

        /** @return a free VPI/VCI from the fabric's half of the VCI space, or null if none is left */
        VcId allocateVc() {
            for (int i = 0; i <= VcId.MAX_VCI - FIRST_FABRIC_VCI; i++) {
                VcId vc = new VcId(0, nextVci);
                nextVci = nextVci == VcId.MAX_VCI ? FIRST_FABRIC_VCI : nextVci + 1;
                if (vcs.add(vc)) {
                    return vc;
                }
            }
            return null;
        }
    }

    private record HalfKey(Link link, UniCallId call) {
    }

    /**
     * A modification in progress. {@code otherEnd}: for the network's own modification, the user-user information
     * of the MODIFY REQUEST that follows towards the other end once the first is acknowledged (empty: none, or it
     * is the one outstanding now).
     */
    private record PendingModify(AtmTrafficDescriptor old, AtmTrafficDescriptor next,
                                 Optional<UserUserInformation> userUser, boolean fromRoot,
                                 CompletableFuture<Status> done, Optional<UserUserInformation> otherEnd,
                                 boolean towardsOwner) {
        PendingModify(AtmTrafficDescriptor old, AtmTrafficDescriptor next, Optional<UserUserInformation> userUser,
                      boolean fromRoot, CompletableFuture<Status> done) {
            this(old, next, userUser, fromRoot, done, Optional.empty(), false);
        }
    }

    private enum PartyPhase { ADDING, ACTIVE }

    /** One party of a point-to-multipoint call, as the root and its leaf link know it. */
    private static final class Party {
        final int rootEp;
        Branch branch;
        int leafEp = -1;
        PartyPhase phase = PartyPhase.ADDING;

        Party(int rootEp) {
            this.rootEp = rootEp;
        }
    }

    /** The half-call on one leaf link. */
    private static final class Branch {
        final Link link;
        final UniCallId call;
        final VcId vc;
        boolean active;
        /** The fabric no longer counts on this half-call (released, lost). */
        boolean gone;
        /** The link reported it cleared (back in Null). */
        boolean cleared;
        /** The branch's party by its endpoint reference on the leaf link (one: each party has its own SETUP). */
        final Map<Integer, Party> byLeaf = new LinkedHashMap<>();
        VcReceiver fromLeaf;

        Branch(Link link, UniCallId call, VcId vc) {
            this.link = link;
            this.call = call;
            this.vc = vc;
        }
    }

    /** One call: the root half-call, its branches, parties, reservations and data path. */
    private static final class FabricCall {
        final FabricCallId id;
        final Link rootLink;
        final UniCallId rootCall;
        final boolean multipoint;
        final Setup setup;
        final VcId rootVc;
        AtmTrafficDescriptor traffic;
        /** User-user information of the root's SETUP (or last modification), relayed unchanged to every leaf. */
        Optional<UserUserInformation> userUser;
        FabricCallState state = FabricCallState.SETTING_UP;
        boolean rootGone;
        final List<Branch> branches = new ArrayList<>();
        final Map<Integer, Party> parties = new LinkedHashMap<>();
        final Map<Link, long[]> reserved = new LinkedHashMap<>();
        PendingModify modify;
        /** Connected branches of added parties whose CONNECT ACKNOWLEDGE waits for a STATUS ENQUIRY to go. */
        final List<Branch> awaitingRootStatus = new ArrayList<>();
        /** The branches the outstanding STATUS ENQUIRY on the root call will release when STATUS comes. */
        final List<Branch> enquiryCovers = new ArrayList<>();
        /** Bounds the wait for the calling end's CONNECT ACKNOWLEDGE ({@code armConnectGuard}). */
        io.netty.util.concurrent.ScheduledFuture<?> connectGuard;
        VcSender forward;
        VcSender backward;
        VcReceiver fromRoot;

        FabricCall(FabricCallId id, Link rootLink, UniCallId rootCall, boolean multipoint, Setup setup,
                   AtmTrafficDescriptor traffic, VcId rootVc) {
            this.id = id;
            this.rootLink = rootLink;
            this.rootCall = rootCall;
            this.multipoint = multipoint;
            this.setup = setup;
            this.traffic = traffic;
            this.userUser = setup.first(UserUserInformation.class);
            this.rootVc = rootVc;
        }

        void transition(FabricCallState next) {
            if (!MOVES.get(state).contains(next)) {
                throw new IllegalStateException("call " + id.value() + ": " + state + " -> " + next);
            }
            state = next;
        }

        Branch branch(Link link, UniCallId call) {
            for (Branch b : branches) {
                if (b.link == link && b.call.equals(call)) {
                    return b;
                }
            }
            return null;
        }

        /** Gives back what the call holds and takes {@code next} instead (admission already checked). */
        void reservedTo(Map<Link, long[]> next) {
            for (Map.Entry<Link, long[]> e : reserved.entrySet()) {
                e.getKey().upReserved -= e.getValue()[0];
                e.getKey().downReserved -= e.getValue()[1];
            }
            reserved.clear();
            for (Map.Entry<Link, long[]> e : next.entrySet()) {
                e.getKey().upReserved += e.getValue()[0];
                e.getKey().downReserved += e.getValue()[1];
                reserved.put(e.getKey(), e.getValue().clone());
            }
        }
    }
}
