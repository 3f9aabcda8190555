package io.jcondis.wan;

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
import io.jcondis.api.wan.WanOids;
import io.jcondis.wan.struct.NdisTapiStructs;
import io.jcondis.wan.struct.StructLayout;
import io.jcondis.wan.struct.TapiMessage;
import io.jcondis.wan.struct.VarString;
import io.jcondis.wan.struct.VarStructWriter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A WAN miniport a test drives by hand, for the cases the PSTN cannot show: it pends the OIDs it is told to,
 * answers whatever status it is told to (also illegal ones), completes twice, indicates events for handles it
 * invents. By default it is a correct, minimal miniport: every request succeeds synchronously with
 * well-formed answers; it never changes a call's state by itself.
 */
final class ScriptedWanMiniport implements WanMiniportHandlers {
    final WanMiniportServices svc;
    AdapterHandle adapter;
    int lines = 2;
    long providerId = 77;
    /** Every request seen, in order. */
    final List<OidRequest> seen = new ArrayList<>();
    /** OIDs answered PENDING (kept in {@link #pending} until the test completes them). */
    final Set<Integer> pend = new HashSet<>();
    /** A fixed synchronous answer per OID instead of SUCCESS. */
    final Map<Integer, Status> answers = new HashMap<>();
    /** OIDs whose handler throws (a miniport bug the stack must survive). */
    final Set<Integer> throwOn = new HashSet<>();
    final List<OidRequest> pending = new ArrayList<>();
    /** htLine by hdLine, htCall by hdCall: what TAPI gave this miniport (R48). */
    final Map<Long, Long> htLines = new LinkedHashMap<>();
    final Map<Long, Long> htCalls = new LinkedHashMap<>();
    /** NdisLinkContext by hdCall, for OID_TAPI_GET_ID. */
    final Map<Long, Long> links = new HashMap<>();
    final List<Packet> sends = new ArrayList<>();
    int halts;
    int resets;
    private long nextHd = 500;

    ScriptedWanMiniport(WanStack wan, String name) {
        this.svc = wan.registerWanMiniport(name, this);
    }

    AdapterHandle start(String name) {
        Result<AdapterHandle> r = svc.startAdapter(name);
        adapter = r.value();
        return adapter;
    }

    @Override
    public Status onInitialize(AdapterHandle a) {
        return Status.SUCCESS;
    }

    @Override
    public void onHalt(AdapterHandle a) {
        halts++;
    }

    @Override
    public Status onReset(AdapterHandle a) {
        resets++;
        return Status.SUCCESS;
    }

    @Override
    public Status onQueryInformation(AdapterHandle a, OidRequest r) {
        return handle(r);
    }

    @Override
    public Status onSetInformation(AdapterHandle a, OidRequest r) {
        return handle(r);
    }

    @Override
    public Status onWanSend(AdapterHandle a, long ndisLinkHandle, Packet packet) {
        sends.add(packet);
        return Status.SUCCESS;
    }

    private Status handle(OidRequest r) {
        seen.add(r);
        if (throwOn.contains(r.oid())) {
            throw new IllegalStateException("scripted miniport bug on " + Integer.toHexString(r.oid()));
        }
        fill(r);
        if (pend.contains(r.oid())) {
            pending.add(r);
            return Status.PENDING;
        }
        Status a = answers.get(r.oid());
        return a != null ? a : Status.SUCCESS;
    }

    /** Writes the default answer into the request's buffer. */
    private void fill(OidRequest r) {
        int oid = r.oid();
        if (oid == WanOids.OID_WAN_GET_INFO) {
            TapiMessage.wrap(NdisTapiStructs.WAN_INFO, r.buffer()).putU32("MaxTransmit", 3);
            return;
        }
        NdisTapiStructs.OidLayout ol = NdisTapiStructs.forOid(oid);
        if (ol == null) {
            return;
        }
        TapiMessage m = TapiMessage.wrap(ol.layout(), r.buffer());
        switch (oid) {
            case TapiOids.OID_TAPI_PROVIDER_INITIALIZE:
                m.putU32("ulNumLineDevs", lines).putPtr("ulProviderID", providerId);
                break;
            case TapiOids.OID_TAPI_OPEN:
                long hdLine = 1000 + m.u32("ulDeviceID");
                m.putPtr("hdLine", hdLine);
                htLines.put(hdLine, m.ptr("htLine"));
                break;
            case TapiOids.OID_TAPI_MAKE_CALL:
                long hd = nextHd++;
                m.putPtr("hdCall", hd);
                htCalls.put(hd, m.ptr("htCall"));
                break;
            case TapiOids.OID_TAPI_GET_ID:
                byte[] id = new byte[8];
                TapiMessage.putU64(id, 0, links.getOrDefault(m.ptr("hdCall"), -1L));
                new VarString(Tapi.STRINGFORMAT_BINARY, id).writeTo(r.buffer(), ol.layout().offset("DeviceID"));
                break;
            default:
                if (ol.varStruct() != null) {
                    StructLayout vl = ol.varLayout();
                    new VarStructWriter(r.buffer(), ol.layout().offset(ol.varStruct()), vl).finish();
                }
                break;
        }
    }

    /** The last request seen with this OID. */
    OidRequest last(int oid) {
        for (int i = seen.size() - 1; i >= 0; i--) {
            if (seen.get(i).oid() == oid) {
                return seen.get(i);
            }
        }
        return null;
    }

    int count(int oid) {
        return (int) seen.stream().filter(r -> r.oid() == oid).count();
    }

    /** The oldest pending request with this OID. */
    OidRequest pendingOf(int oid) {
        return pending.stream().filter(r -> r.oid() == oid).findFirst().orElse(null);
    }

    /** NdisM{Query,Set}InformationComplete (also for requests no longer pending: that is a test of the stack). */
    void complete(OidRequest r, Status st) {
        pending.remove(r);
        if (r.type() == OidRequest.Type.QUERY) {
            svc.queryInformationComplete(adapter, r, st);
        } else {
            svc.setInformationComplete(adapter, r, st);
        }
    }

    void completeAll(Status st) {
        for (OidRequest r : new ArrayList<>(pending)) {
            complete(r, st);
        }
    }

    /** The miniport's hdCall of a call TAPI made. */
    long hdOf(long htCall) {
        for (Map.Entry<Long, Long> e : htCalls.entrySet()) {
            if (e.getValue() == htCall) {
                return e.getKey();
            }
        }
        return -1;
    }

    long htLineOf(long hdLine) {
        return htLines.getOrDefault(hdLine, -1L);
    }

    Status callState(long htLine, long htCall, int state, int mode) {
        return svc.indicateTapiEvent(adapter, new TapiEvent(htLine, htCall, Tapi.LINE_CALLSTATE, state, mode,
                Tapi.LINEMEDIAMODE_DIGITALDATA));
    }

    /** A call arrives on the line: LINE_NEWCALL then OFFERING. */
    Result<Long> offer(long htLine, long hdCall, int mediaMode) {
        Result<Long> r = svc.indicateNewCall(adapter, htLine, hdCall);
        if (r.status().isSuccess()) {
            htCalls.put(hdCall, r.value());
            svc.indicateTapiEvent(adapter, new TapiEvent(htLine, r.value(), Tapi.LINE_CALLSTATE,
                    Tapi.LINECALLSTATE_OFFERING, 0, mediaMode));
        }
        return r;
    }

    /** Line-up (R47) for the call with this hdCall; remembers the link for GET_ID. */
    Result<Long> lineUp(long hdCall, long speed100Bps) {
        Result<Long> r = svc.indicateLineUp(adapter, new LineUp(speed100Bps, 0, 1, htCalls.get(hdCall), hdCall));
        if (r.status().isSuccess()) {
            links.put(hdCall, r.value());
        }
        return r;
    }
}
