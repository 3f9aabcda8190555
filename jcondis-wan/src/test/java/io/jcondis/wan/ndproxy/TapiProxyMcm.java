package io.jcondis.wan.ndproxy;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.AddressFamily;
import io.jcondis.api.AfHandle;
import io.jcondis.api.CallParameters;
import io.jcondis.api.Ndis;
import io.jcondis.api.OidRequest;
import io.jcondis.api.Sap;
import io.jcondis.api.Status;
import io.jcondis.api.callmanager.CallManagerHandlers;
import io.jcondis.api.callmanager.CallManagerServices;
import io.jcondis.api.callmanager.McmServices;
import io.jcondis.api.client.ClientHandlers;
import io.jcondis.api.client.ClientServices;
import io.jcondis.api.miniport.MiniportHandlers;
import io.jcondis.api.miniport.MiniportServices;
import io.jcondis.api.wan.Tapi;
import io.jcondis.embedded.EmbeddedSwitch;
import io.jcondis.wan.struct.LineAddressCaps;
import io.jcondis.wan.struct.LineDevCaps;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded switch dressed as a CoNDIS TAPI WAN MCM, for NDPROXY tests (K1, K2, K3, K4): it registers
 * CO_ADDRESS_FAMILY_TAPI_PROXY instead of Q.2931, answers OID_CO_TAPI_CM_CAPS / LINE_CAPS / ADDRESS_CAPS itself
 * (LINE_CAPS pended and completed as deferred work, the MCM's right in K2), maps each CO_AF_TAPI_SAP {line} to
 * the switch's text SAP {@code host:tapi<line>}, and routes a make-call by the CO_AF_TAPI_MAKE_CALL_PARAMETERS
 * overlay only (the called address is rebuilt from it). Everything else is the switch's own behaviour.
 * Not thread-safe: INVOKER mode only, like {@link ProxyHarness}.
 */
final class TapiProxyMcm {
    /** The AF this MCM registers: CO_ADDRESS_FAMILY_TAPI_PROXY 1.0. */
    static final AddressFamily TAPI_PROXY = new AddressFamily(AddressFamily.TAPI_PROXY, 1, 0);

    private final int numLines;
    private final int flags;
    /** Every OID_CO_TAPI_* query answered, in order, as "HOST QUERY [LINE]" (the K2 sequences NDPROXY ran). */
    final List<String> answered = new ArrayList<>();
    /** Make-calls routed from the TAPI overlay. */
    int overlayCalls;
    private final Map<AfHandle, AdapterHandle> adapterOfAf = new HashMap<>();
    private McmServices services;
    private EmbeddedSwitch sw;

    /**
     * @param numLines CO_TAPI_CM_CAPS.ulNumLines
     * @param flags    CO_TAPI_CM_CAPS.ulFlags (CO_TAPI_FLAG_PER_LINE_CAPS: LINE_CAPS asked per line)
     */
    TapiProxyMcm(int numLines, int flags) {
        this.numLines = numLines;
        this.flags = flags;
    }

    /** @return the OID_CO_TAPI_* queries answered on {@code host}'s AF, in order ("QUERY [LINE]") */
    List<String> answeredOn(String host) {
        List<String> out = new ArrayList<>();
        for (String a : answered) {
            if (a.startsWith(host + " ")) {
                out.add(a.substring(host.length() + 1));
            }
        }
        return out;
    }

    /** Installs the switch on {@code runtime} with this MCM's behaviour around it. */
    EmbeddedSwitch install(Ndis runtime) {
        sw = EmbeddedSwitch.install(new Ndis() {
            @Override
            public ClientServices registerClient(String name, ClientHandlers handlers) {
                return runtime.registerClient(name, handlers);
            }

            @Override
            public CallManagerServices registerCallManager(String name, CallManagerHandlers handlers) {
                return runtime.registerCallManager(name, handlers);
            }

            @Override
            public MiniportServices registerMiniport(String name, MiniportHandlers handlers) {
                return runtime.registerMiniport(name, handlers);
            }

            @Override
            public McmServices registerMcm(String name, MiniportHandlers miniport, CallManagerHandlers cm) {
                CallManagerHandlers wrapped = wrap(CallManagerHandlers.class, cm, TapiProxyMcm.this::cm);
                services = runtime.registerMcm(name, miniport, wrapped);
                return wrap(McmServices.class, services, TapiProxyMcm.this::mcm);
            }
        }, "switch");
        return sw;
    }

    /** An interception: returns the answer, or {@link #PASS} to let the wrapped object answer. */
    private interface Hook {
        Object call(String method, Object[] args);
    }

    private static final Object PASS = new Object();

    private static <T> T wrap(Class<T> type, T target, Hook hook) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, m, args) -> {
                    Object own = hook.call(m.getName(), args);
                    return own != PASS ? own : invoke(m, target, args);
                }));
    }

    private static Object invoke(Method m, Object target, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The switch's services: the AF it registers becomes TAPI_PROXY (K1). */
    private Object mcm(String method, Object[] args) {
        if (method.equals("registerAddressFamily")) {
            return services.registerAddressFamily((AdapterHandle) args[0], TAPI_PROXY);
        }
        return PASS;
    }

    /** The switch's call-manager handlers: K2 answers, TAPI SAPs and the make-call overlay. */
    private Object cm(String method, Object[] args) {
        switch (method) {
            case "onOpenAf":
                adapterOfAf.put((AfHandle) args[0], (AdapterHandle) args[3]);
                return PASS;
            case "onOidRequest":
                return coTapi((AfHandle) args[0], (OidRequest) args[3]);
            case "onRegisterSap": {
                Sap sap = (Sap) args[2];
                if (sap.sapType() != Sap.AF_TAPI_SAP_TYPE) {
                    return Status.INVALID_DATA.withDescription("a TAPI_PROXY AF takes CO_AF_TAPI_SAP only");
                }
                args[2] = Sap.text(hostOf((AfHandle) args[0]) + ":tapi" + CoTapi.u32(sap.sap(), 0));
                return PASS;
            }
            case "onMakeCall": {
                CallParameters p = (CallParameters) args[1];
                String dest = CoTapi.destAddress(p.mediaSpecific());
                if (dest == null) {
                    return Status.INVALID_DATA.withDescription("K3: no CO_AF_TAPI_MAKE_CALL_PARAMETERS");
                }
                overlayCalls++;
                CallParameters routed = CallParameters.to(dest, p.transmit(), p.receive());
                args[1] = new CallParameters(p.flags(), p.transmit(), p.receive(), routed.callMgrSpecific(),
                        p.mediaFlags(), p.receiveSizeHint(), p.mediaSpecific());
                return PASS;
            }
            default:
                return PASS;
        }
    }

    private String hostOf(AfHandle af) {
        AdapterHandle a = adapterOfAf.get(af);
        for (String h : sw.hosts()) {
            if (sw.adapterOf(h).equals(a)) {
                return h;
            }
        }
        return "?";
    }

    private Object coTapi(AfHandle af, OidRequest r) {
        byte[] buf = r.buffer();
        switch (r.oid()) {
            case CoTapi.OID_CO_TAPI_CM_CAPS: {
                byte[] caps = new CoTapi.CmCaps(CoTapi.CO_TAPI_VERSION, numLines, flags).encode();
                System.arraycopy(caps, 0, buf, 0, caps.length);
                r.bytesWritten(caps.length);
                answered.add(hostOf(af) + " CM_CAPS");
                return Status.SUCCESS;
            }
            case CoTapi.OID_CO_TAPI_LINE_CAPS: {
                int line = CoTapi.u32(buf, 0);
                Status st = new LineDevCaps("tapi-proxy MCM", "switch", line, hostOf(af) + " line " + line,
                        Tapi.LINEADDRESSMODE_ADDRESSID, 1, Tapi.LINEBEARERMODE_DATA, 64_000,
                        Tapi.LINEMEDIAMODE_DIGITALDATA, 0, 1, Tapi.LINEANSWERMODE_NONE, 0)
                        .writeTo(buf, CoTapi.LINE_CAPS_HEADER_BYTES);
                answered.add(hostOf(af) + " LINE_CAPS " + line);
                // K2: the MCM may pend and finish with NdisMCmOidRequestComplete.
                services.post(() -> services.oidRequestComplete(af, null, null, r, st));
                return Status.PENDING;
            }
            case CoTapi.OID_CO_TAPI_ADDRESS_CAPS: {
                int line = CoTapi.u32(buf, 0);
                answered.add(hostOf(af) + " ADDRESS_CAPS " + line);
                return new LineAddressCaps(line, hostOf(af) + ":tapi" + line, Tapi.LINEADDRESSSHARING_PRIVATE, 0,
                        Tapi.LINECALLSTATE_IDLE | Tapi.LINECALLSTATE_CONNECTED, Tapi.LINEDISCONNECTMODE_NORMAL, 1,
                        Tapi.LINECALLFEATURE_DROP).writeTo(buf, CoTapi.ADDRESS_CAPS_HEADER_BYTES);
            }
            default:
                return PASS;
        }
    }
}
