package io.jcondis.wan.pstn;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.OidRequest;
import io.jcondis.api.Packet;
import io.jcondis.api.Result;
import io.jcondis.api.Status;
import io.jcondis.api.wan.LineUp;
import io.jcondis.api.wan.Tapi;
import io.jcondis.api.wan.TapiEvent;
import io.jcondis.api.wan.TapiOids;
import io.jcondis.api.wan.WanMiniportHandlers;
import io.jcondis.api.wan.WanMiniportServices;
import io.jcondis.api.wan.WanNdis;
import io.jcondis.wan.TapiRequestDecoder;
import io.jcondis.wan.struct.LineAddressCaps;
import io.jcondis.wan.struct.LineCallInfo;
import io.jcondis.wan.struct.LineCallParams;
import io.jcondis.wan.struct.LineCallStatus;
import io.jcondis.wan.struct.LineDevCaps;
import io.jcondis.wan.struct.NdisTapiStructs;
import io.jcondis.wan.struct.StructLayout;
import io.jcondis.wan.struct.TapiMessage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A simulated switched telephone network and its legacy WAN miniport: the built-in driver of the WAN stack.
 * Each adapter is a bank of numbered lines (like an ISDN BRI/PRI card or a modem bank); line {@code i} of an
 * adapter with prefix {@code p} has the directory number {@code p + i}. Dialling a number rings the target line
 * (LINE_NEWCALL + OFFERING when its application listens for the call's media mode, R39), or a
 * {@link Subscriber}; unknown numbers fail with BADADDRESS, a line with a call is BUSY, an unanswered call gives
 * up after {@link #noAnswerTimeoutNs} (NOANSWER). An answered call connects both ends: NDIS_STATUS_WAN_LINE_UP
 * at {@link #lineSpeedBps} first (R47), then LINECALLSTATE_CONNECTED. Frames sent on a link arrive at the peer
 * after {@link #transmitDelayNs}; the send completes then. A drop or close-call takes the link down and
 * disconnects the far end (DISCONNECTED / NORMAL, or REJECT for an offered call dropped); both ends dropping at
 * once (glare) is harmless. Halt and reset disconnect every call (UNAVAIL) but keep the records until
 * close-call (R43); halt completes every pending request and reports each open line LINEDEVSTATE_OUTOFSERVICE
 * (R46, GAP-4); {@link #setLineCount} re-models an adapter and asks for LINEDEVSTATE_REINIT (J16).
 *
 * <p>The miniport supports every mandatory OID_TAPI_* plus ACCEPT, DIAL, GET_EXTENSION_ID, NEGOTIATE_EXT_VERSION
 * and SECURE_CALL; the other optional OIDs answer TAPI_OPERATIONUNAVAIL; OID_WAN_GET_INFO is answered; any other
 * OID answers INVALID_OID. With {@link #pendRequests(boolean)} every request answers PENDING and completes as
 * deferred work. Depends on the public WAN contract only (a driver like any other). Not thread-safe: use it on
 * the control plane (INVOKER mode tests, or inside {@code Jcondis.onConductor}).
 */
public final class PstnNetwork {
    /** LINEMEDIAMODE_* the lines can carry: digital data, data modem and unknown. */
    public static final int SUPPORTED_MEDIA_MODES = Tapi.LINEMEDIAMODE_DIGITALDATA | Tapi.LINEMEDIAMODE_DATAMODEM
            | Tapi.LINEMEDIAMODE_UNKNOWN;
    private static final int LIVE_STATES = ~(Tapi.LINECALLSTATE_IDLE | Tapi.LINECALLSTATE_DISCONNECTED);
    private static final int CALL_STATES = Tapi.LINECALLSTATE_IDLE | Tapi.LINECALLSTATE_OFFERING
            | Tapi.LINECALLSTATE_ACCEPTED | Tapi.LINECALLSTATE_DIALTONE | Tapi.LINECALLSTATE_DIALING
            | Tapi.LINECALLSTATE_RINGBACK | Tapi.LINECALLSTATE_BUSY | Tapi.LINECALLSTATE_CONNECTED
            | Tapi.LINECALLSTATE_PROCEEDING | Tapi.LINECALLSTATE_DISCONNECTED;

    private final WanMiniportServices svc;
    private final String name;
    private final Map<Long, PAdapter> adapters = new LinkedHashMap<>();
    private final Map<String, Subscriber> subscribers = new LinkedHashMap<>();
    private PAdapter starting;
    private long setupDelayNs = 10_000_000L;
    private long noAnswerTimeoutNs = 30_000_000_000L;
    private long lineSpeedBps = 64_000;
    private int sendWindow = 2;
    private int maxTransmit = 4;
    private long transmitDelayNs;
    private boolean pendRequests;
    private long nextHd = 1;
    private int nextCallId = 1;

    private PstnNetwork(WanNdis ndis, String name) {
        this.name = name;
        this.svc = ndis.registerWanMiniport(name, new Handlers());
    }

    /**
     * Registers the network's WAN miniport with the stack.
     *
     * @param ndis the WAN stack
     * @param name the driver name
     * @return the network, with no adapters yet
     */
    public static PstnNetwork install(WanNdis ndis, String name) {
        return new PstnNetwork(ndis, name);
    }

    // ------------------------------------------------------------------------------------------ configuration

    /** @return what the miniport calls (for tests that act as the miniport) */
    public WanMiniportServices services() {
        return svc;
    }

    /** @param ns delay from a complete number to the ring at the far end (default 10 ms) */
    public PstnNetwork setupDelayNs(long ns) {
        this.setupDelayNs = ns;
        return this;
    }

    /** @param ns how long an offered call rings before the network gives up (default 30 s) */
    public PstnNetwork noAnswerTimeoutNs(long ns) {
        this.noAnswerTimeoutNs = ns;
        return this;
    }

    /** @return the no-answer timeout */
    public long noAnswerTimeoutNs() {
        return noAnswerTimeoutNs;
    }

    /** @param bps link speed of connected calls, bit/s (default 64 000: one ISDN B channel) */
    public PstnNetwork lineSpeedBps(long bps) {
        this.lineSpeedBps = bps;
        return this;
    }

    /** @param n SendWindow of the line-up (default 2; 0 lets NDISWAN use NDIS_WAN_INFO.MaxTransmit) */
    public PstnNetwork sendWindow(int n) {
        this.sendWindow = n;
        return this;
    }

    /** @param n NDIS_WAN_INFO.MaxTransmit answered to OID_WAN_GET_INFO (default 4) */
    public PstnNetwork maxTransmit(int n) {
        this.maxTransmit = n;
        return this;
    }

    /** @param ns delay from a send to its delivery and completion (default 0: the next deferred task) */
    public PstnNetwork transmitDelayNs(long ns) {
        this.transmitDelayNs = ns;
        return this;
    }

    /** @param on answer every OID request PENDING and complete it as deferred work */
    public PstnNetwork pendRequests(boolean on) {
        this.pendRequests = on;
        return this;
    }

    // ------------------------------------------------------------------------------------------ topology

    /**
     * Plugs in an adapter with {@code lines} lines numbered {@code prefix + i}; NDISTAPI then starts its provider
     * session (as deferred work).
     *
     * @throws IllegalStateException if the stack refuses the adapter
     */
    public AdapterHandle addAdapter(String adapterName, String prefix, int lines) {
        if (lines < 0) {
            throw new IllegalArgumentException("lines < 0");
        }
        PAdapter a = new PAdapter(adapterName, prefix, lines);
        starting = a;
        Result<AdapterHandle> r;
        try {
            r = svc.startAdapter(adapterName);
        } finally {
            starting = null;
        }
        if (r.status().isFailure()) {
            throw new IllegalStateException("adapter " + adapterName + " refused: " + r.status());
        }
        return a.handle;
    }

    /** Unloads an adapter (MiniportHalt, J15): see the class comment. */
    public Status removeAdapter(AdapterHandle adapter) {
        return svc.haltAdapter(adapter);
    }

    /**
     * Re-models an adapter with {@code lines} lines (J16): indicates LINE_LINEDEVSTATE / LINEDEVSTATE_REINIT; the
     * new lines appear at the next OID_TAPI_PROVIDER_INITIALIZE.
     */
    public Status setLineCount(AdapterHandle adapter, int lines) {
        PAdapter a = adapters.get(adapter.id());
        if (a == null) {
            return Status.INVALID_HANDLE;
        }
        a.physicalLines = lines;
        return svc.indicateTapiEvent(a.handle, new TapiEvent(0, 0, Tapi.LINE_LINEDEVSTATE,
                Tapi.LINEDEVSTATE_REINIT, 0, 0));
    }

    /** @return the directory number of line {@code index} of {@code adapter} */
    public String number(AdapterHandle adapter, int index) {
        PAdapter a = adapters.get(adapter.id());
        return a == null ? null : a.prefix + index;
    }

    /** Adds an outside telephone with number {@code number}. */
    public Subscriber addSubscriber(String number, Subscriber.Mode mode) {
        Subscriber s = new Subscriber(this, number, mode);
        subscribers.put(number, s);
        return s;
    }

    /** @return the calls the network holds for {@code adapter} (records until close-call), for tests */
    public int callRecords(AdapterHandle adapter) {
        PAdapter a = adapters.get(adapter.id());
        if (a == null) {
            return 0;
        }
        int n = 0;
        for (PLine l : a.lines) {
            n += l.calls.size();
        }
        return n;
    }

    @Override
    public String toString() {
        return "pstn " + name + " " + adapters.size() + " adapters";
    }

    // ------------------------------------------------------------------------------------------ model

    private static final class PAdapter {
        final String name;
        final String prefix;
        AdapterHandle handle;
        int physicalLines;
        boolean session;
        int base;
        final List<PLine> lines = new ArrayList<>();
        final List<PendingReq> pending = new ArrayList<>();
        final List<Packet> inFlight = new ArrayList<>();

        PAdapter(String name, String prefix, int lines) {
            this.name = name;
            this.prefix = prefix;
            this.physicalLines = lines;
            build();
        }

        void build() {
            lines.clear();
            for (int i = 0; i < physicalLines; i++) {
                lines.add(new PLine(this, i, prefix + i));
            }
        }
    }

    private static final class PLine implements TapiRequestDecoder.LineSlot {
        final PAdapter adapter;
        final int index;
        final String number;
        boolean open;
        long hdLine;
        long htLine;
        int detection;
        int lineStates;
        final List<PCall> calls = new ArrayList<>();

        PLine(PAdapter adapter, int index, String number) {
            this.adapter = adapter;
            this.index = index;
            this.number = number;
        }

        @Override
        public boolean isOpenAs(long hd) {
            return open && hdLine == hd;
        }

        boolean busy() {
            for (PCall c : calls) {
                if ((c.state & LIVE_STATES) != 0 || c.state == 0) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final class PCall {
        final PLine line;
        final long hdCall;
        final boolean outbound;
        final int callId;
        long htCall;
        int state;
        int mode;
        String digits = "";
        String remote = "";
        /** The other end: a PCall or a Subscriber; null when not in a connection. */
        Object peer;
        long linkContext;
        long linkHandle;
        /** Bumped on every end of a connection: timers of an older connection do nothing. */
        long epoch;
        int appSpecific;
        int bearerMode = Tapi.LINEBEARERMODE_DATA;
        int maxRateBps;
        int mediaMode = Tapi.LINEMEDIAMODE_DIGITALDATA;

        PCall(PLine line, long hdCall, boolean outbound, int callId) {
            this.line = line;
            this.hdCall = hdCall;
            this.outbound = outbound;
            this.callId = callId;
        }
    }

    private record PendingReq(PAdapter adapter, OidRequest request, Status status, Runnable undo) {
    }

    /** What one request handler leaves behind: progress to run as deferred work, and how to undo on abort. */
    private static final class Ctx {
        final List<Runnable> after = new ArrayList<>();
        Runnable undo;
    }

    // ------------------------------------------------------------------------------------------ handlers

    private final class Handlers implements WanMiniportHandlers {
        @Override
        public Status onInitialize(AdapterHandle adapter) {
            PAdapter a = starting;
            if (a == null) {
                return Status.FAILURE.withDescription("adapters start through PstnNetwork.addAdapter");
            }
            a.handle = adapter;
            adapters.put(adapter.id(), a);
            return Status.SUCCESS;
        }

        @Override
        public void onHalt(AdapterHandle adapter) {
            PAdapter a = adapters.get(adapter.id());
            if (a != null) {
                halt(a);
            }
        }

        @Override
        public Status onReset(AdapterHandle adapter) {
            PAdapter a = adapters.get(adapter.id());
            if (a == null) {
                return Status.FAILURE;
            }
            abortPending(a);
            for (PLine l : a.lines) {
                for (PCall c : l.calls) {
                    if ((c.state & LIVE_STATES) != 0) {
                        endLocally(c, Tapi.LINECALLSTATE_DISCONNECTED, Tapi.LINEDISCONNECTMODE_UNAVAIL);
                    }
                }
            }
            return Status.SUCCESS;
        }

        @Override
        public Status onQueryInformation(AdapterHandle adapter, OidRequest request) {
            return request(adapter, request);
        }

        @Override
        public Status onSetInformation(AdapterHandle adapter, OidRequest request) {
            return request(adapter, request);
        }

        @Override
        public Status onWanSend(AdapterHandle adapter, long ndisLinkHandle, Packet packet) {
            PAdapter a = adapters.get(adapter.id());
            PCall c = a == null ? null : callByLink(a, ndisLinkHandle);
            if (c == null || c.peer == null) {
                return Status.SUCCESS;
            }
            byte[] frame = packet.toBytes();
            Object peer = c.peer;
            a.inFlight.add(packet);
            svc.schedule(transmitDelayNs, () -> {
                if (!a.inFlight.remove(packet)) {
                    return;
                }
                deliver(peer, frame);
                svc.wanSendComplete(a.handle, packet, Status.SUCCESS);
            });
            return Status.PENDING;
        }
    }

    private Status request(AdapterHandle h, OidRequest r) {
        PAdapter a = adapters.get(h.id());
        if (a == null) {
            return Status.FAILURE;
        }
        Ctx ctx = new Ctx();
        Status st = dispatch(a, r, ctx);
        if (pendRequests && !st.isPending()) {
            PendingReq p = new PendingReq(a, r, st, ctx.undo);
            a.pending.add(p);
            svc.post(() -> {
                if (a.pending.remove(p)) {
                    complete(p, p.status);
                }
            });
            st = Status.PENDING;
        }
        for (Runnable after : ctx.after) {
            svc.post(after);
        }
        return st;
    }

    private void complete(PendingReq p, Status st) {
        if (p.request.type() == OidRequest.Type.QUERY) {
            svc.queryInformationComplete(p.adapter.handle, p.request, st);
        } else {
            svc.setInformationComplete(p.adapter.handle, p.request, st);
        }
    }

    /** R33/R46: every pending request completes now with REQUEST_ABORTED, undoing what it created. */
    private void abortPending(PAdapter a) {
        for (PendingReq p : new ArrayList<>(a.pending)) {
            a.pending.remove(p);
            if (p.undo != null) {
                p.undo.run();
            }
            complete(p, Status.REQUEST_ABORTED);
        }
    }

    private void halt(PAdapter a) {
        abortPending(a);
        for (PLine l : a.lines) {
            for (PCall c : l.calls) {
                if ((c.state & LIVE_STATES) != 0 || c.peer != null) {
                    endLocally(c, Tapi.LINECALLSTATE_DISCONNECTED, Tapi.LINEDISCONNECTMODE_UNAVAIL);
                }
            }
        }
        for (Packet p : new ArrayList<>(a.inFlight)) {
            a.inFlight.remove(p);
            svc.wanSendComplete(a.handle, p, Status.REQUEST_ABORTED);
        }
        for (PLine l : a.lines) {
            if (l.open) {
                // GAP-4: the lines going off-line are reported as LINE_LINEDEVSTATE(OUTOFSERVICE).
                svc.indicateTapiEvent(a.handle, new TapiEvent(l.htLine, 0, Tapi.LINE_LINEDEVSTATE,
                        Tapi.LINEDEVSTATE_OUTOFSERVICE, 0, 0));
            }
        }
        adapters.remove(a.handle.id());
    }

    // ------------------------------------------------------------------------------------------ OID dispatch

    private Status dispatch(PAdapter a, OidRequest r, Ctx ctx) {
        int oid = r.oid();
        TapiRequestDecoder.Decoded d = TapiRequestDecoder.decode(r, maxTransmit);
        if (d.answer() != null) {
            return d.answer();
        }
        TapiMessage m = d.message();
        NdisTapiStructs.OidLayout ol = NdisTapiStructs.forOid(oid);
        if (oid == TapiOids.OID_TAPI_PROVIDER_INITIALIZE) {
            return initialize(a, m);
        }
        if (!a.session) {
            return Status.of(Status.Code.TAPI_NODRIVER);
        }
        switch (oid) {
            case TapiOids.OID_TAPI_PROVIDER_SHUTDOWN:
                return shutdown(a);
            case TapiOids.OID_TAPI_OPEN:
                return open(a, m, ctx);
            case TapiOids.OID_TAPI_CLOSE:
                return withLine(a, m, l -> closeLine(l));
            case TapiOids.OID_TAPI_SET_DEFAULT_MEDIA_DETECTION:
                return withLine(a, m, l -> {
                    int modes = m.u32("ulMediaModes");
                    if ((modes & ~SUPPORTED_MEDIA_MODES) != 0) {
                        return Status.of(Status.Code.TAPI_INVALMEDIAMODE);
                    }
                    l.detection = modes;
                    return Status.SUCCESS;
                });
            case TapiOids.OID_TAPI_SET_STATUS_MESSAGES:
                return withLine(a, m, l -> {
                    l.lineStates = m.u32("ulLineStates");
                    return Status.SUCCESS;
                });
            case TapiOids.OID_TAPI_CONDITIONAL_MEDIA_DETECTION:
                return withLine(a, m, l -> TapiRequestDecoder.mediaModes(m.u32("ulMediaModes"), SUPPORTED_MEDIA_MODES));
            case TapiOids.OID_TAPI_GET_DEV_CAPS:
                return withDevice(a, m, l -> devCaps(l).writeTo(r.buffer(), ol.layout().offset("LineDevCaps")));
            case TapiOids.OID_TAPI_GET_ADDRESS_CAPS:
                return withDevice(a, m, l -> m.u32("ulAddressID") != 0
                        ? Status.of(Status.Code.TAPI_INVALADDRESSID)
                        : addressCaps(l).writeTo(r.buffer(), ol.layout().offset("LineAddressCaps")));
            case TapiOids.OID_TAPI_GET_ADDRESS_ID:
                return withLine(a, m, l -> TapiRequestDecoder.addressId(m, l.number));
            case TapiOids.OID_TAPI_GET_ADDRESS_STATUS:
                return withLine(a, m, l -> TapiRequestDecoder.addressStatus(m, l.busy()));
            case TapiOids.OID_TAPI_GET_LINE_DEV_STATUS:
                return withLine(a, m, l -> TapiRequestDecoder.lineDevStatus(m, l.detection, l.busy()));
            case TapiOids.OID_TAPI_MAKE_CALL:
                return makeCall(a, m, ctx);
            case TapiOids.OID_TAPI_GET_EXTENSION_ID:
                return withDevice(a, m, l -> Status.SUCCESS);
            case TapiOids.OID_TAPI_NEGOTIATE_EXT_VERSION:
                return withDevice(a, m, l -> {
                    if (m.u32("ulLowVersion") != 0) {
                        return Status.of(Status.Code.TAPI_INCOMPATIBLEEXTVERSION);
                    }
                    m.putU32("ulExtVersion", 0);
                    return Status.SUCCESS;
                });
            case TapiOids.OID_TAPI_ACCEPT:
            case TapiOids.OID_TAPI_ANSWER:
            case TapiOids.OID_TAPI_DIAL:
            case TapiOids.OID_TAPI_DROP:
            case TapiOids.OID_TAPI_CLOSE_CALL:
            case TapiOids.OID_TAPI_GET_CALL_ADDRESS_ID:
            case TapiOids.OID_TAPI_GET_CALL_INFO:
            case TapiOids.OID_TAPI_GET_CALL_STATUS:
            case TapiOids.OID_TAPI_GET_ID:
            case TapiOids.OID_TAPI_SET_APP_SPECIFIC:
            case TapiOids.OID_TAPI_SET_CALL_PARAMS:
            case TapiOids.OID_TAPI_SET_MEDIA_MODE:
            case TapiOids.OID_TAPI_SECURE_CALL:
                return callOid(a, oid, m, ol.layout(), ctx);
            default:
                return Status.of(Status.Code.TAPI_OPERATIONUNAVAIL);
        }
    }

    private Status initialize(PAdapter a, TapiMessage m) {
        if (a.session) {
            shutdown(a);
        }
        a.session = true;
        a.base = m.u32("ulDeviceIDBase");
        a.build();
        m.putU32("ulNumLineDevs", a.lines.size());
        m.putPtr("ulProviderID", a.handle.id());
        return Status.SUCCESS;
    }

    /** J14/R45: every link goes down, every far end is disconnected, every line and call is forgotten. */
    private Status shutdown(PAdapter a) {
        for (PLine l : a.lines) {
            for (PCall c : new ArrayList<>(l.calls)) {
                endLocally(c, 0, 0);
            }
            l.calls.clear();
            l.open = false;
            l.detection = 0;
        }
        a.session = false;
        return Status.SUCCESS;
    }

    private static Status withLine(PAdapter a, TapiMessage m, Function<PLine, Status> op) {
        return TapiRequestDecoder.withLine(a.lines, m, op);
    }

    private static Status withDevice(PAdapter a, TapiMessage m, Function<PLine, Status> op) {
        return TapiRequestDecoder.withDevice(a.lines, a.base, m, op);
    }

    private Status open(PAdapter a, TapiMessage m, Ctx ctx) {
        return withDevice(a, m, l -> {
            if (l.open) {
                return Status.of(Status.Code.TAPI_ALLOCATED);
            }
            l.open = true;
            l.hdLine = nextHd++;
            l.htLine = m.ptr("htLine");
            m.putPtr("hdLine", l.hdLine);
            ctx.undo = () -> closeLine(l);
            return Status.SUCCESS;
        });
    }

    /** R44: calls still on the line are dropped and forgotten first. */
    private Status closeLine(PLine l) {
        for (PCall c : new ArrayList<>(l.calls)) {
            endLocally(c, 0, 0);
        }
        l.calls.clear();
        l.open = false;
        l.detection = 0;
        l.htLine = 0;
        return Status.SUCCESS;
    }

    private LineDevCaps devCaps(PLine l) {
        return new LineDevCaps("jcondis simulated PSTN", name, l.index, l.number, Tapi.LINEADDRESSMODE_ADDRESSID, 1,
                Tapi.LINEBEARERMODE_DATA | Tapi.LINEBEARERMODE_VOICE, (int) lineSpeedBps, SUPPORTED_MEDIA_MODES,
                Tapi.LINEDEVCAPFLAGS_CLOSEDROP, 1, Tapi.LINEANSWERMODE_NONE,
                Tapi.LINEDEVSTATE_RINGING | Tapi.LINEDEVSTATE_CONNECTED | Tapi.LINEDEVSTATE_DISCONNECTED
                        | Tapi.LINEDEVSTATE_OUTOFSERVICE | Tapi.LINEDEVSTATE_REINIT);
    }

    private LineAddressCaps addressCaps(PLine l) {
        return new LineAddressCaps(l.adapter.base + l.index, l.number, Tapi.LINEADDRESSSHARING_PRIVATE, 0,
                CALL_STATES, Tapi.LINEDISCONNECTMODE_NORMAL | Tapi.LINEDISCONNECTMODE_BUSY
                        | Tapi.LINEDISCONNECTMODE_NOANSWER | Tapi.LINEDISCONNECTMODE_BADADDRESS
                        | Tapi.LINEDISCONNECTMODE_REJECT | Tapi.LINEDISCONNECTMODE_UNAVAIL, 1,
                Tapi.LINECALLFEATURE_ACCEPT | Tapi.LINECALLFEATURE_ANSWER | Tapi.LINECALLFEATURE_DIAL
                        | Tapi.LINECALLFEATURE_DROP);
    }

    // ------------------------------------------------------------------------------------------ calls

    private Status makeCall(PAdapter a, TapiMessage m, Ctx ctx) {
        return withLine(a, m, l -> {
            if (l.busy()) {
                return Status.of(Status.Code.TAPI_CALLUNAVAIL);
            }
            StructLayout ml = NdisTapiStructs.MAKE_CALL;
            int media = Tapi.LINEMEDIAMODE_DIGITALDATA;
            if (!m.bool("bUseDefaultLineCallParams")) {
                LineCallParams p = LineCallParams.decode(m.buffer(), ml.offset("LineCallParams"));
                if (p != null && p.mediaMode() != 0) {
                    if ((p.mediaMode() & ~SUPPORTED_MEDIA_MODES) != 0) {
                        return Status.of(Status.Code.TAPI_INVALMEDIAMODE);
                    }
                    media = p.mediaMode();
                }
            }
            PCall c = new PCall(l, nextHd++, true, nextCallId++);
            c.htCall = m.ptr("htCall");
            c.mediaMode = media;
            c.maxRateBps = (int) lineSpeedBps;
            c.digits = m.ascii(Integer.toUnsignedLong(m.u32("ulDestAddressOffset")),
                    Integer.toUnsignedLong(m.u32("ulDestAddressSize")));
            l.calls.add(c);
            m.putPtr("hdCall", c.hdCall);
            ctx.undo = () -> {
                endLocally(c, 0, 0);
                l.calls.remove(c);
            };
            ctx.after.add(() -> startDialing(c));
            return Status.SUCCESS;
        });
    }

    private PCall callByHd(PAdapter a, long hd) {
        for (PLine l : a.lines) {
            for (PCall c : l.calls) {
                if (c.hdCall == hd) {
                    return c;
                }
            }
        }
        return null;
    }

    private PCall callByLink(PAdapter a, long linkHandle) {
        for (PLine l : a.lines) {
            for (PCall c : l.calls) {
                if (c.linkHandle == linkHandle && c.linkContext != 0) {
                    return c;
                }
            }
        }
        return null;
    }

    private Status callOid(PAdapter a, int oid, TapiMessage m, StructLayout layout, Ctx ctx) {
        PCall c = callByHd(a, m.ptr("hdCall"));
        if (c == null) {
            return Status.of(Status.Code.TAPI_INVALCALLHANDLE);
        }
        switch (oid) {
            case TapiOids.OID_TAPI_ACCEPT:
                if (c.state != Tapi.LINECALLSTATE_OFFERING) {
                    return Status.of(Status.Code.TAPI_INVALCALLSTATE);
                }
                setState(c, Tapi.LINECALLSTATE_ACCEPTED, 0);
                return Status.SUCCESS;
            case TapiOids.OID_TAPI_ANSWER:
                if (c.state != Tapi.LINECALLSTATE_OFFERING && c.state != Tapi.LINECALLSTATE_ACCEPTED) {
                    return Status.of(Status.Code.TAPI_INVALCALLSTATE);
                }
                ctx.after.add(() -> answered(c));
                return Status.SUCCESS;
            case TapiOids.OID_TAPI_DIAL:
                if (c.state != Tapi.LINECALLSTATE_DIALTONE && c.state != Tapi.LINECALLSTATE_DIALING) {
                    return Status.of(Status.Code.TAPI_INVALCALLSTATE);
                }
                c.digits += m.ascii(layout.tailOffset(), Integer.toUnsignedLong(m.u32("ulDestAddressSize")));
                ctx.after.add(() -> {
                    setState(c, Tapi.LINECALLSTATE_DIALING, 0);
                    route(c);
                });
                return Status.SUCCESS;
            case TapiOids.OID_TAPI_DROP:
                // J10: link down and the far end told; the call goes IDLE but its record stays (R40).
                endLocally(c, c.state == Tapi.LINECALLSTATE_IDLE ? 0 : Tapi.LINECALLSTATE_IDLE, 0);
                return Status.SUCCESS;
            case TapiOids.OID_TAPI_CLOSE_CALL:
                // R41: cannot fail; an undropped call is dropped implicitly, then forgotten.
                endLocally(c, 0, 0);
                c.line.calls.remove(c);
                return Status.SUCCESS;
            case TapiOids.OID_TAPI_GET_CALL_ADDRESS_ID:
                m.putU32("ulAddressID", 0);
                return Status.SUCCESS;
            case TapiOids.OID_TAPI_GET_CALL_INFO:
                return new LineCallInfo(c.line.adapter.base + c.line.index, 0, c.bearerMode,
                        c.linkContext != 0 ? (int) lineSpeedBps : c.maxRateBps, c.mediaMode, c.appSpecific, c.callId,
                        CALL_STATES, c.outbound ? Tapi.LINECALLORIGIN_OUTBOUND : Tapi.LINECALLORIGIN_INBOUND,
                        Tapi.LINECALLREASON_DIRECT, c.outbound ? c.line.number : c.remote,
                        c.outbound ? c.digits : c.line.number)
                        .writeTo(m.buffer(), layout.offset("LineCallInfo"));
            case TapiOids.OID_TAPI_GET_CALL_STATUS:
                return new LineCallStatus(c.state, c.mode, Tapi.LINECALLPRIVILEGE_OWNER, features(c))
                        .writeTo(m.buffer(), layout.offset("LineCallStatus"));
            case TapiOids.OID_TAPI_GET_ID:
                return TapiRequestDecoder.linkId(m, c.linkContext);
            case TapiOids.OID_TAPI_SET_APP_SPECIFIC:
                c.appSpecific = m.u32("ulAppSpecific");
                return Status.SUCCESS;
            case TapiOids.OID_TAPI_SET_CALL_PARAMS:
                if (Integer.toUnsignedLong(m.u32("ulMaxRate")) > lineSpeedBps) {
                    return Status.of(Status.Code.TAPI_INVALRATE);
                }
                c.bearerMode = m.u32("ulBearerMode");
                c.maxRateBps = m.u32("ulMaxRate");
                return Status.SUCCESS;
            case TapiOids.OID_TAPI_SET_MEDIA_MODE:
                if ((m.u32("ulMediaMode") & ~SUPPORTED_MEDIA_MODES) != 0) {
                    return Status.of(Status.Code.TAPI_INVALMEDIAMODE);
                }
                c.mediaMode = m.u32("ulMediaMode");
                return Status.SUCCESS;
            default:
                return Status.SUCCESS;
        }
    }

    private static int features(PCall c) {
        switch (c.state) {
            case Tapi.LINECALLSTATE_OFFERING:
                return Tapi.LINECALLFEATURE_ACCEPT | Tapi.LINECALLFEATURE_ANSWER | Tapi.LINECALLFEATURE_DROP;
            case Tapi.LINECALLSTATE_ACCEPTED:
                return Tapi.LINECALLFEATURE_ANSWER | Tapi.LINECALLFEATURE_DROP;
            case Tapi.LINECALLSTATE_DIALTONE:
            case Tapi.LINECALLSTATE_DIALING:
                return Tapi.LINECALLFEATURE_DIAL | Tapi.LINECALLFEATURE_DROP;
            case Tapi.LINECALLSTATE_IDLE:
                return 0;
            default:
                return Tapi.LINECALLFEATURE_DROP;
        }
    }

    // ------------------------------------------------------------------------------------------ switching

    private void setState(PCall c, int state, int mode) {
        c.state = state;
        c.mode = mode;
        if (c.line.open && c.htCall != 0 && adapters.containsKey(c.line.adapter.handle.id())) {
            svc.indicateTapiEvent(c.line.adapter.handle, new TapiEvent(c.line.htLine, c.htCall, Tapi.LINE_CALLSTATE,
                    state, mode, c.mediaMode));
        }
    }

    private boolean live(PCall c) {
        return c.line.calls.contains(c) && (c.state & LIVE_STATES) != 0;
    }

    private void startDialing(PCall c) {
        if (!c.line.calls.contains(c)) {
            return;
        }
        if (c.digits.isEmpty()) {
            setState(c, Tapi.LINECALLSTATE_DIALTONE, 0);
            return;
        }
        setState(c, Tapi.LINECALLSTATE_DIALING, 0);
        route(c);
    }

    /** The digits so far: complete, a prefix of some number (wait for OID_TAPI_DIAL), or unknown. */
    private void route(PCall c) {
        String n = c.digits;
        Object target = lookup(n);
        if (target == null) {
            boolean prefix = subscribers.keySet().stream().anyMatch(k -> k.startsWith(n));
            for (PAdapter a : adapters.values()) {
                for (PLine l : a.lines) {
                    prefix |= l.number.startsWith(n);
                }
            }
            if (!prefix) {
                setState(c, Tapi.LINECALLSTATE_DISCONNECTED, Tapi.LINEDISCONNECTMODE_BADADDRESS);
            }
            return;
        }
        long epoch = c.epoch;
        svc.schedule(setupDelayNs, () -> {
            if (c.epoch == epoch && live(c) && c.peer == null) {
                setState(c, Tapi.LINECALLSTATE_PROCEEDING, 0);
                ring(c, target);
            }
        });
    }

    private Object lookup(String number) {
        Subscriber s = subscribers.get(number);
        if (s != null) {
            return s;
        }
        for (PAdapter a : adapters.values()) {
            for (PLine l : a.lines) {
                if (l.number.equals(number)) {
                    return l;
                }
            }
        }
        return null;
    }

    private void ring(PCall caller, Object target) {
        if (target instanceof Subscriber) {
            Subscriber s = (Subscriber) target;
            if (s.peer != null || s.mode() == Subscriber.Mode.BUSY) {
                setState(caller, Tapi.LINECALLSTATE_BUSY, Tapi.LINEBUSYMODE_STATION);
                return;
            }
            if (s.mode() == Subscriber.Mode.REJECT) {
                setState(caller, Tapi.LINECALLSTATE_DISCONNECTED, Tapi.LINEDISCONNECTMODE_REJECT);
                return;
            }
            caller.peer = s;
            s.peer = caller;
            setState(caller, Tapi.LINECALLSTATE_RINGBACK, 0);
            armNoAnswer(caller);
            if (s.mode() == Subscriber.Mode.ANSWER) {
                long epoch = caller.epoch;
                svc.schedule(s.answerDelayNs(), () -> {
                    if (caller.epoch == epoch && s.peer == caller && live(caller)) {
                        connect(caller, s);
                    }
                });
            }
            return;
        }
        PLine l = (PLine) target;
        if (l.busy()) {
            setState(caller, Tapi.LINECALLSTATE_BUSY, Tapi.LINEBUSYMODE_STATION);
            return;
        }
        caller.peer = offer(l, caller, caller.line.number, caller.mediaMode);
        setState(caller, Tapi.LINECALLSTATE_RINGBACK, 0);
        armNoAnswer(caller);
    }

    /**
     * R39: offers a call to a line; only a line that is open and detects the media mode hears about it
     * (LINE_NEWCALL, then OFFERING). Returns the offered call, or a {@code Boolean.FALSE} placeholder when the
     * line just rings unheard.
     */
    private Object offer(PLine l, Object from, String callerNumber, int media) {
        if (!l.open || (l.detection & media) == 0 || !l.adapter.session) {
            return Boolean.FALSE;
        }
        PCall c = new PCall(l, nextHd++, false, nextCallId++);
        c.remote = callerNumber;
        c.mediaMode = media;
        c.maxRateBps = (int) lineSpeedBps;
        c.peer = from;
        l.calls.add(c);
        Result<Long> ht = svc.indicateNewCall(l.adapter.handle, l.htLine, c.hdCall);
        if (ht.status().isFailure()) {
            l.calls.remove(c);
            return Boolean.FALSE;
        }
        c.htCall = ht.value();
        if ((l.lineStates & Tapi.LINEDEVSTATE_RINGING) != 0) {
            svc.indicateTapiEvent(l.adapter.handle, new TapiEvent(l.htLine, 0, Tapi.LINE_LINEDEVSTATE,
                    Tapi.LINEDEVSTATE_RINGING, 1, 0));
        }
        setState(c, Tapi.LINECALLSTATE_OFFERING, 0);
        return c;
    }

    private void armNoAnswer(PCall caller) {
        long epoch = caller.epoch;
        svc.schedule(noAnswerTimeoutNs, () -> {
            if (caller.epoch != epoch || caller.state != Tapi.LINECALLSTATE_RINGBACK || !live(caller)) {
                return;
            }
            Object peer = caller.peer;
            caller.peer = null;
            caller.epoch++;
            if (peer instanceof PCall) {
                PCall callee = (PCall) peer;
                callee.peer = null;
                if (live(callee)) {
                    setState(callee, Tapi.LINECALLSTATE_DISCONNECTED, Tapi.LINEDISCONNECTMODE_NOANSWER);
                }
            } else if (peer instanceof Subscriber) {
                ((Subscriber) peer).peer = null;
            }
            setState(caller, Tapi.LINECALLSTATE_DISCONNECTED, Tapi.LINEDISCONNECTMODE_NOANSWER);
        });
    }

    /** The offered call was answered: connect it with whoever called. */
    private void answered(PCall callee) {
        if (!live(callee)) {
            return;
        }
        Object caller = callee.peer;
        if (caller instanceof PCall && live((PCall) caller)) {
            connect((PCall) caller, callee);
        } else if (caller instanceof Subscriber) {
            connect(callee, caller);
        } else {
            setState(callee, Tapi.LINECALLSTATE_DISCONNECTED, Tapi.LINEDISCONNECTMODE_UNAVAIL);
        }
    }

    /** J7: line-up first (R47), then CONNECTED, on every WAN end. */
    private void connect(PCall a, Object b) {
        a.epoch++;
        a.peer = b;
        if (b instanceof PCall) {
            PCall pb = (PCall) b;
            pb.epoch++;
            pb.peer = a;
            lineUp(pb);
        } else {
            ((Subscriber) b).peer = a;
            ((Subscriber) b).connected = true;
        }
        lineUp(a);
        setState(a, Tapi.LINECALLSTATE_CONNECTED, 0);
        if (b instanceof PCall) {
            setState((PCall) b, Tapi.LINECALLSTATE_CONNECTED, 0);
        }
    }

    private void lineUp(PCall c) {
        c.linkHandle = nextHd++;
        Result<Long> r = svc.indicateLineUp(c.line.adapter.handle, new LineUp(lineSpeedBps / 100, 2, sendWindow,
                c.htCall, c.linkHandle));
        c.linkContext = r.status().isSuccess() ? r.value() : 0;
    }

    private void lineDown(PCall c) {
        if (c.linkContext != 0) {
            long ctx = c.linkContext;
            c.linkContext = 0;
            svc.indicateLineDown(c.line.adapter.handle, ctx);
        }
    }

    /**
     * Ends this end of a connection: link down, {@code state} reported (0: none), and the far end told as
     * deferred work (so two ends dropping at once, glare, each see a peer that is already gone).
     */
    private void endLocally(PCall c, int state, int mode) {
        int before = c.state;
        lineDown(c);
        Object peer = c.peer;
        c.peer = null;
        c.epoch++;
        if (state != 0) {
            setState(c, state, mode);
        }
        if (peer instanceof PCall) {
            PCall p = (PCall) peer;
            int farMode = before == Tapi.LINECALLSTATE_OFFERING || before == Tapi.LINECALLSTATE_ACCEPTED
                    ? Tapi.LINEDISCONNECTMODE_REJECT : Tapi.LINEDISCONNECTMODE_NORMAL;
            svc.post(() -> remoteHangUp(p, c, farMode));
        } else if (peer instanceof Subscriber) {
            Subscriber s = (Subscriber) peer;
            if (s.peer == c) {
                s.peer = null;
                s.connected = false;
            }
        }
    }

    /** J12/R42: the far end hung up: DISCONNECTED and line-down; the record stays until close-call. */
    private void remoteHangUp(PCall c, Object from, int mode) {
        if (c.peer != from) {
            return;
        }
        c.peer = null;
        c.epoch++;
        lineDown(c);
        if (live(c)) {
            setState(c, Tapi.LINECALLSTATE_DISCONNECTED, mode);
        }
    }

    private void deliver(Object peer, byte[] frame) {
        if (peer instanceof Subscriber) {
            ((Subscriber) peer).receive(frame);
        } else if (peer instanceof PCall) {
            PCall p = (PCall) peer;
            if (p.linkContext != 0 && adapters.containsKey(p.line.adapter.handle.id())) {
                svc.indicateReceive(p.line.adapter.handle, p.linkContext, Packet.wrap(frame));
            }
        }
    }

    // ------------------------------------------------------------------------------------------ subscribers

    boolean subscriberDials(Subscriber s, String number) {
        Object target = lookup(number);
        if (s.peer != null || !(target instanceof PLine)) {
            return false;
        }
        PLine l = (PLine) target;
        if (l.busy()) {
            return false;
        }
        Object offered = offer(l, s, s.number(), Tapi.LINEMEDIAMODE_DIGITALDATA);
        if (offered instanceof PCall) {
            s.peer = offered;
            return true;
        }
        return false;
    }

    boolean subscriberSends(Subscriber s, byte[] frame) {
        if (!s.connected || !(s.peer instanceof PCall)) {
            return false;
        }
        deliver(s.peer, frame.clone());
        return true;
    }

    boolean subscriberHangsUp(Subscriber s) {
        Object peer = s.peer;
        if (peer == null) {
            return false;
        }
        s.peer = null;
        s.connected = false;
        if (peer instanceof PCall) {
            remoteHangUp((PCall) peer, s, Tapi.LINEDISCONNECTMODE_NORMAL);
        }
        return true;
    }
}
