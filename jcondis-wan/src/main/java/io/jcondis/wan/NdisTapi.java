package io.jcondis.wan;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.OidRequest;
import io.jcondis.api.Packet;
import io.jcondis.api.Result;
import io.jcondis.api.Status;
import io.jcondis.api.wan.Tapi;
import io.jcondis.api.wan.TapiEvent;
import io.jcondis.api.wan.TapiOids;
import io.jcondis.wan.WanModel.Adapter;
import io.jcondis.wan.WanModel.Call;
import io.jcondis.wan.WanModel.CallLife;
import io.jcondis.wan.WanModel.Line;
import io.jcondis.wan.WanModel.PendingOid;
import io.jcondis.wan.WanModel.SessionState;
import io.jcondis.wan.struct.LineAddressCaps;
import io.jcondis.wan.struct.LineAddressStatus;
import io.jcondis.wan.struct.LineCallInfo;
import io.jcondis.wan.struct.LineCallParams;
import io.jcondis.wan.struct.LineCallStatus;
import io.jcondis.wan.struct.LineDevCaps;
import io.jcondis.wan.struct.LineDevStatus;
import io.jcondis.wan.struct.NdisTapiStructs;
import io.jcondis.wan.struct.StructCheck;
import io.jcondis.wan.struct.StructLayout;
import io.jcondis.wan.struct.TapiMessage;
import io.jcondis.wan.struct.VarString;
import io.jcondis.wan.tapi.CallHandle;
import io.jcondis.wan.tapi.CallStats;
import io.jcondis.wan.tapi.EndCause;
import io.jcondis.wan.tapi.LineDevice;
import io.jcondis.wan.tapi.LineEvent;
import io.jcondis.wan.tapi.LineHandle;
import io.jcondis.wan.tapi.LineState;
import io.jcondis.wan.tapi.TapiCallState;
import io.jcondis.wan.tapi.TapiListener;
import io.jcondis.wan.tapi.TapiRequest;
import io.jcondis.wan.tapi.TapiService;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The NDISTAPI role and the application API: provider sessions per adapter (device-id bases handed out in
 * order, never reused), TAPI handles (htLine, htCall from one counter, never reused) mapped to the miniport's
 * (hdLine, hdCall), and every session and closing rule (R38-R48) enforced at this boundary. Runs under the
 * control-plane lock; every public method takes it.
 */
final class NdisTapi implements TapiService {
    /** Bytes of variable data NDISTAPI offers a miniport for each variable-size answer. */
    static final int VAR_ROOM = 2048;
    private static final int MAX_LINES = 4096;

    private record InitJob(Adapter adapter, Request<Integer> request) {
    }

    private final WanBroker b;
    private final List<TapiListener> listeners = new ArrayList<>();
    private final Map<Long, Line> lines = new LinkedHashMap<>();
    private final Map<Long, Call> calls = new LinkedHashMap<>();
    private final TreeMap<Integer, LineDevice> devices = new TreeMap<>();
    private final ArrayDeque<InitJob> initQueue = new ArrayDeque<>();
    private Adapter initializing;
    private boolean runningInits;
    private long nextHandle = 1;
    private long nextRequest = 1;
    private int nextDeviceIdBase;
    boolean autoInitialize = true;

    NdisTapi(WanBroker b) {
        this.b = b;
    }

    <T> T locked(Supplier<T> op) {
        return b.locked(op);
    }

    // ------------------------------------------------------------------------------------------ deliveries

    void publish(LineEvent e) {
        b.trace(() -> "tapi <- " + e);
        b.deliver(() -> {
            for (TapiListener l : new ArrayList<>(listeners)) {
                try {
                    l.onEvent(e);
                } catch (RuntimeException | AssertionError ex) {
                    b.handlerError("tapi", "onEvent", ex);
                }
            }
        });
    }

    void received(Call c, Packet p) {
        b.deliver(() -> {
            for (TapiListener l : new ArrayList<>(listeners)) {
                try {
                    l.onReceive(c.handle, p);
                } catch (RuntimeException | AssertionError ex) {
                    b.handlerError("tapi", "onReceive", ex);
                }
            }
        });
    }

    void sendCompleted(Call c, Packet p) {
        b.deliver(() -> {
            for (TapiListener l : new ArrayList<>(listeners)) {
                try {
                    l.onSendComplete(c.handle, p);
                } catch (RuntimeException | AssertionError ex) {
                    b.handlerError("tapi", "onSendComplete", ex);
                }
            }
        });
    }

    void runCallback(String op, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException | AssertionError ex) {
            b.handlerError("tapi", op + " whenDone", ex);
        }
    }

    private <T> Request<T> request(String op, LineHandle line, CallHandle call) {
        return new Request<>(this, nextRequest++, op, line, call);
    }

    // ------------------------------------------------------------------------------------------ lookups

    Call callByHt(long htCall) {
        return calls.get(htCall);
    }

    private Line line(LineHandle h) {
        return h == null ? null : lines.get(h.id());
    }

    private Call call(CallHandle h) {
        return h == null ? null : calls.get(h.id());
    }

    private static Status tapi(Status.Code c, String why) {
        return Status.of(c).withDescription(why);
    }

    /** R44, J15: why a request on this line is refused, or null. */
    private static Status lineProblem(Line l, LineHandle h) {
        if (l == null || l.state == LineState.CLOSING || l.state == LineState.CLOSED) {
            return tapi(Status.Code.TAPI_INVALLINEHANDLE, h + " is not an open line");
        }
        if (l.state == LineState.OPENING) {
            return tapi(Status.Code.TAPI_INVALLINESTATE, h + " is still opening");
        }
        if (l.state == LineState.REMOVED || !l.adapter.running()) {
            return tapi(Status.Code.TAPI_NODRIVER, h + ": its adapter is gone");
        }
        return null;
    }

    /** A call handle the application may still use (before lineDeallocateCall, on a line not closing). */
    private static boolean valid(Call c) {
        return c != null && !c.closeRequested && c.life != CallLife.CLOSING && c.life != CallLife.DEALLOCATED
                && c.line.state != LineState.CLOSING && c.line.state != LineState.CLOSED;
    }

    /** R41, R44, J15: why a request on this call is refused, or null. */
    private static Status callProblem(Call c, CallHandle h) {
        if (!valid(c)) {
            return tapi(Status.Code.TAPI_INVALCALLHANDLE, h + " is not a valid call");
        }
        if (c.life == CallLife.REMOVED || !c.line.adapter.running()) {
            return tapi(Status.Code.TAPI_NODRIVER, h + ": its adapter is gone");
        }
        if (c.life == CallLife.MAKING) {
            return tapi(Status.Code.TAPI_INVALCALLSTATE, h + ": its make-call is still pending");
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------ listeners

    @Override
    public void addListener(TapiListener listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        locked(() -> listeners.add(listener));
    }

    @Override
    public void removeListener(TapiListener listener) {
        locked(() -> listeners.remove(listener));
    }

    @Override
    public List<LineDevice> devices() {
        return locked(() -> new ArrayList<>(devices.values()));
    }

    // ------------------------------------------------------------------------------------------ sessions

    @Override
    public TapiRequest<Integer> initializeProvider(AdapterHandle adapter) {
        return locked(() -> {
            Request<Integer> r = request("initializeProvider", null, null);
            Adapter a = b.running(adapter);
            if (a == null) {
                return r.fail(Status.INVALID_HANDLE.withDescription(adapter + " is not a running adapter"));
            }
            if (a.session != SessionState.NONE || initQueue.stream().anyMatch(j -> j.adapter == a)) {
                return r.fail(tapi(Status.Code.TAPI_ALLOCATED, adapter + " already has a provider session"));
            }
            startSession(a, r);
            return r.returned();
        });
    }

    /** NDISWAN has the adapter's WAN info: start its session (as deferred work) when auto-initialize is on. */
    void adapterReady(Adapter a) {
        if (autoInitialize) {
            b.post(() -> {
                if (a.running() && a.session == SessionState.NONE
                        && initQueue.stream().noneMatch(j -> j.adapter == a)) {
                    startSession(a, null);
                }
            });
        }
    }

    /** J1: PROVIDER_INITIALIZE, one adapter at a time so that device-id bases never overlap. */
    private void startSession(Adapter a, Request<Integer> r) {
        initQueue.add(new InitJob(a, r));
        runInits();
    }

    private void runInits() {
        if (runningInits) {
            return;
        }
        runningInits = true;
        try {
            while (initializing == null && !initQueue.isEmpty()) {
                InitJob j = initQueue.poll();
                Adapter a = j.adapter;
                if (!a.running() || a.session != SessionState.NONE) {
                    if (j.request != null) {
                        j.request.complete(Status.REQUEST_ABORTED, null);
                    }
                    continue;
                }
                initializing = a;
                a.sessionTo(SessionState.INITIALIZING);
                int base = nextDeviceIdBase;
                TapiMessage m = TapiMessage.allocate(NdisTapiStructs.PROVIDER_INITIALIZE, 0)
                        .putU32("ulDeviceIDBase", base);
                b.submit(a, oid(TapiOids.OID_TAPI_PROVIDER_INITIALIZE, m), null, null, st -> {
                    initializing = null;
                    sessionStarted(a, m, base, st, j.request);
                    runInits();
                });
            }
        } finally {
            runningInits = false;
        }
    }

    private void sessionStarted(Adapter a, TapiMessage m, int base, Status st, Request<Integer> r) {
        if (a.session != SessionState.INITIALIZING) {
            if (r != null) {
                r.complete(st.isSuccess() ? Status.REQUEST_ABORTED : st, null);
            }
            return;
        }
        int n = 0;
        long pid = 0;
        if (st.isSuccess()) {
            n = m.u32("ulNumLineDevs");
            pid = m.ptr("ulProviderID");
            if (n < 0 || n > MAX_LINES) {
                st = b.violation(a.driver.name, "J1", "ulNumLineDevs " + Integer.toUnsignedString(n)
                        + " is not between 0 and " + MAX_LINES);
            } else {
                for (Adapter o : b.adapters()) {
                    if (o != a && o.session == SessionState.ACTIVE && o.providerId == pid) {
                        st = b.violation(a.driver.name, "R38", "ulProviderID " + pid + " is already the id of "
                                + o.handle + "; it must be unique");
                    }
                }
            }
        }
        if (!st.isSuccess()) {
            a.sessionTo(SessionState.NONE);
            if (r != null) {
                r.complete(st, null);
            }
            return;
        }
        a.deviceIdBase = base;
        a.numLines = n;
        a.providerId = pid;
        nextDeviceIdBase = Math.max(nextDeviceIdBase, base + n);
        a.sessionTo(SessionState.ACTIVE);
        for (int i = 0; i < n; i++) {
            devices.put(base + i, new LineDevice(base + i, a.handle, i, pid));
        }
        publish(new LineEvent.ProviderInitialized(a.handle, base, n, pid));
        if (r != null) {
            r.complete(Status.SUCCESS, n);
        }
    }

    @Override
    public TapiRequest<Void> shutdownProvider(AdapterHandle adapter) {
        return locked(() -> {
            Request<Void> r = request("shutdownProvider", null, null);
            Adapter a = b.running(adapter);
            if (a == null) {
                return r.fail(Status.INVALID_HANDLE.withDescription(adapter + " is not a running adapter"));
            }
            if (a.session != SessionState.ACTIVE) {
                return r.fail(tapi(Status.Code.TAPI_NODRIVER, adapter + " has no active provider session"));
            }
            endSession(a, EndCause.REQUESTED, st -> r.complete(st, null));
            return r.returned();
        });
    }

    /** J14/R45 (and the first half of a J16 re-init): every line and call dies, then PROVIDER_SHUTDOWN. */
    private void endSession(Adapter a, EndCause cause, Consumer<Status> then) {
        a.sessionTo(SessionState.SHUTTING_DOWN);
        EndCause lineCause = cause == EndCause.REQUESTED ? EndCause.SHUTDOWN : cause;
        for (Line l : new ArrayList<>(a.lines)) {
            if (l.state == LineState.OPEN || l.state == LineState.OPENING) {
                boolean wasOpen = l.state == LineState.OPEN;
                l.moveTo(LineState.CLOSING);
                if (wasOpen) {
                    publish(new LineEvent.LineClosed(l.handle, lineCause));
                }
            }
        }
        TapiMessage m = TapiMessage.allocate(NdisTapiStructs.PROVIDER_SHUTDOWN, 0);
        b.submit(a, oid(TapiOids.OID_TAPI_PROVIDER_SHUTDOWN, m), null, null, st -> {
            if (a.running()) {
                b.wan.forceDown(a, "R45", "link still up after OID_TAPI_PROVIDER_SHUTDOWN");
                for (PendingOid p : b.pendingOf(a)) {
                    b.violation(a.driver.name, "R45", WanBroker.name(p.request.oid())
                            + " still pending after OID_TAPI_PROVIDER_SHUTDOWN; aborted");
                    b.abort(p);
                }
            }
            for (Line l : new ArrayList<>(a.lines)) {
                finishLine(l);
            }
            removeDevices(a);
            if (a.session == SessionState.SHUTTING_DOWN) {
                a.sessionTo(SessionState.NONE);
                publish(new LineEvent.ProviderShutdown(a.handle, cause));
            }
            then.accept(st);
        });
    }

    private void removeDevices(Adapter a) {
        devices.values().removeIf(d -> d.adapter().equals(a.handle));
    }

    /** J16: LINEDEVSTATE_REINIT: shut the session down and initialize it again, as deferred work. */
    private void scheduleReinit(Adapter a) {
        if (a.session != SessionState.ACTIVE || a.reinitScheduled) {
            return;
        }
        a.reinitScheduled = true;
        b.post(() -> {
            a.reinitScheduled = false;
            if (a.running() && a.session == SessionState.ACTIVE) {
                endSession(a, EndCause.REINIT, st -> startSession(a, null));
            }
        });
    }

    /** J15/R46 after onHalt returned: lines stay as REMOVED (R43: state kept until the application closes). */
    void adapterGone(Adapter a) {
        initQueue.removeIf(j -> {
            if (j.adapter == a && j.request != null) {
                j.request.complete(Status.REQUEST_ABORTED, null);
            }
            return j.adapter == a;
        });
        for (Line l : new ArrayList<>(a.lines)) {
            if (l.state == LineState.OPEN) {
                l.moveTo(LineState.REMOVED);
                if (!l.outOfServiceReported) {
                    // GAP-4: "lines offline" is LINE_LINEDEVSTATE(OUTOFSERVICE); supplied when the miniport did not.
                    publish(new LineEvent.LineDevStateChanged(a.handle, l.handle, Tapi.LINEDEVSTATE_OUTOFSERVICE,
                            0, 0));
                }
                for (Call c : new ArrayList<>(l.calls.values())) {
                    removeCall(c);
                }
            } else if (l.state != LineState.REMOVED) {
                finishLine(l);
            }
        }
        removeDevices(a);
        boolean had = a.session == SessionState.ACTIVE || a.session == SessionState.SHUTTING_DOWN;
        if (a.session != SessionState.NONE) {
            a.sessionTo(SessionState.NONE);
        }
        if (had) {
            publish(new LineEvent.ProviderShutdown(a.handle, EndCause.HALTED));
        }
    }

    private void removeCall(Call c) {
        if (c.life == CallLife.MAKING || c.life == CallLife.ACTIVE) {
            c.lifeTo(CallLife.REMOVED);
            if (!c.state.isEnded()) {
                moveState(c, TapiCallState.DISCONNECTED, Tapi.LINEDISCONNECTMODE_UNAVAIL);
            }
        } else if (c.life == CallLife.CLOSING) {
            deallocate(c);
        }
    }

    /** R43 after MiniportReset: every call disconnected, no link up; the call records stay. */
    void afterReset(Adapter a) {
        b.wan.forceDown(a, "R43", "link still up after MiniportReset");
        for (Line l : a.lines) {
            for (Call c : new ArrayList<>(l.calls.values())) {
                if (c.life == CallLife.ACTIVE && !c.state.isEnded() && c.state != TapiCallState.NEW) {
                    b.violation(a.driver.name, "R43", c.handle + " is still " + c.state + " after MiniportReset");
                    moveState(c, TapiCallState.DISCONNECTED, Tapi.LINEDISCONNECTMODE_UNAVAIL);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------ requests

    private static OidRequest oid(int oid, TapiMessage m) {
        return new OidRequest(TapiOids.info(oid).query() ? OidRequest.Type.QUERY : OidRequest.Type.SET, oid,
                m.buffer());
    }

    /** A buffer with room for the variable part of the embedded output structure {@code field}. */
    private static TapiMessage withVar(StructLayout layout, String field) {
        TapiMessage m = TapiMessage.allocate(layout, VAR_ROOM);
        m.putU32(field + ".ulTotalSize", m.buffer().length - layout.offset(field));
        return m;
    }

    private <T> TapiRequest<T> send(Request<T> r, Adapter a, Line l, Call c, int oid, TapiMessage m,
                                    Function<TapiMessage, T> decode, Runnable onSuccess) {
        b.submit(a, oid(oid, m), l, c, st -> {
            T v = null;
            if (st.isSuccess()) {
                if (onSuccess != null) {
                    onSuccess.run();
                }
                v = decode == null ? null : decode.apply(m);
            }
            r.complete(st, v);
        });
        return r.returned();
    }

    private <T> TapiRequest<T> lineRequest(String op, LineHandle h, TapiMessage m, int oid,
                                           Function<TapiMessage, T> decode, Consumer<Line> onSuccess) {
        return locked(() -> {
            Request<T> r = request(op, h, null);
            Line l = line(h);
            Status bad = lineProblem(l, h);
            if (bad != null) {
                return r.fail(bad);
            }
            m.putPtr("hdLine", l.hdLine);
            return send(r, l.adapter, l, null, oid, m, decode, onSuccess == null ? null : () -> onSuccess.accept(l));
        });
    }

    private <T> TapiRequest<T> callRequest(String op, CallHandle h, TapiMessage m, int oid,
                                           Function<TapiMessage, T> decode) {
        return locked(() -> {
            Call c = call(h);
            Request<T> r = request(op, c == null ? null : c.line.handle, h);
            Status bad = callProblem(c, h);
            if (bad != null) {
                return r.fail(bad);
            }
            m.putPtr("hdCall", c.hdCall);
            if (m.layout().has("hdLine")) {
                m.putPtr("hdLine", c.line.hdLine);
            }
            return send(r, c.line.adapter, c.line, c, oid, m, decode, null);
        });
    }

    private <T> TapiRequest<T> deviceRequest(String op, int deviceId, TapiMessage m, int oid,
                                             Function<TapiMessage, T> decode) {
        return locked(() -> {
            Request<T> r = request(op, null, null);
            LineDevice d = devices.get(deviceId);
            Adapter a = d == null ? null : b.running(d.adapter());
            if (a == null) {
                return r.fail(tapi(Status.Code.TAPI_NODEVICE, "no line device " + deviceId));
            }
            return send(r, a, null, null, oid, m, decode, null);
        });
    }

    @Override
    public TapiRequest<LineDevCaps> getDevCaps(int deviceId) {
        StructLayout l = NdisTapiStructs.GET_DEV_CAPS;
        TapiMessage m = withVar(l, "LineDevCaps").putU32("ulDeviceID", deviceId);
        return deviceRequest("getDevCaps", deviceId, m, TapiOids.OID_TAPI_GET_DEV_CAPS,
                x -> LineDevCaps.decode(x.buffer(), l.offset("LineDevCaps")));
    }

    @Override
    public TapiRequest<LineAddressCaps> getAddressCaps(int deviceId, int addressId) {
        StructLayout l = NdisTapiStructs.GET_ADDRESS_CAPS;
        TapiMessage m = withVar(l, "LineAddressCaps").putU32("ulDeviceID", deviceId).putU32("ulAddressID", addressId);
        return deviceRequest("getAddressCaps", deviceId, m, TapiOids.OID_TAPI_GET_ADDRESS_CAPS,
                x -> LineAddressCaps.decode(x.buffer(), l.offset("LineAddressCaps")));
    }

    @Override
    public TapiRequest<LineHandle> open(int deviceId) {
        return locked(() -> {
            Request<LineHandle> r = request("open", null, null);
            LineDevice d = devices.get(deviceId);
            Adapter a = d == null ? null : b.running(d.adapter());
            if (a == null) {
                return r.fail(tapi(Status.Code.TAPI_NODEVICE, "no line device " + deviceId));
            }
            for (Line o : lines.values()) {
                if (o.deviceId == deviceId && (o.state == LineState.OPEN || o.state == LineState.OPENING)) {
                    return r.fail(tapi(Status.Code.TAPI_ALLOCATED, "device " + deviceId + " is open as " + o.handle));
                }
            }
            Line l = new Line(new LineHandle(nextHandle++), a, deviceId);
            lines.put(l.handle.id(), l);
            a.lines.add(l);
            r.value(l.handle).forLine(l.handle);
            TapiMessage m = TapiMessage.allocate(NdisTapiStructs.OPEN, 0).putU32("ulDeviceID", deviceId)
                    .putPtr("htLine", l.handle.id());
            b.submit(a, oid(TapiOids.OID_TAPI_OPEN, m), l, null, st -> opened(l, m, st, r));
            return r.returned();
        });
    }

    private void opened(Line l, TapiMessage m, Status st, Request<LineHandle> r) {
        if (l.state != LineState.OPENING) {
            finishLine(l);
            r.complete(st.isSuccess() ? Status.REQUEST_ABORTED : st, null);
            return;
        }
        if (st.isSuccess()) {
            long hd = m.ptr("hdLine");
            for (Line o : l.adapter.lines) {
                if (o != l && o.hdLine == hd && o.state != LineState.CLOSED && o.state != LineState.OPENING) {
                    st = b.violation(l.adapter.driver.name, "R48", "OID_TAPI_OPEN answered hdLine " + hd
                            + ", already the handle of " + o.handle);
                }
            }
            if (st.isSuccess()) {
                l.hdLine = hd;
                l.moveTo(LineState.OPEN);
                r.complete(Status.SUCCESS, l.handle);
                return;
            }
        }
        l.moveTo(LineState.CLOSED);
        forget(l);
        r.complete(st, null);
    }

    private void forget(Line l) {
        lines.remove(l.handle.id());
        l.adapter.lines.remove(l);
    }

    @Override
    public TapiRequest<Void> setDefaultMediaDetection(LineHandle line, int mediaModes) {
        TapiMessage m = TapiMessage.allocate(NdisTapiStructs.SET_DEFAULT_MEDIA_DETECTION, 0)
                .putU32("ulMediaModes", mediaModes);
        return lineRequest("setDefaultMediaDetection", line, m, TapiOids.OID_TAPI_SET_DEFAULT_MEDIA_DETECTION, null,
                l -> l.detectionModes = mediaModes);
    }

    @Override
    public TapiRequest<Void> setStatusMessages(LineHandle line, int lineStates, int addressStates) {
        TapiMessage m = TapiMessage.allocate(NdisTapiStructs.SET_STATUS_MESSAGES, 0)
                .putU32("ulLineStates", lineStates).putU32("ulAddressStates", addressStates);
        return lineRequest("setStatusMessages", line, m, TapiOids.OID_TAPI_SET_STATUS_MESSAGES, null, null);
    }

    @Override
    public TapiRequest<Void> conditionalMediaDetection(LineHandle line, int mediaModes) {
        TapiMessage m = TapiMessage.allocate(NdisTapiStructs.CONDITIONAL_MEDIA_DETECTION, 0)
                .putU32("ulMediaModes", mediaModes);
        new LineCallParams(Tapi.LINEBEARERMODE_DATA, 0, 0, mediaModes, Tapi.LINEADDRESSMODE_ADDRESSID, 0)
                .writeTo(m.buffer(), NdisTapiStructs.CONDITIONAL_MEDIA_DETECTION.offset("LineCallParams"));
        return lineRequest("conditionalMediaDetection", line, m, TapiOids.OID_TAPI_CONDITIONAL_MEDIA_DETECTION,
                null, null);
    }

    @Override
    public TapiRequest<LineDevStatus> getLineDevStatus(LineHandle line) {
        StructLayout l = NdisTapiStructs.GET_LINE_DEV_STATUS;
        return lineRequest("getLineDevStatus", line, withVar(l, "LineDevStatus"),
                TapiOids.OID_TAPI_GET_LINE_DEV_STATUS, x -> LineDevStatus.decode(x.buffer(),
                        l.offset("LineDevStatus")), null);
    }

    @Override
    public TapiRequest<LineAddressStatus> getAddressStatus(LineHandle line, int addressId) {
        StructLayout l = NdisTapiStructs.GET_ADDRESS_STATUS;
        return lineRequest("getAddressStatus", line, withVar(l, "LineAddressStatus").putU32("ulAddressID",
                addressId), TapiOids.OID_TAPI_GET_ADDRESS_STATUS,
                x -> LineAddressStatus.decode(x.buffer(), l.offset("LineAddressStatus")), null);
    }

    @Override
    public TapiRequest<Integer> getAddressId(LineHandle line, String address) {
        byte[] a = TapiMessage.asciiZ(address == null ? "" : address);
        StructLayout l = NdisTapiStructs.GET_ADDRESS_ID;
        TapiMessage m = TapiMessage.allocate(l, a.length).putU32("ulAddressMode", Tapi.LINEADDRESSMODE_DIALABLEADDR)
                .putU32("ulAddressSize", a.length);
        System.arraycopy(a, 0, m.buffer(), l.tailOffset(), a.length);
        return lineRequest("getAddressId", line, m, TapiOids.OID_TAPI_GET_ADDRESS_ID, x -> x.u32("ulAddressID"),
                null);
    }

    @Override
    public TapiRequest<Void> close(LineHandle h) {
        return locked(() -> {
            Request<Void> r = request("close", h, null);
            Line l = line(h);
            if (l == null || l.state == LineState.CLOSING || l.state == LineState.CLOSED) {
                return r.fail(tapi(Status.Code.TAPI_INVALLINEHANDLE, h + " is not an open line"));
            }
            if (l.state == LineState.OPENING) {
                return r.fail(tapi(Status.Code.TAPI_INVALLINESTATE, h + " is still opening"));
            }
            if (l.state == LineState.REMOVED || !l.adapter.running()) {
                finishLine(l);
                return r.fail(Status.SUCCESS);
            }
            beginLineClose(l);
            closeLineOids(l, st -> r.complete(st, null));
            return r.returned();
        });
    }

    private void beginLineClose(Line l) {
        l.moveTo(LineState.CLOSING);
    }

    /** R44: close every call of the line first, then OID_TAPI_CLOSE; completes with SUCCESS whatever happens. */
    private void closeLineOids(Line l, Consumer<Status> then) {
        List<Call> cs = new ArrayList<>(l.calls.values());
        int[] left = {cs.size()};
        Runnable sendClose = () -> {
            if (!l.adapter.running() || l.state != LineState.CLOSING) {
                finishLine(l);
                then.accept(Status.SUCCESS);
                return;
            }
            TapiMessage m = TapiMessage.allocate(NdisTapiStructs.CLOSE, 0).putPtr("hdLine", l.hdLine);
            b.submit(l.adapter, oid(TapiOids.OID_TAPI_CLOSE, m), l, null, st -> {
                if (st.isFailure() && l.adapter.running()) {
                    b.violation(l.adapter.driver.name, "R44", "OID_TAPI_CLOSE must succeed for a valid line; it "
                            + "answered " + st + "; the line is closed anyway");
                }
                finishLine(l);
                then.accept(Status.SUCCESS);
            });
        };
        if (cs.isEmpty()) {
            sendClose.run();
            return;
        }
        for (Call c : cs) {
            closeCallInternal(c, st -> {
                if (--left[0] == 0) {
                    sendClose.run();
                }
            });
        }
    }

    /** The line is gone: its calls are deallocated, the handle is CLOSED. */
    private void finishLine(Line l) {
        for (Call c : new ArrayList<>(l.calls.values())) {
            deallocate(c);
        }
        if (l.state != LineState.CLOSED) {
            l.moveTo(LineState.CLOSED);
        }
        forget(l);
    }

    @Override
    public TapiRequest<CallHandle> makeCall(LineHandle h, String destAddress, LineCallParams params) {
        return locked(() -> {
            Request<CallHandle> r = request("makeCall", h, null);
            Line l = line(h);
            Status bad = lineProblem(l, h);
            if (bad != null) {
                return r.fail(bad);
            }
            Call c = new Call(new CallHandle(nextHandle++), l, false, CallLife.MAKING);
            calls.put(c.handle.id(), c);
            l.calls.put(c.handle.id(), c);
            r.value(c.handle).forCall(c.handle);
            byte[] dest = destAddress == null || destAddress.isEmpty() ? new byte[0] : TapiMessage.asciiZ(destAddress);
            StructLayout ml = NdisTapiStructs.MAKE_CALL;
            TapiMessage m = TapiMessage.allocate(ml, dest.length).putPtr("hdLine", l.hdLine)
                    .putPtr("htCall", c.handle.id());
            if (dest.length > 0) {
                m.putU32("ulDestAddressSize", dest.length).putU32("ulDestAddressOffset", ml.size());
                System.arraycopy(dest, 0, m.buffer(), ml.size(), dest.length);
            }
            if (params == null) {
                m.putBool("bUseDefaultLineCallParams", true);
            } else {
                params.writeTo(m.buffer(), ml.offset("LineCallParams"));
            }
            b.submit(l.adapter, oid(TapiOids.OID_TAPI_MAKE_CALL, m), l, c, st -> made(c, m, st, r));
            return r.returned();
        });
    }

    private void made(Call c, TapiMessage m, Status st, Request<CallHandle> r) {
        if (c.life != CallLife.MAKING) {
            r.complete(st.isSuccess() ? Status.REQUEST_ABORTED : st, null);
            return;
        }
        if (st.isSuccess()) {
            long hd = m.ptr("hdCall");
            Call other = liveCallWithHd(c.line.adapter, hd, c);
            if (other != null) {
                st = b.violation(c.line.adapter.driver.name, "R48", "OID_TAPI_MAKE_CALL answered hdCall " + hd
                        + ", already the handle of " + other.handle);
            } else {
                c.hdCall = hd;
                c.lifeTo(CallLife.ACTIVE);
                r.complete(Status.SUCCESS, c.handle);
                if (c.closeRequested) {
                    closeCallInternal(c, s -> { });
                }
                return;
            }
        }
        deallocate(c);
        r.complete(st, null);
    }

    private Call liveCallWithHd(Adapter a, long hd, Call except) {
        for (Call o : calls.values()) {
            if (o != except && o.line.adapter == a && o.hdCall == hd && o.life != CallLife.MAKING) {
                return o;
            }
        }
        return null;
    }

    @Override
    public TapiRequest<Void> dial(CallHandle call, String digits) {
        byte[] d = TapiMessage.asciiZ(digits == null ? "" : digits);
        if (digits == null || digits.isEmpty()) {
            d = new byte[0];
        }
        TapiMessage m = TapiMessage.allocate(NdisTapiStructs.DIAL, d.length).putU32("ulDestAddressSize", d.length);
        System.arraycopy(d, 0, m.buffer(), NdisTapiStructs.DIAL.tailOffset(), d.length);
        if (d.length == 0) {
            return locked(() -> this.<Void>request("dial", null, call)
                    .fail(tapi(Status.Code.TAPI_INVALADDRESS, "no digits")));
        }
        return callRequest("dial", call, m, TapiOids.OID_TAPI_DIAL, null);
    }

    @Override
    public TapiRequest<Void> accept(CallHandle call) {
        return callRequest("accept", call, TapiMessage.allocate(NdisTapiStructs.ACCEPT, 0), TapiOids.OID_TAPI_ACCEPT,
                null);
    }

    @Override
    public TapiRequest<Void> answer(CallHandle call) {
        return callRequest("answer", call, TapiMessage.allocate(NdisTapiStructs.ANSWER, 0), TapiOids.OID_TAPI_ANSWER,
                null);
    }

    @Override
    public TapiRequest<Void> drop(CallHandle h) {
        return locked(() -> {
            Call c = call(h);
            Request<Void> r = request("drop", c == null ? null : c.line.handle, h);
            Status bad = callProblem(c, h);
            if (bad != null && bad.is(Status.Code.TAPI_NODRIVER)) {
                // J15: the adapter is gone; the call is already disconnected: the drop is NDISTAPI's alone.
                if (c.state != TapiCallState.IDLE) {
                    moveState(c, TapiCallState.IDLE, 0);
                }
                return r.fail(Status.SUCCESS);
            }
            if (bad != null) {
                return r.fail(bad);
            }
            TapiMessage m = TapiMessage.allocate(NdisTapiStructs.DROP, 0).putPtr("hdCall", c.hdCall);
            b.submit(c.line.adapter, oid(TapiOids.OID_TAPI_DROP, m), c.line, c, st -> {
                if (c.life == CallLife.ACTIVE && c.disconnectIndicated) {
                    // R42: a remote hang-up takes the link down (NDIS_STATUS_WAN_LINE_DOWN); by the time the
                    // application's drop is answered, whatever the answer, the miniport has had every chance.
                    b.wan.forceDown(c, "R42", "LINECALLSTATE_DISCONNECTED was indicated, but no "
                            + "NDIS_STATUS_WAN_LINE_DOWN before OID_TAPI_DROP completed");
                }
                if (st.isSuccess() && c.life == CallLife.ACTIVE) {
                    b.wan.forceDown(c, "J10", "OID_TAPI_DROP succeeded with the link still up");
                    if (c.state != TapiCallState.IDLE) {
                        moveState(c, TapiCallState.IDLE, 0);
                    }
                }
                r.complete(st, null);
            });
            return r.returned();
        });
    }

    @Override
    public TapiRequest<Void> closeCall(CallHandle h) {
        return locked(() -> {
            Call c = call(h);
            Request<Void> r = request("closeCall", c == null ? null : c.line.handle, h);
            if (!valid(c)) {
                return r.fail(tapi(Status.Code.TAPI_INVALCALLHANDLE, h + " is not a valid call"));
            }
            closeCallInternal(c, st -> r.complete(Status.SUCCESS, null));
            return r.returned();
        });
    }

    /** R41: OID_TAPI_CLOSE_CALL (waits for a pending make-call); {@code then} runs once the call is gone. */
    private void closeCallInternal(Call c, Consumer<Status> then) {
        switch (c.life) {
            case DEALLOCATED:
                then.accept(Status.SUCCESS);
                return;
            case CLOSING:
                c.closeWaiters.add(then);
                return;
            case MAKING:
                c.closeRequested = true;
                c.closeWaiters.add(then);
                return;
            case REMOVED:
                deallocate(c);
                then.accept(Status.SUCCESS);
                return;
            case ACTIVE:
            default:
                break;
        }
        if (!c.line.adapter.running()) {
            deallocate(c);
            then.accept(Status.SUCCESS);
            return;
        }
        c.lifeTo(CallLife.CLOSING);
        c.closeWaiters.add(then);
        TapiMessage m = TapiMessage.allocate(NdisTapiStructs.CLOSE_CALL, 0).putPtr("hdCall", c.hdCall);
        b.submit(c.line.adapter, oid(TapiOids.OID_TAPI_CLOSE_CALL, m), c.line, c, st -> closeCallDone(c, st));
    }

    private void closeCallDone(Call c, Status st) {
        Adapter a = c.line.adapter;
        if (a.running()) {
            if (st.isFailure()) {
                b.violation(a.driver.name, "R41", "OID_TAPI_CLOSE_CALL cannot fail; it answered " + st
                        + "; the call is deallocated anyway");
            }
            for (PendingOid p : b.pendingOfCall(c)) {
                b.violation(a.driver.name, "R41", WanBroker.name(p.request.oid())
                        + " still pending when OID_TAPI_CLOSE_CALL completed; aborted");
                b.abort(p);
            }
            if (c.disconnectIndicated) {
                b.wan.forceDown(c, "R42", "LINECALLSTATE_DISCONNECTED was indicated, but no "
                        + "NDIS_STATUS_WAN_LINE_DOWN before OID_TAPI_CLOSE_CALL completed");
            } else {
                b.wan.forceDown(c, "R41", "OID_TAPI_CLOSE_CALL completed with the link still up");
            }
        }
        deallocate(c);
    }

    private void deallocate(Call c) {
        if (c.life == CallLife.DEALLOCATED) {
            return;
        }
        if (c.link != null) {
            b.wan.takeDown(c.link);
        }
        c.lifeTo(CallLife.DEALLOCATED);
        c.transition(TapiCallState.DEALLOCATED, 0);
        calls.remove(c.handle.id());
        c.line.calls.remove(c.handle.id());
        List<Consumer<Status>> waiters = new ArrayList<>(c.closeWaiters);
        c.closeWaiters.clear();
        for (Consumer<Status> w : waiters) {
            w.accept(Status.SUCCESS);
        }
    }

    /** NDISTAPI changes a call's state itself (drop answered, adapter gone): through the same table. */
    private void moveState(Call c, TapiCallState next, int mode) {
        if (!c.transition(next, mode)) {
            return;
        }
        if (valid(c)) {
            publish(new LineEvent.CallStateChanged(c.line.handle, c.handle, next, mode, 0));
        }
    }

    @Override
    public TapiRequest<LineCallInfo> getCallInfo(CallHandle call) {
        StructLayout l = NdisTapiStructs.GET_CALL_INFO;
        return callRequest("getCallInfo", call, withVar(l, "LineCallInfo"), TapiOids.OID_TAPI_GET_CALL_INFO,
                x -> LineCallInfo.decode(x.buffer(), l.offset("LineCallInfo")));
    }

    @Override
    public TapiRequest<LineCallStatus> getCallStatus(CallHandle h) {
        StructLayout l = NdisTapiStructs.GET_CALL_STATUS;
        Call c0 = locked(() -> call(h));
        if (c0 != null && locked(() -> valid(c0) && c0.life == CallLife.REMOVED)) {
            // J15: the miniport is gone; NDISTAPI answers from the call record it keeps until close-call (R43).
            return locked(() -> {
                Request<LineCallStatus> r = request("getCallStatus", c0.line.handle, h);
                r.complete(Status.SUCCESS, new LineCallStatus(c0.state.bit(), c0.stateMode,
                        Tapi.LINECALLPRIVILEGE_OWNER, 0));
                return r;
            });
        }
        return callRequest("getCallStatus", h, withVar(l, "LineCallStatus"), TapiOids.OID_TAPI_GET_CALL_STATUS,
                x -> LineCallStatus.decode(x.buffer(), l.offset("LineCallStatus")));
    }

    @Override
    public TapiRequest<Integer> getCallAddressId(CallHandle call) {
        return callRequest("getCallAddressId", call, TapiMessage.allocate(NdisTapiStructs.GET_CALL_ADDRESS_ID, 0),
                TapiOids.OID_TAPI_GET_CALL_ADDRESS_ID, x -> x.u32("ulAddressID"));
    }

    @Override
    public TapiRequest<Void> setAppSpecific(CallHandle call, int appSpecific) {
        return callRequest("setAppSpecific", call, TapiMessage.allocate(NdisTapiStructs.SET_APP_SPECIFIC, 0)
                .putU32("ulAppSpecific", appSpecific), TapiOids.OID_TAPI_SET_APP_SPECIFIC, null);
    }

    @Override
    public TapiRequest<Void> setCallParams(CallHandle call, int bearerMode, int minRateBps, int maxRateBps) {
        return callRequest("setCallParams", call, TapiMessage.allocate(NdisTapiStructs.SET_CALL_PARAMS, 0)
                .putU32("ulBearerMode", bearerMode).putU32("ulMinRate", minRateBps).putU32("ulMaxRate", maxRateBps),
                TapiOids.OID_TAPI_SET_CALL_PARAMS, null);
    }

    @Override
    public TapiRequest<Void> setMediaMode(CallHandle call, int mediaMode) {
        return callRequest("setMediaMode", call, TapiMessage.allocate(NdisTapiStructs.SET_MEDIA_MODE, 0)
                .putU32("ulMediaMode", mediaMode), TapiOids.OID_TAPI_SET_MEDIA_MODE, null);
    }

    @Override
    public TapiRequest<Long> getLinkId(CallHandle call) {
        StructLayout l = NdisTapiStructs.GET_ID;
        byte[] cls = TapiMessage.asciiZ("ndis");
        TapiMessage m = withVar(l, "DeviceID");
        byte[] buf = java.util.Arrays.copyOf(m.buffer(), m.buffer().length + cls.length);
        System.arraycopy(cls, 0, buf, m.buffer().length, cls.length);
        TapiMessage g = TapiMessage.wrap(l, buf).putU32("ulSelect", Tapi.LINECALLSELECT_CALL)
                .putU32("ulDeviceClassSize", cls.length).putU32("ulDeviceClassOffset", m.buffer().length);
        return callRequest("getLinkId", call, g, TapiOids.OID_TAPI_GET_ID, x -> {
            VarString v = VarString.decode(x.buffer(), l.offset("DeviceID"));
            return v == null ? null : v.asLong();
        });
    }

    /** Answer checks NDISTAPI makes before decoding (GAP-3 consistency, R47 line-up before GET_ID). */
    Status checkAnswer(PendingOid p, Status st) {
        int oid = p.request.oid();
        if (!st.isSuccess() || TapiOids.info(oid) == null) {
            return st;
        }
        String who = p.adapter.driver.name;
        StructCheck.Problem pr = StructCheck.checkAnswer(oid, p.request.buffer());
        if (pr != null) {
            return b.violation(who, "GAP-3", WanBroker.name(oid) + ": " + pr.reason());
        }
        if (oid == TapiOids.OID_TAPI_GET_ID && p.call != null) {
            VarString v = VarString.decode(p.request.buffer(), NdisTapiStructs.GET_ID.offset("DeviceID"));
            if (p.call.link == null) {
                return b.violation(who, "R47", "OID_TAPI_GET_ID for " + p.call.handle
                        + " completed before its line-up");
            }
            if (v == null || v.asLong() != p.call.link.context) {
                return b.violation(who, "R47", "OID_TAPI_GET_ID for " + p.call.handle + " answered "
                        + (v == null ? "nothing" : v.asLong()) + ", but its NdisLinkContext is "
                        + p.call.link.context);
            }
        }
        return st;
    }

    @Override
    public Result<CallStats> callStats(CallHandle h) {
        return locked(() -> {
            Call c = call(h);
            return valid(c) ? new Result<>(Status.SUCCESS, c.stats())
                    : Result.failed(tapi(Status.Code.TAPI_INVALCALLHANDLE, h + " is not a valid call"));
        });
    }

    @Override
    public Result<TapiCallState> callState(CallHandle h) {
        return locked(() -> {
            Call c = call(h);
            return valid(c) ? new Result<>(Status.SUCCESS, c.state)
                    : Result.failed(tapi(Status.Code.TAPI_INVALCALLHANDLE, h + " is not a valid call"));
        });
    }

    @Override
    public LineState lineState(LineHandle h) {
        return locked(() -> {
            Line l = line(h);
            return l == null ? LineState.CLOSED : l.state;
        });
    }

    @Override
    public Status send(CallHandle h, Packet packet) {
        return locked(() -> {
            Call c = call(h);
            if (!valid(c)) {
                return tapi(Status.Code.TAPI_INVALCALLHANDLE, h + " is not a valid call");
            }
            return b.wan.send(c, packet);
        });
    }

    // ------------------------------------------------------------------------------------------ raw requests

    /**
     * An OID_TAPI_* request as NDISTAPI passes an application's raw structure: validated (StructCheck), then
     * R38 (session), then the driver handles it names, then sent. Handle- and session-managing OIDs (OPEN,
     * CLOSE, MAKE_CALL, CLOSE_CALL, PROVIDER_*) only go through the typed API.
     */
    Status rawRequest(Adapter a, OidRequest r, Consumer<Status> onComplete) {
        int oid = r.oid();
        StructCheck.Problem p = StructCheck.checkRequest(oid, r.type(), r.buffer());
        if (p != null) {
            r.bytesNeeded(p.bytesNeeded());
            return p.asStatus();
        }
        switch (oid) {
            case TapiOids.OID_TAPI_PROVIDER_INITIALIZE:
            case TapiOids.OID_TAPI_PROVIDER_SHUTDOWN:
            case TapiOids.OID_TAPI_OPEN:
            case TapiOids.OID_TAPI_CLOSE:
            case TapiOids.OID_TAPI_MAKE_CALL:
            case TapiOids.OID_TAPI_CLOSE_CALL:
                return tapi(Status.Code.TAPI_OPERATIONUNAVAIL, WanBroker.name(oid)
                        + " allocates or frees handles: use TapiService");
            default:
                break;
        }
        if (a.session != SessionState.ACTIVE) {
            return tapi(Status.Code.TAPI_NODRIVER, WanBroker.name(oid) + " before OID_TAPI_PROVIDER_INITIALIZE "
                    + "completed on " + a.handle + " (R38)");
        }
        StructLayout l = NdisTapiStructs.forOid(oid).layout();
        TapiMessage m = TapiMessage.wrap(l, r.buffer());
        Line line = null;
        Call call = null;
        boolean callOnly = l.has("hdCall") && (!l.has("hdLine") || m.ptr("hdCall") != 0);
        if (l.has("hdLine") && !callOnly) {
            line = lineByHd(a, m.ptr("hdLine"));
            if (line == null) {
                return tapi(Status.Code.TAPI_INVALLINEHANDLE, "hdLine " + m.ptr("hdLine")
                        + " is not an open line of " + a.handle);
            }
        }
        if (callOnly) {
            call = callByHd(a, m.ptr("hdCall"));
            if (call == null) {
                return tapi(Status.Code.TAPI_INVALCALLHANDLE, "hdCall " + m.ptr("hdCall")
                        + " is not a valid call of " + a.handle);
            }
            line = call.line;
        }
        if (l.has("ulDeviceID")) {
            int dev = m.u32("ulDeviceID");
            LineDevice d = devices.get(dev);
            if (d == null || !d.adapter().equals(a.handle)) {
                return tapi(Status.Code.TAPI_NODEVICE, "device " + dev + " is not a line of " + a.handle);
            }
        }
        return b.submitOrPend(a, r, line, call, onComplete);
    }

    private Line lineByHd(Adapter a, long hd) {
        for (Line l : a.lines) {
            if (l.hdLine == hd && l.state == LineState.OPEN) {
                return l;
            }
        }
        return null;
    }

    private Call callByHd(Adapter a, long hd) {
        for (Call c : calls.values()) {
            if (c.line.adapter == a && c.hdCall == hd && valid(c) && c.life == CallLife.ACTIVE) {
                return c;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------ indications

    Status indicateTapiEvent(Adapter a, TapiEvent ev) {
        String who = a.driver.name;
        if (ev == null) {
            return Status.INVALID_PARAMETER.withDescription("null event");
        }
        b.trace(() -> who + " -> wan  indicateTapiEvent(" + ev + ")");
        if (ev.msg() == Tapi.LINE_NEWCALL) {
            return Status.INVALID_PARAMETER.withDescription("LINE_NEWCALL's param2 is an out parameter: "
                    + "use indicateNewCall");
        }
        Line l = lines.get(ev.htLine());
        boolean ours = l != null && l.adapter == a && l.state != LineState.CLOSED;
        if (ev.msg() == Tapi.LINE_LINEDEVSTATE && (ev.param1() & Tapi.LINEDEVSTATE_REINIT) != 0) {
            publish(new LineEvent.LineDevStateChanged(a.handle, ours ? l.handle : null, Tapi.LINEDEVSTATE_REINIT,
                    ev.param2(), ev.param3()));
            scheduleReinit(a);
            return Status.SUCCESS;
        }
        if (!ours) {
            return b.violation(who, "R48", ev + " names htLine " + ev.htLine() + ", not a line TAPI opened on "
                    + a.handle);
        }
        boolean visible = l.state == LineState.OPEN || l.state == LineState.REMOVED;
        switch (ev.msg()) {
            case Tapi.LINE_CALLSTATE:
                return callState(a, l, ev, visible);
            case Tapi.LINE_LINEDEVSTATE:
                if ((ev.param1() & Tapi.LINEDEVSTATE_OUTOFSERVICE) != 0) {
                    l.outOfServiceReported = true;
                }
                if (visible) {
                    publish(new LineEvent.LineDevStateChanged(a.handle, l.handle, (int) ev.param1(), ev.param2(),
                            ev.param3()));
                }
                return Status.SUCCESS;
            case Tapi.LINE_CLOSE:
                if (l.state == LineState.OPEN) {
                    beginLineClose(l);
                    publish(new LineEvent.LineClosed(l.handle, EndCause.PROVIDER));
                    b.post(() -> closeLineOids(l, st -> { }));
                }
                return Status.SUCCESS;
            default:
                Call c = ev.htCall() == 0 ? null : calls.get(ev.htCall());
                if (visible) {
                    publish(new LineEvent.Message(l.handle, c == null ? null : c.handle, ev.msg(), ev.param1(),
                            ev.param2(), ev.param3()));
                }
                return Status.SUCCESS;
        }
    }

    private Status callState(Adapter a, Line l, TapiEvent ev, boolean visible) {
        String who = a.driver.name;
        Call c = calls.get(ev.htCall());
        if (c == null || c.line != l) {
            return b.violation(who, "R48", ev + " names htCall " + ev.htCall() + ", not a live call on " + l.handle);
        }
        TapiCallState next = TapiCallState.fromBit(ev.param1());
        if (next == null) {
            return b.violation(who, "3.7", "LINE_CALLSTATE 0x" + Long.toHexString(ev.param1())
                    + " is not one LINECALLSTATE_* value");
        }
        if (!c.state.canMoveTo(next)) {
            return b.violation(who, "3.7", c.handle + " cannot go from " + c.state + " to " + next);
        }
        if (next == TapiCallState.OFFERING && ev.param3() != 0 && (ev.param3() & ~(long) l.detectionModes) != 0) {
            return b.violation(who, "R39", c.handle + " offered with media mode 0x" + Long.toHexString(ev.param3())
                    + ", but " + l.handle + " detects only 0x" + Integer.toHexString(l.detectionModes));
        }
        c.transition(next, (int) ev.param2());
        if (next == TapiCallState.DISCONNECTED) {
            c.disconnectIndicated = true;
        }
        if (visible && valid(c)) {
            publish(new LineEvent.CallStateChanged(l.handle, c.handle, next, (int) ev.param2(), (int) ev.param3()));
        }
        return Status.SUCCESS;
    }

    Result<Long> indicateNewCall(Adapter a, long htLine, long hdCall) {
        String who = a.driver.name;
        b.trace(() -> who + " -> wan  indicateNewCall(htLine " + htLine + ", hdCall " + hdCall + ")");
        Line l = lines.get(htLine);
        if (l == null || l.adapter != a || l.state != LineState.OPEN) {
            return Result.failed(b.violation(who, "R48", "LINE_NEWCALL names htLine " + htLine
                    + ", not an open line of " + a.handle));
        }
        if (l.detectionModes == 0) {
            return Result.failed(b.violation(who, "R39", "LINE_NEWCALL on " + l.handle
                    + ", which has no media detection enabled (OID_TAPI_SET_DEFAULT_MEDIA_DETECTION)"));
        }
        Call other = liveCallWithHd(a, hdCall, null);
        if (other != null) {
            return Result.failed(b.violation(who, "R48", "LINE_NEWCALL with hdCall " + hdCall
                    + ", already the handle of " + other.handle));
        }
        Call c = new Call(new CallHandle(nextHandle++), l, true, CallLife.ACTIVE);
        c.hdCall = hdCall;
        calls.put(c.handle.id(), c);
        l.calls.put(c.handle.id(), c);
        publish(new LineEvent.NewCall(l.handle, c.handle));
        return new Result<>(Status.SUCCESS, c.handle.id());
    }

    // ------------------------------------------------------------------------------------------ snapshot

    int liveLines() {
        return lines.size();
    }

    int liveCalls() {
        return calls.size();
    }

    int sessions() {
        int n = 0;
        for (Adapter a : b.adapters()) {
            if (a.session == SessionState.ACTIVE) {
                n++;
            }
        }
        return n;
    }
}
