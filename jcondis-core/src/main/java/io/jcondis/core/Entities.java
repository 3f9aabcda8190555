package io.jcondis.core;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.AddressFamily;
import io.jcondis.api.AfHandle;
import io.jcondis.api.BindingHandle;
import io.jcondis.api.CallParameters;
import io.jcondis.api.Packet;
import io.jcondis.api.PartyHandle;
import io.jcondis.api.Sap;
import io.jcondis.api.SapHandle;
import io.jcondis.api.VcHandle;
import io.jcondis.api.callmanager.CallManagerHandlers;
import io.jcondis.api.client.ClientHandlers;
import io.jcondis.api.miniport.MiniportHandlers;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A registered driver. All fields are owned by the conductor. */
final class Driver {
    enum Kind { CLIENT, CALL_MANAGER, MINIPORT, MCM }

    final String name;
    final Kind kind;
    final ClientHandlers client;
    final CallManagerHandlers cm;
    final MiniportHandlers miniport;
    final List<Binding> bindings = new ArrayList<>();
    final List<Adapter> adapters = new ArrayList<>();

    Driver(String name, Kind kind, ClientHandlers client, CallManagerHandlers cm, MiniportHandlers miniport) {
        this.name = name;
        this.kind = kind;
        this.client = client;
        this.cm = cm;
        this.miniport = miniport;
    }

    boolean isProtocol() {
        return kind == Kind.CLIENT || kind == Kind.CALL_MANAGER;
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + name;
    }
}

/** A miniport adapter (one device of a miniport or MCM driver). */
final class Adapter {
    final AdapterHandle handle;
    final Driver driver;
    final String name;
    AdapterState state = AdapterState.INITIALIZING;
    /** Registered AFs by type (R9: at most one call manager per type). */
    final Map<Integer, AfRegistration> afs = new LinkedHashMap<>();
    final List<Binding> bindings = new ArrayList<>();
    final Set<Vc> vcs = new LinkedHashSet<>();

    Adapter(AdapterHandle handle, Driver driver, String name) {
        this.handle = handle;
        this.driver = driver;
        this.name = name;
    }

    void moveTo(AdapterState next) {
        state = States.check(AdapterState.MOVES, state, next, handle);
    }

    boolean isMcm() {
        return driver.kind == Driver.Kind.MCM;
    }
}

/** A protocol's binding to one adapter. */
final class Binding {
    final BindingHandle handle;
    final Driver protocol;
    final Adapter adapter;

    Binding(BindingHandle handle, Driver protocol, Adapter adapter) {
        this.handle = handle;
        this.protocol = protocol;
        this.adapter = adapter;
    }
}

/** One AF registered on one adapter by one call manager (stand-alone through a binding, or an MCM). */
final class AfRegistration {
    final AddressFamily af;
    final Driver cm;
    final Adapter adapter;
    /** The call manager's binding; {@code null} for an MCM. */
    final Binding cmBinding;
    final List<AfOpen> opens = new ArrayList<>();

    AfRegistration(AddressFamily af, Driver cm, Adapter adapter, Binding cmBinding) {
        this.af = af;
        this.cm = cm;
        this.adapter = adapter;
        this.cmBinding = cmBinding;
    }
}

/** One client's open of a registered AF. */
final class AfOpen {
    final AfHandle handle;
    final Driver client;
    final Binding binding;
    final AfRegistration reg;
    AfState state = AfState.OPENING;
    /** Set by the runtime when the CM's open/close request is pending; cleared by the completion. */
    boolean openPending;
    boolean closePending;
    /** Notify-close: issued by the CM, pended by the client, and whether the CM saw PENDING. */
    boolean notifyPendingInClient;
    boolean notifyReturnedPending;
    final Set<SapEntry> saps = new LinkedHashSet<>();
    final Set<Vc> vcs = new LinkedHashSet<>();

    AfOpen(AfHandle handle, Driver client, Binding binding, AfRegistration reg) {
        this.handle = handle;
        this.client = client;
        this.binding = binding;
        this.reg = reg;
    }

    void moveTo(AfState next) {
        state = States.check(AfState.MOVES, state, next, handle);
    }

    /** True while the client may use the handle for new work. */
    boolean usable() {
        return state == AfState.OPEN || state == AfState.CLOSE_NOTIFIED;
    }
}

/** A SAP registration. */
final class SapEntry {
    final SapHandle handle;
    final AfOpen af;
    final Sap sap;
    SapState state = SapState.REGISTERING;
    boolean registerPending;
    boolean deregisterPending;

    SapEntry(SapHandle handle, AfOpen af, Sap sap) {
        this.handle = handle;
        this.af = af;
        this.sap = sap;
    }

    void moveTo(SapState next) {
        state = States.check(SapState.MOVES, state, next, handle);
    }
}

/** A VC and the call it carries. Control fields are owned by the conductor; counters by the data path. */
final class Vc {
    final VcHandle handle;
    final AfOpen af;
    final Adapter adapter;
    final boolean createdByClient;
    VcState state = VcState.INACTIVE;
    CallState call = CallState.IDLE;
    /** Parameters in force while ACTIVE (set by the runtime on activation). */
    CallParameters activeParams;
    /** Old parameters kept during a re-activation (R27). */
    CallParameters previousParams;
    /** Parameters of the activation the miniport has pended (set by activateVc, used by its completion). */
    CallParameters requestedParams;
    CallParameters callParams;
    /** The parameters a pending client QoS change (E7) asked for, in force if it succeeds without others. */
    CallParameters requestedQos;
    boolean multipoint;
    final List<Party> parties = new ArrayList<>();
    /** Pending requests, set by the runtime when a handler returned PENDING, cleared by the completion. */
    boolean makeCallPending;
    boolean closeCallPending;
    boolean modifyQosPending;
    boolean incomingCallPendingInClient;
    boolean activatePending;
    boolean deactivatePending;
    /** Deactivation waits for in-flight sends and lent receives (R29). */
    boolean deactivateWaitingForDrain;
    /** R20: after the close of a CM-created VC completes, the client may no longer use the handle. */
    boolean detachedFromClient;
    String instanceName;
    /** Sends submitted and not yet completed (R21, R29, R31). */
    final Map<Packet, Boolean> sendsInFlight = new IdentityHashMap<>();
    /** Received packets the protocol kept and has not returned (R29). */
    final Map<Packet, Boolean> receivesLent = new IdentityHashMap<>();
    long packetsSent;
    long packetsReceived;
    long bytesSent;
    long bytesReceived;

    Vc(VcHandle handle, AfOpen af, Adapter adapter, boolean createdByClient) {
        this.handle = handle;
        this.af = af;
        this.adapter = adapter;
        this.createdByClient = createdByClient;
    }

    void moveTo(VcState next) {
        state = States.check(VcState.MOVES, state, next, handle);
    }

    void callTo(CallState next) {
        call = States.check(CallState.MOVES, call, next, handle);
    }

    /**
     * Parties the client still holds (R22, R23): CONNECTED, or REMOTE_DROPPING (it must still drop those). A party
     * it is dropping (DROPPING) is not one of them: the client treats its handle as invalid from the moment it calls
     * dropParty (E4), so a close-call with the last party may follow before the drop completes.
     */
    int connectedParties() {
        int n = 0;
        for (Party p : parties) {
            if (p.isHeldByClient()) {
                n++;
            }
        }
        return n;
    }

    int liveParties() {
        int n = 0;
        for (Party p : parties) {
            if (p.state != PartyState.GONE && p.state != PartyState.ADDING) {
                n++;
            }
        }
        return n;
    }
}

/** One party of a multipoint call. */
final class Party {
    final PartyHandle handle;
    final Vc vc;
    PartyState state = PartyState.ADDING;
    boolean addPending;
    boolean dropPending;

    Party(PartyHandle handle, Vc vc) {
        this.handle = handle;
        this.vc = vc;
    }

    void moveTo(PartyState next) {
        state = States.check(PartyState.MOVES, state, next, handle);
    }

    /** @return whether the client may still name this party (connected, or told of a remote drop) */
    boolean isHeldByClient() {
        return state == PartyState.CONNECTED || state == PartyState.REMOTE_DROPPING;
    }
}
