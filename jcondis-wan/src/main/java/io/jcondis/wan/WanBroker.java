package io.jcondis.wan;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.DriverServices;
import io.jcondis.api.OidRequest;
import io.jcondis.api.Result;
import io.jcondis.api.Status;
import io.jcondis.api.wan.TapiOids;
import io.jcondis.api.wan.WanOids;
import io.jcondis.core.ErrorHandler;
import io.jcondis.core.Jcondis;
import io.jcondis.wan.WanModel.Adapter;
import io.jcondis.wan.WanModel.AdapterState;
import io.jcondis.wan.WanModel.Driver;
import io.jcondis.wan.WanModel.PendingOid;
import io.jcondis.wan.struct.NdisTapiStructs;
import io.jcondis.wan.struct.TapiMessage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * NDIS for legacy WAN miniports: drivers, adapters, OID requests that may pend and complete exactly once, and
 * the deferred delivery queue shared by NDISWAN and NDISTAPI. Everything runs under the CoNDIS control plane's
 * lock ({@link Jcondis#onConductor}), so the WAN stack and CoNDIS drivers see one serialized order.
 *
 * <p>Conventions as in the CoNDIS conductor: look a handle up first (INVALID_HANDLE), then state; a pendable
 * request is marked pending <em>before</em> the miniport's handler runs, so a completion from inside the
 * handler finds it; an illegal completion is refused, reported and changes nothing; a handler that throws is
 * reported and answered FAILURE.
 */
final class WanBroker {
    private final Jcondis ndis;
    private final ErrorHandler errors;
    private final DriverServices deferred;
    private final Map<Long, Adapter> adapters = new LinkedHashMap<>();
    private final Map<OidRequest, PendingOid> pending = new IdentityHashMap<>();
    private final ArrayDeque<Runnable> deliveries = new ArrayDeque<>();
    private final List<Consumer<String>> tracers = new ArrayList<>();
    private boolean delivering;
    private long nextAdapterId = 1;
    private long violations;
    private long handlerErrors;
    final NdisWan wan;
    final NdisTapi tapi;

    WanBroker(Jcondis ndis) {
        this.ndis = ndis;
        this.errors = ndis.context().errorHandler();
        this.deferred = ndis.driverServices("wan");
        this.wan = new NdisWan(this);
        this.tapi = new NdisTapi(this);
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    <T> T locked(Supplier<T> op) {
        return ndis.onConductor(op);
    }

    void post(Runnable r) {
        deferred.post(r);
    }

    DriverServices deferred() {
        return deferred;
    }

    Jcondis runtime() {
        return ndis;
    }

    void addTracer(Consumer<String> t) {
        locked(() -> tracers.add(t));
    }

    void trace(Supplier<String> line) {
        if (tracers.isEmpty()) {
            return;
        }
        String s = line.get();
        for (Consumer<String> t : tracers) {
            try {
                t.accept(s);
            } catch (RuntimeException ex) {
                errors.onHandlerException("trace", "accept", ex);
            }
        }
    }

    /** Reports a driver's breach of the contract; returns FAILURE carrying the message. */
    Status violation(String driver, String rule, String message) {
        violations++;
        trace(() -> "VIOLATION " + driver + " " + rule + ": " + message);
        errors.onContractViolation(driver, rule, message);
        return Status.FAILURE.withDescription(rule + ": " + message);
    }

    void handlerError(String who, String handler, Throwable t) {
        handlerErrors++;
        errors.onHandlerException(who, handler, t);
    }

    /**
     * Queues a delivery to applications; runs the queue unless a delivery is already running, so listeners may
     * call back in and see their own effects after the current event (never nested).
     */
    void deliver(Runnable r) {
        deliveries.add(r);
        if (delivering) {
            return;
        }
        delivering = true;
        try {
            Runnable next;
            while ((next = deliveries.poll()) != null) {
                next.run();
            }
        } finally {
            delivering = false;
        }
    }

    long violations() {
        return violations;
    }

    long handlerErrors() {
        return handlerErrors;
    }

    // ------------------------------------------------------------------------------------------------ adapters

    Result<AdapterHandle> startAdapter(Driver d, String name) {
        if (name == null || name.isBlank()) {
            return Result.failed(Status.INVALID_PARAMETER.withDescription("an adapter needs a name"));
        }
        Adapter a = new Adapter(new AdapterHandle(nextAdapterId++), d, name);
        adapters.put(a.handle.id(), a);
        Status st;
        try {
            st = d.handlers.onInitialize(a.handle);
            if (st == null) {
                st = violation(d.name, "G5", "onInitialize returned null");
            }
        } catch (RuntimeException | AssertionError ex) {
            handlerError(d.name, "onInitialize", ex);
            st = Status.FAILURE;
        }
        if (st.isPending()) {
            st = violation(d.name, "J15", "onInitialize may not pend");
        }
        trace(() -> d.name + " -> wan  startAdapter(" + name + ") = " + a.handle);
        if (st.isFailure()) {
            a.moveTo(AdapterState.HALTED);
            adapters.remove(a.handle.id());
            return Result.failed(st);
        }
        a.moveTo(AdapterState.RUNNING);
        queryWanInfo(a);
        return new Result<>(Status.SUCCESS, a.handle);
    }

    /** NDISWAN asks OID_WAN_GET_INFO, then NDISTAPI starts the provider session (when auto-initialize is on). */
    private void queryWanInfo(Adapter a) {
        TapiMessage m = TapiMessage.allocate(NdisTapiStructs.WAN_INFO, 0);
        OidRequest q = new OidRequest(OidRequest.Type.QUERY, WanOids.OID_WAN_GET_INFO, m.buffer());
        submit(a, q, null, null, st -> {
            if (st.isSuccess()) {
                a.maxTransmit = Math.max(1, m.u32("MaxTransmit"));
            }
            if (a.running()) {
                tapi.adapterReady(a);
            }
        });
    }

    Status haltAdapter(Driver d, AdapterHandle h) {
        Adapter a = owned(d, h);
        if (a == null || !a.running()) {
            return Status.INVALID_HANDLE.withDescription(h + " is not a running adapter of " + d.name);
        }
        a.moveTo(AdapterState.HALTING);
        trace(() -> "wan -> " + d.name + "  onHalt(" + h + ")");
        try {
            d.handlers.onHalt(h);
        } catch (RuntimeException | AssertionError ex) {
            handlerError(d.name, "onHalt", ex);
        }
        // J15/R46: the miniport had to complete every outstanding request in onHalt.
        for (PendingOid p : pendingOf(a)) {
            violation(d.name, "R46", name(p.request.oid()) + " still pending after onHalt; aborted");
            pending.remove(p.request);
            settle(p, Status.REQUEST_ABORTED);
        }
        wan.adapterGone(a);
        tapi.adapterGone(a);
        a.moveTo(AdapterState.HALTED);
        adapters.remove(h.id());
        return Status.SUCCESS;
    }

    /** MiniportReset, triggered by NDIS (J17, R43). */
    Status resetAdapter(AdapterHandle h) {
        Adapter a = h == null ? null : adapters.get(h.id());
        if (a == null || !a.running()) {
            return Status.INVALID_HANDLE.withDescription(h + " is not a running adapter");
        }
        Status st;
        try {
            st = a.driver.handlers.onReset(h);
            if (st == null) {
                st = violation(a.driver.name, "G5", "onReset returned null");
            }
        } catch (RuntimeException | AssertionError ex) {
            handlerError(a.driver.name, "onReset", ex);
            st = Status.FAILURE;
        }
        if (st.isPending()) {
            st = violation(a.driver.name, "J17", "onReset may not pend here");
        }
        Status answer = st;
        trace(() -> "wan -> " + a.driver.name + "  onReset(" + h + ") = " + answer);
        tapi.afterReset(a);
        return st;
    }

    Adapter owned(Driver d, AdapterHandle h) {
        Adapter a = h == null ? null : adapters.get(h.id());
        return a != null && a.driver == d ? a : null;
    }

    /** An adapter that may still indicate: running, or inside its onHalt. */
    Adapter indicating(Driver d, AdapterHandle h) {
        Adapter a = owned(d, h);
        return a != null && (a.state == AdapterState.RUNNING || a.state == AdapterState.HALTING) ? a : null;
    }

    Adapter running(AdapterHandle h) {
        Adapter a = h == null ? null : adapters.get(h.id());
        return a != null && a.running() ? a : null;
    }

    List<Adapter> adapters() {
        return new ArrayList<>(adapters.values());
    }

    // ------------------------------------------------------------------------------------------------ OIDs

    /**
     * {@link #submit} for a caller that answers a status and wants a callback only for a request that really
     * pends: a completion that comes before {@code submit} returns (from inside the miniport's handler) becomes
     * the returned status and {@code onComplete} does not run; otherwise {@code onComplete} runs exactly once,
     * later, if (and only if) the answer is PENDING.
     *
     * @return SUCCESS, PENDING or the failure
     */
    Status submitOrPend(Adapter a, OidRequest r, WanModel.Line line, WanModel.Call call,
                        Consumer<Status> onComplete) {
        boolean[] returned = {false};
        Status[] early = {null};
        Status st = submit(a, r, line, call, s -> {
            if (returned[0]) {
                onComplete.accept(s);
            } else {
                early[0] = s;
            }
        });
        returned[0] = true;
        return st.isPending() && early[0] != null ? early[0] : st;
    }

    /**
     * Hands one request to the adapter's miniport. {@code onDone} runs exactly once with the final status
     * (inside this call when the miniport answers synchronously or completes from inside its handler).
     *
     * @return PENDING, or the synchronous final status
     */
    Status submit(Adapter a, OidRequest r, WanModel.Line line, WanModel.Call call, Consumer<Status> onDone) {
        if (pending.containsKey(r)) {
            return Status.INVALID_PARAMETER.withDescription("this OidRequest is already pending");
        }
        PendingOid p = new PendingOid(r, a, line, call, onDone);
        pending.put(r, p);
        Status st;
        String handler = r.type() == OidRequest.Type.QUERY ? "onQueryInformation" : "onSetInformation";
        try {
            st = r.type() == OidRequest.Type.QUERY
                    ? a.driver.handlers.onQueryInformation(a.handle, r)
                    : a.driver.handlers.onSetInformation(a.handle, r);
            if (st == null) {
                st = violation(a.driver.name, "G5", handler + " returned null; FAILURE used");
            }
        } catch (RuntimeException | AssertionError ex) {
            handlerError(a.driver.name, handler, ex);
            st = Status.FAILURE.withDescription(handler + " threw " + ex);
        }
        Status answer = st;
        trace(() -> "wan -> " + a.driver.name + "  " + handler + "(" + name(r.oid()) + ") = " + answer);
        if (st.isPending()) {
            return Status.PENDING;
        }
        if (!pending.containsKey(r)) {
            // Completed inside the handler and answered synchronously as well: the completion counted.
            violation(a.driver.name, "G5", name(r.oid()) + " was completed and " + handler + " returned " + st);
            return Status.PENDING;
        }
        pending.remove(r);
        return settle(p, st);
    }

    /** NdisMQueryInformationComplete / NdisMSetInformationComplete. */
    void complete(Driver d, AdapterHandle h, OidRequest r, Status st, OidRequest.Type type) {
        String op = type == OidRequest.Type.QUERY ? "queryInformationComplete" : "setInformationComplete";
        trace(() -> d.name + " -> wan  " + op + "(" + (r == null ? "null" : name(r.oid())) + ", " + st + ")");
        PendingOid p = r == null ? null : pending.get(r);
        if (p == null || p.adapter.driver != d) {
            violation(d.name, "G5", op + " for a request that is not pending" + (r == null ? "" : ": "
                    + name(r.oid())));
            return;
        }
        if (h == null || p.adapter.handle.id() != h.id()) {
            violation(d.name, "G5", op + " names " + h + " but " + name(r.oid()) + " went to " + p.adapter.handle);
            return;
        }
        if (r.type() != type) {
            violation(d.name, "G5", op + " for a " + r.type() + " request");
            return;
        }
        if (st == null || st.isPending()) {
            violation(d.name, "G5", "a completion never carries PENDING (or null)");
            return;
        }
        pending.remove(r);
        settle(p, st);
    }

    private Status settle(PendingOid p, Status st) {
        Status fin = tapi.checkAnswer(p, st);
        try {
            p.onDone.accept(fin);
        } catch (RuntimeException | AssertionError ex) {
            handlerError("wan", "completion of " + name(p.request.oid()), ex);
        }
        return fin;
    }

    /** Requests of {@code a} still pending that name {@code call} (or any when null). */
    List<PendingOid> pendingOf(Adapter a) {
        List<PendingOid> out = new ArrayList<>();
        for (PendingOid p : pending.values()) {
            if (p.adapter == a) {
                out.add(p);
            }
        }
        return out;
    }

    List<PendingOid> pendingOfCall(WanModel.Call c) {
        List<PendingOid> out = new ArrayList<>();
        for (PendingOid p : pending.values()) {
            if (p.call == c) {
                out.add(p);
            }
        }
        return out;
    }

    /** Completes a request NDISTAPI gives up on (R41 close-call, R45 shutdown) with REQUEST_ABORTED. */
    void abort(PendingOid p) {
        if (pending.remove(p.request) != null) {
            settle(p, Status.REQUEST_ABORTED);
        }
    }

    int pendingCount() {
        return pending.size();
    }

    static String name(int oid) {
        TapiOids.Info i = TapiOids.info(oid);
        if (i != null) {
            return i.name();
        }
        if (oid == WanOids.OID_WAN_GET_INFO) {
            return "OID_WAN_GET_INFO";
        }
        return String.format("0x%08X", oid);
    }
}
