package io.jcondis.uni.system;

import io.jcondis.api.Packet;
import io.jcondis.api.Result;
import io.jcondis.api.Status;
import io.jcondis.uni.codec.Octets;
import io.jcondis.uni.data.TrafficContract;
import io.jcondis.uni.data.UdpDataEndpoint;
import io.jcondis.uni.data.VcId;
import io.jcondis.uni.data.VcReceiver;
import io.jcondis.uni.data.VcSender;
import io.jcondis.uni.q2931.AalParameters;
import io.jcondis.uni.q2931.AtmTrafficDescriptor;
import io.jcondis.uni.q2931.BroadbandBearerCapability;
import io.jcondis.uni.q2931.CalledPartyNumber;
import io.jcondis.uni.q2931.CallingPartyNumber;
import io.jcondis.uni.q2931.ConnectionIdentifier;
import io.jcondis.uni.q2931.Q2931Message;
import io.jcondis.uni.q2931.QosParameter;
import io.jcondis.uni.signal.CallParameters;
import io.jcondis.uni.signal.Saal;
import io.jcondis.uni.signal.Side;
import io.jcondis.uni.signal.UniCallId;
import io.jcondis.uni.signal.UniEvent;
import io.jcondis.uni.signal.UniLink;
import io.jcondis.uni.signal.UniLinkConfig;
import io.jcondis.uni.sscop.EventLoopTimers;
import io.jcondis.uni.sscop.SscopConfig;
import io.jcondis.uni.sscop.SscopUdpEndpoint;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * An end system for fabric tests, built directly on {@link UniLink} (no CoNDIS): a signalling socket with its SSCOP
 * entity and Q.2931 engine on one event loop (user side), a data socket, and a record of every event. The test
 * plays the host's user: it calls the link's requests with {@link #on} and waits for events with {@link #await}
 * (bounded: {@link #WAIT_SECONDS}).
 */
public final class TestHost implements AutoCloseable {
    /** Longest wait for one event or request. */
    public static final long WAIT_SECONDS = 20;

    private final String name;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final SscopUdpEndpoint endpoint;
    private final UdpDataEndpoint data;
    private final List<UniEvent> history = new ArrayList<>();
    private int consumed;
    private final LinkedBlockingQueue<Packet> frames = new LinkedBlockingQueue<>();
    private final List<AutoCloseable> dataObjects = new ArrayList<>();
    private volatile UniLink link;

    private TestHost(String name, SscopConfig sscop, UniLinkConfig config) throws Exception {
        this.name = name;
        group = new NioEventLoopGroup(1, new DefaultThreadFactory("host-" + name, true));
        loop = group.next();
        InetAddress lo = InetAddress.getLoopbackAddress();
        endpoint = SscopUdpEndpoint.bind(name, new InetSocketAddress(lo, 0), sscop, (s, signal) -> {
            if (link != null) {
                link.onAaSignal(signal);
            }
        }, loop);
        data = UdpDataEndpoint.bind(name + "-data", new InetSocketAddress(lo, 0), UdpDataEndpoint.Config.defaults());
        loop.submit(() -> {
            link = new UniLink(name, config, new EventLoopTimers(loop), Saal.over(endpoint.sscop()), this::record);
        }).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * @param name   the host name (also what its called party numbers name)
     * @param sscop  SSCOP parameters
     * @param config Q.2931 timers (user side)
     * @return a host bound to loopback
     * @throws Exception if a socket cannot be bound
     */
    public static TestHost start(String name, SscopConfig sscop, UniLinkConfig config) throws Exception {
        return new TestHost(name, sscop, config);
    }

    /**
     * @param name the host name
     * @return a host with default SSCOP parameters and user-side timers
     * @throws Exception if a socket cannot be bound
     */
    public static TestHost start(String name) throws Exception {
        return start(name, SscopConfig.defaults(), UniLinkConfig.defaults(Side.USER));
    }

    /** @return the host name */
    public String name() {
        return name;
    }

    /** @return the signalling socket's address */
    public InetSocketAddress signallingAddress() {
        return endpoint.localAddress();
    }

    /** @return the data socket's address */
    public InetSocketAddress dataAddress() {
        return data.localAddress();
    }

    /** @return the data endpoint */
    public UdpDataEndpoint data() {
        return data;
    }

    /** @param fabric where the link's datagrams go */
    public void peer(InetSocketAddress fabric) {
        endpoint.peer(fabric);
    }

    /**
     * Runs a request on the host's loop.
     *
     * @param action what to do with the link
     * @param <T>    its result
     * @return the result
     */
    public <T> T on(java.util.function.Function<UniLink, T> action) {
        Supplier<T> s = () -> action.apply(link);
        try {
            Future<T> f = loop.submit(s::get);
            return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError(name + ": request failed", e);
        }
    }

    /**
     * @param action a request that answers a status
     * @return the status
     */
    public Status request(java.util.function.Function<UniLink, Status> action) {
        return on(action);
    }

    private synchronized void record(UniEvent event) {
        history.add(event);
        notifyAll();
    }

    /** @return every event so far */
    public synchronized List<UniEvent> history() {
        return List.copyOf(history);
    }

    /**
     * Waits for the next event (after the last one awaited) of a type that matches; skipped events stay in the
     * history.
     *
     * @param type  the event type
     * @param match a condition
     * @param <T>   the type
     * @return the event
     * @throws AssertionError if none comes within {@link #WAIT_SECONDS}
     */
    public synchronized <T extends UniEvent> T await(Class<T> type, Predicate<T> match) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            for (int i = consumed; i < history.size(); i++) {
                UniEvent e = history.get(i);
                if (type.isInstance(e) && match.test(type.cast(e))) {
                    consumed = i + 1;
                    return type.cast(e);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(name + ": no " + type.getSimpleName() + " within " + WAIT_SECONDS
                        + " s; events: " + history.subList(consumed, history.size()));
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /**
     * @param type the event type
     * @param <T>  the type
     * @return the next event of that type
     */
    public <T extends UniEvent> T await(Class<T> type) {
        return await(type, e -> true);
    }

    /**
     * @param type the message type
     * @param <M>  the type
     * @return the next received message of that type, with its call
     */
    public <M extends Q2931Message> UniEvent.MessageReceived awaitMessage(Class<M> type) {
        return await(UniEvent.MessageReceived.class, m -> type.isInstance(m.message()));
    }

    /**
     * @param call a call
     * @return its {@link UniEvent.CallCleared}
     */
    public UniEvent.CallCleared awaitCleared(UniCallId call) {
        return await(UniEvent.CallCleared.class, c -> c.call().equals(call));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Data

    /**
     * Opens a receiver for frames the fabric sends on {@code vc}.
     *
     * @param fabric the fabric's data address
     * @param vc     the VPI/VCI
     */
    public void receive(InetSocketAddress fabric, VcId vc) {
        Result<VcReceiver> r = data.openReceiver(fabric, vc, (id, p) -> frames.add(p));
        if (!r.status().isSuccess()) {
            throw new AssertionError(name + ": receiver for " + vc + ": " + r.status());
        }
        dataObjects.add(r.value());
    }

    /**
     * Sends frames to the fabric on {@code vc}.
     *
     * @param fabric   the fabric's data address
     * @param vc       the VPI/VCI
     * @param payloads the frames
     */
    public void send(InetSocketAddress fabric, VcId vc, String... payloads) {
        VcSender s = data.openSender(vc, fabric, TrafficContract.UNSHAPED, (p, st) -> { });
        dataObjects.add(s);
        for (String p : payloads) {
            Status st = s.send(Packet.wrap(p.getBytes(StandardCharsets.UTF_8)));
            if (!st.equals(Status.PENDING)) {
                throw new AssertionError(name + ": send: " + st);
            }
        }
    }

    /**
     * @param count frames to wait for
     * @return their payloads as text, in arrival order
     */
    public List<String> awaitFrames(int count) {
        List<String> got = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (got.size() < count) {
            long left = deadline - System.nanoTime();
            Packet p;
            try {
                p = left <= 0 ? null : frames.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (p == null) {
                throw new AssertionError(name + ": " + got.size() + " of " + count + " frames: " + got);
            }
            got.add(new String(p.toBytes(), StandardCharsets.UTF_8));
        }
        return got;
    }

    /** @return frames received and not yet awaited */
    public int pendingFrames() {
        return frames.size();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Parameters

    /**
     * @param sapText {@code host:selector}
     * @return a called party number naming it (AESA format, the text in its first octets, zero padded)
     */
    public static CalledPartyNumber called(String sapText) {
        byte[] aesa = Arrays.copyOf(sapText.getBytes(StandardCharsets.US_ASCII), 20);
        return CalledPartyNumber.aesa(Octets.of(aesa));
    }

    /**
     * @param to     the called SAP text
     * @param vci    the VCI this host chooses on its link (VPI 0)
     * @param fwdPcr forward peak cell rate, cells/s
     * @param bwdPcr backward peak cell rate, cells/s
     * @return point-to-point parameters with every element
     */
    public static CallParameters call(String to, int vci, int fwdPcr, int bwdPcr) {
        return CallParameters.of(called(to), AtmTrafficDescriptor.peak(fwdPcr, bwdPcr),
                        BroadbandBearerCapability.of(BroadbandBearerCapability.BCOB_X, false))
                .withAalParameters(AalParameters.aal5(9188, 9188))
                .withCallingParty(CallingPartyNumber.e164("4961511234"))
                .withConnectionIdentifier(ConnectionIdentifier.exclusive(0, vci))
                .withQosParameter(new QosParameter(QosParameter.CLASS_UNSPECIFIED, QosParameter.CLASS_UNSPECIFIED));
    }

    /**
     * @param to     the first leaf's SAP text
     * @param vci    the VCI this host chooses
     * @param fwdPcr forward peak cell rate, cells/s
     * @return point-to-multipoint parameters
     */
    public static CallParameters multipointCall(String to, int vci, int fwdPcr) {
        CallParameters p = call(to, vci, fwdPcr, 0);
        return new CallParameters(p.calledParty(), p.callingParty(), p.aalParameters(), p.trafficDescriptor(),
                BroadbandBearerCapability.of(BroadbandBearerCapability.BCOB_X, true), p.qosParameter(),
                p.connectionIdentifier(), true);
    }

    /** Closes the link abruptly (no END: the peer sees silence), the sockets and the loop. Idempotent. */
    @Override
    public void close() {
        for (AutoCloseable c : dataObjects) {
            try {
                c.close();
            } catch (Exception e) {
                // Closing test objects: nothing to do about a failure here.
            }
        }
        endpoint.close();
        data.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
        return "TestHost{" + name + "}";
    }
}
