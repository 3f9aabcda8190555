package io.jcondis.tck.script;

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
import io.jcondis.core.ErrorHandler;
import io.jcondis.core.Jcondis;
import io.jcondis.core.JcondisContext;
import io.jcondis.core.RuntimeSnapshot;
import io.jcondis.core.ThreadingMode;
import io.jcondis.wan.WanSnapshot;
import io.jcondis.wan.WanStack;
import io.jcondis.wan.pstn.PstnNetwork;
import io.jcondis.wan.pstn.Subscriber;
import io.jcondis.wan.struct.StructLayout;
import io.jcondis.wan.struct.TapiMessage;
import io.jcondis.wan.struct.VarString;
import io.jcondis.wan.tapi.CallHandle;
import io.jcondis.wan.tapi.CallStats;
import io.jcondis.wan.tapi.LineEvent;
import io.jcondis.wan.tapi.LineHandle;
import io.jcondis.wan.tapi.TapiCallState;
import io.jcondis.wan.tapi.TapiListener;
import io.jcondis.wan.tapi.TapiRequest;
import io.jcondis.wan.tapi.TapiService;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one WAN scenario script (docs/scripts.md, "WAN scripts"): a script whose first step is {@code stack wan}.
 * Each script gets a fresh runtime in INVOKER mode with a manual clock and a {@link WanStack} on it; the script
 * plays the TAPI application ({@code app}), drives the simulated telephone network ({@code pstn ...}) and/or
 * plays WAN miniports itself ({@code miniport NAME}), whose every handler call is recorded.
 * <pre>
 *   app OP ...  ──TapiService──▶ NDISTAPI/NDISWAN ──OID_TAPI_*──▶ PstnNetwork │ scripted miniport
 *        ▲                                                           │ (records onQueryInformation ...)
 *        └── LineEvent, receive, send completion ◀── events, line-up ─┘
 *   every application event, miniport handler call, violation ──▶ ordered queue ──consumed by──▶ expect
 * </pre>
 * The same policies as {@link ScriptEngine}: strict consumption before every step that acts, a final run after
 * which nothing may be left, violations are events, no implicit run. Not thread-safe; one instance per script.
 */
final class WanScriptEngine {
    /** The driver name under which application events are recorded. */
    static final String APP = "app";
    private static final int TRACE_KEEP = 40;
    private static final Set<String> RESERVED = Set.of("expect", "run", "advance", "stack", "pstn", "miniport",
            "app", "wan", "violation", "handler-error", "quiescent", "snapshot", "nothing", "idle", "value",
            "stats", "call-state", "line-state", "devices", "subscriber");

    private final String name;
    private final Jcondis ndis;
    private final WanStack wan;
    private final TapiService tapi;
    private PstnNetwork pstn;
    private String pstnName;
    private final Map<String, Subscriber> subscribers = new HashMap<>();
    private final Map<String, ScriptedWanMiniport> miniports = new LinkedHashMap<>();
    private final Map<String, Object> names = new HashMap<>();
    private final Map<Object, String> valueNames = new HashMap<>();
    private final Map<Object, String> objectNames = new IdentityHashMap<>();
    private final Map<Long, TapiRequest<?>> requests = new HashMap<>();
    private final Map<OidRequest, AdapterHandle> oidAdapters = new IdentityHashMap<>();
    private final Deque<Callback> queue = new ArrayDeque<>();
    private final Deque<String> trace = new ArrayDeque<>();

    /** A request's synchronous status (null when it returns none) and what it hands out. */
    private record Outcome(Status status, Object value) {
    }

    WanScriptEngine(String name) {
        this.name = name;
        this.ndis = Jcondis.launch(new JcondisContext().threadingMode(ThreadingMode.INVOKER)
                .errorHandler(new ErrorHandler() {
                    @Override
                    public void onHandlerException(String driver, String handler, Throwable error) {
                        queue.addLast(Callback.of(driver, Callback.HANDLER_ERROR, "handler", handler, "error",
                                String.valueOf(error)));
                    }

                    @Override
                    public void onContractViolation(String driver, String rule, String message) {
                        queue.addLast(Callback.of(driver, Callback.VIOLATION, "rule", rule, "message", message));
                    }
                }));
        this.wan = WanStack.create(ndis);
        this.tapi = wan.tapi();
        wan.addTraceListener(line -> {
            if (trace.size() == TRACE_KEEP) {
                trace.removeFirst();
            }
            trace.addLast(line);
        });
        tapi.addListener(new AppRecorder());
    }

    /** @return true when the script's first step declares the WAN language ({@code stack wan}) */
    static boolean isWanScript(ScriptParser.Parsed parsed) {
        return !parsed.steps().isEmpty() && parsed.steps().get(0).tokens().equals(List.of("stack", "wan"));
    }

    /** Runs {@code parsed} on a fresh stack and closes the runtime. */
    static ScriptResult run(String name, ScriptParser.Parsed parsed) {
        WanScriptEngine e = new WanScriptEngine(name);
        try {
            return e.execute(parsed);
        } finally {
            e.ndis.close();
        }
    }

    /** The first step ({@code stack wan}) chose this engine; the others run here. */
    private ScriptResult execute(ScriptParser.Parsed parsed) {
        return StepLoop.run(name, parsed, 1, this::exec, () -> finish(parsed), trace);
    }

    /** The final run: nothing may be left unconsumed after it. */
    private void finish(ScriptParser.Parsed parsed) {
        ndis.runUntilIdle();
        if (!queue.isEmpty()) {
            List<Step> steps = parsed.steps();
            Step end = new Step(name, steps.get(steps.size() - 1).line(), "(end of script)", List.of());
            throw new ScriptFailure(end, "unexpected callback(s) left at the end (after the final run): "
                    + pending(8));
        }
    }

    // ------------------------------------------------------------------------------------------ recording

    private void record(Callback c) {
        queue.addLast(c);
    }

    /** Records what the application is told, one callback per event (handler names in docs/scripts.md). */
    private final class AppRecorder implements TapiListener {
        @Override
        public void onEvent(LineEvent e) {
            if (e instanceof LineEvent.ProviderInitialized) {
                LineEvent.ProviderInitialized p = (LineEvent.ProviderInitialized) e;
                record(Callback.of(APP, "ProviderInitialized", "adapter", p.adapter(), "base", p.deviceIdBase(),
                        "lines", p.numLines(), "provider", p.providerId()));
            } else if (e instanceof LineEvent.ProviderShutdown) {
                LineEvent.ProviderShutdown p = (LineEvent.ProviderShutdown) e;
                record(Callback.of(APP, "ProviderShutdown", "adapter", p.adapter(), "cause", p.cause().name()));
            } else if (e instanceof LineEvent.NewCall) {
                LineEvent.NewCall p = (LineEvent.NewCall) e;
                record(Callback.of(APP, "NewCall", "line", p.line(), "call", p.call()));
            } else if (e instanceof LineEvent.CallStateChanged) {
                LineEvent.CallStateChanged p = (LineEvent.CallStateChanged) e;
                record(Callback.of(APP, "CallState", "line", p.line(), "call", p.call(), "state", p.state().name(),
                        "mode", p.mode(), "media", p.mediaMode()));
            } else if (e instanceof LineEvent.LineDevStateChanged) {
                LineEvent.LineDevStateChanged p = (LineEvent.LineDevStateChanged) e;
                record(Callback.of(APP, "LineDevState", "adapter", p.adapter(), "line", p.line(), "state",
                        p.state()));
            } else if (e instanceof LineEvent.LineClosed) {
                LineEvent.LineClosed p = (LineEvent.LineClosed) e;
                record(Callback.of(APP, "LineClosed", "line", p.line(), "cause", p.cause().name()));
            } else if (e instanceof LineEvent.LinkUp) {
                LineEvent.LinkUp p = (LineEvent.LinkUp) e;
                record(Callback.of(APP, "LinkUp", "line", p.line(), "call", p.call(), "link", p.linkContext(),
                        "speed", p.speedBps(), "window", p.sendWindow()));
            } else if (e instanceof LineEvent.LinkDown) {
                LineEvent.LinkDown p = (LineEvent.LinkDown) e;
                record(Callback.of(APP, "LinkDown", "line", p.line(), "call", p.call(), "link", p.linkContext()));
            } else if (e instanceof LineEvent.RequestCompleted) {
                LineEvent.RequestCompleted p = (LineEvent.RequestCompleted) e;
                record(Callback.of(APP, "Reply", "status*", p.status(), "op", p.operation(), "line", p.line(),
                        "call", p.call(), "req", requests.get(p.requestId())));
            } else {
                LineEvent.Message p = (LineEvent.Message) e;
                record(Callback.of(APP, "Message", "line", p.line(), "call", p.call(), "msg", (long) p.msg(),
                        "p1", p.param1(), "p2", p.param2(), "p3", p.param3()));
            }
        }

        @Override
        public void onReceive(CallHandle call, Packet packet) {
            record(Callback.of(APP, "Receive", "call", call, "data", packet.toBytes()));
        }

        @Override
        public void onSendComplete(CallHandle call, Packet packet) {
            record(Callback.of(APP, "SendComplete", "status*", packet.status(), "call", call, "packet", packet));
        }
    }

    private String pending(int max) {
        return Callback.describeAll(queue, max, this::nameOf);
    }

    private String render(Callback c) {
        return Callback.describe(c, this::nameOf);
    }

    private String nameOf(Object v) {
        if (v == null || v instanceof Long || v instanceof String) {
            return null;
        }
        String n = isValue(v) ? valueNames.get(v) : objectNames.get(v);
        return n == null ? null : isValue(v) ? n + "(" + v + ")" : n;
    }

    /** Handles are records compared by value; packets, OID requests and TAPI requests by identity. */
    private static boolean isValue(Object v) {
        return v instanceof LineHandle || v instanceof CallHandle || v instanceof AdapterHandle;
    }

    private String show(Object v) {
        return Callback.show(v, this::nameOf);
    }

    private void bind(Step s, String n, Object v) {
        if (!n.matches("[A-Za-z_][A-Za-z0-9_.]*") || RESERVED.contains(n) || miniports.containsKey(n)
                || n.equals(pstnName) || WanConstants.constant(n) != null) {
            throw new ScriptFailure(s, "'" + n + "' cannot be a name");
        }
        if (!(v instanceof Long)) {
            String other = isValue(v) ? valueNames.get(v) : objectNames.get(v);
            if (other != null) {
                throw new ScriptFailure(s, show(v) + " is already named " + other + "; write " + other
                        + " to refer to it");
            }
            if (isValue(v)) {
                valueNames.put(v, n);
            } else {
                objectNames.put(v, n);
            }
        }
        names.put(n, v);
    }

    /** {@code as NAME}: binds a fresh name, or checks an already bound one. */
    private void nameValue(Step s, String n, Object v) {
        if (names.containsKey(n)) {
            if (!names.get(n).equals(v)) {
                throw new ScriptFailure(s, "expected " + n + " = " + show(names.get(n)) + ", got " + show(v));
            }
            return;
        }
        bind(s, n, v);
    }

    // ------------------------------------------------------------------------------------------ steps

    private void exec(Step s) {
        List<String> t = s.tokens();
        String head = t.get(0);
        if (head.equals("expect")) {
            expect(s, t.subList(1, t.size()));
            return;
        }
        if (t.size() >= 2 && t.get(1).equals("answer") && miniports.containsKey(head)) {
            miniports.get(head).configure(s, t.subList(2, t.size()));
            return;
        }
        // Policy 1 (docs/scripts.md): a step that acts needs every recorded callback consumed first.
        if (!queue.isEmpty()) {
            throw new ScriptFailure(s, "callback(s) not consumed by an expect before this step: " + pending(8));
        }
        switch (head) {
            case "run":
                if (t.size() != 1) {
                    throw new ScriptFailure(s, "'run' takes no arguments");
                }
                ndis.runUntilIdle();
                return;
            case "advance":
                if (t.size() != 2) {
                    throw new ScriptFailure(s, "write 'advance MILLISECONDS'");
                }
                ndis.advanceClock(ScriptEngine.number(s, t.get(1)) * 1_000_000L);
                return;
            case "stack":
                throw new ScriptFailure(s, "'stack wan' must be the first step");
            case "pstn":
                if (pstn == null) {
                    declarePstn(s, t);
                    return;
                }
                break;
            case "miniport":
                declareMiniport(s, t);
                return;
            default:
                break;
        }
        if (t.size() < 2) {
            throw new ScriptFailure(s, "write '" + head + " OPERATION ...'");
        }
        RequestLine rl = RequestLine.parse(s, t);
        Args a = new Args(s, rl.args());
        String op = t.get(1);
        Outcome o;
        if (head.equals(APP)) {
            o = appOp(s, op, a);
        } else if (head.equals("wan")) {
            o = wanOp(s, op, a);
        } else if (head.equals(pstnName)) {
            o = pstnOp(s, op, a);
        } else if (miniports.containsKey(head)) {
            o = miniports.get(head).op(s, op, a);
        } else {
            throw new ScriptFailure(s, "unknown command or driver '" + head + "'");
        }
        if (o == null) {
            throw new ScriptFailure(s, "unknown operation '" + op + "' for " + head);
        }
        a.checkAllUsed();
        rl.check(s, op, o.status(), this::nameOf);
        if (rl.as() != null) {
            if (o.value() == null) {
                throw new ScriptFailure(s, op + " handed out nothing to name " + rl.as() + " (status " + o.status()
                        + ")");
            }
            nameValue(s, rl.as(), o.value());
        }
    }

    private <T> T ref(Step s, String token, Class<T> type) {
        return ScriptEngine.lookup(s, names, token, type);
    }

    /** A number: decimal, 0x hex, a constant name ({@code LINEMEDIAMODE_DIGITALDATA}) or a name bound to one. */
    private long num(Step s, String token) {
        Long c = WanConstants.constant(token);
        if (c != null) {
            return c;
        }
        Object v = names.get(token);
        if (v instanceof Long) {
            return (Long) v;
        }
        if (token.contains("|")) {
            long bits = 0;
            for (String part : token.split("\\|")) {
                bits |= num(s, part);
            }
            return bits;
        }
        return ScriptEngine.number(s, token);
    }

    private long numOpt(Step s, Args a, String key, long dflt) {
        String v = a.opt(key);
        return v == null ? dflt : num(s, v);
    }

    private static Status bool(boolean ok) {
        return ok ? Status.SUCCESS : Status.FAILURE;
    }

    // ------------------------------------------------------------------------------------------ the network

    /** {@code pstn [knob=value...]}: installs the simulated telephone network (driver name {@code pstn}). */
    private void declarePstn(Step s, List<String> t) {
        pstn = PstnNetwork.install(wan, "pstn");
        pstnName = "pstn";
        Args a = new Args(s, t.subList(1, t.size()));
        knobs(s, a);
        a.checkAllUsed();
    }

    private void knobs(Step s, Args a) {
        if (a.has("setup-delay")) {
            pstn.setupDelayNs(num(s, a.opt("setup-delay")) * 1_000_000L);
        }
        if (a.has("no-answer")) {
            pstn.noAnswerTimeoutNs(num(s, a.opt("no-answer")) * 1_000_000L);
        }
        if (a.has("speed")) {
            pstn.lineSpeedBps(num(s, a.opt("speed")));
        }
        if (a.has("window")) {
            pstn.sendWindow((int) num(s, a.opt("window")));
        }
        if (a.has("max-transmit")) {
            pstn.maxTransmit((int) num(s, a.opt("max-transmit")));
        }
        if (a.has("transmit-delay")) {
            pstn.transmitDelayNs(num(s, a.opt("transmit-delay")) * 1_000_000L);
        }
        if (a.has("pend")) {
            pstn.pendRequests(ScriptEngine.bool(s, a.opt("pend")));
        }
    }

    private Outcome pstnOp(Step s, String op, Args a) {
        switch (op) {
            case "set":
                knobs(s, a);
                return new Outcome(null, null);
            case "adapter": {
                String adapter = a.pos(0, "adapter name");
                String prefix = a.pos(1, "number prefix");
                int lines = (int) num(s, a.pos(2, "line count"));
                return new Outcome(null, pstn.addAdapter(adapter, prefix, lines));
            }
            case "remove":
                return new Outcome(pstn.removeAdapter(ref(s, a.pos(0, "adapter"), AdapterHandle.class)), null);
            case "lines":
                return new Outcome(pstn.setLineCount(ref(s, a.pos(0, "adapter"), AdapterHandle.class),
                        (int) num(s, a.pos(1, "line count"))), null);
            case "subscriber": {
                String number = a.pos(0, "number");
                Subscriber sub = pstn.addSubscriber(number, Subscriber.Mode.valueOf(a.pos(1,
                        "ANSWER, BUSY, NO_ANSWER or REJECT")));
                if (a.has("answer-delay")) {
                    sub.answerDelayNs(num(s, a.opt("answer-delay")) * 1_000_000L);
                }
                subscribers.put(number, sub);
                return new Outcome(null, null);
            }
            case "dial":
                return new Outcome(bool(subscriber(s, a.pos(0, "subscriber")).dial(a.pos(1, "number"))), null);
            case "hang-up":
                return new Outcome(bool(subscriber(s, a.pos(0, "subscriber")).hangUp()), null);
            case "send":
                return new Outcome(bool(subscriber(s, a.pos(0, "subscriber")).send(ScriptEngine.payload(s, a))),
                        null);
            default:
                return null;
        }
    }

    private Subscriber subscriber(Step s, String number) {
        Subscriber sub = subscribers.get(number);
        if (sub == null) {
            throw new ScriptFailure(s, "no subscriber " + number + " (declare it with 'pstn subscriber')");
        }
        return sub;
    }

    private Outcome wanOp(Step s, String op, Args a) {
        switch (op) {
            case "reset":
                return new Outcome(wan.reset(ref(s, a.pos(0, "adapter"), AdapterHandle.class)), null);
            case "auto-init":
                wan.autoInitialize(ScriptEngine.bool(s, a.pos(0, "yes or no")));
                return new Outcome(null, null);
            case "oid": {
                AdapterHandle ad = ref(s, a.pos(0, "adapter"), AdapterHandle.class);
                String kind = a.pos(1, "query or set");
                Integer oid = WanConstants.oid(a.pos(2, "OID"));
                if (oid == null) {
                    throw new ScriptFailure(s, "unknown OID " + a.pos(2, "OID"));
                }
                StructLayout l = WanConstants.layout(oid);
                int len = (int) numOpt(s, a, "len", l == null ? 8 : l.size());
                OidRequest r;
                if (kind.equals("query")) {
                    r = OidRequest.query(oid, len);
                } else if (kind.equals("set")) {
                    r = OidRequest.set(oid, new byte[len]);
                } else {
                    throw new ScriptFailure(s, "an OID request is 'query' or 'set', not '" + kind + "'");
                }
                Status st = wan.oidRequest(ad, r, done -> record(Callback.of("wan", "onOidComplete", "status*",
                        done, "req", r)));
                return new Outcome(st, r);
            }
            default:
                return null;
        }
    }

    // ------------------------------------------------------------------------------------------ the application

    private Outcome req(TapiRequest<?> r) {
        requests.put(r.id(), r);
        return new Outcome(r.status(), r);
    }

    private Outcome handleReq(TapiRequest<?> r) {
        requests.put(r.id(), r);
        return new Outcome(r.status(), r.value());
    }

    private Outcome appOp(Step s, String op, Args a) {
        switch (op) {
            case "initialize":
                return req(tapi.initializeProvider(ref(s, a.pos(0, "adapter"), AdapterHandle.class)));
            case "shutdown":
                return req(tapi.shutdownProvider(ref(s, a.pos(0, "adapter"), AdapterHandle.class)));
            case "dev-caps":
                return req(tapi.getDevCaps((int) num(s, a.pos(0, "device id"))));
            case "address-caps":
                return req(tapi.getAddressCaps((int) num(s, a.pos(0, "device id")), (int) numOpt(s, a, "address",
                        0)));
            case "open":
                return handleReq(tapi.open((int) num(s, a.pos(0, "device id"))));
            case "detect": {
                String modes = a.posOpt(1);
                return req(tapi.setDefaultMediaDetection(line(s, a), (int) (modes == null
                        ? WanConstants.constant("LINEMEDIAMODE_DIGITALDATA") : num(s, modes))));
            }
            case "status-messages":
                return req(tapi.setStatusMessages(line(s, a), (int) numOpt(s, a, "lines", 0),
                        (int) numOpt(s, a, "addresses", 0)));
            case "line-dev-status":
                return req(tapi.getLineDevStatus(line(s, a)));
            case "address-status":
                return req(tapi.getAddressStatus(line(s, a), (int) numOpt(s, a, "address", 0)));
            case "close":
                return req(tapi.close(line(s, a)));
            case "make-call":
                return handleReq(tapi.makeCall(line(s, a), a.posOpt(1), null));
            case "dial":
                return req(tapi.dial(call(s, a), a.pos(1, "digits")));
            case "accept":
                return req(tapi.accept(call(s, a)));
            case "answer":
                return req(tapi.answer(call(s, a)));
            case "drop":
                return req(tapi.drop(call(s, a)));
            case "close-call":
                return req(tapi.closeCall(call(s, a)));
            case "call-info":
                return req(tapi.getCallInfo(call(s, a)));
            case "call-status":
                return req(tapi.getCallStatus(call(s, a)));
            case "get-id":
                return req(tapi.getLinkId(call(s, a)));
            case "stats": {
                Result<CallStats> r = tapi.callStats(call(s, a));
                return new Outcome(r.status(), r.value());
            }
            case "send": {
                Packet p = Packet.wrap(ScriptEngine.payload(s, a));
                return new Outcome(tapi.send(call(s, a), p), p);
            }
            default:
                return null;
        }
    }

    private LineHandle line(Step s, Args a) {
        return ref(s, a.pos(0, "line"), LineHandle.class);
    }

    private CallHandle call(Step s, Args a) {
        return ref(s, a.pos(0, "call"), CallHandle.class);
    }

    // ------------------------------------------------------------------------------------------ scripted miniports

    private void declareMiniport(Step s, List<String> t) {
        if (t.size() != 2) {
            throw new ScriptFailure(s, "write 'miniport NAME'");
        }
        String n = t.get(1);
        if (RESERVED.contains(n) || miniports.containsKey(n) || n.equals(pstnName)) {
            throw new ScriptFailure(s, "the name '" + n + "' is taken or reserved");
        }
        miniports.put(n, new ScriptedWanMiniport(n));
    }

    /** What a scripted miniport answers: a status, and out-fields to write into the request's buffer. */
    private record Answer(Status status, Map<String, String> fields) {
    }

    /**
     * A WAN miniport the script plays: never acts on its own; every handler call is recorded. OID requests are
     * answered PENDING unless an {@code answer} says otherwise; the script completes them with {@code complete}.
     */
    private final class ScriptedWanMiniport implements WanMiniportHandlers {
        private final String driver;
        private final WanMiniportServices svc;
        private final Map<String, Answer> standing = new HashMap<>();
        private final Map<String, Deque<Answer>> once = new HashMap<>();

        ScriptedWanMiniport(String driver) {
            this.driver = driver;
            this.svc = wan.registerWanMiniport(driver, this);
        }

        void configure(Step s, List<String> t) {
            Args a = new Args(s, t);
            String key = a.pos(0, "handler or OID name");
            if (!key.startsWith("on") && WanConstants.oid(key) == null) {
                throw new ScriptFailure(s, "answer onInitialize, onReset, onWanSend or an OID name, not " + key);
            }
            Status st = ScriptEngine.status(s, a.pos(1, "status"));
            boolean justOnce = a.flag("once");
            Map<String, String> fields = new LinkedHashMap<>();
            for (String k : a.optionKeys()) {
                fields.put(k, a.opt(k));
            }
            a.checkAllUsed();
            Answer ans = new Answer(st, fields);
            if (justOnce) {
                once.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(ans);
            } else {
                standing.put(key, ans);
            }
        }

        private Answer answerFor(String key, Status dflt) {
            Deque<Answer> q = once.get(key);
            if (q != null && !q.isEmpty()) {
                return q.removeFirst();
            }
            return standing.getOrDefault(key, new Answer(dflt, Map.of()));
        }

        @Override
        public Status onInitialize(AdapterHandle adapter) {
            record(Callback.of(driver, "onInitialize", "adapter", adapter));
            return answerFor("onInitialize", Status.SUCCESS).status();
        }

        @Override
        public void onHalt(AdapterHandle adapter) {
            record(Callback.of(driver, "onHalt", "adapter", adapter));
        }

        @Override
        public Status onReset(AdapterHandle adapter) {
            record(Callback.of(driver, "onReset", "adapter", adapter));
            return answerFor("onReset", Status.SUCCESS).status();
        }

        @Override
        public Status onQueryInformation(AdapterHandle adapter, OidRequest request) {
            return onRequest("onQueryInformation", adapter, request);
        }

        @Override
        public Status onSetInformation(AdapterHandle adapter, OidRequest request) {
            return onRequest("onSetInformation", adapter, request);
        }

        @Override
        public Status onWanSend(AdapterHandle adapter, long ndisLinkHandle, Packet packet) {
            record(Callback.of(driver, "onWanSend", "adapter", adapter, "link", ndisLinkHandle, "packet", packet,
                    "data", packet.toBytes()));
            return answerFor("onWanSend", Status.PENDING).status();
        }

        private Status onRequest(String handler, AdapterHandle adapter, OidRequest r) {
            oidAdapters.put(r, adapter);
            List<Object> kv = new ArrayList<>(List.of("adapter", adapter, "req", r, "oid",
                    WanConstants.oidName(r.oid())));
            StructLayout l = WanConstants.layout(r.oid());
            if (l != null && r.buffer().length >= l.endOfFixed()) {
                TapiMessage m = TapiMessage.wrap(l, r.buffer());
                for (StructLayout.Field f : l.fields()) {
                    if (f.name().indexOf('.') >= 0) {
                        continue;
                    }
                    switch (f.kind()) {
                        case U32:
                            kv.add(f.name());
                            kv.add(Integer.toUnsignedLong(m.u32(f.name())));
                            break;
                        case PTR:
                            kv.add(f.name());
                            kv.add(m.ptr(f.name()));
                            break;
                        case U8:
                            kv.add(f.name());
                            kv.add(m.bool(f.name()));
                            break;
                        default:
                            break;
                    }
                }
                if (r.oid() == TapiOids.OID_TAPI_MAKE_CALL) {
                    kv.add("dest");
                    kv.add(m.ascii(Integer.toUnsignedLong(m.u32("ulDestAddressOffset")),
                            Integer.toUnsignedLong(m.u32("ulDestAddressSize"))));
                } else if (r.oid() == TapiOids.OID_TAPI_DIAL) {
                    kv.add("digits");
                    kv.add(m.ascii(l.tailOffset(), Integer.toUnsignedLong(m.u32("ulDestAddressSize"))));
                }
            }
            record(Callback.of(driver, handler, kv.toArray()));
            Answer ans = answerFor(WanConstants.oidName(r.oid()), Status.PENDING);
            write(null, r, ans.fields());
            return ans.status();
        }

        /** Writes out-fields into the request's structure (names as in ndistapi.h, nested ones dotted). */
        private void write(Step s, OidRequest r, Map<String, String> fields) {
            if (fields.isEmpty()) {
                return;
            }
            StructLayout l = WanConstants.layout(r.oid());
            if (l == null) {
                throw new ScriptFailure(s, WanConstants.oidName(r.oid()) + " has no known structure");
            }
            TapiMessage m = TapiMessage.wrap(l, r.buffer());
            for (Map.Entry<String, String> e : fields.entrySet()) {
                if (e.getKey().equals("device-id") && l.has("DeviceID")) {
                    // The binary "ndis" device id of OID_TAPI_GET_ID: a VAR_STRING holding the 8-byte link context.
                    byte[] id = new byte[8];
                    TapiMessage.putU64(id, 0, num(s, e.getValue()));
                    new VarString(Tapi.STRINGFORMAT_BINARY, id).writeTo(r.buffer(), l.offset("DeviceID"));
                    continue;
                }
                if (!l.has(e.getKey())) {
                    throw new ScriptFailure(s, l.name() + " has no field " + e.getKey());
                }
                long v = num(s, e.getValue());
                switch (l.field(e.getKey()).kind()) {
                    case U32:
                        m.putU32(e.getKey(), (int) v);
                        break;
                    case PTR:
                        m.putPtr(e.getKey(), v);
                        break;
                    case U8:
                        m.putBool(e.getKey(), v != 0);
                        break;
                    default:
                        throw new ScriptFailure(s, e.getKey() + " is not a number field");
                }
            }
        }

        Outcome op(Step s, String op, Args a) {
            switch (op) {
                case "start": {
                    Result<AdapterHandle> r = svc.startAdapter(a.pos(0, "adapter name"));
                    return new Outcome(r.status(), r.value());
                }
                case "halt":
                    return new Outcome(svc.haltAdapter(adapter(s, a)), null);
                case "complete": {
                    OidRequest r = ref(s, a.pos(0, "request"), OidRequest.class);
                    Status st = ScriptEngine.status(s, a.pos(1, "status"));
                    Map<String, String> fields = new LinkedHashMap<>();
                    for (String k : a.optionKeys()) {
                        fields.put(k, a.opt(k));
                    }
                    write(s, r, fields);
                    AdapterHandle ad = oidAdapters.get(r);
                    if (r.type() == OidRequest.Type.QUERY) {
                        svc.queryInformationComplete(ad, r, st);
                    } else {
                        svc.setInformationComplete(ad, r, st);
                    }
                    return new Outcome(null, null);
                }
                case "event": {
                    AdapterHandle ad = adapter(s, a);
                    Long msg = WanConstants.constant(a.pos(1, "LINE_* message"));
                    if (msg == null) {
                        throw new ScriptFailure(s, "unknown message " + a.pos(1, "LINE_* message"));
                    }
                    return new Outcome(svc.indicateTapiEvent(ad, new TapiEvent(numOpt(s, a, "line", 0),
                            numOpt(s, a, "call", 0), msg.intValue(), numOpt(s, a, "p1", 0), numOpt(s, a, "p2", 0),
                            numOpt(s, a, "p3", 0))), null);
                }
                case "new-call": {
                    Result<Long> r = svc.indicateNewCall(adapter(s, a), num(s, a.pos(1, "htLine")),
                            numOpt(s, a, "hd", 0));
                    return new Outcome(r.status(), r.value());
                }
                case "line-up": {
                    Result<Long> r = svc.indicateLineUp(adapter(s, a), new LineUp(numOpt(s, a, "speed", 640),
                            (int) numOpt(s, a, "quality", 2), (int) numOpt(s, a, "window", 2),
                            num(s, a.pos(1, "htCall")), numOpt(s, a, "link", 1)));
                    return new Outcome(r.status(), r.value());
                }
                case "line-down":
                    return new Outcome(svc.indicateLineDown(adapter(s, a), num(s, a.pos(1, "link context"))), null);
                case "receive": {
                    Packet p = Packet.wrap(ScriptEngine.payload(s, a));
                    return new Outcome(svc.indicateReceive(adapter(s, a), num(s, a.pos(1, "link context")), p), p);
                }
                case "send-complete": {
                    String st = a.posOpt(2);
                    svc.wanSendComplete(adapter(s, a), ref(s, a.pos(1, "packet"), Packet.class),
                            st == null ? Status.SUCCESS : ScriptEngine.status(s, st));
                    return new Outcome(null, null);
                }
                default:
                    return null;
            }
        }

        private AdapterHandle adapter(Step s, Args a) {
            return ref(s, a.pos(0, "adapter"), AdapterHandle.class);
        }
    }

    // ------------------------------------------------------------------------------------------ expect

    private void expect(Step s, List<String> t) {
        if (t.isEmpty()) {
            throw new ScriptFailure(s, "expect what?");
        }
        Args a = new Args(s, t.subList(1, t.size()));
        switch (t.get(0)) {
            case "quiescent":
                expectQuiescent(s);
                return;
            case "nothing", "idle":
                IdleExpectations.check(s, t.get(0), queue, () -> pending(8), ndis);
                return;
            case "snapshot":
                fields(s, a, wan.snapshot(), "the WAN snapshot");
                return;
            case "stats": {
                Result<CallStats> r = tapi.callStats(call(s, a));
                if (!r.status().isSuccess()) {
                    throw new ScriptFailure(s, "expected call statistics, got " + show(r.status()));
                }
                fields(s, a, r.value(), "the statistics");
                return;
            }
            case "value": {
                Object v = names.get(a.pos(0, "name"));
                if (v instanceof TapiRequest) {
                    TapiRequest<?> r = (TapiRequest<?>) v;
                    if (!r.status().isSuccess()) {
                        throw new ScriptFailure(s, "the request ended " + show(r.status()) + ", it has no value");
                    }
                    v = r.value();
                }
                String whole = a.posOpt(1);
                if (whole != null) {
                    String why = matchValue(s, whole, v instanceof Integer ? ((Integer) v).longValue() : v,
                            new HashMap<>());
                    if (why != null) {
                        throw new ScriptFailure(s, why);
                    }
                }
                fields(s, a, v, t.get(1));
                return;
            }
            case "call-state": {
                Result<TapiCallState> r = tapi.callState(call(s, a));
                String actual = r.status().isSuccess() ? r.value().name() : r.status().code().name();
                String want = a.pos(1, "state or status");
                a.checkAllUsed();
                if (!actual.equals(want)) {
                    throw new ScriptFailure(s, "expected " + want + ", got " + actual);
                }
                return;
            }
            case "line-state": {
                String actual = tapi.lineState(line(s, a)).name();
                String want = a.pos(1, "state");
                a.checkAllUsed();
                if (!actual.equals(want)) {
                    throw new ScriptFailure(s, "expected " + want + ", got " + actual);
                }
                return;
            }
            case "devices": {
                long want = num(s, a.pos(0, "count"));
                a.checkAllUsed();
                if (tapi.devices().size() != want) {
                    throw new ScriptFailure(s, "expected " + want + " line devices, got " + tapi.devices());
                }
                return;
            }
            case "subscriber":
                expectSubscriber(s, a);
                return;
            default:
                break;
        }
        String wanted = String.join(" ", t);
        if (queue.isEmpty()) {
            int tasks = ndis.snapshot().tasks();
            throw new ScriptFailure(s, "expected " + wanted + ", but no callback is pending"
                    + (tasks > 0 ? " (" + tasks + " deferred task(s) are queued: is a 'run' missing?)" : ""));
        }
        Callback c = queue.peekFirst();
        Map<String, Object> captures = new HashMap<>();
        String why = match(s, t, c, captures);
        if (why != null) {
            throw new ScriptFailure(s, "expected " + wanted + ", got " + render(c) + ": " + why);
        }
        queue.removeFirst();
        captures.forEach((k, v) -> bind(s, k, v));
    }

    private void expectQuiescent(Step s) {
        if (!queue.isEmpty()) {
            throw new ScriptFailure(s, "expected quiescence, but callbacks are unconsumed: " + pending(8));
        }
        WanSnapshot w = wan.snapshot();
        RuntimeSnapshot r = ndis.snapshot();
        if (!w.isQuiescent() || !r.isQuiescent()) {
            throw new ScriptFailure(s, "expected quiescence (no line, call, link, pending request or send), got "
                    + w + " / " + r);
        }
    }

    private void expectSubscriber(Step s, Args a) {
        Subscriber sub = subscriber(s, a.pos(0, "number"));
        String connected = a.opt("connected");
        String frames = a.opt("frames");
        String last = a.opt("last");
        a.checkAllUsed();
        if (connected != null && sub.isConnected() != ScriptEngine.bool(s, connected)) {
            throw new ScriptFailure(s, "expected connected=" + connected + ", got " + sub.isConnected());
        }
        if (frames != null && sub.received().size() != num(s, frames)) {
            throw new ScriptFailure(s, "expected " + frames + " frames, got " + sub.received().size());
        }
        if (last != null) {
            List<byte[]> got = sub.received();
            String actual = got.isEmpty() ? "-" : new String(got.get(got.size() - 1), StandardCharsets.UTF_8);
            if (!actual.equals(last)) {
                throw new ScriptFailure(s, "expected the last frame \"" + last + "\", got \"" + actual + "\"");
            }
        }
    }

    /** Checks {@code key=value} options against the components of a record value. */
    private void fields(Step s, Args a, Object value, String what) {
        for (String key : a.optionKeys()) {
            String want = a.opt(key);
            if (value == null || !value.getClass().isRecord()) {
                throw new ScriptFailure(s, what + " is " + show(value) + ", it has no field " + key);
            }
            Object actual = null;
            boolean found = false;
            for (RecordComponent rc : value.getClass().getRecordComponents()) {
                if (rc.getName().equals(key)) {
                    found = true;
                    try {
                        actual = rc.getAccessor().invoke(value);
                    } catch (ReflectiveOperationException e) {
                        throw new ScriptFailure(s, "cannot read " + key + ": " + e);
                    }
                }
            }
            if (!found) {
                throw new ScriptFailure(s, value.getClass().getSimpleName() + " has no field '" + key + "'");
            }
            String why = matchValue(s, want, actual instanceof Integer ? ((Integer) actual).longValue() : actual,
                    new HashMap<>());
            if (why != null) {
                throw new ScriptFailure(s, key + ": " + why + " in " + value);
            }
        }
        a.checkAllUsed();
    }

    /**
     * Matches {@code DRIVER HANDLER [STATUS] [key=value...] [~text]} or {@code violation RULE [by=] [~text]} or
     * {@code handler-error [by=] [~text]} against {@code c}.
     *
     * @return null on a match (captures filled), else why not
     */
    private String match(Step s, List<String> t, Callback c, Map<String, Object> captures) {
        boolean problem = t.get(0).equals(Callback.VIOLATION) || t.get(0).equals(Callback.HANDLER_ERROR);
        if (problem) {
            return Callback.matchProblem(s, t, c);
        }
        if (t.size() < 2) {
            throw new ScriptFailure(s, "write 'expect DRIVER HANDLER [STATUS] [key=value...]'");
        }
        String who = t.get(0);
        if (!who.equals(APP) && !who.equals("wan") && !miniports.containsKey(who)) {
            throw new ScriptFailure(s, "unknown driver '" + who + "' (app, wan or a scripted miniport)");
        }
        if (c.handler.equals(Callback.VIOLATION) || c.handler.equals(Callback.HANDLER_ERROR)) {
            return "the runtime reported a " + c.handler + " instead (expect it with 'expect " + c.handler + " ...')";
        }
        if (!who.equals(c.driver) || !t.get(1).equals(c.handler)) {
            return "not " + who + " " + t.get(1);
        }
        boolean statusGiven = false;
        for (String tok : t.subList(2, t.size())) {
            int eq = tok.indexOf('=');
            if (tok.startsWith("~")) {
                Status st = c.status();
                if (st == null || st.description() == null || !st.description().contains(tok.substring(1))) {
                    return "its status description does not contain \"" + tok.substring(1) + "\"";
                }
            } else if (eq <= 0) {
                if (statusGiven || c.statusKey == null) {
                    throw new ScriptFailure(s, c.statusKey == null ? c.handler + " carries no status; use key=value"
                            : "unexpected '" + tok + "' (only one positional status)");
                }
                statusGiven = true;
                String why = matchValue(s, tok, c.status(), captures);
                if (why != null) {
                    return c.statusKey + ": " + why;
                }
            } else {
                String key = tok.substring(0, eq);
                if (!c.args.containsKey(key)) {
                    throw new ScriptFailure(s, c.handler + " has no argument '" + key + "' (it has "
                            + String.join(", ", c.args.keySet()) + ")");
                }
                String why = matchValue(s, tok.substring(eq + 1), c.args.get(key), captures);
                if (why != null) {
                    return key + ": " + why;
                }
            }
        }
        if (c.statusKey != null && !statusGiven) {
            throw new ScriptFailure(s, c.handler + " carries a status (" + show(c.status())
                    + "); state it after the handler name");
        }
        return null;
    }

    private String matchValue(Step s, String tok, Object actual, Map<String, Object> captures) {
        if (tok.equals("*")) {
            return null;
        }
        if (tok.equals("-")) {
            return actual == null ? null : "expected -, got " + show(actual);
        }
        if (actual instanceof Status) {
            return actual.equals(ScriptEngine.status(s, tok)) ? null : "expected " + tok + ", got " + show(actual);
        }
        if (actual instanceof Boolean) {
            return actual.equals(ScriptEngine.bool(s, tok)) ? null : "expected " + tok + ", got " + show(actual);
        }
        if (actual instanceof String) {
            return actual.equals(tok) ? null : "expected " + tok + ", got " + show(actual);
        }
        Object bound = names.containsKey(tok) ? names.get(tok) : captures.get(tok);
        if (actual instanceof Long && bound == null && !isFreshName(tok)) {
            long want = num(s, tok);
            return actual.equals(want) ? null : "expected " + tok + " (" + want + "), got " + actual;
        }
        if (bound != null) {
            return bound.equals(actual) ? null : "expected " + tok + " = " + show(bound) + ", got " + show(actual);
        }
        if (actual == null) {
            return "expected " + tok + ", got -";
        }
        captures.put(tok, actual);
        return null;
    }

    /** A word that could become a name: not a number, not a constant, not yet bound. */
    private boolean isFreshName(String tok) {
        return tok.matches("[A-Za-z_][A-Za-z0-9_.]*") && WanConstants.constant(tok) == null
                && !names.containsKey(tok);
    }
}
