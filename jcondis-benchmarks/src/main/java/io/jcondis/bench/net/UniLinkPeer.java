package io.jcondis.bench.net;

import io.jcondis.uni.q2931.AalParameters;
import io.jcondis.uni.q2931.AtmTrafficDescriptor;
import io.jcondis.uni.q2931.BroadbandBearerCapability;
import io.jcondis.uni.q2931.CalledPartyNumber;
import io.jcondis.uni.q2931.CallingPartyNumber;
import io.jcondis.uni.q2931.CauseValue;
import io.jcondis.uni.q2931.ConnectionIdentifier;
import io.jcondis.uni.q2931.MessageType;
import io.jcondis.uni.q2931.QosParameter;
import io.jcondis.uni.signal.CallParameters;
import io.jcondis.uni.signal.LinkState;
import io.jcondis.uni.signal.Outcome;
import io.jcondis.uni.signal.Saal;
import io.jcondis.uni.signal.Side;
import io.jcondis.uni.signal.UniCallId;
import io.jcondis.uni.signal.UniEvent;
import io.jcondis.uni.signal.UniLink;
import io.jcondis.uni.signal.UniLinkConfig;
import io.jcondis.uni.sscop.EventLoopTimers;
import io.jcondis.uni.sscop.SscopConfig;
import io.jcondis.uni.sscop.SscopStatistics;
import io.jcondis.uni.sscop.SscopUdpEndpoint;
import io.netty.channel.EventLoop;
import io.netty.util.internal.ThreadExecutorMap;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One end of a Q.2931 signalling link as the uni driver runs it: a {@link UniLink} on a real
 * {@link SscopUdpEndpoint} (its own Netty event loop and UDP socket on loopback), the link's timers on that
 * same loop. The originator runs one call cycle at a time (set-up to active, release to cleared); the
 * responder answers every SETUP with CALL PROCEEDING and CONNECT; CONNECT ACK and RELEASE COMPLETE are the
 * link's own answers.
 *
 * <p>Threading: the link and its listener run on the endpoint's loop only; {@link #callCycle} may be called
 * from one other thread at a time and waits (bounded) for the outcome posted back from the loop.
 */
final class UniLinkPeer implements AutoCloseable {
    private final SscopUdpEndpoint endpoint;
    private final boolean responder;
    private final AtomicLong callsCleared = new AtomicLong();
    private final AtomicLong abnormal = new AtomicLong();
    // Loop only after construction.
    private UniLink link;
    private int nextVci = 32;
    // Written by the caller before posting the set-up, completed on the loop.
    private volatile CompletableFuture<Void> cycle;
    private final CompletableFuture<Void> up = new CompletableFuture<>();

    private UniLinkPeer(String name, Side side, boolean responder) throws IOException {
        this.responder = responder;
        try {
            endpoint = SscopUdpEndpoint.bind(name, new InetSocketAddress(NetBench.LOOPBACK, 0),
                    SscopConfig.defaults(), (sscop, signal) -> link.onAaSignal(signal));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding", e);
        }
        // The link's timers run on the endpoint's own loop, as in the driver. The endpoint does not expose its
        // loop, so it is taken from inside a task running on it (Netty's map of thread to executor).
        await(endpoint.call(sscop -> {
            EventLoop loop = (EventLoop) ThreadExecutorMap.currentExecutor();
            link = new UniLink(name, UniLinkConfig.defaults(side), new EventLoopTimers(loop), Saal.over(sscop),
                    this::onEvent);
            return null;
        }), "create the link");
    }

    /** @return an originator (user side) on a fresh socket */
    static UniLinkPeer originator(String name) throws IOException {
        return new UniLinkPeer(name, Side.USER, false);
    }

    /** @return a responder (network side) on a fresh socket */
    static UniLinkPeer responder(String name) throws IOException {
        return new UniLinkPeer(name, Side.NETWORK, true);
    }

    /** @return the bound signalling address */
    InetSocketAddress address() {
        return endpoint.localAddress();
    }

    /** Sets the peer's signalling address (both ends must, before {@link #establish}). */
    void peer(InetSocketAddress peer) {
        endpoint.peer(peer);
    }

    /** Brings the SSCOP association up (AA-ESTABLISH) and waits for it. */
    void establish() throws IOException {
        await(endpoint.call(s -> link.establishLink()), "establish");
        await(up, "association up");
    }

    /** One call: SETUP .. CONNECT ACK, then RELEASE .. RELEASE COMPLETE; waits (bounded) until it is cleared. */
    void callCycle() throws IOException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        cycle = done;
        endpoint.call(s -> {
            Outcome<UniCallId> o = link.setup(parameters(nextVci));
            nextVci = nextVci == 65_535 ? 32 : nextVci + 1;
            if (!o.succeeded()) {
                done.completeExceptionally(new IOException("setup refused: " + o.status()));
            }
            return null;
        });
        await(done, "call cycle");
    }

    /** @return calls cleared with a normal release since start */
    long callsCleared() {
        return callsCleared.get();
    }

    /** @return calls cleared for another reason than a normal release (must stay 0) */
    long abnormalClears() {
        return abnormal.get();
    }

    /** @return SSCOP counters (PDUs, SDs, POLLs, STATs sent) */
    SscopStatistics sscopStatistics() throws IOException {
        return await(endpoint.call(s -> s.statistics()), "statistics");
    }

    /** @return calls the link still holds (0 once every cycle is over) */
    int openCalls() throws IOException {
        return await(endpoint.call(s -> link.callCount()), "call count");
    }

    private void onEvent(UniEvent e) {
        if (e instanceof UniEvent.LinkUp) {
            up.complete(null);
        } else if (e instanceof UniEvent.MessageReceived m && responder
                && m.message().type() == MessageType.SETUP) {
            link.callProceeding(m.call());
            link.connect(m.call());
        } else if (e instanceof UniEvent.CallActive a && !responder) {
            link.release(a.call(), CauseValue.NORMAL_CALL_CLEARING);
        } else if (e instanceof UniEvent.CallCleared c) {
            boolean normal = c.reason() == UniEvent.ClearReason.LOCAL || c.reason() == UniEvent.ClearReason.PEER;
            (normal ? callsCleared : abnormal).incrementAndGet();
            CompletableFuture<Void> done = cycle;
            if (!responder && done != null) {
                if (normal) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(new IOException("call cleared abnormally: " + c));
                }
            }
        } else if (e instanceof UniEvent.LinkDown && link.linkState() != LinkState.UP) {
            up.completeExceptionally(new IOException("signalling link went down"));
        }
    }

    /** SETUP elements as the uni MCM sends them for a 10 Mbit/s call: every element the engine supports. */
    static CallParameters parameters(int vci) {
        return CallParameters.of(CalledPartyNumber.e164("4961519999"), AtmTrafficDescriptor.peak(23_585, 23_585),
                        BroadbandBearerCapability.of(BroadbandBearerCapability.BCOB_X, false))
                .withAalParameters(AalParameters.aal5(9188, 9188))
                .withCallingParty(CallingPartyNumber.e164("4961511234"))
                .withConnectionIdentifier(ConnectionIdentifier.exclusive(0, vci))
                .withQosParameter(new QosParameter(QosParameter.CLASS_UNSPECIFIED, QosParameter.CLASS_UNSPECIFIED));
    }

    static <T> T await(CompletableFuture<T> f, String what) throws IOException {
        try {
            return f.get(NetBench.WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException(what + " did not complete within " + NetBench.WAIT_MS + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + what, e);
        }
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
