package io.jcondis.wan.ndproxy;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.AddressFamily;
import io.jcondis.api.AfHandle;
import io.jcondis.api.BindingHandle;
import io.jcondis.api.CallParameters;
import io.jcondis.api.FlowSpec;
import io.jcondis.api.OidRequest;
import io.jcondis.api.SapHandle;
import io.jcondis.api.VcHandle;
import io.jcondis.api.wan.Tapi;
import io.jcondis.wan.struct.LineAddressCaps;
import io.jcondis.wan.TapiRequestDecoder;
import io.jcondis.wan.struct.LineDevCaps;

import java.util.ArrayList;
import java.util.List;

/**
 * What NDPROXY keeps per AF open, TAPI line and call. Touched only on the control plane (handlers and posted
 * work of {@link NdProxy}); every field is written by NdProxy alone.
 */
final class ProxyModel {
    private ProxyModel() {
    }

    /** The life of one AF open, from the register-notify to the close (K1, K5). */
    enum AfPhase { OPENING, PROBING, RUNNING, CLOSING, CLOSED }

    /** A line's SAP (K4: one per listening line). */
    enum SapPhase { NONE, REGISTERING, REGISTERED, DEREGISTERING }

    /** One AF open on one binding: a WAN adapter with one TAPI line per CM line. */
    static final class Af {
        final BindingHandle binding;
        final String adapterName;
        final AddressFamily family;
        AfHandle af;
        AfPhase phase = AfPhase.OPENING;
        /** K2 answers (null / default when the CM did not answer). */
        CoTapi.CmCaps cmCaps;
        boolean cmCapsAnswered;
        int lineCapsAnswered;
        int addressCapsAnswered;
        final List<LineDevCaps> lineCaps = new ArrayList<>();
        final List<LineAddressCaps> addressCaps = new ArrayList<>();
        /** The K2 query in flight, and what to do with its answer. */
        OidRequest probe;
        java.util.function.BiConsumer<io.jcondis.api.Status, OidRequest> probeThen;
        AdapterHandle wanAdapter;
        boolean session;
        int base;
        final List<Line> lines = new ArrayList<>();
        /** TAPI requests answered PENDING, completed in order. */
        final List<Waiter> pending = new ArrayList<>();
        /** K5: the session is ending; the R6 teardown advances with every completion. */
        boolean teardown;
        boolean notifyPending;

        Af(BindingHandle binding, String adapterName, AddressFamily family) {
            this.binding = binding;
            this.adapterName = adapterName;
            this.family = family;
        }

        boolean tapiProxy() {
            return family.type() == AddressFamily.TAPI_PROXY;
        }
    }

    /** One TAPI line device. */
    static final class Line implements TapiRequestDecoder.LineSlot {
        final Af af;
        final int index;
        boolean open;
        long hdLine;
        long htLine;
        int detection;
        int lineStates;
        SapHandle sap;
        SapPhase sapPhase = SapPhase.NONE;
        final List<Call> calls = new ArrayList<>();

        Line(Af af, int index) {
            this.af = af;
            this.index = index;
        }

        @Override
        public boolean isOpenAs(long hd) {
            return open && hdLine == hd;
        }

        /** @return true while a call on the line is not yet ended for TAPI (one call per line) */
        boolean busy() {
            for (Call c : calls) {
                if (!c.deallocated && c.state != ProxyCallState.CLOSED) {
                    return true;
                }
            }
            return false;
        }
    }

    /** One TAPI call and the VC that carries it. */
    static final class Call {
        final Line line;
        final long hdCall;
        final boolean outbound;
        final VcHandle vc;
        /** True when NDPROXY created the VC (outgoing): it deletes it after the close (R20). */
        final boolean vcIsMine;
        ProxyCallState state;
        long htCall;
        String remote = "";
        /** The flow asked for at MAKE_CALL (LINE_CALL_PARAMS ulMaxRate), kept for a dial-later address. */
        FlowSpec flow = FlowSpec.BEST_EFFORT;
        CallParameters params;
        /** Made without an address (J5 dial-later): DIALTONE until OID_TAPI_DIAL; written by NDPROXY only. */
        boolean awaitingDigits;
        /** LINECALLSTATE_* last reported to NDISTAPI, and its mode. */
        int tapiState;
        int tapiMode;
        /** OID_TAPI_CLOSE_CALL seen, or the session ended: NDISTAPI no longer knows the call. */
        boolean deallocated;
        /** A drop or close is asked for while the make-call or answer is still under way (R37). */
        boolean closeWanted;
        long linkHandle;
        long linkContext;
        int sendsOut;
        int appSpecific;
        int mediaMode = Tapi.LINEMEDIAMODE_DIGITALDATA;
        int bearerMode = Tapi.LINEBEARERMODE_DATA;
        int maxRateBps;

        Call(Line line, long hdCall, boolean outbound, VcHandle vc, boolean vcIsMine, ProxyCallState state) {
            this.line = line;
            this.hdCall = hdCall;
            this.outbound = outbound;
            this.vc = vc;
            this.vcIsMine = vcIsMine;
            this.state = state;
        }

        /** G3: the one place the CoNDIS-side state changes. */
        void moveTo(ProxyCallState next) {
            if (!state.canMoveTo(next)) {
                throw new IllegalStateException("NDPROXY call " + hdCall + ": " + state + " -> " + next);
            }
            state = next;
        }
    }

    /** A TAPI request NDPROXY answered PENDING; {@code before} runs just before its completion. */
    record Waiter(OidRequest request, Call call, Line line, Runnable before) {
    }
}
