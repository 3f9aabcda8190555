package io.jcondis.tck;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.AddressFamily;
import io.jcondis.api.AfHandle;
import io.jcondis.api.BindingHandle;
import io.jcondis.api.CallParameters;
import io.jcondis.api.FlowSpec;
import io.jcondis.api.PartyHandle;
import io.jcondis.api.Result;
import io.jcondis.api.Sap;
import io.jcondis.api.SapHandle;
import io.jcondis.api.Status;
import io.jcondis.api.VcHandle;
import io.jcondis.api.callmanager.CallManagerServices;
import io.jcondis.api.callmanager.McmServices;
import io.jcondis.api.client.ClientServices;
import io.jcondis.api.miniport.MiniportServices;
import io.jcondis.core.ErrorHandler;
import io.jcondis.core.Jcondis;
import io.jcondis.core.JcondisContext;
import io.jcondis.core.RuntimeSnapshot;
import io.jcondis.core.ThreadingMode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deterministic jcondis runtime (INVOKER mode, manual clock) with scriptable drivers around it, for rule
 * and operation tests:
 * <ul>
 *   <li>{@link #mcm(List, String...)}: one scriptable MCM (call-manager half {@link #cm()}, miniport half
 *       {@link #miniport()}) registering {@link #AF} on each adapter from onInitialize, plus N
 *       {@link RecordingClient}s bound to every adapter;</li>
 *   <li>{@link #standalone(String...)}: a stand-alone {@link ScriptableCallManager} registering {@link #AF}
 *       from onBindAdapter, a {@link ScriptableMiniport} with one adapter, and N clients.</li>
 * </ul>
 * The error handler records every contract violation and handler exception into lists (and into the shared
 * {@link EventRecorder} as {@code ndis: violation(driver, rule)} / {@code ndis: handlerError(driver, handler)}
 * so that sequences show where they happened). Helpers drive a client to an open AF, a registered SAP or a
 * connected call, performing the call manager's completions themselves, then clear the recorder.
 *
 * <p>Not thread-safe: one test thread drives everything; no sleeps, no timing.
 */
public final class CondisTestHarness {
    /** The address family the scriptable call managers register: CO_ADDRESS_FAMILY_Q2931 v1.0. */
    public static final AddressFamily AF = new AddressFamily(AddressFamily.Q2931, 1, 0);

    /** A contract violation reported by the runtime. */
    public record Violation(String driver, String rule, String message) {
    }

    /** A handler exception reported by the runtime. */
    public record HandlerError(String driver, String handler, Throwable error) {
    }

    /** A connected point-to-multipoint call and its first party. */
    public record Multipoint(VcHandle vc, PartyHandle party) {
    }

    private final EventRecorder events = new EventRecorder();
    private final List<Violation> violations = new ArrayList<>();
    private final List<HandlerError> handlerErrors = new ArrayList<>();
    private final Jcondis ndis;
    private final boolean isMcm;
    private final ScriptableCallManager cm;
    private final ScriptableMiniport miniport;
    private final CallManagerServices cmServices;
    private final MiniportServices miniportServices;
    private final Map<String, RecordingClient> clients = new LinkedHashMap<>();
    private final Map<String, AdapterHandle> adapters = new LinkedHashMap<>();

    private CondisTestHarness(boolean mcm, List<String> adapterNames, List<String> clientNames) {
        this.isMcm = mcm;
        ErrorHandler eh = new ErrorHandler() {
            @Override
            public void onHandlerException(String driver, String handler, Throwable error) {
                handlerErrors.add(new HandlerError(driver, handler, error));
                events.record("ndis", "handlerError", driver, handler);
            }

            @Override
            public void onContractViolation(String driver, String rule, String message) {
                violations.add(new Violation(driver, rule, message));
                events.record("ndis", "violation", driver, rule);
            }
        };
        ndis = Jcondis.launch(new JcondisContext().threadingMode(ThreadingMode.INVOKER).errorHandler(eh));
        if (mcm) {
            cm = new ScriptableCallManager("sw", events);
            miniport = new ScriptableMiniport("sw", events).registerAfOnInitialize(AF);
            McmServices s = ndis.registerMcm("sw", miniport, cm);
            cm.attach(s);
            miniport.attach(s);
            cmServices = s;
            miniportServices = s;
        } else {
            cm = new ScriptableCallManager("cm", events).registerAfOnBind(AF);
            cmServices = ndis.registerCallManager("cm", cm);
            cm.attach(cmServices);
            miniport = new ScriptableMiniport("nic", events);
            miniportServices = ndis.registerMiniport("nic", miniport);
            miniport.attach(miniportServices);
        }
        for (String c : clientNames) {
            addClient(c);
        }
        for (String a : adapterNames) {
            startAdapter(a);
        }
        ndis.runUntilIdle();
        events.clear();
    }

    /** @return an MCM with one adapter {@code hosta} and the named clients */
    public static CondisTestHarness mcm(String... clientNames) {
        return mcm(List.of("hosta"), clientNames);
    }

    /** @return an MCM with the named adapters and clients */
    public static CondisTestHarness mcm(List<String> adapterNames, String... clientNames) {
        return new CondisTestHarness(true, adapterNames, Arrays.asList(clientNames));
    }

    /** @return a stand-alone call manager {@code cm} and miniport {@code nic} with adapter {@code nic0} */
    public static CondisTestHarness standalone(String... clientNames) {
        return new CondisTestHarness(false, List.of("nic0"), Arrays.asList(clientNames));
    }

    /** Registers one more recording client (bound at once to every running adapter). */
    public RecordingClient addClient(String name) {
        RecordingClient c = new RecordingClient(name, events);
        clients.put(name, c);
        c.attach(ndis.registerClient(name, c));
        return c;
    }

    /** Starts an adapter of the MCM / miniport. */
    public AdapterHandle startAdapter(String name) {
        Result<AdapterHandle> r = miniportServices.startAdapter(name);
        assertThat(r.status()).as("startAdapter(%s)", name).isEqualTo(Status.SUCCESS);
        adapters.put(name, r.value());
        return r.value();
    }

    // ----------------------------------------------------------------------------------- accessors

    /** @return the runtime */
    public Jcondis ndis() {
        return ndis;
    }

    /** @return the shared recorder */
    public EventRecorder events() {
        return events;
    }

    /** @return true for the MCM set-up */
    public boolean isMcm() {
        return isMcm;
    }

    /** @return the call manager (MCM call-manager half, or the stand-alone call manager) */
    public ScriptableCallManager cm() {
        return cm;
    }

    /** @return the call manager's services */
    public CallManagerServices cmServices() {
        return cmServices;
    }

    /** @return the MCM's services; fails for the stand-alone set-up */
    public McmServices mcmServices() {
        if (!isMcm) {
            throw new IllegalStateException("not an MCM harness");
        }
        return (McmServices) cmServices;
    }

    /** @return the miniport (the MCM's miniport half, or the stand-alone miniport) */
    public ScriptableMiniport miniport() {
        return miniport;
    }

    /** @return the miniport's services */
    public MiniportServices miniportServices() {
        return miniportServices;
    }

    /** @return the recording client {@code name} */
    public RecordingClient client(String name) {
        RecordingClient c = clients.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no client " + name);
        }
        return c;
    }

    /** @return the services of client {@code name} */
    public ClientServices svc(String name) {
        return client(name).services();
    }

    /** @return the adapter {@code name} */
    public AdapterHandle adapter(String name) {
        return adapters.get(name);
    }

    /** @return the first adapter */
    public AdapterHandle adapter() {
        return adapters.values().iterator().next();
    }

    /** @return the name of the first adapter */
    public String adapterName() {
        return adapters.keySet().iterator().next();
    }

    /** @return the binding of client {@code name} to the first adapter */
    public BindingHandle binding(String name) {
        return client(name).binding(adapterName());
    }

    /** @return point-to-point call parameters to {@code hostb:svc}, best effort */
    public static CallParameters params() {
        return CallParameters.to("hostb:svc", FlowSpec.BEST_EFFORT, FlowSpec.BEST_EFFORT);
    }

    /** @return call parameters with a guaranteed flowspec of {@code peakBps} in both directions */
    public static CallParameters params(long peakBps) {
        FlowSpec f = FlowSpec.guaranteed(peakBps, peakBps, 1500);
        return CallParameters.to("hostb:svc", f, f);
    }

    // ----------------------------------------------------------------------------------- error reports

    /** @return violations reported so far (not yet taken) */
    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    /** @return handler exceptions reported so far (not yet taken) */
    public List<HandlerError> handlerErrors() {
        return List.copyOf(handlerErrors);
    }

    /** Asserts exactly one violation was reported since the last check, naming {@code rule}; forgets it. */
    public Violation assertViolation(String rule) {
        assertThat(violations).as("violations").hasSize(1);
        Violation v = violations.remove(0);
        assertThat(v.rule()).as("rule of %s", v).isEqualTo(rule);
        return v;
    }

    /** Asserts exactly one handler exception was reported since the last check; forgets it. */
    public HandlerError assertHandlerError(String driver, String handler) {
        assertThat(handlerErrors).as("handler errors").hasSize(1);
        HandlerError e = handlerErrors.remove(0);
        assertThat(e.driver()).isEqualTo(driver);
        assertThat(e.handler()).isEqualTo(handler);
        return e;
    }

    /** Asserts no violation and no handler exception is outstanding. */
    public void assertClean() {
        assertThat(violations).as("violations").isEmpty();
        assertThat(handlerErrors).as("handler errors").isEmpty();
    }

    // ----------------------------------------------------------------------------------- state checks

    /** @return the runtime's object counts after running due work */
    public RuntimeSnapshot snapshot() {
        ndis.runUntilIdle();
        return ndis.snapshot();
    }

    /** Runs due work and asserts no AF, SAP, VC, party, pending request, packet or task is left. */
    public void assertQuiescent() {
        RuntimeSnapshot s = snapshot();
        assertThat(s.isQuiescent()).as("quiescent: %s", s).isTrue();
        assertThat(s.tasks()).as("tasks: %s", s).isZero();
    }

    /** Asserts no request is pending anywhere (exactly-once bookkeeping). */
    public void assertNothingPending() {
        RuntimeSnapshot s = snapshot();
        assertThat(s.pendingRequests()).as("pending requests: %s", s).isZero();
    }

    /** @return the runtime's description of {@code vc} ({@code vc#N STATE call=CALL ...}), or null */
    public String describe(VcHandle vc) {
        return ndis.describeVc(vc.id());
    }

    // ----------------------------------------------------------------------------------- drivers

    /** Opens {@link #AF} for client {@code name} on the first adapter (the call manager answers SUCCESS). */
    public AfHandle openAf(String name) {
        return openAf(name, adapterName());
    }

    /** Opens {@link #AF} for client {@code name} on adapter {@code adapterName}. */
    public AfHandle openAf(String name, String adapterName) {
        Result<AfHandle> r = svc(name).openAddressFamily(client(name).binding(adapterName), AF);
        assertThat(r.status()).as("openAddressFamily").isEqualTo(Status.SUCCESS);
        settle();
        return r.value();
    }

    /** Registers a text SAP for client {@code name} on {@code af} (the call manager answers SUCCESS). */
    public SapHandle registerSap(String name, AfHandle af, String sapText) {
        Result<SapHandle> r = svc(name).registerSap(af, Sap.text(sapText));
        assertThat(r.status()).as("registerSap").isEqualTo(Status.SUCCESS);
        settle();
        return r.value();
    }

    /** Creates a client VC on {@code af}. */
    public VcHandle createVc(String name, AfHandle af) {
        Result<VcHandle> r = svc(name).createVc(af);
        assertThat(r.status()).as("createVc").isEqualTo(Status.SUCCESS);
        settle();
        return r.value();
    }

    /**
     * Connects an outgoing point-to-point call of client {@code name}: create VC, make-call (pended by the
     * call manager), activate, complete.
     */
    public VcHandle connectOutgoing(String name, AfHandle af) {
        VcHandle vc = createVc(name, af);
        cm.answerOnce("onMakeCall", Status.PENDING);
        Result<PartyHandle> r = svc(name).makeCall(vc, params(), false);
        assertThat(r.status()).as("makeCall").isEqualTo(Status.PENDING);
        activate(vc, params());
        cmServices.makeCallComplete(Status.SUCCESS, vc, null, null);
        settle();
        return vc;
    }

    /** Connects an outgoing point-to-multipoint call of client {@code name}; returns the VC and first party. */
    public Multipoint connectMultipoint(String name, AfHandle af) {
        VcHandle vc = createVc(name, af);
        cm.answerOnce("onMakeCall", Status.PENDING);
        Result<PartyHandle> r = svc(name).makeCall(vc, params(), true);
        assertThat(r.status()).as("makeCall").isEqualTo(Status.PENDING);
        assertThat(r.value()).as("first party").isNotNull();
        activate(vc, params());
        cmServices.makeCallComplete(Status.SUCCESS, vc, r.value(), null);
        settle();
        return new Multipoint(vc, r.value());
    }

    /** Adds a party (the call manager answers SUCCESS). */
    public PartyHandle addParty(String name, VcHandle vc) {
        Result<PartyHandle> r = svc(name).addParty(vc, params());
        assertThat(r.status()).as("addParty").isEqualTo(Status.SUCCESS);
        settle();
        return r.value();
    }

    /**
     * Offers an incoming call to client {@code name} on {@code sap}: the call manager creates a VC on
     * {@code af}, activates it, dispatches the call (the client answers with its scripted answer, SUCCESS by
     * default) and, when accepted synchronously, dispatches call-connected.
     */
    public VcHandle connectIncoming(AfHandle af, SapHandle sap) {
        Result<VcHandle> r = cmServices.createVc(af);
        assertThat(r.status()).as("cm createVc").isEqualTo(Status.SUCCESS);
        VcHandle vc = r.value();
        activate(vc, params());
        Status st = cmServices.dispatchIncomingCall(sap, vc, params());
        if (st.isSuccess()) {
            cmServices.dispatchCallConnected(vc);
        }
        settle();
        return vc;
    }

    /** Activates {@code vc} from the call manager; asserts the activation finished synchronously. */
    public void activate(VcHandle vc, CallParameters p) {
        assertThat(cmServices.activateVc(vc, p)).as("activateVc").isEqualTo(Status.SUCCESS);
    }

    /**
     * Closes a call client {@code name} holds: close-call (pended by the call manager), deactivate, complete;
     * a client-created VC is then deleted by the client, a call-manager-created one by the call manager.
     */
    public void closeCall(String name, VcHandle vc, PartyHandle lastParty, boolean clientCreated) {
        cm.answerOnce("onCloseCall", Status.PENDING);
        assertThat(svc(name).closeCall(vc, lastParty, null)).as("closeCall").isEqualTo(Status.PENDING);
        assertThat(cmServices.deactivateVc(vc)).as("deactivateVc").isEqualTo(Status.SUCCESS);
        cmServices.closeCallComplete(Status.SUCCESS, vc, lastParty);
        Status del = clientCreated ? svc(name).deleteVc(vc) : cmServices.deleteVc(vc);
        assertThat(del).as("deleteVc").isEqualTo(Status.SUCCESS);
        settle();
    }

    /** Deregisters a SAP (the call manager answers SUCCESS). */
    public void deregisterSap(String name, SapHandle sap) {
        assertThat(svc(name).deregisterSap(sap)).as("deregisterSap").isEqualTo(Status.SUCCESS);
        settle();
    }

    /** Closes an AF (the call manager answers SUCCESS). */
    public void closeAf(String name, AfHandle af) {
        assertThat(svc(name).closeAddressFamily(af)).as("closeAddressFamily").isEqualTo(Status.SUCCESS);
        settle();
    }

    /** Runs due work and forgets the recorded events; asserts nothing went wrong on the way. */
    public void settle() {
        ndis.runUntilIdle();
        assertClean();
        events.clear();
    }
}
