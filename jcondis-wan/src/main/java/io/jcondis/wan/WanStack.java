package io.jcondis.wan;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.OidRequest;
import io.jcondis.api.Status;
import io.jcondis.api.wan.WanMiniportHandlers;
import io.jcondis.api.wan.WanMiniportServices;
import io.jcondis.api.wan.WanNdis;
import io.jcondis.api.wan.WanOids;
import io.jcondis.core.Jcondis;
import io.jcondis.wan.tapi.TapiService;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The NDIS WAN / TAPI stack on a jcondis runtime: NDIS for legacy WAN miniports, NDISWAN (links, data) and
 * NDISTAPI (provider sessions, lines, calls), with the TAPI application API on top. It shares the runtime's
 * control plane, clock and error handler, so in INVOKER mode everything is driven by
 * {@code Jcondis.runUntilIdle()} and {@code advanceClock(ns)} and is fully deterministic.
 * <pre>
 *   application --TapiService--&gt; NDISTAPI --OID_TAPI_*--&gt; WAN miniport (e.g. PstnNetwork)
 *   application &lt;--LineEvent--- NDISTAPI &lt;--NDIS_TAPI_EVENT-- miniport
 *   application --send--&gt; NDISWAN --onWanSend--&gt; miniport;  miniport --line-up/down, receive--&gt; NDISWAN
 * </pre>
 * <pre>
 *   Jcondis ndis = Jcondis.launch();
 *   WanStack wan = WanStack.create(ndis);
 *   PstnNetwork pstn = PstnNetwork.install(wan, "pstn");
 *   pstn.addAdapter("isdn0", "100", 2);     // lines 1000, 1001; the provider session starts by itself
 *   ndis.runUntilIdle();
 *   TapiService tapi = wan.tapi();
 * </pre>
 * All methods may be called from any thread.
 */
public final class WanStack implements WanNdis {
    private final WanBroker broker;

    private WanStack(Jcondis ndis) {
        this.broker = new WanBroker(ndis);
    }

    /** @return a WAN stack on {@code ndis} (one per runtime is the normal case) */
    public static WanStack create(Jcondis ndis) {
        return new WanStack(Objects.requireNonNull(ndis, "ndis"));
    }

    @Override
    public WanMiniportServices registerWanMiniport(String name, WanMiniportHandlers handlers) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a WAN miniport needs a name");
        }
        Objects.requireNonNull(handlers, "handlers");
        return new WanMiniportProxy(broker, new WanModel.Driver(name, handlers));
    }

    /** @return the TAPI application API */
    public TapiService tapi() {
        return broker.tapi;
    }

    /** @return the runtime the stack runs on */
    public Jcondis runtime() {
        return broker.runtime();
    }

    /**
     * @param on whether NDISTAPI starts a provider session on each adapter as soon as it runs (default true);
     *           when off, applications call {@link TapiService#initializeProvider}
     * @return this
     */
    public WanStack autoInitialize(boolean on) {
        broker.locked(() -> broker.tapi.autoInitialize = on);
        return this;
    }

    /** @return the running adapters, in start order */
    public List<AdapterHandle> adapters() {
        return broker.locked(() -> {
            List<AdapterHandle> out = new ArrayList<>();
            for (WanModel.Adapter a : broker.adapters()) {
                if (a.running()) {
                    out.add(a.handle);
                }
            }
            return out;
        });
    }

    /**
     * NDIS calls MiniportReset on the adapter (J17, R43): the miniport disconnects its calls but keeps them
     * until close-call. A link left up or a call left connected afterwards is reported (R43) and cleaned up.
     *
     * @return the miniport's answer; INVALID_HANDLE for an adapter that is not running
     */
    public Status reset(AdapterHandle adapter) {
        return broker.locked(() -> broker.resetAdapter(adapter));
    }

    /**
     * A raw OID request to an adapter, as NDISWAN/NDISTAPI would pass an application's buffer: OID_WAN_* go
     * straight to the miniport; OID_TAPI_* are validated first (docs/wan.md "Bad input": INVALID_OID,
     * INVALID_LENGTH with bytes needed, TAPI_INVALPARAM, TAPI_STRUCTURETOOSMALL, ...), need an active session
     * (TAPI_NODRIVER otherwise, R38) and valid driver handles (TAPI_INVALLINEHANDLE, TAPI_INVALCALLHANDLE,
     * TAPI_NODEVICE). The OIDs that allocate or free handles (PROVIDER_*, OPEN, CLOSE, MAKE_CALL, CLOSE_CALL)
     * are answered TAPI_OPERATIONUNAVAIL: use {@link #tapi()}.
     *
     * @param onComplete runs exactly once if (and only if) the answer is PENDING
     * @return SUCCESS, PENDING or the failure
     */
    public Status oidRequest(AdapterHandle adapter, OidRequest request, Consumer<Status> onComplete) {
        Objects.requireNonNull(onComplete, "onComplete");
        return broker.locked(() -> {
            WanModel.Adapter a = broker.running(adapter);
            if (a == null) {
                return Status.INVALID_HANDLE.withDescription(adapter + " is not a running adapter");
            }
            if (request == null) {
                return Status.INVALID_PARAMETER.withDescription("null request");
            }
            if (WanOids.isWanOid(request.oid())) {
                return broker.submitOrPend(a, request, null, null, onComplete);
            }
            return broker.tapi.rawRequest(a, request, onComplete);
        });
    }

    /** Adds a listener that sees one line per OID request, indication, event and violation (for narration). */
    public void addTraceListener(Consumer<String> listener) {
        broker.addTracer(Objects.requireNonNull(listener, "listener"));
    }

    /** @return live object counts, for leak checks */
    public WanSnapshot snapshot() {
        return broker.locked(() -> new WanSnapshot(adapters().size(), broker.tapi.sessions(),
                broker.tapi.liveLines(), broker.tapi.liveCalls(), broker.wan.links(), broker.pendingCount(),
                broker.wan.sendsInFlight(), broker.wan.queuedSends(), broker.violations(), broker.handlerErrors()));
    }
}
