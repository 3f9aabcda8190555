package io.jcondis.wan.ndproxy;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.AddressFamily;
import io.jcondis.api.AfHandle;
import io.jcondis.api.BindingHandle;
import io.jcondis.api.CallParameters;
import io.jcondis.api.FlowSpec;
import io.jcondis.api.Ndis;
import io.jcondis.api.OidRequest;
import io.jcondis.api.Oids;
import io.jcondis.api.Packet;
import io.jcondis.api.PartyHandle;
import io.jcondis.api.Result;
import io.jcondis.api.Sap;
import io.jcondis.api.SapHandle;
import io.jcondis.api.Status;
import io.jcondis.api.VcHandle;
import io.jcondis.api.client.ClientHandlers;
import io.jcondis.api.client.ClientServices;
import io.jcondis.api.wan.LineUp;
import io.jcondis.api.wan.Tapi;
import io.jcondis.api.wan.TapiEvent;
import io.jcondis.api.wan.TapiOids;
import io.jcondis.api.wan.WanMiniportHandlers;
import io.jcondis.api.wan.WanMiniportServices;
import io.jcondis.api.wan.WanNdis;
import io.jcondis.wan.TapiRequestDecoder;
import io.jcondis.wan.ndproxy.ProxyModel.Af;
import io.jcondis.wan.ndproxy.ProxyModel.AfPhase;
import io.jcondis.wan.ndproxy.ProxyModel.Call;
import io.jcondis.wan.ndproxy.ProxyModel.Line;
import io.jcondis.wan.ndproxy.ProxyModel.SapPhase;
import io.jcondis.wan.ndproxy.ProxyModel.Waiter;
import io.jcondis.wan.struct.LineAddressCaps;
import io.jcondis.wan.struct.LineCallInfo;
import io.jcondis.wan.struct.LineCallParams;
import io.jcondis.wan.struct.LineCallStatus;
import io.jcondis.wan.struct.LineDevCaps;
import io.jcondis.wan.struct.NdisTapiStructs;
import io.jcondis.wan.struct.StructLayout;
import io.jcondis.wan.struct.TapiMessage;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * NDPROXY (contract 2.6, K1-K5): presents the address families of CoNDIS call managers as TAPI lines. It is a
 * CoNDIS <b>client</b> below and a WAN <b>miniport</b> above, so NDISTAPI/NDISWAN and the {@code TapiService}
 * application API drive it exactly as they drive the simulated telephone network:
 * <pre>
 *   TAPI application --TapiService--&gt; NDISTAPI --OID_TAPI_*--&gt; NDPROXY --NdisCl*, NdisCo*--&gt; MCM
 *   application &lt;--LineEvent-- NDISTAPI &lt;--NDIS_TAPI_EVENT, LINE_UP/DOWN-- NDPROXY &lt;--Protocol* handlers-- MCM
 *   NDISWAN --onWanSend--&gt; NDPROXY --send on the call's VC--&gt; MCM;   VC receive --&gt; NDISWAN link receive
 * </pre>
 * <ul>
 *   <li><b>K1</b>: every AF of an accepted type ({@link Options#afTypes}) registered on a bound adapter is opened;
 *       each AF open becomes one WAN adapter whose provider session NDISTAPI starts.</li>
 *   <li><b>K2</b>: OID_CO_TAPI_CM_CAPS, then OID_CO_TAPI_LINE_CAPS once (or per line with
 *       CO_TAPI_FLAG_PER_LINE_CAPS), then OID_CO_TAPI_ADDRESS_CAPS per line, in that order, each awaited (the CM
 *       may pend). A CM that does not answer (any failure, e.g. INVALID_OID from a Q.2931 switch) gets the
 *       defaults: {@link Options#defaultLines} lines with NDPROXY's own LINE_DEV_CAPS / LINE_ADDRESS_CAPS.</li>
 *   <li><b>K3</b>: OID_TAPI_MAKE_CALL creates a VC and makes the call (DIALING, then PROCEEDING while pending);
 *       the completion brings the line-up (R47) and CONNECTED, or DISCONNECTED with the LINEDISCONNECTMODE_* of
 *       the failure status (R50) and the VC deleted.</li>
 *   <li><b>K4</b>: OID_TAPI_SET_DEFAULT_MEDIA_DETECTION registers the line's SAP (pending until the CM answers);
 *       an incoming call on it is held PENDING (R49) as LINE_NEWCALL + OFFERING until OID_TAPI_ANSWER; a busy
 *       line refuses with TAPI_DISCONNECTMODE_BUSY, a line not listening with TAPI_DISCONNECTMODE_UNAVAIL, a
 *       drop of an offered call with TAPI_DISCONNECTMODE_REJECT.</li>
 *   <li><b>K5</b>: OID_TAPI_DROP closes the call (pending until the close completes, then IDLE; handles stay
 *       valid, R40); a remote close is LINECALLSTATE_DISCONNECTED plus line-down and is closed at once on the
 *       CoNDIS side while TAPI keeps the call (R42); OID_TAPI_CLOSE_CALL never fails (R41); OID_TAPI_CLOSE
 *       closes the line's calls and deregisters its SAP (R44); {@link #shutdown()} or the CM's notify-close ends
 *       the session: the WAN adapter halts (pending requests aborted, calls DISCONNECTED, lines
 *       OUTOFSERVICE, R46) and the R6 teardown follows (close calls, deregister SAPs, close the AF).</li>
 * </ul>
 * Line {@code i} of an AF on adapter {@code host} is reached, for the switch's Q.2931 AF, at the text address
 * {@code host:<selector>i} ({@link Options#lineSelector}); that is the SAP it registers and the address a TAPI
 * application dials. For a {@code CO_ADDRESS_FAMILY_TAPI_PROXY} AF the SAP is AF_TAPI_SAP_TYPE with
 * CO_AF_TAPI_SAP {line, 0, media modes}.
 *
 * <p>Depends on the public role contracts only ({@link Ndis}, {@link WanNdis}). Not thread-safe: like every
 * driver it runs in the serialized control plane; call {@link #shutdown()} from the runtime's thread in INVOKER
 * mode or inside {@code Jcondis.onConductor}.
 */
public final class NdProxy {
    /** LINEMEDIAMODE_* a CoNDIS data call carries. */
    public static final int SUPPORTED_MEDIA_MODES = Tapi.LINEMEDIAMODE_DIGITALDATA;
    private static final int CALL_STATES = Tapi.LINECALLSTATE_IDLE | Tapi.LINECALLSTATE_OFFERING
            | Tapi.LINECALLSTATE_ACCEPTED | Tapi.LINECALLSTATE_DIALTONE | Tapi.LINECALLSTATE_DIALING
            | Tapi.LINECALLSTATE_PROCEEDING
            | Tapi.LINECALLSTATE_BUSY | Tapi.LINECALLSTATE_CONNECTED | Tapi.LINECALLSTATE_DISCONNECTED;
    private static final int CAPS_BUFFER_BYTES = 1024;
    /** NDIS_WAN_INFO.MaxTransmit answered to OID_WAN_GET_INFO. */
    private static final int MAX_TRANSMIT = 4;

    /** What NDPROXY is configured with; read once at {@link #install}. Not thread-safe. */
    public static final class Options {
        private Set<Integer> afTypes = Set.of(AddressFamily.Q2931, AddressFamily.TAPI_PROXY);
        private Set<String> adapters;
        private int defaultLines = 1;
        private String lineSelector = "tapi";
        private long linkSpeedBps = 10_000_000L;
        private int sendWindow = 4;

        /** @param types the CO_ADDRESS_FAMILY_* NDPROXY opens (default Q2931 and TAPI_PROXY) */
        public Options afTypes(Integer... types) {
            this.afTypes = Set.of(types);
            return this;
        }

        /** @param names the only adapters NDPROXY binds to (default: every adapter) */
        public Options adapters(String... names) {
            this.adapters = Set.of(names);
            return this;
        }

        /** @param n lines per AF when the CM does not answer OID_CO_TAPI_CM_CAPS (default 1) */
        public Options defaultLines(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("lines < 0");
            }
            this.defaultLines = n;
            return this;
        }

        /** @param selector the SAP selector prefix of the lines on a Q.2931 AF (default {@code tapi}) */
        public Options lineSelector(String selector) {
            this.lineSelector = Objects.requireNonNull(selector, "selector");
            return this;
        }

        /** @param bps the line-up link speed when the call's flowspec names no peak rate (default 10 Mbit/s) */
        public Options linkSpeedBps(long bps) {
            this.linkSpeedBps = bps;
            return this;
        }

        /** @param n SendWindow of the line-up (default 4) */
        public Options sendWindow(int n) {
            this.sendWindow = n;
            return this;
        }
    }

    /**
     * What K2 found on one AF, for tests and narration.
     *
     * @param adapterName         the CoNDIS adapter
     * @param lines               TAPI lines presented
     * @param cmCapsAnswered      whether the CM answered OID_CO_TAPI_CM_CAPS
     * @param lineCapsAnswered    OID_CO_TAPI_LINE_CAPS queries the CM answered
     * @param addressCapsAnswered OID_CO_TAPI_ADDRESS_CAPS queries the CM answered
     * @param wanAdapter          the WAN adapter the lines belong to (null before the probe ends or after halt)
     */
    public record CapsReport(String adapterName, int lines, boolean cmCapsAnswered, int lineCapsAnswered,
                             int addressCapsAnswered, AdapterHandle wanAdapter) {
    }

    private final Options options;
    private final String name;
    /** Set once registerClient returns; AFs offered during the registration itself wait in {@link #early}. */
    private ClientServices cl;
    private final List<Runnable> early = new ArrayList<>();
    private final WanMiniportServices wan;
    private final Map<BindingHandle, String> bindings = new LinkedHashMap<>();
    private final Map<AfHandle, Af> afs = new LinkedHashMap<>();
    private final Map<Long, Af> byWan = new LinkedHashMap<>();
    private final Map<VcHandle, Call> calls = new LinkedHashMap<>();
    private final Map<SapHandle, Line> saps = new LinkedHashMap<>();
    /** CoNDIS packets in flight for NDISWAN sends (identity: a packet is its own token). */
    private final Map<Packet, SendCtx> sends = new IdentityHashMap<>();
    private Af starting;
    private Af opening;
    private Line registering;
    private long nextHd = 1;

    private static final class SendCtx {
        final Call call;
        final Packet wanPacket;
        boolean returned;
        Status early;

        SendCtx(Call call, Packet wanPacket) {
            this.call = call;
            this.wanPacket = wanPacket;
        }
    }

    private NdProxy(Ndis ndis, WanNdis wanNdis, String name, Options options) {
        this.name = name;
        this.options = options;
        this.wan = wanNdis.registerWanMiniport(name, new WanSide());
        this.cl = ndis.registerClient(name, new ClientSide());
        for (Runnable r : early) {
            r.run();
        }
        early.clear();
    }

    /**
     * Registers NDPROXY with both sides: as a WAN miniport with {@code wanNdis}, then as a CoNDIS client with
     * {@code ndis} (which binds it to every adapter and offers every registered AF at once).
     *
     * @return the proxy
     */
    public static NdProxy install(Ndis ndis, WanNdis wanNdis, String name, Options options) {
        Objects.requireNonNull(ndis, "ndis");
        Objects.requireNonNull(wanNdis, "wanNdis");
        return new NdProxy(ndis, wanNdis, name, options == null ? new Options() : options);
    }

    /** @return what K2 found on every AF open, in open order */
    public List<CapsReport> caps() {
        List<CapsReport> out = new ArrayList<>();
        for (Af a : afs.values()) {
            out.add(new CapsReport(a.adapterName, a.lines.size(), a.cmCapsAnswered, a.lineCapsAnswered,
                    a.addressCapsAnswered, a.wanAdapter));
        }
        return out;
    }

    /** @return the TAPI address of line {@code index} on {@code adapterName}'s Q.2931 AF */
    public String address(String adapterName, int index) {
        return adapterName + ":" + options.lineSelector + index;
    }

    /** @return VCs that still carry (or are closing) a call of NDPROXY's, for leak checks */
    public int liveVcs() {
        return calls.size();
    }

    /** @return the VCs that carry NDPROXY's calls now, in creation order (for tests that act as the network) */
    public List<VcHandle> vcs() {
        return new ArrayList<>(calls.keySet());
    }

    /** @return AFs NDPROXY holds open (or is opening or closing) */
    public int openAfs() {
        return afs.size();
    }

    /**
     * K5: ends every TAPI session NDPROXY runs: each WAN adapter halts (J15/R46), then each AF is torn down in
     * the R6 order and closed. Completes as the call manager answers (run the runtime until idle).
     */
    public void shutdown() {
        for (Af a : new ArrayList<>(afs.values())) {
            endSession(a);
        }
    }

    @Override
    public String toString() {
        return "NDPROXY " + name + " (" + afs.size() + " AFs, " + calls.size() + " VCs)";
    }

    // ------------------------------------------------------------------------------------------ K1, K2

    private void probeCaps(Af a) {
        a.phase = AfPhase.PROBING;
        query(a, OidRequest.query(CoTapi.OID_CO_TAPI_CM_CAPS, CoTapi.CM_CAPS_BYTES), (st, r) -> {
            CoTapi.CmCaps caps = st.isSuccess() ? CoTapi.CmCaps.decode(r.buffer()) : null;
            a.cmCapsAnswered = caps != null;
            a.cmCaps = caps != null ? caps : new CoTapi.CmCaps(CoTapi.CO_TAPI_VERSION, options.defaultLines, 0);
            probeLine(a, 0);
        });
    }

    /** K2: LINE_CAPS once, or once per line with CO_TAPI_FLAG_PER_LINE_CAPS; a line not answered gets defaults. */
    private void probeLine(Af a, int line) {
        int n = a.cmCaps.numLines();
        if (line >= n) {
            probeAddress(a, 0);
            return;
        }
        if (line > 0 && !a.cmCaps.perLineCaps()) {
            // One answer stands for every line; without one each line gets its own defaults (its own address).
            a.lineCaps.add(a.lineCapsAnswered > 0 ? a.lineCaps.get(0) : defaultLineCaps(a, line));
            probeLine(a, line + 1);
            return;
        }
        query(a, new OidRequest(OidRequest.Type.QUERY, CoTapi.OID_CO_TAPI_LINE_CAPS,
                CoTapi.lineCapsQuery(line, CAPS_BUFFER_BYTES)), (st, r) -> {
                    LineDevCaps caps = st.isSuccess() ? LineDevCaps.decode(r.buffer(), CoTapi.LINE_CAPS_HEADER_BYTES)
                            : null;
                    if (caps != null) {
                        a.lineCapsAnswered++;
                    }
                    a.lineCaps.add(caps != null ? caps : defaultLineCaps(a, line));
                    probeLine(a, line + 1);
                });
    }

    /** K2: ADDRESS_CAPS once per line (address 0: every line has one address). */
    private void probeAddress(Af a, int line) {
        if (line >= a.cmCaps.numLines()) {
            startWan(a);
            return;
        }
        query(a, new OidRequest(OidRequest.Type.QUERY, CoTapi.OID_CO_TAPI_ADDRESS_CAPS,
                CoTapi.addressCapsQuery(line, 0, CAPS_BUFFER_BYTES)), (st, r) -> {
                    LineAddressCaps caps = st.isSuccess()
                            ? LineAddressCaps.decode(r.buffer(), CoTapi.ADDRESS_CAPS_HEADER_BYTES) : null;
                    if (caps != null) {
                        a.addressCapsAnswered++;
                    }
                    a.addressCaps.add(caps != null ? caps : defaultAddressCaps(a, line));
                    probeAddress(a, line + 1);
                });
    }

    /** One K2 query; the answer may come inside the request (R34) or later through onOidRequestComplete. */
    private void query(Af a, OidRequest r, java.util.function.BiConsumer<Status, OidRequest> then) {
        if (a.teardown) {
            a.probe = null;
            advanceTeardown(a);
            return;
        }
        a.probe = r;
        a.probeThen = then;
        Status st = cl.oidRequest(a.binding, a.af, null, null, r);
        if (!st.isPending() && a.probe == r) {
            a.probe = null;
            then.accept(st, r);
        }
    }

    private LineDevCaps defaultLineCaps(Af a, int line) {
        return new LineDevCaps("jcondis NDPROXY", a.family.toString(), line, lineAddress(a, line),
                Tapi.LINEADDRESSMODE_ADDRESSID, 1, Tapi.LINEBEARERMODE_DATA, (int) options.linkSpeedBps,
                SUPPORTED_MEDIA_MODES, Tapi.LINEDEVCAPFLAGS_CLOSEDROP, 1, Tapi.LINEANSWERMODE_NONE,
                Tapi.LINEDEVSTATE_OUTOFSERVICE | Tapi.LINEDEVSTATE_REINIT);
    }

    private LineAddressCaps defaultAddressCaps(Af a, int line) {
        return new LineAddressCaps(line, lineAddress(a, line), Tapi.LINEADDRESSSHARING_PRIVATE, 0, CALL_STATES,
                Tapi.LINEDISCONNECTMODE_NORMAL | Tapi.LINEDISCONNECTMODE_BUSY | Tapi.LINEDISCONNECTMODE_REJECT
                        | Tapi.LINEDISCONNECTMODE_UNREACHABLE | Tapi.LINEDISCONNECTMODE_BADADDRESS
                        | Tapi.LINEDISCONNECTMODE_UNAVAIL, 1,
                Tapi.LINECALLFEATURE_ACCEPT | Tapi.LINECALLFEATURE_ANSWER | Tapi.LINECALLFEATURE_DROP);
    }

    private String lineAddress(Af a, int line) {
        return a.tapiProxy() ? "line" + line : address(a.adapterName, line);
    }

    private Sap lineSap(Line l) {
        return l.af.tapiProxy() ? CoTapi.tapiSap(l.index, 0, l.detection) : Sap.text(lineAddress(l.af, l.index));
    }

    /** K1: the AF's lines become a WAN adapter; NDISTAPI starts its provider session (J1). */
    private void startWan(Af a) {
        a.phase = AfPhase.RUNNING;
        for (int i = 0; i < a.cmCaps.numLines(); i++) {
            a.lines.add(new Line(a, i));
        }
        starting = a;
        try {
            Result<AdapterHandle> r = wan.startAdapter(name + "-" + a.adapterName);
            if (!r.status().isSuccess()) {
                a.wanAdapter = null;
            }
        } finally {
            starting = null;
        }
    }

    // ------------------------------------------------------------------------------------------ K5 teardown

    private void endSession(Af a) {
        a.teardown = true;
        if (a.wanAdapter != null) {
            wan.haltAdapter(a.wanAdapter);
        }
        advanceTeardown(a);
    }

    /** R6: (1) no parties (NDPROXY makes point-to-point calls), (2) close every call, (3) SAPs, (4) the AF. */
    private void advanceTeardown(Af a) {
        if (!a.teardown || a.phase == AfPhase.CLOSING || a.phase == AfPhase.CLOSED || a.phase == AfPhase.OPENING
                || a.probe != null) {
            return;
        }
        boolean waiting = false;
        for (Call c : new ArrayList<>(calls.values())) {
            if (c.line.af == a) {
                c.deallocated = true;
                closeCoCall(c);
                waiting |= c.state != ProxyCallState.CLOSED;
            }
        }
        if (waiting) {
            return;
        }
        for (Line l : a.lines) {
            if (l.sapPhase == SapPhase.REGISTERED) {
                deregister(l);
            }
            waiting |= l.sapPhase != SapPhase.NONE;
        }
        if (waiting) {
            return;
        }
        a.phase = AfPhase.CLOSING;
        Status st = cl.closeAddressFamily(a.af);
        if (!st.isPending()) {
            afClosed(a, st);
        }
    }

    private void afClosed(Af a, Status st) {
        if (a.phase != AfPhase.CLOSING) {
            return;
        }
        a.phase = st.isSuccess() ? AfPhase.CLOSED : AfPhase.RUNNING;
        if (!st.isSuccess()) {
            return;
        }
        afs.remove(a.af);
        if (a.notifyPending) {
            a.notifyPending = false;
            cl.notifyCloseAddressFamilyComplete(a.af, Status.SUCCESS);
        }
    }

    /** J15/R46 for the WAN side: abort pending requests, disconnect calls, report the lines offline. */
    private void haltWan(Af a) {
        for (Waiter w : new ArrayList<>(a.pending)) {
            complete(a, w, Status.REQUEST_ABORTED);
        }
        for (Line l : a.lines) {
            for (Call c : l.calls) {
                lineDown(c);
                if (!c.deallocated && c.tapiState != Tapi.LINECALLSTATE_IDLE) {
                    tapiState(c, Tapi.LINECALLSTATE_DISCONNECTED, Tapi.LINEDISCONNECTMODE_UNAVAIL);
                }
                c.deallocated = true;
            }
            if (l.open) {
                // GAP-4: lines going off-line are reported as LINE_LINEDEVSTATE(OUTOFSERVICE), as the PSTN does.
                wan.indicateTapiEvent(a.wanAdapter, new TapiEvent(l.htLine, 0, Tapi.LINE_LINEDEVSTATE,
                        Tapi.LINEDEVSTATE_OUTOFSERVICE, 0, 0));
            }
            l.open = false;
            l.detection = 0;
        }
        byWan.remove(a.wanAdapter.id());
        a.wanAdapter = null;
        a.session = false;
        a.teardown = true;
        advanceTeardown(a);
    }

    // ------------------------------------------------------------------------------------------ SAPs (K4)

    private Status setDetection(Af a, Line l, int modes, OidRequest r) {
        if ((modes & ~SUPPORTED_MEDIA_MODES) != 0) {
            return Status.of(Status.Code.TAPI_INVALMEDIAMODE);
        }
        l.detection = modes;
        if (modes == 0) {
            if (l.sapPhase == SapPhase.REGISTERED) {
                deregister(l);
            }
            return Status.SUCCESS;
        }
        if (l.sapPhase != SapPhase.NONE) {
            return Status.SUCCESS;
        }
        l.sapPhase = SapPhase.REGISTERING;
        registering = l;
        Result<SapHandle> sr;
        try {
            sr = cl.registerSap(a.af, lineSap(l));
        } finally {
            registering = null;
        }
        if (sr.status().isPending()) {
            l.sap = sr.value();
            saps.put(l.sap, l);
            if (l.sapPhase == SapPhase.REGISTERING) {
                a.pending.add(new Waiter(r, null, l, null));
                return Status.PENDING;
            }
            return l.sapPhase == SapPhase.REGISTERED ? Status.SUCCESS : sapRefused();
        }
        if (sr.status().isSuccess()) {
            l.sap = sr.value();
            saps.put(l.sap, l);
            l.sapPhase = SapPhase.REGISTERED;
            return Status.SUCCESS;
        }
        l.sapPhase = SapPhase.NONE;
        l.detection = 0;
        return sapRefused().withDescription("the call manager refused the SAP of line " + l.index + ": "
                + sr.status());
    }

    private static Status sapRefused() {
        return Status.of(Status.Code.TAPI_RESOURCEUNAVAIL);
    }

    private void sapRegistered(Line l, Status st) {
        Af a = l.af;
        Waiter w = null;
        for (Waiter x : a.pending) {
            if (x.line() == l && x.call() == null) {
                w = x;
                break;
            }
        }
        if (st.isSuccess()) {
            l.sapPhase = SapPhase.REGISTERED;
            if (w != null) {
                complete(a, w, Status.SUCCESS);
            }
            if (!l.open || l.detection == 0 || a.teardown) {
                deregister(l);
            }
        } else {
            saps.remove(l.sap);
            l.sap = null;
            l.sapPhase = SapPhase.NONE;
            l.detection = 0;
            if (w != null) {
                complete(a, w, sapRefused());
            }
            advanceTeardown(a);
        }
    }

    private void deregister(Line l) {
        l.sapPhase = SapPhase.DEREGISTERING;
        Status st = cl.deregisterSap(l.sap);
        if (!st.isPending()) {
            sapGone(l);
        }
    }

    private void sapGone(Line l) {
        saps.remove(l.sap);
        l.sap = null;
        l.sapPhase = SapPhase.NONE;
        if (l.open && l.detection != 0 && !l.af.teardown) {
            // Media detection was enabled again while the old SAP was going: register it anew.
            setDetection(l.af, l, l.detection, null);
        }
        advanceTeardown(l.af);
    }

    // ------------------------------------------------------------------------------------------ calls (K3-K5)

    private Status makeCall(Af a, Line l, TapiMessage m) {
        if (l.busy()) {
            return Status.of(Status.Code.TAPI_CALLUNAVAIL);
        }
        String dest = m.ascii(Integer.toUnsignedLong(m.u32("ulDestAddressOffset")),
                Integer.toUnsignedLong(m.u32("ulDestAddressSize")));
        FlowSpec flow = FlowSpec.BEST_EFFORT;
        if (!m.bool("bUseDefaultLineCallParams")) {
            LineCallParams p = LineCallParams.decode(m.buffer(), NdisTapiStructs.MAKE_CALL.offset("LineCallParams"));
            if (p != null && p.mediaMode() != 0 && (p.mediaMode() & ~SUPPORTED_MEDIA_MODES) != 0) {
                return Status.of(Status.Code.TAPI_INVALMEDIAMODE);
            }
            if (p != null && p.maxRateBps() > 0) {
                long bytes = Integer.toUnsignedLong(p.maxRateBps()) / 8;
                flow = FlowSpec.guaranteed(bytes, bytes, FlowSpec.NOT_SPECIFIED);
            }
        }
        Result<VcHandle> vc = cl.createVc(a.af);
        if (!vc.status().isSuccess()) {
            return sapRefused().withDescription("D1 create-VC failed: " + vc.status());
        }
        Call c = new Call(l, nextHd++, true, vc.value(), true, ProxyCallState.IDLE);
        c.htCall = m.ptr("htCall");
        c.flow = flow;
        calls.put(c.vc, c);
        l.calls.add(c);
        m.putPtr("hdCall", c.hdCall);
        if (dest.isEmpty()) {
            // J5 dial-later: no CoNDIS make-call without an address; DIALTONE until OID_TAPI_DIAL brings one.
            c.awaitingDigits = true;
            wan.post(() -> {
                if (c.awaitingDigits && c.state == ProxyCallState.IDLE && !c.closeWanted) {
                    tapiState(c, Tapi.LINECALLSTATE_DIALTONE, 0);
                }
            });
            return Status.SUCCESS;
        }
        address(a, c, dest);
        // The call starts once MAKE_CALL has returned: its states belong to an htCall NDISTAPI now knows (R48).
        wan.post(() -> startCall(c));
        return Status.SUCCESS;
    }

    /** The call's destination and its CoNDIS call parameters (K3). */
    private static void address(Af a, Call c, String dest) {
        c.remote = dest;
        c.params = CallParameters.to(dest, c.flow, c.flow);
        if (a.tapiProxy()) {
            // K3: a TAPI_PROXY CM reads only the CO_AF_TAPI_MAKE_CALL_PARAMETERS overlay in MediaSpecific.
            CallParameters p = c.params;
            c.params = new CallParameters(p.flags(), p.transmit(), p.receive(), p.callMgrSpecific(), p.mediaFlags(),
                    p.receiveSizeHint(), CoTapi.makeCallParameters(c.line.index, 0, dest));
        }
    }

    /**
     * J5 OID_TAPI_DIAL on a call made without an address: the digits are the whole CoNDIS called address (a
     * CoNDIS make-call cannot take digits piecemeal), so the first DIAL starts the call and a second one is
     * TAPI_INVALCALLSTATE, as is a DIAL on a call that had its address at MAKE_CALL.
     */
    private Status dial(Af a, Call c, TapiMessage m) {
        String digits = m.ascii(m.layout().tailOffset(), Integer.toUnsignedLong(m.u32("ulDestAddressSize")));
        if (!c.awaitingDigits || c.state != ProxyCallState.IDLE || c.closeWanted) {
            return Status.of(Status.Code.TAPI_INVALCALLSTATE);
        }
        if (digits.isEmpty()) {
            return Status.of(Status.Code.TAPI_INVALADDRESS);
        }
        c.awaitingDigits = false;
        address(a, c, digits);
        wan.post(() -> startCall(c));
        return Status.SUCCESS;
    }

    private void startCall(Call c) {
        if (c.state != ProxyCallState.IDLE) {
            return;
        }
        if (c.closeWanted) {
            closeCoCall(c);
            return;
        }
        tapiState(c, Tapi.LINECALLSTATE_DIALING, 0);
        c.moveTo(ProxyCallState.MAKING);
        Result<PartyHandle> r = cl.makeCall(c.vc, c.params, false);
        if (r.status().isPending()) {
            if (c.state == ProxyCallState.MAKING) {
                tapiState(c, Tapi.LINECALLSTATE_PROCEEDING, 0);
            }
        } else if (c.state == ProxyCallState.MAKING) {
            makeCallDone(c, r.status(), c.params);
        }
    }

    private void makeCallDone(Call c, Status st, CallParameters params) {
        if (st.isSuccess()) {
            c.moveTo(ProxyCallState.CONNECTED);
            if (params != null) {
                c.params = params;
            }
            connected(c);
            return;
        }
        c.moveTo(ProxyCallState.CLOSED);
        cl.deleteVc(c.vc);
        if (!c.closeWanted) {
            int mode = CoTapi.disconnectMode(st);
            if (mode == Tapi.LINEDISCONNECTMODE_BUSY) {
                tapiState(c, Tapi.LINECALLSTATE_BUSY, Tapi.LINEBUSYMODE_STATION);
            } else {
                tapiState(c, Tapi.LINECALLSTATE_DISCONNECTED, mode);
            }
        }
        coClosed(c);
    }

    /** Connected both ways: line-up first (R47), then CONNECTED; a drop that waited for this closes now. */
    private void connected(Call c) {
        if (c.closeWanted) {
            closeCoCall(c);
            return;
        }
        lineUp(c);
        tapiState(c, Tapi.LINECALLSTATE_CONNECTED, 0);
    }

    private void lineUp(Call c) {
        Af a = c.line.af;
        if (a.wanAdapter == null || c.deallocated) {
            return;
        }
        long peak = c.params == null ? FlowSpec.NOT_SPECIFIED : c.params.transmit().peakBandwidthBps();
        long bps = peak == FlowSpec.NOT_SPECIFIED ? options.linkSpeedBps : peak * 8;
        c.linkHandle = nextHd++;
        Result<Long> r = wan.indicateLineUp(a.wanAdapter, new LineUp(bps / 100, 2, options.sendWindow, c.htCall,
                c.linkHandle));
        c.linkContext = r.status().isSuccess() ? r.value() : 0;
    }

    private void lineDown(Call c) {
        if (c.linkContext != 0) {
            long ctx = c.linkContext;
            c.linkContext = 0;
            if (c.line.af.wanAdapter != null) {
                wan.indicateLineDown(c.line.af.wanAdapter, ctx);
            }
        }
    }

    /**
     * Closes the CoNDIS side of a call, whatever state it is in: waits for a make-call or answer under way
     * (R37), rejects an offered call, waits for outstanding sends (R21), otherwise NdisClCloseCall.
     */
    private void closeCoCall(Call c) {
        c.closeWanted = true;
        switch (c.state) {
            case IDLE:
                c.moveTo(ProxyCallState.CLOSED);
                cl.deleteVc(c.vc);
                coClosed(c);
                return;
            case OFFERED:
                c.moveTo(ProxyCallState.CLOSED);
                calls.remove(c.vc);
                // K4: not answered; the CM deactivates and deletes its VC (R17).
                cl.incomingCallComplete(Status.of(Status.Code.TAPI_DISCONNECTMODE_REJECT), c.vc, null);
                coClosed(c);
                return;
            case CONNECTED:
                if (c.sendsOut > 0) {
                    return;
                }
                lineDown(c);
                c.moveTo(ProxyCallState.CLOSING);
                Status st = cl.closeCall(c.vc, null, null);
                if (!st.isPending() && c.state == ProxyCallState.CLOSING) {
                    closeCallDone(c);
                }
                return;
            case MAKING:
            case ANSWERING:
            case CLOSING:
            case CLOSED:
            default:
                return;
        }
    }

    private void closeCallDone(Call c) {
        c.moveTo(ProxyCallState.CLOSED);
        if (c.vcIsMine) {
            cl.deleteVc(c.vc);
        }
        coClosed(c);
    }

    /** The CoNDIS side is gone: pending DROP / CLOSE_CALL complete (in order), the teardown moves on. */
    private void coClosed(Call c) {
        calls.remove(c.vc);
        Af a = c.line.af;
        for (Waiter w : new ArrayList<>(a.pending)) {
            if (w.call() == c) {
                complete(a, w, Status.SUCCESS);
            }
        }
        if (c.deallocated) {
            c.line.calls.remove(c);
        }
        advanceTeardown(a);
    }

    /** Reports LINE_CALLSTATE; nothing after IDLE or after NDISTAPI let go of the call. */
    private void tapiState(Call c, int state, int mode) {
        if (c.deallocated || c.htCall == 0 || !c.line.open || c.line.af.wanAdapter == null
                || (c.tapiState == Tapi.LINECALLSTATE_IDLE && state != Tapi.LINECALLSTATE_IDLE)) {
            return;
        }
        c.tapiState = state;
        c.tapiMode = mode;
        wan.indicateTapiEvent(c.line.af.wanAdapter, new TapiEvent(c.line.htLine, c.htCall, Tapi.LINE_CALLSTATE,
                state, mode, c.mediaMode));
    }

    private void complete(Af a, Waiter w, Status st) {
        if (!a.pending.remove(w) || w.request() == null) {
            return;
        }
        if (w.before() != null && st.isSuccess()) {
            w.before().run();
        }
        if (a.wanAdapter == null) {
            return;
        }
        if (w.request().type() == OidRequest.Type.QUERY) {
            wan.queryInformationComplete(a.wanAdapter, w.request(), st);
        } else {
            wan.setInformationComplete(a.wanAdapter, w.request(), st);
        }
    }

    /** J10/R40: drop; pending until the CoNDIS close completes, then IDLE. */
    private Status drop(Af a, Call c, OidRequest r) {
        lineDown(c);
        Runnable idle = () -> tapiState(c, Tapi.LINECALLSTATE_IDLE, 0);
        closeCoCall(c);
        if (c.state == ProxyCallState.CLOSED) {
            idle.run();
            return Status.SUCCESS;
        }
        a.pending.add(new Waiter(r, c, c.line, idle));
        return Status.PENDING;
    }

    /** J11/R41: never fails; pending until the CoNDIS side is gone; the call is forgotten. */
    private Status closeCallOid(Af a, Call c, OidRequest r) {
        lineDown(c);
        c.deallocated = true;
        closeCoCall(c);
        if (c.state == ProxyCallState.CLOSED) {
            c.line.calls.remove(c);
            return Status.SUCCESS;
        }
        a.pending.add(new Waiter(r, c, c.line, null));
        return Status.PENDING;
    }

    /** R44 and R45: a line's calls are closed (TAPI lets go of them at once), its SAP deregistered. */
    private void closeLine(Line l) {
        for (Call c : new ArrayList<>(l.calls)) {
            lineDown(c);
            c.deallocated = true;
            closeCoCall(c);
            if (c.state == ProxyCallState.CLOSED) {
                l.calls.remove(c);
            }
        }
        l.open = false;
        l.detection = 0;
        l.htLine = 0;
        if (l.sapPhase == SapPhase.REGISTERED) {
            deregister(l);
        }
    }

    // ------------------------------------------------------------------------------------------ OID dispatch

    private Status dispatch(Af a, OidRequest r) {
        int oid = r.oid();
        TapiRequestDecoder.Decoded d = TapiRequestDecoder.decode(r, MAX_TRANSMIT);
        if (d.answer() != null) {
            return d.answer();
        }
        TapiMessage m = d.message();
        if (oid == TapiOids.OID_TAPI_PROVIDER_INITIALIZE) {
            if (a.session) {
                shutdownSession(a);
            }
            a.session = true;
            a.base = m.u32("ulDeviceIDBase");
            m.putU32("ulNumLineDevs", a.lines.size());
            m.putPtr("ulProviderID", a.wanAdapter.id());
            return Status.SUCCESS;
        }
        if (!a.session) {
            return Status.of(Status.Code.TAPI_NODRIVER);
        }
        StructLayout layout = m.layout();
        switch (oid) {
            case TapiOids.OID_TAPI_PROVIDER_SHUTDOWN:
                shutdownSession(a);
                return Status.SUCCESS;
            case TapiOids.OID_TAPI_OPEN:
                return withDevice(a, m, l -> {
                    if (l.open) {
                        return Status.of(Status.Code.TAPI_ALLOCATED);
                    }
                    l.open = true;
                    l.hdLine = nextHd++;
                    l.htLine = m.ptr("htLine");
                    m.putPtr("hdLine", l.hdLine);
                    return Status.SUCCESS;
                });
            case TapiOids.OID_TAPI_CLOSE:
                return withLine(a, m, l -> {
                    closeLine(l);
                    return Status.SUCCESS;
                });
            case TapiOids.OID_TAPI_SET_DEFAULT_MEDIA_DETECTION:
                return withLine(a, m, l -> setDetection(a, l, m.u32("ulMediaModes"), r));
            case TapiOids.OID_TAPI_SET_STATUS_MESSAGES:
                return withLine(a, m, l -> {
                    l.lineStates = m.u32("ulLineStates");
                    return Status.SUCCESS;
                });
            case TapiOids.OID_TAPI_CONDITIONAL_MEDIA_DETECTION:
                return withLine(a, m, l -> TapiRequestDecoder.mediaModes(m.u32("ulMediaModes"), SUPPORTED_MEDIA_MODES));
            case TapiOids.OID_TAPI_GET_DEV_CAPS:
                return withDevice(a, m, l -> a.lineCaps.get(l.index).writeTo(r.buffer(),
                        layout.offset("LineDevCaps")));
            case TapiOids.OID_TAPI_GET_ADDRESS_CAPS:
                return withDevice(a, m, l -> {
                    if (m.u32("ulAddressID") != 0) {
                        return Status.of(Status.Code.TAPI_INVALADDRESSID);
                    }
                    LineAddressCaps c = a.addressCaps.get(l.index);
                    return new LineAddressCaps(a.base + l.index, c.address(), c.addressSharing(), c.addressStates(),
                            c.callStates(), c.disconnectModes(), c.maxNumActiveCalls(), c.callFeatures())
                            .writeTo(r.buffer(), layout.offset("LineAddressCaps"));
                });
            case TapiOids.OID_TAPI_GET_ADDRESS_ID:
                return withLine(a, m, l -> TapiRequestDecoder.addressId(m, lineAddress(a, l.index)));
            case TapiOids.OID_TAPI_GET_ADDRESS_STATUS:
                return withLine(a, m, l -> TapiRequestDecoder.addressStatus(m, l.busy()));
            case TapiOids.OID_TAPI_GET_LINE_DEV_STATUS:
                return withLine(a, m, l -> TapiRequestDecoder.lineDevStatus(m, l.detection, l.busy()));
            case TapiOids.OID_TAPI_MAKE_CALL:
                return withLine(a, m, l -> makeCall(a, l, m));
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
                return callOid(a, oid, m, layout, r);
            default:
                return Status.of(Status.Code.TAPI_OPERATIONUNAVAIL);
        }
    }

    private Status callOid(Af a, int oid, TapiMessage m, StructLayout layout, OidRequest r) {
        Call c = callByHd(a, m.ptr("hdCall"));
        if (c == null) {
            return Status.of(Status.Code.TAPI_INVALCALLHANDLE);
        }
        switch (oid) {
            case TapiOids.OID_TAPI_ACCEPT:
                if (c.state != ProxyCallState.OFFERED || c.tapiState != Tapi.LINECALLSTATE_OFFERING) {
                    return Status.of(Status.Code.TAPI_INVALCALLSTATE);
                }
                tapiState(c, Tapi.LINECALLSTATE_ACCEPTED, 0);
                return Status.SUCCESS;
            case TapiOids.OID_TAPI_ANSWER:
                if (c.state != ProxyCallState.OFFERED) {
                    return Status.of(Status.Code.TAPI_INVALCALLSTATE);
                }
                // K4: the pended incoming call is accepted once ANSWER has returned (R48 ordering as for MAKE_CALL).
                wan.post(() -> answer(c));
                return Status.SUCCESS;
            case TapiOids.OID_TAPI_DIAL:
                return dial(a, c, m);
            case TapiOids.OID_TAPI_DROP:
                return drop(a, c, r);
            case TapiOids.OID_TAPI_CLOSE_CALL:
                return closeCallOid(a, c, r);
            case TapiOids.OID_TAPI_GET_CALL_ADDRESS_ID:
                m.putU32("ulAddressID", 0);
                return Status.SUCCESS;
            case TapiOids.OID_TAPI_GET_CALL_INFO:
                String local = lineAddress(a, c.line.index);
                return new LineCallInfo(a.base + c.line.index, 0, c.bearerMode,
                        c.linkContext != 0 ? (int) options.linkSpeedBps : c.maxRateBps, c.mediaMode, c.appSpecific,
                        (int) c.hdCall, CALL_STATES,
                        c.outbound ? Tapi.LINECALLORIGIN_OUTBOUND : Tapi.LINECALLORIGIN_INBOUND,
                        Tapi.LINECALLREASON_DIRECT, c.outbound ? local : c.remote, c.outbound ? c.remote : local)
                        .writeTo(m.buffer(), layout.offset("LineCallInfo"));
            case TapiOids.OID_TAPI_GET_CALL_STATUS:
                return new LineCallStatus(c.tapiState, c.tapiMode, Tapi.LINECALLPRIVILEGE_OWNER, features(c))
                        .writeTo(m.buffer(), layout.offset("LineCallStatus"));
            case TapiOids.OID_TAPI_GET_ID:
                return TapiRequestDecoder.linkId(m, c.linkContext);
            case TapiOids.OID_TAPI_SET_APP_SPECIFIC:
                c.appSpecific = m.u32("ulAppSpecific");
                return Status.SUCCESS;
            case TapiOids.OID_TAPI_SET_CALL_PARAMS:
                c.bearerMode = m.u32("ulBearerMode");
                c.maxRateBps = m.u32("ulMaxRate");
                return Status.SUCCESS;
            case TapiOids.OID_TAPI_SET_MEDIA_MODE:
            default:
                if ((m.u32("ulMediaMode") & ~SUPPORTED_MEDIA_MODES) != 0) {
                    return Status.of(Status.Code.TAPI_INVALMEDIAMODE);
                }
                c.mediaMode = m.u32("ulMediaMode");
                return Status.SUCCESS;
        }
    }

    private void answer(Call c) {
        if (c.state != ProxyCallState.OFFERED || c.closeWanted) {
            return;
        }
        c.moveTo(ProxyCallState.ANSWERING);
        cl.incomingCallComplete(Status.SUCCESS, c.vc, null);
    }

    private static int features(Call c) {
        if (c.awaitingDigits && c.state == ProxyCallState.IDLE) {
            return Tapi.LINECALLFEATURE_DIAL | Tapi.LINECALLFEATURE_DROP;
        }
        switch (c.state) {
            case OFFERED:
                return Tapi.LINECALLFEATURE_ACCEPT | Tapi.LINECALLFEATURE_ANSWER | Tapi.LINECALLFEATURE_DROP;
            case CLOSED:
                return c.tapiState == Tapi.LINECALLSTATE_IDLE ? 0 : Tapi.LINECALLFEATURE_DROP;
            default:
                return Tapi.LINECALLFEATURE_DROP;
        }
    }

    /** J14/R45: every line closed (calls with it), the session forgotten. */
    private void shutdownSession(Af a) {
        for (Line l : a.lines) {
            closeLine(l);
        }
        a.session = false;
    }

    private static Status withLine(Af a, TapiMessage m, Function<Line, Status> op) {
        return TapiRequestDecoder.withLine(a.lines, m, op);
    }

    private static Status withDevice(Af a, TapiMessage m, Function<Line, Status> op) {
        return TapiRequestDecoder.withDevice(a.lines, a.base, m, op);
    }

    private static Call callByHd(Af a, long hd) {
        for (Line l : a.lines) {
            for (Call c : l.calls) {
                if (c.hdCall == hd && !c.deallocated) {
                    return c;
                }
            }
        }
        return null;
    }

    private Call callByLink(Af a, long linkHandle) {
        for (Call c : calls.values()) {
            if (c.line.af == a && c.linkHandle == linkHandle && c.linkContext != 0) {
                return c;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------ WAN side

    /** The WAN miniport role: NDISTAPI's OID_TAPI_* and NDISWAN's sends. Runs on the control plane. */
    private final class WanSide implements WanMiniportHandlers {
        @Override
        public Status onInitialize(AdapterHandle adapter) {
            Af a = starting;
            if (a == null) {
                return Status.FAILURE.withDescription("NDPROXY adapters start from an opened AF only");
            }
            a.wanAdapter = adapter;
            byWan.put(adapter.id(), a);
            return Status.SUCCESS;
        }

        @Override
        public void onHalt(AdapterHandle adapter) {
            Af a = byWan.get(adapter.id());
            if (a != null) {
                haltWan(a);
            }
        }

        @Override
        public Status onReset(AdapterHandle adapter) {
            Af a = byWan.get(adapter.id());
            if (a == null) {
                return Status.FAILURE;
            }
            // R43: calls are disconnected (closed on the CoNDIS side) but NDISTAPI keeps them until CLOSE_CALL.
            for (Line l : a.lines) {
                for (Call c : l.calls) {
                    if (!c.deallocated && c.state != ProxyCallState.CLOSED) {
                        lineDown(c);
                        tapiState(c, Tapi.LINECALLSTATE_DISCONNECTED, Tapi.LINEDISCONNECTMODE_UNAVAIL);
                        closeCoCall(c);
                    }
                }
            }
            return Status.SUCCESS;
        }

        @Override
        public Status onQueryInformation(AdapterHandle adapter, OidRequest request) {
            Af a = byWan.get(adapter.id());
            return a == null ? Status.FAILURE : dispatch(a, request);
        }

        @Override
        public Status onSetInformation(AdapterHandle adapter, OidRequest request) {
            return onQueryInformation(adapter, request);
        }

        @Override
        public Status onWanSend(AdapterHandle adapter, long ndisLinkHandle, Packet packet) {
            Af a = byWan.get(adapter.id());
            Call c = a == null ? null : callByLink(a, ndisLinkHandle);
            if (c == null || c.state != ProxyCallState.CONNECTED || c.closeWanted) {
                return Status.NOT_ACCEPTED.withDescription("no connected VC for link " + ndisLinkHandle);
            }
            Packet co = Packet.wrap(packet.payload());
            SendCtx s = new SendCtx(c, packet);
            sends.put(co, s);
            c.sendsOut++;
            Status st = cl.send(c.vc, co);
            s.returned = true;
            if (!st.isPending()) {
                // INVALID_HANDLE: nothing follows.
                sends.remove(co);
                c.sendsOut--;
                return st;
            }
            // The switch completes inside the send (R34): answer NDISWAN synchronously then.
            return s.early != null ? s.early : Status.PENDING;
        }
    }

    // ------------------------------------------------------------------------------------------ client side

    /** The CoNDIS client role. Runs on the control plane. */
    private final class ClientSide implements ClientHandlers {
        @Override
        public Status onBindAdapter(BindingHandle binding, String adapterName) {
            if (options.adapters != null && !options.adapters.contains(adapterName)) {
                return Status.NOT_SUPPORTED;
            }
            bindings.put(binding, adapterName);
            return Status.SUCCESS;
        }

        @Override
        public void onUnbindAdapter(BindingHandle binding) {
            bindings.remove(binding);
        }

        @Override
        public void onAfRegisterNotify(BindingHandle binding, AddressFamily family) {
            if (!options.afTypes.contains(family.type())) {
                return;
            }
            if (cl == null) {
                // Offered while registerClient is still running (it binds at once): open once it returned.
                early.add(() -> onAfRegisterNotify(binding, family));
                return;
            }
            Af a = new Af(binding, bindings.getOrDefault(binding, "?"), family);
            opening = a;
            Result<AfHandle> r;
            try {
                r = cl.openAddressFamily(binding, family);
            } finally {
                opening = null;
            }
            if (r.value() == null || r.status().isFailure()) {
                return;
            }
            a.af = r.value();
            afs.put(a.af, a);
            if (r.status().isSuccess() && a.phase == AfPhase.OPENING) {
                probeCaps(a);
            }
        }

        @Override
        public void onOpenAfComplete(Status status, AfHandle af) {
            Af a = afs.get(af);
            if (a == null && opening != null) {
                a = opening;
                a.af = af;
                afs.put(af, a);
            }
            if (a == null || a.phase != AfPhase.OPENING) {
                return;
            }
            if (status.isSuccess()) {
                probeCaps(a);
            } else {
                afs.remove(af);
            }
        }

        @Override
        public void onCloseAfComplete(Status status, AfHandle af) {
            Af a = afs.get(af);
            if (a != null) {
                afClosed(a, status);
            }
        }

        @Override
        public Status onNotifyCloseAf(AfHandle af) {
            Af a = afs.get(af);
            if (a == null) {
                return Status.SUCCESS;
            }
            // K5 driver-initiated (MiniportHaltEx of the MCM): the TAPI session ends, then the R6 teardown.
            a.notifyPending = true;
            endSession(a);
            if (a.phase == AfPhase.CLOSED) {
                a.notifyPending = false;
                return Status.SUCCESS;
            }
            return Status.PENDING;
        }

        @Override
        public void onRegisterSapComplete(Status status, SapHandle sap, Sap value) {
            Line l = saps.get(sap);
            if (l == null && registering != null) {
                l = registering;
                l.sap = sap;
                saps.put(sap, l);
            }
            if (l != null && l.sapPhase == SapPhase.REGISTERING) {
                sapRegistered(l, status);
            }
        }

        @Override
        public void onDeregisterSapComplete(Status status, SapHandle sap) {
            Line l = saps.get(sap);
            if (l != null) {
                sapGone(l);
            }
        }

        @Override
        public Status onCreateVc(AfHandle af, VcHandle vc) {
            return afs.containsKey(af) ? Status.SUCCESS : Status.FAILURE;
        }

        @Override
        public Status onDeleteVc(VcHandle vc) {
            calls.remove(vc);
            return Status.SUCCESS;
        }

        @Override
        public void onMakeCallComplete(Status status, VcHandle vc, PartyHandle party, CallParameters params) {
            Call c = calls.get(vc);
            if (c != null && c.state == ProxyCallState.MAKING) {
                makeCallDone(c, status, params);
            }
        }

        @Override
        public void onAddPartyComplete(Status status, VcHandle vc, PartyHandle party, CallParameters params) {
            // NDPROXY makes point-to-point calls only.
        }

        @Override
        public void onDropPartyComplete(Status status, PartyHandle party) {
            // NDPROXY makes point-to-point calls only.
        }

        @Override
        public void onIncomingDropParty(Status dropStatus, PartyHandle party, byte[] closeData) {
            cl.dropParty(party, null);
        }

        @Override
        public Status onIncomingCall(SapHandle sap, VcHandle vc, CallParameters params) {
            Line l = saps.get(sap);
            if (l == null || !l.open || (l.detection & SUPPORTED_MEDIA_MODES) == 0 || l.af.wanAdapter == null
                    || l.af.teardown) {
                // R39: no LINE_NEWCALL for a line that does not detect the call's media mode.
                return Status.of(Status.Code.TAPI_DISCONNECTMODE_UNAVAIL);
            }
            if (l.busy()) {
                return Status.of(Status.Code.TAPI_DISCONNECTMODE_BUSY);
            }
            Call c = new Call(l, nextHd++, false, vc, false, ProxyCallState.OFFERED);
            c.params = params;
            c.remote = params.calledAddress() == null ? "" : params.calledAddress();
            Result<Long> ht = wan.indicateNewCall(l.af.wanAdapter, l.htLine, c.hdCall);
            if (!ht.status().isSuccess()) {
                return Status.of(Status.Code.TAPI_DISCONNECTMODE_UNAVAIL);
            }
            c.htCall = ht.value();
            calls.put(vc, c);
            l.calls.add(c);
            tapiState(c, Tapi.LINECALLSTATE_OFFERING, 0);
            // K4, R49: held until the application answers (or drops: rejected).
            return Status.PENDING;
        }

        @Override
        public void onCallConnected(VcHandle vc) {
            Call c = calls.get(vc);
            if (c != null && c.state == ProxyCallState.ANSWERING) {
                c.moveTo(ProxyCallState.CONNECTED);
                connected(c);
            }
        }

        @Override
        public void onIncomingCallQosChange(VcHandle vc, CallParameters params) {
            Call c = calls.get(vc);
            if (c != null) {
                c.params = params;
            }
        }

        @Override
        public void onModifyCallQosComplete(Status status, VcHandle vc, CallParameters params) {
            // NDPROXY does not renegotiate QoS.
        }

        @Override
        public void onIncomingCloseCall(Status closeStatus, VcHandle vc, byte[] closeData) {
            Call c = calls.get(vc);
            if (c == null) {
                cl.closeCall(vc, null, null);
                return;
            }
            // J12/R42: DISCONNECTED and line-down for TAPI, which keeps the call until CLOSE_CALL.
            lineDown(c);
            if (!c.closeWanted) {
                tapiState(c, Tapi.LINECALLSTATE_DISCONNECTED, CoTapi.disconnectMode(closeStatus));
            }
            c.closeWanted = true;
            if (c.state == ProxyCallState.OFFERED || c.state == ProxyCallState.ANSWERING) {
                boolean held = c.state == ProxyCallState.OFFERED;
                c.moveTo(ProxyCallState.CLOSING);
                Status st = cl.closeCall(vc, null, null);
                if (st.isFailure() && held && c.state == ProxyCallState.CLOSING) {
                    // The call was still held (K4): the answer to it is a rejection, and the CM's VC goes (R18).
                    c.moveTo(ProxyCallState.CLOSED);
                    cl.incomingCallComplete(Status.of(Status.Code.TAPI_DISCONNECTMODE_REJECT), vc, null);
                    coClosed(c);
                } else if (!st.isPending() && c.state == ProxyCallState.CLOSING) {
                    closeCallDone(c);
                }
                return;
            }
            closeCoCall(c);
        }

        @Override
        public void onCloseCallComplete(Status status, VcHandle vc, PartyHandle party) {
            Call c = calls.get(vc);
            if (c != null && c.state == ProxyCallState.CLOSING) {
                closeCallDone(c);
            }
        }

        @Override
        public boolean onReceive(VcHandle vc, Packet packet, boolean resources) {
            Call c = calls.get(vc);
            if (c != null && c.linkContext != 0 && c.line.af.wanAdapter != null) {
                // J9: NDISWAN gets its own copy; the CoNDIS packet goes back at once.
                wan.indicateReceive(c.line.af.wanAdapter, c.linkContext, Packet.wrap(packet.toBytes()));
            }
            return false;
        }

        @Override
        public void onSendComplete(VcHandle vc, Packet packet) {
            SendCtx s = sends.remove(packet);
            if (s == null) {
                return;
            }
            Call c = s.call;
            c.sendsOut--;
            if (!s.returned) {
                s.early = packet.status();
            } else if (c.line.af.wanAdapter != null) {
                wan.wanSendComplete(c.line.af.wanAdapter, s.wanPacket, packet.status());
            }
            if (c.sendsOut == 0 && c.closeWanted) {
                // R21: the close that waited for the sends goes now.
                closeCoCall(c);
            }
        }

        @Override
        public Status onOidRequest(AfHandle af, VcHandle vc, PartyHandle party, OidRequest request) {
            return request.oid() == Oids.OID_CO_ADDRESS_CHANGE ? Status.SUCCESS : Status.INVALID_OID;
        }

        @Override
        public void onOidRequestComplete(AfHandle af, VcHandle vc, PartyHandle party, OidRequest request,
                                         Status status) {
            Af a = afs.get(af);
            if (a != null && a.probe == request) {
                a.probe = null;
                a.probeThen.accept(status, request);
            }
        }
    }
}
