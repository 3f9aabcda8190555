package io.jcondis.tck.script;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.AddressFamily;
import io.jcondis.api.AfHandle;
import io.jcondis.api.BindingHandle;
import io.jcondis.api.CallParameters;
import io.jcondis.api.FlowSpec;
import io.jcondis.api.Handle;
import io.jcondis.api.OidRequest;
import io.jcondis.api.Oids;
import io.jcondis.api.Packet;
import io.jcondis.api.PartyHandle;
import io.jcondis.api.Result;
import io.jcondis.api.Sap;
import io.jcondis.api.SapHandle;
import io.jcondis.api.Status;
import io.jcondis.api.StatusIndication;
import io.jcondis.api.VcHandle;
import io.jcondis.core.ErrorHandler;
import io.jcondis.core.Jcondis;
import io.jcondis.core.JcondisContext;
import io.jcondis.core.ManualClock;
import io.jcondis.core.RuntimeSnapshot;
import io.jcondis.core.ThreadingMode;
import io.jcondis.embedded.EmbeddedSwitch;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs one scenario script (docs/scripts.md) against a fresh runtime and a fresh {@link ScriptNetwork}. On the
 * default network (the embedded switch, INVOKER mode, manual clock): no threads, no sleeps, every loop bounded
 * by the script's length and the runtime's own bounds.
 *
 * <pre>
 *   script line ──parse──▶ Step ──▶ declaration │ request │ expect │ run/advance │ answer │ when
 *                                      │            │
 *                                      ▼            ▼
 *                              runtime + embedded switch + scripted drivers
 *                                                   │ every handler call, violation, handler error
 *                                                   ▼
 *                                       ordered queue of Callbacks ──consumed by──▶ expect
 * </pre>
 *
 * <p>The strict policy: before any step that acts (a request, a remote action, a declaration, {@code run},
 * {@code advance}) every callback recorded so far must have been consumed by an {@code expect}; at the end
 * the engine runs deferred work until idle and the queue must again be empty. Not thread-safe; one instance
 * per script.
 *
 * <p><b>Real time</b> ({@link ScriptNetwork#realTime()}: a DEDICATED runtime, a network in other threads or
 * processes; docs/scripts.md, "Drivers"). The same steps and failure texts, every wait bounded by
 * {@link ScriptOptions#expectTimeoutMs()}:
 * <ul>
 *   <li>Steps run in bursts under the runtime's control-plane lock ({@link Jcondis#onConductor}), from one wait
 *       to the next, so deferred work and the network act only where INVOKER mode would run them.</li>
 *   <li>Callbacks recorded by the script thread inside its own step are queued at once; callbacks from any
 *       other thread (deferred work, the network) are <em>held back</em> until the script lets work run
 *       ({@code run}, {@code advance}, {@code auto-run}, the end): strict consumption, {@code expect nothing}
 *       and "is a 'run' missing?" keep their meaning (the task count then includes held-back callbacks).</li>
 *   <li>{@code run} waits until the runtime has no due task and {@link ScriptNetwork#settle} says the network is
 *       quiet, both at once, then releases what was held back; {@code advance MS} does the same around moving
 *       the manual clock (or waiting MS of real time without one).</li>
 *   <li>After a {@code run}/{@code advance}, an {@code expect} that finds nothing queued waits for the next
 *       callback, and fails saying it timed out and what was pending; {@code expect idle} and
 *       {@code quiescent} settle first.</li>
 * </ul>
 * Every callback is recorded under the same lock (handlers are called with it held), so the engine's tables
 * need no other guard; a {@code when} reaction fires inside the handler, on the thread that calls it. Waits
 * happen outside the lock.
 */
public final class ScriptEngine {
    /** The extension of script files the runner collects from directories. */
    public static final String EXTENSION = ".jcs";
    private static final int TRACE_KEEP = 40;
    /** Declarations do not act on existing objects, so they may be written while callbacks wait. */
    private static final Set<String> DECLARATIONS = Set.of("host", "client", "mcm", "cm", "miniport");
    private static final Set<String> RESERVED = Set.of("expect", "run", "advance", "host", "client", "mcm", "cm",
            "miniport", "switch", "when", "auto-run", "violation", "handler-error", "quiescent", "snapshot",
            "nothing", "idle", "capacity");

    private final String name;
    private final Jcondis ndis;
    private final ScriptNetwork net;
    /** Set by the first host declaration: the network is in use (the switch is installed). */
    private boolean networkUsed;
    private final boolean realTime;
    /** {@link ScriptNetwork#concurrentHosts}: each client's callbacks in order, not one total order. */
    private final boolean concurrentHosts;
    private final long timeoutNs;
    private final Thread scriptThread = Thread.currentThread();
    /** Real time: callbacks from other threads, held back until the next run/advance; guarded by itself. */
    private final Deque<Callback> heldBack = new ArrayDeque<>();
    /** Real time: the script thread is running deferred work itself (advance, INVOKER pumping). */
    private boolean pumping;
    /** Real time: deferred work was let run since the last request (an expect may wait for an arrival). */
    private boolean drained = true;
    /** Real time: the milliseconds a run (0) or advance step leaves to do outside the lock, or -1. */
    private long pumpMs = -1;
    private final Map<String, ScriptedDriver> drivers = new LinkedHashMap<>();
    private final Map<String, Object> names = new HashMap<>();
    private final Map<Object, String> handleNames = new HashMap<>();
    private final Map<Object, String> objectNames = new IdentityHashMap<>();
    private final Deque<Callback> queue = new ArrayDeque<>();
    /** The step being run (for a failure's place), and how many ran; script thread only. */
    private Step current;
    private int stepsRun;
    private final Deque<String> trace = new ArrayDeque<>();
    private final Map<OidRequest, Callback> oidOrigin = new IdentityHashMap<>();
    private final Map<VcHandle, CallParameters> lastParams = new HashMap<>();
    private final List<Reaction> reactions = new ArrayList<>();
    private boolean autoRun;
    private ScriptFailure reactionFailure;
    private boolean inReaction;

    private record Reaction(Step step, List<String> pattern, List<String> action, boolean[] fired) {
    }

    /** The result of a request: its synchronous status (null for a void request) and the value it hands out. */
    private record Outcome(Status status, Object value) {
        static Outcome of(Status s) {
            return new Outcome(s, null);
        }

        static <T> Outcome of(Result<T> r) {
            return new Outcome(r.status(), r.value());
        }

        static Outcome none() {
            return new Outcome(null, null);
        }
    }

    private ScriptEngine(String name, ScriptNetwork net, long timeoutMs) {
        this.name = name;
        this.net = net;
        this.realTime = net.realTime();
        this.concurrentHosts = net.concurrentHosts();
        this.timeoutNs = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        JcondisContext ctx = new JcondisContext().threadingMode(net.threadingMode());
        if (net.manualClock()) {
            ctx.clock(new ManualClock());
        }
        this.ndis = Jcondis.launch(ctx
                .errorHandler(new ErrorHandler() {
                    @Override
                    public void onHandlerException(String driver, String handler, Throwable error) {
                        record(Callback.of(driver, Callback.HANDLER_ERROR, "handler", handler, "error",
                                String.valueOf(error)));
                    }

                    @Override
                    public void onContractViolation(String driver, String rule, String message) {
                        record(Callback.of(driver, Callback.VIOLATION, "rule", rule, "message", message));
                    }
                }));
        ndis.addTraceListener(e -> {
            synchronized (trace) {
                if (trace.size() == TRACE_KEEP) {
                    trace.removeFirst();
                }
                trace.addLast(e.toString());
            }
        });
        net.start(ndis);
    }

    /** Runs the script in {@code file}; its name in messages is the path as given. */
    public static ScriptResult run(Path file) {
        return run(file, file.toString());
    }

    /** Runs the script in {@code file}, naming it {@code name} in messages. */
    public static ScriptResult run(Path file, String name) {
        return run(file, name, ScriptOptions.defaults());
    }

    /** Runs the script in {@code file} on the network {@code options} name, naming it {@code name} in messages. */
    public static ScriptResult run(Path file, String name, ScriptOptions options) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new ScriptResult(name, List.of(), false, name + ": cannot read: " + e, List.of(), 0);
        }
        return run(name, text, options);
    }

    /** Runs the script {@code text}, naming it {@code name} in messages. */
    public static ScriptResult run(String name, String text) {
        return run(name, text, ScriptOptions.defaults());
    }

    /**
     * Runs the script {@code text} on the network {@code options} name (a WAN script ignores it: it runs on its
     * own simulated network), naming it {@code name} in messages.
     */
    public static ScriptResult run(String name, String text, ScriptOptions options) {
        ScriptParser.Parsed parsed;
        try {
            parsed = ScriptParser.parse(name, text);
        } catch (ScriptFailure f) {
            return new ScriptResult(name, List.of(), false, f.getMessage(), List.of(), 0);
        }
        if (WanScriptEngine.isWanScript(parsed)) {
            return WanScriptEngine.run(name, parsed);
        }
        ScriptNetwork net = options.network().create();
        try (net) {
            ScriptEngine engine = new ScriptEngine(name, net, options.expectTimeoutMs());
            try {
                return engine.execute(parsed);
            } finally {
                engine.ndis.close();
            }
        }
    }

    private ScriptResult execute(ScriptParser.Parsed parsed) {
        return StepLoop.run(name, parsed, () -> {
            runSteps(parsed.steps());
            current = null;
        }, () -> current, () -> stepsRun, () -> finish(parsed), this::traceCopy);
    }

    /** Implicit end: run deferred work until idle, then nothing may be left unconsumed or unfired. */
    private void finish(ScriptParser.Parsed parsed) {
        Step end = new Step(name, parsed.steps().isEmpty() ? 0 : parsed.steps().get(parsed.steps().size() - 1)
                .line(), "(end of script)", List.of());
        if (realTime) {
            drain(end);
            ndis.onConductor(() -> {
                checkEnd(end);
                return null;
            });
        } else {
            ndis.runUntilIdle();
            checkEnd(end);
        }
    }

    private void checkEnd(Step end) {
        rethrowReactionFailure();
        if (!queue.isEmpty()) {
            throw new ScriptFailure(end, "unexpected callback(s) left at the end (after the final run): "
                    + pending(8));
        }
        for (Reaction r : reactions) {
            if (!r.fired[0]) {
                throw new ScriptFailure(r.step, "this reaction never fired");
            }
        }
    }

    private List<String> traceCopy() {
        synchronized (trace) {
            return List.copyOf(trace);
        }
    }

    // ------------------------------------------------------------------------------------------ real time

    /**
     * Runs the steps. In real time they run in bursts under the runtime's lock: from one wait to the next (a
     * {@code run}, an {@code advance}, an expect that must wait), nothing but the script touches the runtime, so
     * deferred work and the network act between bursts only, exactly where INVOKER mode would run them (R3's
     * second deregister still sees the first one pending). Waits happen outside the lock.
     */
    private void runSteps(List<Step> steps) {
        if (!realTime) {
            for (Step s : steps) {
                current = s;
                exec(s);
                stepsRun++;
            }
            return;
        }
        while (stepsRun < steps.size()) {
            current = steps.get(stepsRun);
            awaitExpected(current);
            pumpMs = -1;
            locked(() -> {
                burst(steps);
                return null;
            });
            if (pumpMs >= 0) {
                long ms = pumpMs;
                pumpMs = -1;
                pump(current, ms);
                stepsRun++;
            }
        }
    }

    /** Under the lock: steps until one must wait first, or a run/advance left its pumping to do. */
    private void burst(List<Step> steps) {
        for (boolean first = true; stepsRun < steps.size(); first = false) {
            Step s = steps.get(stepsRun);
            if (!first && mustWait(s)) {
                return;
            }
            current = s;
            exec(s);
            if (pumpMs >= 0) {
                return;
            }
            stepsRun++;
        }
    }

    /** Whether an expect needs the runtime and the network to move first (see {@link #awaitExpected}). */
    private boolean mustWait(Step s) {
        List<String> t = s.tokens();
        if (!t.get(0).equals("expect") || t.size() < 2) {
            return false;
        }
        switch (t.get(1)) {
            case "idle":
            case "quiescent":
                return true;
            case "nothing":
            case "snapshot":
            case "capacity":
                return false;
            default:
                return nothingFor(t) && (autoRun || drained || concurrentHosts);
        }
    }

    /**
     * Whether no queued callback can answer the expect {@code t} ({@code expect DRIVER ...}): none at all, or,
     * with concurrent hosts ({@link ScriptNetwork#concurrentHosts}), none into that driver (nor a problem report).
     */
    private boolean nothingFor(List<String> t) {
        return candidate(t.size() > 1 ? t.subList(1, t.size()) : List.of()) == null;
    }

    /**
     * The queued callback an expect ({@code DRIVER HANDLER ...} without the word expect) is matched against: the
     * head of the queue; with concurrent hosts, the first callback into that driver or the first problem report
     * (a violation or handler error is never passed over). Null if there is none.
     */
    private Callback candidate(List<String> t) {
        if (!concurrentHosts || t.isEmpty()) {
            return queue.peekFirst();
        }
        return firstInto(t.get(0));
    }

    /** @return the first queued callback into {@code driver} or problem report (never passed over), or null */
    private Callback firstInto(String driver) {
        for (Callback c : queue) {
            if (c.driver.equals(driver) || c.handler.equals(Callback.VIOLATION)
                    || c.handler.equals(Callback.HANDLER_ERROR)) {
                return c;
            }
        }
        return null;
    }

    private <T> T locked(Supplier<T> action) {
        return ndis.onConductor(action);
    }

    /** {@code run} (0) or {@code advance MS}: settle, move the clock (or wait), settle, release held-back. */
    private void pump(Step s, long ms) {
        drain(s);
        if (ms > 0) {
            if (ndis.context().clock() instanceof ManualClock) {
                pumping = true;
                try {
                    ndis.advanceClock(TimeUnit.MILLISECONDS.toNanos(ms));
                } finally {
                    pumping = false;
                }
            } else {
                awaitHeldBack(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms), false);
            }
            drain(s);
        }
    }

    /** Settles the runtime and the network, then releases every held-back callback into the queue. */
    private void drain(Step s) {
        settle(s);
        release();
        drained = true;
    }

    /** Moves every held-back callback into the queue, in arrival order; rethrows a reaction's failure. */
    private void release() {
        locked(() -> {
            synchronized (heldBack) {
                queue.addAll(heldBack);
                heldBack.clear();
            }
            rethrowReactionFailure();
            return null;
        });
    }

    /** Waits (bounded) until the runtime has no due task and the network has nothing in flight, both at once. */
    private void settle(Step s) {
        long deadline = System.nanoTime() + timeoutNs;
        try {
            while (true) {
                awaitRuntimeIdle(s, deadline);
                boolean quiet = net.settle(Math.max(0, deadline - System.nanoTime()));
                if (quiet && ndis.dueTasks() == 0) {
                    return;
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw timedOut(s, "the runtime and the network to settle");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScriptFailure(s, "interrupted while waiting for the runtime and the network to settle");
        }
    }

    private void awaitRuntimeIdle(Step s, long deadline) throws InterruptedException {
        if (ndis.context().threadingMode() == ThreadingMode.INVOKER) {
            pumping = true;
            try {
                ndis.runUntilIdle();
            } finally {
                pumping = false;
            }
            return;
        }
        // A marker task runs after every task due before it: wait for it (no polling), then look again,
        // since the tasks it followed may have posted more.
        while (ndis.dueTasks() > 0) {
            CountDownLatch marker = new CountDownLatch(1);
            ndis.driverServices("script").post(marker::countDown);
            long left = deadline - System.nanoTime();
            if (left <= 0 || !marker.await(left, TimeUnit.NANOSECONDS)) {
                throw timedOut(s, "the runtime's deferred work");
            }
        }
    }

    private ScriptFailure timedOut(Step s, String what) {
        return new ScriptFailure(s, "timed out after " + TimeUnit.NANOSECONDS.toMillis(timeoutNs)
                + " ms waiting for " + what + " (pending: " + inFlight() + ")");
    }

    /** What a real-time wait was waiting for: due tasks, pending requests, the network's own work. */
    private String inFlight() {
        RuntimeSnapshot snap = ndis.snapshot();
        String network = net.inFlight();
        return ndis.dueTasks() + " due task(s), " + snap.tasks() + " task(s) queued, " + snap.pendingRequests()
                + " pending request(s)" + (network.isEmpty() ? "" : ", network: " + network);
    }

    private int heldBackCount() {
        synchronized (heldBack) {
            return heldBack.size();
        }
    }

    /**
     * Before an {@code expect} in real time, outside the lock: {@code idle} and {@code quiescent} settle first
     * (what arrives is held back for the next run); a callback expect that finds nothing queued (for its client,
     * with concurrent hosts) runs deferred work ({@code auto-run on}, or concurrent hosts: the network settles),
     * then, if deferred work was let run since the last request, waits for arrivals until one is for it.
     * {@code nothing}, {@code snapshot} and {@code capacity} look at the runtime as the burst left it.
     */
    private void awaitExpected(Step s) {
        if (!locked(() -> mustWait(s))) {
            return;
        }
        String kind = s.tokens().get(1);
        if (kind.equals("idle") || kind.equals("quiescent")) {
            settle(s);
            return;
        }
        // With concurrent hosts every callback comes over the network (a data frame's onReceive too): an expect
        // that finds nothing for its client lets the network settle first, as auto-run does.
        if (autoRun || concurrentHosts) {
            drain(s);
        }
        long deadline = System.nanoTime() + timeoutNs;
        while (drained && locked(() -> nothingFor(s.tokens())) && System.nanoTime() - deadline < 0) {
            awaitHeldBack(deadline, true);
            release();
        }
    }

    /** Waits until {@code deadline} passes or, with {@code untilArrival}, a held-back callback is there. */
    private void awaitHeldBack(long deadline, boolean untilArrival) {
        synchronized (heldBack) {
            try {
                long left;
                while ((!untilArrival || heldBack.isEmpty()) && (left = deadline - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(heldBack, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ------------------------------------------------------------------------------------------ recording

    private void record(Callback c) {
        if (c.args.get("req") instanceof OidRequest && c.handler.equals("onOidRequest")) {
            oidOrigin.put((OidRequest) c.args.get("req"), c);
        }
        Object vc = c.args.get("vc");
        Object p = c.args.get("params");
        if (vc instanceof VcHandle && p instanceof CallParameters) {
            lastParams.put((VcHandle) vc, (CallParameters) p);
        }
        if (realTime && (pumping || Thread.currentThread() != scriptThread)) {
            synchronized (heldBack) {
                heldBack.addLast(c);
                heldBack.notifyAll();
            }
        } else {
            queue.addLast(c);
        }
        react(c);
    }

    private void react(Callback c) {
        if (inReaction) {
            return;
        }
        for (Reaction r : reactions) {
            if (r.fired[0]) {
                continue;
            }
            Map<String, Object> captures = new HashMap<>();
            try {
                if (match(r.step, r.pattern, c, captures, false) != null) {
                    continue;
                }
            } catch (ScriptFailure f) {
                r.fired[0] = true;
                if (reactionFailure == null) {
                    reactionFailure = f;
                }
                return;
            }
            r.fired[0] = true;
            captures.forEach(this::bind);
            Step action = new Step(r.step.file(), r.step.line(), String.join(" ", r.action), r.action);
            inReaction = true;
            try {
                exec(action);
            } catch (ScriptFailure f) {
                if (reactionFailure == null) {
                    reactionFailure = f;
                }
            } catch (RuntimeException e) {
                if (reactionFailure == null) {
                    reactionFailure = new ScriptFailure(action, "threw " + e);
                }
            } finally {
                inReaction = false;
            }
            return;
        }
    }

    private void rethrowReactionFailure() {
        if (reactionFailure != null) {
            ScriptFailure f = reactionFailure;
            reactionFailure = null;
            throw f;
        }
    }

    private String pending(int max) {
        return Callback.describeAll(queue, max, this::nameOf);
    }

    private String render(Callback c) {
        return Callback.describe(c, this::nameOf);
    }

    private String nameOf(Object v) {
        if (v == null) {
            return null;
        }
        String n = v instanceof Handle || v instanceof CallParameters ? handleNames.get(v) : objectNames.get(v);
        if (n == null) {
            return null;
        }
        return v instanceof Handle ? n + "(" + v + ")" : n;
    }

    private String bareName(Object v) {
        return v instanceof Handle || v instanceof CallParameters ? handleNames.get(v) : objectNames.get(v);
    }

    private void bind(String n, Object v) {
        names.put(n, v);
        if (v instanceof Handle || v instanceof CallParameters) {
            handleNames.putIfAbsent(v, n);
        } else if (v instanceof Packet || v instanceof OidRequest) {
            objectNames.putIfAbsent(v, n);
        }
    }

    // ------------------------------------------------------------------------------------------ steps

    private void exec(Step s) {
        List<String> t = s.tokens();
        String head = t.get(0);
        switch (head) {
            case "expect":
                if (inReaction) {
                    throw new ScriptFailure(s, "a reaction cannot expect");
                }
                expect(s, t.subList(1, t.size()));
                return;
            case "when":
                declareReaction(s, t);
                return;
            case "auto-run":
                autoRun = t.size() == 2 && t.get(1).equals("on");
                if (t.size() != 2 || !(t.get(1).equals("on") || t.get(1).equals("off"))) {
                    throw new ScriptFailure(s, "write 'auto-run on' or 'auto-run off'");
                }
                return;
            default:
                break;
        }
        if (t.size() >= 2 && t.get(1).equals("answer") && drivers.containsKey(head)) {
            configure(s, drivers.get(head), t.subList(2, t.size()));
            return;
        }
        // Policy 1 (docs/scripts.md): a step that acts needs every recorded callback consumed first; with
        // concurrent hosts, every callback into the client that acts (others' may have come early).
        if (!inReaction && !DECLARATIONS.contains(head) && unconsumedBefore(head)) {
            throw new ScriptFailure(s, "callback(s) not consumed by an expect before this step: " + pending(8));
        }
        if (realTime && !inReaction && !DECLARATIONS.contains(head)) {
            drained = false;
        }
        switch (head) {
            case "run":
                noArgs(s, t);
                if (realTime && !inReaction) {
                    pumpMs = 0;
                } else {
                    ndis.runUntilIdle();
                }
                break;
            case "advance":
                if (t.size() != 2) {
                    throw new ScriptFailure(s, "write 'advance MILLISECONDS'");
                }
                if (realTime && !inReaction) {
                    pumpMs = number(s, t.get(1));
                } else {
                    ndis.advanceClock(number(s, t.get(1)) * 1_000_000L);
                }
                break;
            case "host":
                declareHost(s, t);
                break;
            case "client":
            case "mcm":
            case "cm":
            case "miniport":
                declareDriver(s, t);
                break;
            case "switch":
                request(s, null, t);
                break;
            default:
                ScriptedDriver d = drivers.get(head);
                if (d == null) {
                    throw new ScriptFailure(s, "unknown command or driver '" + head + "'");
                }
                request(s, d, t);
                break;
        }
        rethrowReactionFailure();
    }

    private static void noArgs(Step s, List<String> t) {
        if (t.size() != 1) {
            throw new ScriptFailure(s, "'" + t.get(0) + "' takes no arguments");
        }
    }

    private void declareReaction(Step s, List<String> t) {
        int doAt = t.indexOf("do");
        if (doAt < 3 || doAt == t.size() - 1) {
            throw new ScriptFailure(s, "write 'when DRIVER HANDLER [STATUS] [key=value...] do STEP'");
        }
        if (inReaction) {
            throw new ScriptFailure(s, "reactions do not nest");
        }
        reactions.add(new Reaction(s, List.copyOf(t.subList(1, doAt)), List.copyOf(t.subList(doAt + 1, t.size())),
                new boolean[1]));
    }

    private void configure(Step s, ScriptedDriver d, List<String> t) {
        Args a = new Args(s, t);
        String handler = a.pos(0, "handler name");
        String value = a.pos(1, "answer: a status, keep or drop");
        boolean justOnce = a.flag("once");
        a.checkAllUsed();
        Object v;
        if (value.equals("keep") || value.equals("drop")) {
            if (!handler.equals("onReceive")) {
                throw new ScriptFailure(s, "keep/drop answers onReceive only");
            }
            v = value.equals("keep");
        } else {
            v = status(s, value);
        }
        d.answer(handler, v, justOnce);
    }

    private void declareHost(Step s, List<String> t) {
        if (t.size() < 2) {
            throw new ScriptFailure(s, "write 'host NAME [capacity=BYTES_PER_S] [aliases=a,b]'");
        }
        int arrow = t.indexOf("=>");
        Args a = new Args(s, t.subList(2, arrow < 0 ? t.size() : arrow));
        long cap = a.has("capacity") ? number(s, a.opt("capacity")) : EmbeddedSwitch.DEFAULT_CAPACITY_BPS;
        String al = a.opt("aliases");
        a.checkAllUsed();
        networkUsed = true;
        Result<AdapterHandle> r = net.addHost(t.get(1), cap, al == null ? new String[0] : al.split(","));
        Status expected = arrow < 0 ? Status.SUCCESS : status(s, arrowValue(s, t, arrow));
        if (!r.status().equals(expected)) {
            throw new ScriptFailure(s, "expected " + expected + ", got " + Callback.show(r.status(), this::nameOf));
        }
    }

    private static String arrowValue(Step s, List<String> t, int arrow) {
        if (arrow + 1 >= t.size()) {
            throw new ScriptFailure(s, "'=>' needs a status");
        }
        return t.get(arrow + 1);
    }

    private void declareDriver(Step s, List<String> t) {
        String kind = t.get(0);
        if (t.size() < 2) {
            throw new ScriptFailure(s, "write '" + kind + " NAME'");
        }
        String n = t.get(1);
        if (drivers.containsKey(n) || RESERVED.contains(n) || n.equals("switch")) {
            throw new ScriptFailure(s, "the name '" + n + "' is taken or reserved");
        }
        String only = null;
        if (kind.equals("client") && t.size() == 4 && t.get(2).equals("on")) {
            only = t.get(3);
        } else if (t.size() != 2) {
            throw new ScriptFailure(s, kind.equals("client") ? "write 'client NAME [on ADAPTER]'"
                    : "write '" + kind + " NAME'");
        }
        ScriptedDriver.Role role;
        switch (kind) {
            case "client":
                role = ScriptedDriver.Role.CLIENT;
                break;
            case "mcm":
                role = ScriptedDriver.Role.MCM;
                break;
            case "cm":
                role = ScriptedDriver.Role.CM;
                break;
            default:
                role = ScriptedDriver.Role.MINIPORT;
                break;
        }
        ScriptedDriver d = new ScriptedDriver(n, role, only, this::record);
        drivers.put(n, d);
        switch (role) {
            case CLIENT:
                d.client = ndis.registerClient(n, d);
                break;
            case MCM:
                d.mcm = ndis.registerMcm(n, d, d);
                d.cm = d.mcm;
                d.miniport = d.mcm;
                break;
            case CM:
                d.cm = ndis.registerCallManager(n, d);
                break;
            default:
                d.miniport = ndis.registerMiniport(n, d);
                break;
        }
    }

    // ------------------------------------------------------------------------------------------ requests

    private void request(Step s, ScriptedDriver d, List<String> t) {
        if (t.size() < 2) {
            throw new ScriptFailure(s, "write '" + t.get(0) + " OPERATION ...'");
        }
        String op = t.get(1);
        RequestLine rl = RequestLine.parse(s, t);
        Args a = new Args(s, rl.args());
        Outcome o;
        if (d == null) {
            o = switchOp(s, op, a);
        } else if (d.role == ScriptedDriver.Role.CLIENT) {
            o = clientOp(s, d, op, a);
        } else {
            o = cmOrMiniportOp(s, d, op, a);
        }
        if (o == null) {
            throw new ScriptFailure(s, "unknown operation '" + op + "' for " + (d == null ? "the switch"
                    : d.role.name().toLowerCase(Locale.ROOT) + " " + d.name));
        }
        a.checkAllUsed();
        rl.check(s, op, o.status(), this::nameOf);
        String as = rl.as();
        if (as != null) {
            if (o.value() == null) {
                throw new ScriptFailure(s, op + " handed out nothing to name " + as + " (status "
                        + o.status() + ")");
            }
            nameValue(s, as, o.value());
        }
    }

    /** {@code as NAME}: binds a fresh name, or checks an already bound one. */
    private void nameValue(Step s, String n, Object v) {
        if (names.containsKey(n)) {
            if (!names.get(n).equals(v)) {
                throw new ScriptFailure(s, "expected " + n + " = " + show(names.get(n)) + ", got " + show(v));
            }
            return;
        }
        checkFreshName(s, n, v);
        bind(n, v);
    }

    private void checkFreshName(Step s, String n, Object v) {
        if (!n.matches("[A-Za-z_][A-Za-z0-9_.]*") || RESERVED.contains(n) || drivers.containsKey(n)) {
            throw new ScriptFailure(s, "'" + n + "' cannot be a name");
        }
        String other = bareName(v);
        if (other != null && !(v instanceof String)) {
            throw new ScriptFailure(s, show(v) + " is already named " + other + "; write " + other
                    + " to refer to it");
        }
    }

    private String show(Object v) {
        return Callback.show(v, this::nameOf);
    }

    private <T> T ref(Step s, String token, Class<T> type) {
        return lookup(s, names, token, type);
    }

    /** The value a script name stands for, of {@code type}; null for {@code -} or no token (both languages). */
    static <T> T lookup(Step s, Map<String, Object> names, String token, Class<T> type) {
        if (token == null || token.equals("-")) {
            return null;
        }
        Object v = names.get(token);
        if (v == null) {
            throw new ScriptFailure(s, "unknown name '" + token + "' (a " + type.getSimpleName() + " was expected)");
        }
        if (!type.isInstance(v)) {
            throw new ScriptFailure(s, token + " is a " + v.getClass().getSimpleName() + ", not a "
                    + type.getSimpleName());
        }
        return type.cast(v);
    }

    static Status status(Step s, String token) {
        try {
            return Status.parse(token);
        } catch (IllegalArgumentException e) {
            throw new ScriptFailure(s, "'" + token + "' is not a status name");
        }
    }

    static long number(Step s, String token) {
        try {
            return Long.decode(token.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new ScriptFailure(s, "'" + token + "' is not a number");
        }
    }

    private static AddressFamily family(Step s, Args a) {
        String f = a.opt("family");
        return f == null ? EmbeddedSwitch.ADDRESS_FAMILY : new AddressFamily((int) number(s, f), 1, 0);
    }

    private static FlowSpec flow(Step s, String token, long sdu) {
        if (token.equals("be")) {
            return FlowSpec.BEST_EFFORT;
        }
        long peak = number(s, token);
        return FlowSpec.guaranteed(peak, peak, sdu);
    }

    /**
     * Call parameters for a request: {@code params=NAME}, else the last parameters seen on {@code vc}, else
     * best effort both ways; then {@code called=}/positional address, {@code tx=}, {@code rx=} (a peak rate in
     * bytes/s, or {@code be}), {@code sdu=}, {@code changed=yes} and {@code flags=} applied on top.
     */
    private CallParameters params(Step s, Args a, VcHandle vc, String called) {
        CallParameters p = a.has("params") ? ref(s, a.opt("params"), CallParameters.class)
                : vc == null ? null : lastParams.get(vc);
        if (p == null) {
            p = CallParameters.to("", FlowSpec.BEST_EFFORT, FlowSpec.BEST_EFFORT);
        }
        String c = called != null ? called : a.opt("called");
        if (c != null) {
            p = p.withCalledAddress(c);
        }
        long sdu = a.has("sdu") ? number(s, a.opt("sdu")) : 1500;
        String tx = a.opt("tx");
        String rx = a.opt("rx");
        if (tx != null || rx != null) {
            p = p.withQos(tx == null ? p.transmit() : flow(s, tx, sdu), rx == null ? p.receive() : flow(s, rx, sdu));
        }
        if (a.has("flags")) {
            p = p.withFlags((int) number(s, a.opt("flags")));
        }
        String changed = a.opt("changed");
        if (changed != null) {
            p = p.withFlags(bool(s, changed) ? p.flags() | CallParameters.CALL_PARAMETERS_CHANGED
                    : p.flags() & ~CallParameters.CALL_PARAMETERS_CHANGED);
        }
        if (vc != null) {
            lastParams.put(vc, p);
        }
        return p;
    }

    static boolean bool(Step s, String token) {
        switch (token) {
            case "yes":
            case "true":
                return true;
            case "no":
            case "false":
                return false;
            default:
                throw new ScriptFailure(s, "'" + token + "' is not yes/no");
        }
    }

    static byte[] data(Step s, Args a) {
        String text = a.opt("data");
        String len = a.opt("data-len");
        if (text != null && len != null) {
            throw new ScriptFailure(s, "give data= or data-len=, not both");
        }
        if (len != null) {
            byte[] b = new byte[(int) number(s, len)];
            Arrays.fill(b, (byte) 'x');
            return b;
        }
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] payload(Step s, Args a) {
        byte[] d = data(s, a);
        String bytes = a.opt("bytes");
        if (d != null && bytes != null) {
            throw new ScriptFailure(s, "give bytes= or data=, not both");
        }
        return d != null ? d : new byte[bytes == null ? 64 : (int) number(s, bytes)];
    }

    private OidRequest oidRequest(Step s, Args a, AfHandle af) {
        String kind = a.pos(0, "query or set");
        int oid;
        try {
            oid = Oids.parse(a.pos(1, "OID name or 0x value"));
        } catch (IllegalArgumentException e) {
            throw new ScriptFailure(s, e.getMessage());
        }
        String pvc = a.opt("pvc");
        if (kind.equals("query")) {
            return OidRequest.query(oid, a.has("len") ? (int) number(s, a.opt("len")) : 8);
        }
        if (!kind.equals("set")) {
            throw new ScriptFailure(s, "an OID request is 'query' or 'set', not '" + kind + "'");
        }
        return OidRequest.set(oid, pvc != null ? EmbeddedSwitch.coPvc(af, pvc) : data(s, a));
    }

    private BindingHandle onlyBinding(Step s, ScriptedDriver d) {
        if (d.bindings.size() != 1) {
            throw new ScriptFailure(s, d.name + " has " + d.bindings.size() + " bindings; name the one to use");
        }
        return d.bindings.get(0);
    }

    private Outcome clientOp(Step s, ScriptedDriver d, String op, Args a) {
        io.jcondis.api.client.ClientServices c = d.client;
        switch (op) {
            case "open-af": {
                String b = a.posOpt(0);
                BindingHandle bh = b == null ? onlyBinding(s, d) : ref(s, b, BindingHandle.class);
                return Outcome.of(c.openAddressFamily(bh, family(s, a)));
            }
            case "close-af":
                return Outcome.of(c.closeAddressFamily(ref(s, a.pos(0, "AF"), AfHandle.class)));
            case "notify-close-complete":
                c.notifyCloseAddressFamilyComplete(ref(s, a.pos(0, "AF"), AfHandle.class),
                        status(s, a.pos(1, "status")));
                return Outcome.none();
            case "register-sap": {
                AfHandle af = ref(s, a.pos(0, "AF"), AfHandle.class);
                String text = a.pos(1, "SAP text address:selector");
                Sap sap = a.has("type") ? new Sap((int) number(s, a.opt("type")), text.getBytes(StandardCharsets.UTF_8))
                        : Sap.text(text);
                return Outcome.of(c.registerSap(af, sap));
            }
            case "deregister-sap":
                return Outcome.of(c.deregisterSap(ref(s, a.pos(0, "SAP"), SapHandle.class)));
            case "create-vc":
                return Outcome.of(c.createVc(ref(s, a.pos(0, "AF"), AfHandle.class)));
            case "delete-vc":
                return Outcome.of(c.deleteVc(ref(s, a.pos(0, "VC"), VcHandle.class)));
            case "make-call": {
                VcHandle vc = ref(s, a.pos(0, "VC"), VcHandle.class);
                boolean mp = a.flag("multipoint");
                return Outcome.of(c.makeCall(vc, params(s, a, vc, a.posOpt(1)), mp));
            }
            case "add-party": {
                VcHandle vc = ref(s, a.pos(0, "VC"), VcHandle.class);
                return Outcome.of(c.addParty(vc, params(s, a, null, a.pos(1, "called address"))));
            }
            case "drop-party":
                return Outcome.of(c.dropParty(ref(s, a.pos(0, "party"), PartyHandle.class), data(s, a)));
            case "incoming-call-complete": {
                VcHandle vc = ref(s, a.pos(0, "VC"), VcHandle.class);
                Status st = status(s, a.pos(1, "status"));
                c.incomingCallComplete(st, vc, params(s, a, vc, null));
                return Outcome.none();
            }
            case "modify-qos": {
                VcHandle vc = ref(s, a.pos(0, "VC"), VcHandle.class);
                return Outcome.of(c.modifyCallQos(vc, params(s, a, vc, null)));
            }
            case "close-call":
                return Outcome.of(c.closeCall(ref(s, a.pos(0, "VC"), VcHandle.class),
                        ref(s, a.posOpt(1), PartyHandle.class), data(s, a)));
            case "send": {
                Packet p = Packet.wrap(payload(s, a));
                return new Outcome(c.send(ref(s, a.pos(0, "VC"), VcHandle.class), p), p);
            }
            case "return-packet":
                c.returnPacket(ref(s, a.pos(0, "VC"), VcHandle.class), ref(s, a.pos(1, "packet"), Packet.class));
                return Outcome.none();
            case "oid": {
                AfHandle af = ref(s, a.opt("af"), AfHandle.class);
                BindingHandle bh = a.has("binding") ? ref(s, a.opt("binding"), BindingHandle.class)
                        : onlyBinding(s, d);
                OidRequest r = oidRequest(s, a, af);
                return new Outcome(c.oidRequest(bh, af, ref(s, a.opt("vc"), VcHandle.class),
                        ref(s, a.opt("party"), PartyHandle.class), r), r);
            }
            case "oid-complete": {
                OidRequest r = ref(s, a.pos(0, "request"), OidRequest.class);
                Status st = status(s, a.pos(1, "status"));
                Callback origin = origin(s, r);
                c.oidRequestComplete((AfHandle) origin.args.get("af"), (VcHandle) origin.args.get("vc"),
                        (PartyHandle) origin.args.get("party"), r, st);
                return Outcome.none();
            }
            case "name-vc":
                return Outcome.of(c.assignInstanceName(ref(s, a.pos(0, "VC"), VcHandle.class),
                        a.pos(1, "base name")));
            case "tapi-call-id":
                return Outcome.of(c.getTapiCallId(ref(s, a.pos(0, "VC"), VcHandle.class),
                        a.has("bytes") ? (int) number(s, a.opt("bytes")) : 256));
            case "vc-from-tapi-call-id": {
                String id = a.pos(0, "call id");
                Object named = names.get(id);
                return Outcome.of(c.getVcFromTapiCallId(named instanceof String ? (String) named : id));
            }
            default:
                return null;
        }
    }

    private Callback origin(Step s, OidRequest r) {
        Callback origin = oidOrigin.get(r);
        if (origin == null) {
            throw new ScriptFailure(s, "no driver was asked " + show(r));
        }
        return origin;
    }

    private Outcome cmOrMiniportOp(Step s, ScriptedDriver d, String op, Args a) {
        if (op.equals("oid-complete")) {
            OidRequest r = ref(s, a.pos(0, "request"), OidRequest.class);
            Status st = status(s, a.pos(1, "status"));
            Callback origin = origin(s, r);
            if (origin.args.containsKey("adapter")) {
                if (d.miniport == null) {
                    throw new ScriptFailure(s, d.name + " has no miniport half");
                }
                d.miniport.oidRequestComplete((AdapterHandle) origin.args.get("adapter"),
                        (VcHandle) origin.args.get("vc"), r, st);
            } else {
                if (d.cm == null) {
                    throw new ScriptFailure(s, d.name + " has no call-manager half");
                }
                d.cm.oidRequestComplete((AfHandle) origin.args.get("af"), (VcHandle) origin.args.get("vc"),
                        (PartyHandle) origin.args.get("party"), r, st);
            }
            return Outcome.none();
        }
        Outcome o = d.cm == null ? null : cmOp(s, d, op, a);
        if (o == null && d.miniport != null) {
            o = miniportOp(s, d, op, a);
        }
        return o;
    }

    private Outcome cmOp(Step s, ScriptedDriver d, String op, Args a) {
        io.jcondis.api.callmanager.CallManagerServices c = d.cm;
        switch (op) {
            case "register-af": {
                if (d.mcm != null) {
                    return Outcome.of(d.mcm.registerAddressFamily(ref(s, a.pos(0, "adapter"), AdapterHandle.class),
                            family(s, a)));
                }
                String b = a.posOpt(0);
                BindingHandle bh = b == null ? onlyBinding(s, d) : ref(s, b, BindingHandle.class);
                return Outcome.of(c.registerAddressFamily(bh, family(s, a)));
            }
            case "open-af-complete":
                c.openAddressFamilyComplete(status(s, a.pos(1, "status")), ref(s, a.pos(0, "AF"), AfHandle.class));
                return Outcome.none();
            case "close-af-complete":
                c.closeAddressFamilyComplete(status(s, a.pos(1, "status")), ref(s, a.pos(0, "AF"), AfHandle.class));
                return Outcome.none();
            case "notify-close-af":
                return Outcome.of(c.notifyCloseAddressFamily(ref(s, a.pos(0, "AF"), AfHandle.class)));
            case "register-sap-complete":
                c.registerSapComplete(status(s, a.pos(1, "status")), ref(s, a.pos(0, "SAP"), SapHandle.class));
                return Outcome.none();
            case "deregister-sap-complete":
                c.deregisterSapComplete(status(s, a.pos(1, "status")), ref(s, a.pos(0, "SAP"), SapHandle.class));
                return Outcome.none();
            case "create-vc":
                return Outcome.of(c.createVc(ref(s, a.pos(0, "AF"), AfHandle.class)));
            case "delete-vc":
                return Outcome.of(c.deleteVc(ref(s, a.pos(0, "VC"), VcHandle.class)));
            case "activate-vc": {
                VcHandle vc = ref(s, a.pos(0, "VC"), VcHandle.class);
                return Outcome.of(c.activateVc(vc, params(s, a, vc, null)));
            }
            case "deactivate-vc":
                return Outcome.of(c.deactivateVc(ref(s, a.pos(0, "VC"), VcHandle.class)));
            case "make-call-complete": {
                VcHandle vc = ref(s, a.pos(0, "VC"), VcHandle.class);
                Status st = status(s, a.pos(1, "status"));
                c.makeCallComplete(st, vc, ref(s, a.opt("party"), PartyHandle.class), params(s, a, vc, null));
                return Outcome.none();
            }
            case "close-call-complete": {
                VcHandle vc = ref(s, a.pos(0, "VC"), VcHandle.class);
                c.closeCallComplete(status(s, a.pos(1, "status")), vc, ref(s, a.opt("party"), PartyHandle.class));
                return Outcome.none();
            }
            case "dispatch-incoming-call": {
                SapHandle sap = ref(s, a.pos(0, "SAP"), SapHandle.class);
                VcHandle vc = ref(s, a.pos(1, "VC"), VcHandle.class);
                return Outcome.of(c.dispatchIncomingCall(sap, vc, params(s, a, vc, null)));
            }
            case "dispatch-call-connected":
                c.dispatchCallConnected(ref(s, a.pos(0, "VC"), VcHandle.class));
                return Outcome.none();
            case "dispatch-incoming-close-call":
                c.dispatchIncomingCloseCall(status(s, a.pos(1, "status")), ref(s, a.pos(0, "VC"), VcHandle.class),
                        data(s, a));
                return Outcome.none();
            case "dispatch-qos-change": {
                VcHandle vc = ref(s, a.pos(0, "VC"), VcHandle.class);
                c.dispatchIncomingCallQosChange(vc, params(s, a, vc, null));
                return Outcome.none();
            }
            case "modify-qos-complete": {
                VcHandle vc = ref(s, a.pos(0, "VC"), VcHandle.class);
                Status st = status(s, a.pos(1, "status"));
                boolean given = a.has("params") || a.has("tx") || a.has("rx");
                c.modifyCallQosComplete(st, vc, given ? params(s, a, vc, null) : null);
                return Outcome.none();
            }
            case "add-party-complete": {
                PartyHandle p = ref(s, a.pos(0, "party"), PartyHandle.class);
                Status st = status(s, a.pos(1, "status"));
                boolean given = a.has("params") || a.has("tx") || a.has("rx");
                c.addPartyComplete(st, p, given ? params(s, a, null, null) : null);
                return Outcome.none();
            }
            case "drop-party-complete":
                c.dropPartyComplete(status(s, a.pos(1, "status")), ref(s, a.pos(0, "party"), PartyHandle.class));
                return Outcome.none();
            case "dispatch-incoming-drop-party":
                c.dispatchIncomingDropParty(status(s, a.pos(1, "status")), ref(s, a.pos(0, "party"),
                        PartyHandle.class), data(s, a));
                return Outcome.none();
            case "oid": {
                AfHandle af = ref(s, a.opt("af"), AfHandle.class);
                OidRequest r = oidRequest(s, a, af);
                return new Outcome(c.oidRequest(af, ref(s, a.opt("vc"), VcHandle.class),
                        ref(s, a.opt("party"), PartyHandle.class), r), r);
            }
            default:
                return null;
        }
    }

    private Outcome miniportOp(Step s, ScriptedDriver d, String op, Args a) {
        io.jcondis.api.miniport.MiniportServices m = d.miniport;
        switch (op) {
            case "start-adapter":
                return Outcome.of(m.startAdapter(a.pos(0, "adapter name")));
            case "halt-adapter":
                return Outcome.of(m.haltAdapter(ref(s, a.pos(0, "adapter"), AdapterHandle.class)));
            case "activate-vc-complete": {
                VcHandle vc = ref(s, a.pos(0, "VC"), VcHandle.class);
                Status st = status(s, a.pos(1, "status"));
                boolean given = a.has("params") || a.has("tx") || a.has("rx");
                m.activateVcComplete(st, vc, given ? params(s, a, vc, null) : null);
                return Outcome.none();
            }
            case "deactivate-vc-complete":
                m.deactivateVcComplete(status(s, a.pos(1, "status")), ref(s, a.pos(0, "VC"), VcHandle.class));
                return Outcome.none();
            case "send-complete": {
                VcHandle vc = ref(s, a.pos(0, "VC"), VcHandle.class);
                Packet p = ref(s, a.pos(1, "packet"), Packet.class);
                String st = a.posOpt(2);
                p.status(st == null ? Status.SUCCESS : status(s, st));
                m.sendComplete(vc, p);
                return Outcome.none();
            }
            case "indicate-receive": {
                VcHandle vc = ref(s, a.pos(0, "VC"), VcHandle.class);
                Packet p = Packet.wrap(payload(s, a));
                return new Outcome(m.indicateReceive(vc, p, a.flag("resources")), p);
            }
            case "indicate-status": {
                AdapterHandle ad = ref(s, a.pos(0, "adapter"), AdapterHandle.class);
                Status code = status(s, a.pos(1, "status code"));
                return Outcome.of(m.indicateStatus(ad, ref(s, a.opt("vc"), VcHandle.class),
                        new StatusIndication(code, data(s, a))));
            }
            default:
                return null;
        }
    }

    private Outcome switchOp(Step s, String op, Args a) {
        if (!networkUsed) {
            throw new ScriptFailure(s, "no embedded switch: declare a host first");
        }
        switch (op) {
            case "remote-close": {
                VcHandle vc = ref(s, a.pos(0, "VC"), VcHandle.class);
                String st = a.posOpt(1);
                return Outcome.of(net.remoteClose(vc, st == null ? Status.SUCCESS : status(s, st)));
            }
            case "remote-drop-party":
                return Outcome.of(net.remoteDropParty(ref(s, a.pos(0, "party"), PartyHandle.class)));
            case "remote-qos": {
                VcHandle vc = ref(s, a.pos(0, "VC"), VcHandle.class);
                long sdu = a.has("sdu") ? number(s, a.opt("sdu")) : 1500;
                String tx = a.opt("tx");
                String rx = a.opt("rx");
                if (tx == null || rx == null) {
                    throw new ScriptFailure(s, "remote-qos needs tx= and rx=");
                }
                return Outcome.of(net.remoteQosChange(vc, flow(s, tx, sdu), flow(s, rx, sdu)));
            }
            case "status": {
                String host = a.pos(0, "host");
                Status code = status(s, a.pos(1, "status code"));
                return Outcome.of(net.indicateStatus(host, ref(s, a.opt("vc"), VcHandle.class),
                        new StatusIndication(code, data(s, a))));
            }
            case "halt":
                return Outcome.of(net.haltHost(a.pos(0, "host")));
            default:
                return null;
        }
    }

    /** Policy 1's test for a step headed {@code head}: see {@link ScriptNetwork#concurrentHosts}. */
    private boolean unconsumedBefore(String head) {
        return concurrentHosts ? firstInto(head) != null : !queue.isEmpty();
    }

    // ------------------------------------------------------------------------------------------ expect

    private void expect(Step s, List<String> t) {
        if (t.isEmpty()) {
            throw new ScriptFailure(s, "expect what?");
        }
        switch (t.get(0)) {
            case "quiescent": {
                RuntimeSnapshot snap = ndis.snapshot();
                if (!queue.isEmpty()) {
                    throw new ScriptFailure(s, "expected quiescence, but callbacks are unconsumed: " + pending(8));
                }
                if (!snap.isQuiescent()) {
                    throw new ScriptFailure(s, "expected quiescence (no AF, SAP, VC, party, pending request, "
                            + "packet), got " + snap);
                }
                return;
            }
            case "nothing", "idle":
                IdleExpectations.check(s, t.get(0), queue, () -> pending(8), ndis);
                return;
            case "snapshot":
                expectSnapshot(s, t.subList(1, t.size()));
                return;
            case "capacity":
                expectCapacity(s, t.subList(1, t.size()));
                return;
            default:
                break;
        }
        String wanted = String.join(" ", t);
        if (queue.isEmpty() && autoRun && !realTime && ndis.snapshot().tasks() > 0) {
            ndis.runUntilIdle();
            rethrowReactionFailure();
        }
        Callback c = candidate(t);
        String none = queue.isEmpty() ? "no callback" : "no callback into " + t.get(0) + " (others: " + pending(4)
                + ")";
        if (c == null && realTime && drained) {
            throw new ScriptFailure(s, "expected " + wanted + ", but " + none + " arrived: timed out after "
                    + TimeUnit.NANOSECONDS.toMillis(timeoutNs) + " ms (pending: " + inFlight() + ")");
        }
        if (c == null) {
            int tasks = ndis.snapshot().tasks() + heldBackCount();
            throw new ScriptFailure(s, "expected " + wanted + ", but " + none + " is pending"
                    + (tasks > 0 ? " (" + tasks + " deferred task(s) are queued: is a 'run' missing?)" : ""));
        }
        Map<String, Object> captures = new HashMap<>();
        String why = match(s, t, c, captures, true);
        if (why != null) {
            throw new ScriptFailure(s, "expected " + wanted + ", got " + render(c) + ": " + why);
        }
        queue.remove(c);
        captures.forEach(this::bind);
    }

    /**
     * Matches {@code DRIVER HANDLER [STATUS] [key=value...] [~text]} (or {@code violation RULE [by=DRIVER]
     * [~text]}, {@code handler-error [by=DRIVER] [~text]}) against {@code c}.
     *
     * @return null on a match (captures filled), else why not
     */
    private String match(Step s, List<String> t, Callback c, Map<String, Object> captures, boolean strict) {
        int i;
        if (t.get(0).equals(Callback.VIOLATION) || t.get(0).equals(Callback.HANDLER_ERROR)) {
            return Callback.matchProblem(s, t, c);
        }
        if (t.size() < 2) {
            throw new ScriptFailure(s, "write 'expect DRIVER HANDLER [STATUS] [key=value...]'");
        }
        if (!drivers.containsKey(t.get(0))) {
            throw new ScriptFailure(s, "unknown driver '" + t.get(0) + "'");
        }
        if (c.handler.equals(Callback.VIOLATION) || c.handler.equals(Callback.HANDLER_ERROR)) {
            return "the runtime reported a " + c.handler + " instead (expect it with 'expect " + c.handler
                    + "...')";
        }
        if (!t.get(0).equals(c.driver)) {
            return "a callback into " + c.driver + ", not " + t.get(0);
        }
        if (!t.get(1).equals(c.handler)) {
            return "the handler is " + c.handler + ", not " + t.get(1);
        }
        boolean statusGiven = false;
        for (i = 2; i < t.size(); i++) {
            String tok = t.get(i);
            int eq = tok.indexOf('=');
            if (tok.startsWith("~")) {
                Status st = c.status();
                if (st == null || st.description() == null || !st.description().contains(tok.substring(1))) {
                    return "its status description does not contain \"" + tok.substring(1) + "\"";
                }
            } else if (eq <= 0) {
                if (statusGiven) {
                    throw new ScriptFailure(s, "unexpected '" + tok + "' (only one positional status)");
                }
                statusGiven = true;
                if (c.statusKey == null) {
                    throw new ScriptFailure(s, c.handler + " carries no status; use key=value");
                }
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
        if (strict && c.statusKey != null && !statusGiven) {
            throw new ScriptFailure(s, c.handler + " carries a status (" + c.statusKey + "="
                    + show(c.status()) + "); state it after the handler name");
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
            return ((Status) actual).equals(status(s, tok)) ? null : "expected " + tok + ", got " + show(actual);
        }
        if (actual instanceof Boolean) {
            return actual.equals(bool(s, tok)) ? null : "expected " + tok + ", got " + show(actual);
        }
        if (actual instanceof Long) {
            return actual.equals(number(s, tok)) ? null : "expected " + tok + ", got " + actual;
        }
        if (actual instanceof String) {
            Object named = names.get(tok);
            String want = named instanceof String ? (String) named : tok;
            return actual.equals(want) ? null : "expected " + want + ", got " + show(actual);
        }
        Object bound = names.containsKey(tok) ? names.get(tok) : captures.get(tok);
        if (bound != null) {
            return bound.equals(actual) ? null : "expected " + tok + " = " + show(bound) + ", got " + show(actual);
        }
        if (actual == null) {
            return "expected " + tok + ", got -";
        }
        checkFreshName(s, tok, actual);
        captures.put(tok, actual);
        return null;
    }

    private void expectSnapshot(Step s, List<String> t) {
        RuntimeSnapshot snap = ndis.snapshot();
        for (String tok : t) {
            int eq = tok.indexOf('=');
            if (eq <= 0) {
                throw new ScriptFailure(s, "write 'expect snapshot field=value...'");
            }
            String field = tok.substring(0, eq);
            Object actual = null;
            for (RecordComponent rc : RuntimeSnapshot.class.getRecordComponents()) {
                if (rc.getName().equals(field)) {
                    try {
                        actual = rc.getAccessor().invoke(snap);
                    } catch (ReflectiveOperationException e) {
                        throw new ScriptFailure(s, "cannot read " + field + ": " + e);
                    }
                }
            }
            if (actual == null) {
                throw new ScriptFailure(s, "the snapshot has no field '" + field + "'");
            }
            if (((Number) actual).longValue() != number(s, tok.substring(eq + 1))) {
                throw new ScriptFailure(s, "expected " + tok + ", got " + field + "=" + actual + " in " + snap);
            }
        }
    }

    private void expectCapacity(Step s, List<String> t) {
        if (!networkUsed || t.isEmpty()) {
            throw new ScriptFailure(s, "write 'expect capacity HOST [up=N] [down=N]' after declaring hosts");
        }
        Args a = new Args(s, t.subList(1, t.size()));
        String host = t.get(0);
        String up = a.opt("up");
        String down = a.opt("down");
        a.checkAllUsed();
        if (up != null && net.uplinkFreeBps(host) != number(s, up)) {
            throw new ScriptFailure(s, "expected " + host + " up=" + up + " free, got " + net.uplinkFreeBps(host));
        }
        if (down != null && net.downlinkFreeBps(host) != number(s, down)) {
            throw new ScriptFailure(s, "expected " + host + " down=" + down + " free, got "
                    + net.downlinkFreeBps(host));
        }
    }
}
