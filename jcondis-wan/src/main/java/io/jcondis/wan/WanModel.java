package io.jcondis.wan;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.OidRequest;
import io.jcondis.api.Packet;
import io.jcondis.api.Status;
import io.jcondis.api.wan.WanMiniportHandlers;
import io.jcondis.wan.tapi.CallHandle;
import io.jcondis.wan.tapi.CallStats;
import io.jcondis.wan.tapi.LineHandle;
import io.jcondis.wan.tapi.LineState;
import io.jcondis.wan.tapi.TapiCallState;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The objects the WAN stack tracks, all mutated only under the control-plane lock. Each lifecycle has one enum
 * with its transition table and one {@code moveTo} (G3).
 */
final class WanModel {
    private WanModel() {
    }

    /** A registered WAN miniport driver. */
    static final class Driver {
        final String name;
        final WanMiniportHandlers handlers;

        Driver(String name, WanMiniportHandlers handlers) {
            this.name = name;
            this.handlers = handlers;
        }
    }

    /**
     * Adapter lifecycle.
     * <pre>
     *   STARTING --(onInitialize ok)--&gt; RUNNING --(haltAdapter)--&gt; HALTING --(onHalt returned)--&gt; HALTED
     *      +--(onInitialize failed)--&gt; HALTED
     * </pre>
     */
    enum AdapterState {
        STARTING, RUNNING, HALTING, HALTED;

        private static final Map<AdapterState, EnumSet<AdapterState>> MOVES = new EnumMap<>(AdapterState.class);

        static {
            MOVES.put(STARTING, EnumSet.of(RUNNING, HALTED));
            MOVES.put(RUNNING, EnumSet.of(HALTING));
            MOVES.put(HALTING, EnumSet.of(HALTED));
            MOVES.put(HALTED, EnumSet.noneOf(AdapterState.class));
        }
    }

    /**
     * Provider session (contract 3.6, first and last rows).
     * <pre>
     *   NONE --(PROVIDER_INITIALIZE sent)--&gt; INITIALIZING --(SUCCESS)--&gt; ACTIVE
     *   ACTIVE --(shutdown / REINIT)--&gt; SHUTTING_DOWN --(PROVIDER_SHUTDOWN done)--&gt; NONE
     *   INITIALIZING --(failed)--&gt; NONE;   any --(halt)--&gt; NONE
     * </pre>
     */
    enum SessionState {
        NONE, INITIALIZING, ACTIVE, SHUTTING_DOWN;

        private static final Map<SessionState, EnumSet<SessionState>> MOVES = new EnumMap<>(SessionState.class);

        static {
            MOVES.put(NONE, EnumSet.of(INITIALIZING, NONE));
            MOVES.put(INITIALIZING, EnumSet.of(ACTIVE, NONE));
            MOVES.put(ACTIVE, EnumSet.of(SHUTTING_DOWN, NONE));
            MOVES.put(SHUTTING_DOWN, EnumSet.of(NONE));
        }
    }

    /**
     * The lifecycle of a call's handles (separate from its TAPI state, which the miniport reports).
     * <pre>
     *   MAKING --(make-call ok)--&gt; ACTIVE --(close-call sent)--&gt; CLOSING --(done)--&gt; DEALLOCATED
     *      +--(make-call failed)--&gt; DEALLOCATED
     *   ACTIVE/MAKING --(adapter halted)--&gt; REMOVED --(close)--&gt; DEALLOCATED
     * </pre>
     */
    enum CallLife {
        MAKING, ACTIVE, CLOSING, REMOVED, DEALLOCATED;

        private static final Map<CallLife, EnumSet<CallLife>> MOVES = new EnumMap<>(CallLife.class);

        static {
            MOVES.put(MAKING, EnumSet.of(ACTIVE, DEALLOCATED, REMOVED, CLOSING));
            MOVES.put(ACTIVE, EnumSet.of(CLOSING, REMOVED, DEALLOCATED));
            MOVES.put(CLOSING, EnumSet.of(DEALLOCATED));
            MOVES.put(REMOVED, EnumSet.of(DEALLOCATED));
            MOVES.put(DEALLOCATED, EnumSet.noneOf(CallLife.class));
        }
    }

    static <E extends Enum<E>> void check(Map<E, EnumSet<E>> moves, E from, E to, Object what) {
        if (!moves.get(from).contains(to)) {
            throw new IllegalStateException(what + ": illegal move " + from + " -> " + to);
        }
    }

    /** One adapter (NIC instance) of a WAN miniport, with its TAPI provider session. */
    static final class Adapter {
        final AdapterHandle handle;
        final Driver driver;
        final String name;
        AdapterState state = AdapterState.STARTING;
        /** NDIS_WAN_INFO.MaxTransmit: the send window of a link whose line-up said 0 (set by NDISWAN). */
        int maxTransmit = 1;
        SessionState session = SessionState.NONE;
        int deviceIdBase;
        int numLines;
        long providerId;
        boolean reinitScheduled;
        /** Lines of this adapter in every state but CLOSED (owned by NDISTAPI). */
        final List<Line> lines = new ArrayList<>();

        Adapter(AdapterHandle handle, Driver driver, String name) {
            this.handle = handle;
            this.driver = driver;
            this.name = name;
        }

        void moveTo(AdapterState next) {
            check(AdapterState.MOVES, state, next, handle);
            state = next;
        }

        void sessionTo(SessionState next) {
            check(SessionState.MOVES, session, next, handle + " session");
            session = next;
        }

        boolean running() {
            return state == AdapterState.RUNNING;
        }

        @Override
        public String toString() {
            return handle + "(" + name + ")";
        }
    }

    /** An open (or opening, closing, removed) TAPI line. */
    static final class Line {
        final LineHandle handle;
        final Adapter adapter;
        final int deviceId;
        /** The miniport's handle, from OID_TAPI_OPEN (0 until then). */
        long hdLine;
        LineState state = LineState.OPENING;
        /** LINEMEDIAMODE_* enabled by a successful OID_TAPI_SET_DEFAULT_MEDIA_DETECTION (R39). */
        int detectionModes;
        boolean outOfServiceReported;
        final Map<Long, Call> calls = new LinkedHashMap<>();

        Line(LineHandle handle, Adapter adapter, int deviceId) {
            this.handle = handle;
            this.adapter = adapter;
            this.deviceId = deviceId;
        }

        void moveTo(LineState next) {
            if (!state.canMoveTo(next)) {
                throw new IllegalStateException(handle + ": illegal move " + state + " -> " + next);
            }
            state = next;
        }

        @Override
        public String toString() {
            return handle + "(dev " + deviceId + ", hdLine " + hdLine + ", " + state + ")";
        }
    }

    /** A TAPI call: handles, TAPI state, NDISWAN link and counters. */
    static final class Call {
        final CallHandle handle;
        final Line line;
        final boolean incoming;
        /** The miniport's handle (from MAKE_CALL's answer, or LINE_NEWCALL); 0 while making. */
        long hdCall;
        CallLife life;
        /** Written only by {@link #transition} (G3). */
        TapiCallState state = TapiCallState.NEW;
        /** The mode of the last state (LINEDISCONNECTMODE_* for DISCONNECTED); written only by transition. */
        int stateMode;
        /** Set by lineDeallocateCall while the make-call is pending: the handle is dead for the application. */
        boolean closeRequested;
        final List<Consumer<Status>> closeWaiters = new ArrayList<>();
        /**
         * Set by NDISTAPI when the miniport indicated LINECALLSTATE_DISCONNECTED (a remote hang-up, R42); never
         * cleared. A link still up when the DROP or CLOSE_CALL that follows completes is then a violation R42.
         */
        boolean disconnectIndicated;
        Link link;
        long framesSent;
        long bytesSent;
        long framesReceived;
        long bytesReceived;
        long sendErrors;
        long linkSpeedBps;

        Call(CallHandle handle, Line line, boolean incoming, CallLife life) {
            this.handle = handle;
            this.line = line;
            this.incoming = incoming;
            this.life = life;
        }

        /**
         * The one transition function of the call state machine (contract 3.7, G3): moves to {@code next} with
         * its mode when {@link TapiCallState#canMoveTo} allows it. Callers that got the state from a miniport
         * check first and report a violation; NDISTAPI's own moves (drop answered, halt, reset) simply do
         * nothing when the call is already past them.
         *
         * @return true when the state changed (a repeated state with a new mode counts as a change)
         */
        boolean transition(TapiCallState next, int mode) {
            if (!state.canMoveTo(next)) {
                return false;
            }
            state = next;
            stateMode = mode;
            return true;
        }

        void lifeTo(CallLife next) {
            check(CallLife.MOVES, life, next, handle);
            life = next;
        }

        CallStats stats() {
            return new CallStats(framesSent, bytesSent, framesReceived, bytesReceived, sendErrors, linkSpeedBps,
                    link != null);
        }

        @Override
        public String toString() {
            return handle + "(hdCall " + hdCall + ", " + life + ", " + state + ")";
        }
    }

    /** An NDISWAN link: a connected call's data path. */
    static final class Link {
        final long context;
        final Adapter adapter;
        final Call call;
        final long ndisLinkHandle;
        final long speedBps;
        final int sendWindow;
        boolean up = true;
        int inFlight;
        final ArrayDeque<Packet> queue = new ArrayDeque<>();

        Link(long context, Adapter adapter, Call call, long ndisLinkHandle, long speedBps, int sendWindow) {
            this.context = context;
            this.adapter = adapter;
            this.call = call;
            this.ndisLinkHandle = ndisLinkHandle;
            this.speedBps = speedBps;
            this.sendWindow = sendWindow;
        }
    }

    /** An OID request handed to a miniport and not yet answered. */
    static final class PendingOid {
        final OidRequest request;
        final Adapter adapter;
        final Line line;
        final Call call;
        final Consumer<Status> onDone;

        PendingOid(OidRequest request, Adapter adapter, Line line, Call call, Consumer<Status> onDone) {
            this.request = request;
            this.adapter = adapter;
            this.line = line;
            this.call = call;
            this.onDone = onDone;
        }
    }
}
