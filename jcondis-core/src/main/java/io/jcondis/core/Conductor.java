package io.jcondis.core;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.AddressFamily;
import io.jcondis.api.AfHandle;
import io.jcondis.api.BindingHandle;
import io.jcondis.api.CallParameters;
import io.jcondis.api.OidRequest;
import io.jcondis.api.Packet;
import io.jcondis.api.PartyHandle;
import io.jcondis.api.Result;
import io.jcondis.api.Sap;
import io.jcondis.api.SapHandle;
import io.jcondis.api.Status;
import io.jcondis.api.StatusIndication;
import io.jcondis.api.VcHandle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The broker's state and every rule. All state is mutated only while {@link #lock} is held (see
 * docs/architecture.md): proxies take it on entry, and handlers are called with it held, so a handler that
 * calls back in re-enters on the same thread exactly as an NDIS driver does.
 *
 * <p>Conventions: a method named after a request validates handles ({@code INVALID_HANDLE}), then state (the
 * rule's status), then calls the peer's handler. A pendable request sets its "pending" flag <em>before</em>
 * calling the handler, so that a completion arriving inside the handler (R34) finds it. An illegal completion
 * is refused and reported and changes nothing; an illegal synchronous answer is reported and replaced by
 * FAILURE.
 */
final class Conductor {
    final ReentrantLock lock = new ReentrantLock();
    /**
     * Work posted or scheduled by any thread (numbered when posted), moved into {@link #tasks} by the next locked
     * look at the tasks. Posting never takes {@link #lock}: an I/O thread handing an event to the control plane
     * must not wait for whoever holds it (a script thread that waits on that I/O thread would otherwise deadlock
     * with it).
     */
    private final ConcurrentLinkedQueue<Task> inbox = new ConcurrentLinkedQueue<>();
    /** The thread parked in {@link #awaitWork} (DEDICATED mode), unparked by every post. */
    private volatile Thread waiter;
    private final NanoClock clock;
    private final ErrorHandler errors;
    private final List<TraceListener> tracers = new ArrayList<>();
    private final Map<Long, Object> objects = new HashMap<>();
    private final List<Driver> drivers = new ArrayList<>();
    private final List<Adapter> adapters = new ArrayList<>();
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private final Map<OidRequest, PendingOid> pendingOids = new IdentityHashMap<>();
    private final Map<String, Vc> tapiCallIds = new HashMap<>();
    private long nextId = 1;
    /** Submission order, taken when a task is posted: ties of deadline run in it. */
    private final AtomicLong taskSeq = new AtomicLong();
    private long traceSeq;
    private long violations;
    private long handlerErrors;

    private record Task(long deadlineNs, long seq, Runnable work) implements Comparable<Task> {
        @Override
        public int compareTo(Task o) {
            int c = Long.compare(deadlineNs, o.deadlineNs);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private record PendingOid(Driver requester, Driver target, boolean toMiniport, AfHandle af, VcHandle vc,
                              PartyHandle party, AdapterHandle adapter) {
    }

    Conductor(NanoClock clock, ErrorHandler errors) {
        this.clock = clock;
        this.errors = errors;
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    <T> T locked(Supplier<T> op) {
        lock.lock();
        try {
            return op.get();
        } finally {
            lock.unlock();
        }
    }

    void lockedRun(Runnable op) {
        lock.lock();
        try {
            op.run();
        } finally {
            lock.unlock();
        }
    }

    void addTracer(TraceListener t) {
        lockedRun(() -> tracers.add(t));
    }

    private long newId() {
        return nextId++;
    }

    /** True when a trace listener is installed; details are only formatted then. */
    boolean tracing() {
        return !tracers.isEmpty();
    }

    void trace(String direction, Driver d, String op, Supplier<String> detail, Object result) {
        if (tracers.isEmpty()) {
            return;
        }
        String answer = result instanceof Result
                ? ((Result<?>) result).status() + " " + ((Result<?>) result).value()
                : result == null ? null : String.valueOf(result);
        TraceEvent e = new TraceEvent(++traceSeq, clock.nanoTime(), direction, d.name, op, detail.get(), answer);
        for (TraceListener t : tracers) {
            try {
                t.onTrace(e);
            } catch (RuntimeException ex) {
                errors.onHandlerException("trace", "onTrace", ex);
            }
        }
    }

    /** Calls a handler that answers with a status; an exception becomes FAILURE (reported). */
    private Status call(Driver d, String op, Supplier<String> detail, Supplier<Status> handler) {
        Status s;
        try {
            s = handler.get();
            if (s == null) {
                violation(d, "G5", op + " returned null; FAILURE used");
                s = Status.FAILURE;
            }
        } catch (RuntimeException | AssertionError ex) {
            handlerErrors++;
            errors.onHandlerException(d.name, op, ex);
            s = Status.FAILURE.withDescription(op + " threw " + ex);
        }
        trace("CALLBACK", d, op, detail, s);
        return s;
    }

    /** Calls a void handler; an exception is reported and swallowed. */
    private void notify(Driver d, String op, Supplier<String> detail, Runnable handler) {
        trace("CALLBACK", d, op, detail, null);
        try {
            handler.run();
        } catch (RuntimeException | AssertionError ex) {
            handlerErrors++;
            errors.onHandlerException(d.name, op, ex);
        }
    }

    private boolean callBool(Driver d, String op, Supplier<String> detail, Supplier<Boolean> handler) {
        trace("CALLBACK", d, op, detail, null);
        try {
            return handler.get();
        } catch (RuntimeException | AssertionError ex) {
            handlerErrors++;
            errors.onHandlerException(d.name, op, ex);
            return false;
        }
    }

    private Status violation(Driver d, String rule, String message) {
        violations++;
        errors.onContractViolation(d.name, rule, message);
        return Status.FAILURE.withDescription(rule + ": " + message);
    }

    private static Status invalid(Object h, String why) {
        return Status.INVALID_HANDLE.withDescription(h + " " + why);
    }

    private static String s(Object o) {
        return String.valueOf(o);
    }

    // ----------------------------------------------------------------------------------------- deferred work

    void post(Runnable r) {
        schedule(0, r);
    }

    /**
     * Queues {@code r} to run on the control plane after {@code delayNs}. Safe from any thread and never blocks:
     * the task goes to the lock-free inbox and the dedicated conductor thread, if any, is woken.
     */
    void schedule(long delayNs, Runnable r) {
        inbox.add(new Task(clock.nanoTime() + Math.max(0, delayNs), taskSeq.getAndIncrement(), r));
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /** Moves the inbox into the task queue (each task carries its submission order); call with the lock held. */
    private void drainInbox() {
        Task t;
        while ((t = inbox.poll()) != null) {
            tasks.add(t);
        }
    }

    long nanoTime() {
        return clock.nanoTime();
    }

    /** Runs every task due now, including ones they post; returns how many ran. */
    int doWork() {
        int n = 0;
        while (true) {
            Task t;
            lock.lock();
            try {
                drainInbox();
                t = tasks.peek();
                if (t == null || t.deadlineNs > clock.nanoTime()) {
                    return n;
                }
                tasks.poll();
                try {
                    t.work.run();
                } catch (RuntimeException | AssertionError ex) {
                    handlerErrors++;
                    errors.onHandlerException("task", "run", ex);
                }
            } finally {
                lock.unlock();
            }
            if (++n > 10_000_000) {
                throw new IllegalStateException("doWork: more than 10,000,000 tasks in one pass (a task loop?)");
            }
        }
    }

    /** Deferred tasks whose deadline has come and that have not run yet; read under the lock, so never mid-task. */
    int dueTasks() {
        return locked(() -> {
            drainInbox();
            long now = clock.nanoTime();
            int n = 0;
            for (Task t : tasks) {
                n += t.deadlineNs <= now ? 1 : 0;
            }
            return n;
        });
    }

    /** Moves a manual clock through every due deadline up to {@code now + deltaNs}, running tasks in order. */
    int advance(ManualClock manual, long deltaNs) {
        long target = manual.nanoTime() + deltaNs;
        int n = doWork();
        while (true) {
            Long next = locked(() -> {
                drainInbox();
                return tasks.isEmpty() ? null : tasks.peek().deadlineNs;
            });
            if (next == null || next > target) {
                break;
            }
            manual.set(Math.max(next, manual.nanoTime()));
            n += doWork();
        }
        manual.set(target);
        return n + doWork();
    }

    /**
     * Dedicated-mode wait: until a task is due, something is posted, or {@code maxWaitNs} passed. Parks outside the
     * lock; a post between the look and the park leaves a permit, so the park returns at once.
     */
    void awaitWork(long maxWaitNs) throws InterruptedException {
        waiter = Thread.currentThread();
        long wait = locked(() -> {
            drainInbox();
            Task t = tasks.peek();
            return t == null ? maxWaitNs : Math.min(maxWaitNs, t.deadlineNs - clock.nanoTime());
        });
        if (wait > 0 && inbox.isEmpty()) {
            LockSupport.parkNanos(this, wait);
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    void wakeUp() {
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    // ------------------------------------------------------------------------------------------ registration

    Driver register(String name, Driver.Kind kind, io.jcondis.api.client.ClientHandlers client,
                    io.jcondis.api.callmanager.CallManagerHandlers cm,
                    io.jcondis.api.miniport.MiniportHandlers miniport) {
        return locked(() -> {
            Driver d = new Driver(name, kind, client, cm, miniport);
            drivers.add(d);
            if (d.isProtocol()) {
                for (Adapter a : new ArrayList<>(adapters)) {
                    if (a.state == AdapterState.RUNNING) {
                        bind(d, a);
                    }
                }
            }
            return d;
        });
    }

    private void bind(Driver protocol, Adapter a) {
        BindingHandle h = new BindingHandle(newId());
        Binding b = new Binding(h, protocol, a);
        objects.put(h.id(), b);
        protocol.bindings.add(b);
        a.bindings.add(b);
        String detail = h + ", " + a.name;
        Status st = protocol.kind == Driver.Kind.CLIENT
                ? call(protocol, "onBindAdapter", () -> detail, () -> protocol.client.onBindAdapter(h, a.name))
                : call(protocol, "onBindAdapter", () -> detail, () -> protocol.cm.onBindAdapter(h, a.name));
        if (!st.isSuccess()) {
            unlinkBinding(b);
            return;
        }
        if (protocol.kind == Driver.Kind.CLIENT) {
            // A1/A2: clients that bind later still learn of every AF already registered on the adapter.
            for (AfRegistration r : new ArrayList<>(a.afs.values())) {
                notify(protocol, "onAfRegisterNotify", () -> h + ", " + r.af,
                        () -> protocol.client.onAfRegisterNotify(h,
                        r.af));
            }
        }
    }

    private void unlinkBinding(Binding b) {
        objects.remove(b.handle.id());
        b.protocol.bindings.remove(b);
        b.adapter.bindings.remove(b);
    }

    Result<AdapterHandle> startAdapter(Driver d, String name) {
        if (name == null || name.isBlank()) {
            return Result.failed(Status.INVALID_PARAMETER.withDescription("adapter name is empty"));
        }
        for (Adapter a : adapters) {
            if (a.name.equals(name)) {
                return Result.failed(Status.FAILURE.withDescription("adapter " + name + " already exists"));
            }
        }
        AdapterHandle h = new AdapterHandle(newId());
        Adapter a = new Adapter(h, d, name);
        objects.put(h.id(), a);
        adapters.add(a);
        d.adapters.add(a);
        Status st = call(d, "onInitialize", () -> h + ", " + name, () -> d.miniport.onInitialize(h));
        if (!st.isSuccess()) {
            a.moveTo(AdapterState.HALTED);
            objects.remove(h.id());
            adapters.remove(a);
            d.adapters.remove(a);
            return Result.failed(st.isPending() ? violation(d, "R10", "onInitialize may not pend") : st);
        }
        a.moveTo(AdapterState.RUNNING);
        // Call managers first so that their AFs exist when clients bind; clients bound later are told anyway.
        for (Driver p : new ArrayList<>(drivers)) {
            if (p.kind == Driver.Kind.CALL_MANAGER) {
                bind(p, a);
            }
        }
        for (Driver p : new ArrayList<>(drivers)) {
            if (p.kind == Driver.Kind.CLIENT) {
                bind(p, a);
            }
        }
        return new Result<>(Status.SUCCESS, h);
    }

    Status haltAdapter(Driver d, AdapterHandle h) {
        Adapter a = adapterOf(d, h);
        if (a == null) {
            return invalid(h, "is not an adapter of " + d.name);
        }
        if (a.state != AdapterState.RUNNING) {
            return Status.CLOSING.withDescription(a.name + " is already halting");
        }
        a.moveTo(AdapterState.HALTING);
        notify(d, "onHalt", () -> s(h), () -> d.miniport.onHalt(h));
        for (Binding b : new ArrayList<>(a.bindings)) {
            if (b.protocol.kind == Driver.Kind.CALL_MANAGER) {
                // A5: a stand-alone CM asks its clients to close from its unbind handler.
                notify(b.protocol, "onUnbindAdapter", () -> s(b.handle), () -> b.protocol.cm.onUnbindAdapter(b.handle));
            }
        }
        // The halt may already have finished inside onHalt/onUnbindAdapter (every AF closed synchronously there).
        return a.state == AdapterState.HALTED || finishHaltIfDrained(a) ? Status.SUCCESS : Status.PENDING;
    }

    private boolean finishHaltIfDrained(Adapter a) {
        if (a.state != AdapterState.HALTING) {
            return false;
        }
        for (AfRegistration r : a.afs.values()) {
            if (!r.opens.isEmpty()) {
                return false;
            }
        }
        if (!a.vcs.isEmpty()) {
            return false;
        }
        for (Binding b : new ArrayList<>(a.bindings)) {
            if (b.protocol.kind == Driver.Kind.CLIENT) {
                notify(b.protocol, "onUnbindAdapter", () -> s(b.handle),
                        () -> b.protocol.client.onUnbindAdapter(b.handle));
            }
            unlinkBinding(b);
        }
        a.afs.clear();
        a.moveTo(AdapterState.HALTED);
        objects.remove(a.handle.id());
        adapters.remove(a);
        a.driver.adapters.remove(a);
        trace("CALLBACK", a.driver, "adapterHalted", () -> a.name, null);
        return true;
    }

    // ------------------------------------------------------------------------------------ typed lookups

    private <T> T lookup(Object h, Class<T> type) {
        if (h == null) {
            return null;
        }
        Object o = objects.get(((io.jcondis.api.Handle) h).id());
        return type.isInstance(o) ? type.cast(o) : null;
    }

    private Adapter adapterOf(Driver d, AdapterHandle h) {
        Adapter a = lookup(h, Adapter.class);
        return a != null && a.driver == d ? a : null;
    }

    private Binding bindingOf(Driver d, BindingHandle h) {
        Binding b = lookup(h, Binding.class);
        return b != null && b.protocol == d ? b : null;
    }

    /** An AF as its client sees it: unknown, foreign and closed-for-the-client handles are all null. */
    private AfOpen clientAf(Driver d, AfHandle h) {
        AfOpen af = lookup(h, AfOpen.class);
        return af != null && af.client == d ? af : null;
    }

    private AfOpen cmAf(Driver d, AfHandle h) {
        AfOpen af = lookup(h, AfOpen.class);
        return af != null && af.reg.cm == d ? af : null;
    }

    private Vc clientVc(Driver d, VcHandle h) {
        Vc vc = lookup(h, Vc.class);
        return vc != null && vc.af.client == d && !vc.detachedFromClient ? vc : null;
    }

    private Vc cmVc(Driver d, VcHandle h) {
        Vc vc = lookup(h, Vc.class);
        return vc != null && vc.af.reg.cm == d ? vc : null;
    }

    private Vc miniportVc(Driver d, VcHandle h) {
        Vc vc = lookup(h, Vc.class);
        return vc != null && vc.adapter.driver == d ? vc : null;
    }

    private Party clientParty(Driver d, PartyHandle h) {
        Party p = lookup(h, Party.class);
        return p != null && p.vc.af.client == d && !p.vc.detachedFromClient ? p : null;
    }

    private Party cmParty(Driver d, PartyHandle h) {
        Party p = lookup(h, Party.class);
        return p != null && p.vc.af.reg.cm == d ? p : null;
    }

    /** The miniport half that carries a VC's data: the MCM itself, or the adapter's miniport. */
    private static Driver miniportOf(Vc vc) {
        return vc.adapter.driver;
    }

    // ------------------------------------------------------------------------------------ A1/A2: register AF

    Status registerAfStandalone(Driver cm, BindingHandle bh, AddressFamily af) {
        Binding b = bindingOf(cm, bh);
        if (b == null) {
            return invalid(bh, "is not a binding of " + cm.name);
        }
        return registerAf(cm, b.adapter, b, af);
    }

    Status registerAfMcm(Driver mcm, AdapterHandle ah, AddressFamily af) {
        Adapter a = adapterOf(mcm, ah);
        if (a == null) {
            return invalid(ah, "is not an adapter of " + mcm.name);
        }
        return registerAf(mcm, a, null, af);
    }

    private Status registerAf(Driver cm, Adapter a, Binding cmBinding, AddressFamily af) {
        if (af == null) {
            return Status.INVALID_PARAMETER.withDescription("address family is null");
        }
        if (a.state == AdapterState.HALTING || a.state == AdapterState.HALTED) {
            return Status.FAILURE.withDescription("adapter " + a.name + " is closing");
        }
        if (a.afs.containsKey(af.type())) {
            return Status.FAILURE.withDescription("R9: AF type 0x" + Integer.toHexString(af.type())
                    + " is already registered on " + a.name + " by " + a.afs.get(af.type()).cm.name);
        }
        AfRegistration r = new AfRegistration(af, cm, a, cmBinding);
        a.afs.put(af.type(), r);
        if (a.state == AdapterState.RUNNING) {
            for (Binding b : new ArrayList<>(a.bindings)) {
                if (b.protocol.kind == Driver.Kind.CLIENT) {
                    notify(b.protocol, "onAfRegisterNotify", () -> b.handle + ", " + af,
                            () -> b.protocol.client.onAfRegisterNotify(b.handle, af));
                }
            }
        }
        return Status.SUCCESS;
    }

    // ------------------------------------------------------------------------------------ A3: open AF

    Result<AfHandle> openAf(Driver client, BindingHandle bh, AddressFamily family) {
        Binding b = bindingOf(client, bh);
        if (b == null) {
            return Result.failed(invalid(bh, "is not a binding of " + client.name));
        }
        if (family == null) {
            return Result.failed(Status.INVALID_PARAMETER.withDescription("address family is null"));
        }
        if (b.adapter.state != AdapterState.RUNNING) {
            return Result.failed(Status.FAILURE.withDescription("adapter " + b.adapter.name + " is closing"));
        }
        AfRegistration r = b.adapter.afs.get(family.type());
        if (r == null) {
            return Result.failed(Status.FAILURE.withDescription("A3: " + family + " is not registered on "
                    + b.adapter.name));
        }
        AfHandle h = new AfHandle(newId());
        AfOpen af = new AfOpen(h, client, b, r);
        objects.put(h.id(), af);
        r.opens.add(af);
        af.openPending = true;
        BindingHandle cmb = r.cmBinding == null ? null : r.cmBinding.handle;
        Status st = call(r.cm, "onOpenAf", () -> h + ", " + r.af + ", " + r.adapter.name,
                () -> r.cm.cm.onOpenAf(h, r.af, cmb, r.adapter.handle));
        if (st.isPending()) {
            return new Result<>(Status.PENDING, h);
        }
        if (!af.openPending) {
            violation(r.cm, "A3", "openAddressFamilyComplete called and onOpenAf returned " + st);
            return new Result<>(af.state == AfState.OPEN ? Status.SUCCESS : st, af.state == AfState.OPEN ? h : null);
        }
        af.openPending = false;
        finishOpen(af, st);
        return st.isSuccess() ? new Result<>(Status.SUCCESS, h) : Result.failed(st);
    }

    private void finishOpen(AfOpen af, Status st) {
        if (st.isSuccess()) {
            af.moveTo(AfState.OPEN);
        } else {
            af.moveTo(AfState.CLOSED);
            removeAf(af);
        }
    }

    void openAfComplete(Driver cm, Status st, AfHandle h) {
        AfOpen af = cmAf(cm, h);
        if (af == null || !af.openPending) {
            violation(cm, "A3", "openAddressFamilyComplete(" + h + ") with no open pending");
            return;
        }
        if (st == null || st.isPending()) {
            violation(cm, "A3", "a completion never carries PENDING");
            return;
        }
        af.openPending = false;
        finishOpen(af, st);
        notify(af.client, "onOpenAfComplete", () -> st + ", " + h, () -> af.client.client.onOpenAfComplete(st, h));
    }

    private void removeAf(AfOpen af) {
        objects.remove(af.handle.id());
        af.reg.opens.remove(af);
        finishHaltIfDrained(af.reg.adapter);
    }

    // ------------------------------------------------------------------------------------ A4: close AF

    Status closeAf(Driver client, AfHandle h) {
        AfOpen af = clientAf(client, h);
        if (af == null) {
            return invalid(h, "is not an open AF of " + client.name);
        }
        switch (af.state) {
            case OPENING:
                return Status.FAILURE.withDescription("A4: the open of " + h + " is still pending");
            case CLOSING:
            case CLOSED:
                return Status.FAILURE.withDescription("R4: " + h + " is already closing");
            case OPEN:
            case CLOSE_NOTIFIED:
            default:
                break;
        }
        if (!af.saps.isEmpty() || !af.vcs.isEmpty()) {
            return Status.FAILURE.withDescription("R4/R6: " + h + " still has " + af.saps.size() + " SAP(s) and "
                    + af.vcs.size() + " VC(s)");
        }
        boolean wasNotified = af.state == AfState.CLOSE_NOTIFIED;
        af.moveTo(AfState.CLOSING);
        af.closePending = true;
        Driver cm = af.reg.cm;
        Status st = call(cm, "onCloseAf", () -> s(h), () -> cm.cm.onCloseAf(h));
        if (st.isPending()) {
            return Status.PENDING;
        }
        if (!af.closePending) {
            violation(cm, "A4", "closeAddressFamilyComplete called and onCloseAf returned " + st);
            return st;
        }
        af.closePending = false;
        finishClose(af, st, wasNotified);
        return st;
    }

    private void finishClose(AfOpen af, Status st, boolean wasNotified) {
        if (st.isSuccess()) {
            af.moveTo(AfState.CLOSED);
            if (!af.notifyPendingInClient) {
                removeAf(af);
            }
        } else {
            af.moveTo(wasNotified ? AfState.CLOSE_NOTIFIED : AfState.OPEN);
        }
    }

    void closeAfComplete(Driver cm, Status st, AfHandle h) {
        AfOpen af = cmAf(cm, h);
        if (af == null || !af.closePending) {
            violation(cm, "A4", "closeAddressFamilyComplete(" + h + ") with no close pending");
            return;
        }
        if (st == null || st.isPending()) {
            violation(cm, "A4", "a completion never carries PENDING");
            return;
        }
        af.closePending = false;
        finishClose(af, st, af.notifyReturnedPending || af.notifyPendingInClient);
        notify(af.client, "onCloseAfComplete", () -> st + ", " + h, () -> af.client.client.onCloseAfComplete(st, h));
    }

    // ------------------------------------------------------------------------------------ A5: notify close

    Status notifyCloseAf(Driver cm, AfHandle h) {
        AfOpen af = cmAf(cm, h);
        if (af == null) {
            return invalid(h, "is not an AF of " + cm.name);
        }
        if (af.state != AfState.OPEN) {
            return Status.FAILURE.withDescription("A5: " + h + " is " + af.state);
        }
        af.moveTo(AfState.CLOSE_NOTIFIED);
        af.notifyPendingInClient = true;
        Status st = call(af.client, "onNotifyCloseAf", () -> s(h), () -> af.client.client.onNotifyCloseAf(h));
        if (st.isPending()) {
            // Unless the client already completed it inside its handler (then the AF may even be gone).
            af.notifyReturnedPending = af.notifyPendingInClient;
            return Status.PENDING;
        }
        if (!af.notifyPendingInClient) {
            violation(af.client, "A5", "notifyCloseAddressFamilyComplete called and onNotifyCloseAf returned " + st);
            return st;
        }
        af.notifyPendingInClient = false;
        if (af.state == AfState.CLOSED) {
            removeAf(af);
        }
        return st;
    }

    void notifyCloseAfComplete(Driver client, AfHandle h, Status st) {
        AfOpen af = lookup(h, AfOpen.class);
        // notifyPendingInClient is set from the notify until the answer: a completion inside the handler counts.
        if (af == null || af.client != client || !af.notifyPendingInClient) {
            violation(client, "A5", "notifyCloseAddressFamilyComplete(" + h + ") with no notify-close pending");
            return;
        }
        af.notifyPendingInClient = false;
        af.notifyReturnedPending = false;
        Status result = st == null ? Status.FAILURE : st;
        Driver cm = af.reg.cm;
        notify(cm, "onNotifyCloseAfComplete", () -> h + ", " + result, () -> cm.cm.onNotifyCloseAfComplete(h, result));
        if (af.state == AfState.CLOSED) {
            removeAf(af);
        }
    }

    // ------------------------------------------------------------------------------------ B1/B2: SAPs

    Result<SapHandle> registerSap(Driver client, AfHandle ah, Sap sap) {
        AfOpen af = clientAf(client, ah);
        if (af == null || !af.usable()) {
            return Result.failed(invalid(ah, "is not an open AF of " + client.name));
        }
        if (sap == null) {
            return Result.failed(Status.INVALID_PARAMETER.withDescription("SAP is null"));
        }
        SapHandle h = new SapHandle(newId());
        SapEntry e = new SapEntry(h, af, sap);
        objects.put(h.id(), e);
        af.saps.add(e);
        e.registerPending = true;
        Driver cm = af.reg.cm;
        Status st = call(cm, "onRegisterSap", () -> ah + ", " + h + ", " + sap, () -> cm.cm.onRegisterSap(ah, h, sap));
        if (st.isPending()) {
            return new Result<>(Status.PENDING, h);
        }
        if (!e.registerPending) {
            violation(cm, "B1", "registerSapComplete called and onRegisterSap returned " + st);
            return e.state == SapState.REGISTERED ? new Result<>(Status.SUCCESS, h) : Result.failed(st);
        }
        e.registerPending = false;
        finishRegisterSap(e, st);
        return st.isSuccess() ? new Result<>(Status.SUCCESS, h) : Result.failed(st);
    }

    private void finishRegisterSap(SapEntry e, Status st) {
        if (st.isSuccess()) {
            e.moveTo(SapState.REGISTERED);
        } else {
            removeSap(e);
        }
    }

    private void removeSap(SapEntry e) {
        e.moveTo(SapState.GONE);
        objects.remove(e.handle.id());
        e.af.saps.remove(e);
    }

    void registerSapComplete(Driver cm, Status st, SapHandle h) {
        SapEntry e = lookup(h, SapEntry.class);
        if (e == null || e.af.reg.cm != cm || !e.registerPending) {
            violation(cm, "B1", "registerSapComplete(" + h + ") with no registration pending");
            return;
        }
        if (st == null || st.isPending()) {
            violation(cm, "B1", "a completion never carries PENDING");
            return;
        }
        e.registerPending = false;
        finishRegisterSap(e, st);
        Driver c = e.af.client;
        notify(c, "onRegisterSapComplete", () -> st + ", " + h + ", " + e.sap,
                () -> c.client.onRegisterSapComplete(st, h, e.sap));
    }

    Status deregisterSap(Driver client, SapHandle h) {
        SapEntry e = lookup(h, SapEntry.class);
        if (e == null || e.af.client != client) {
            return invalid(h, "is not a SAP of " + client.name);
        }
        if (e.state == SapState.DEREGISTERING) {
            return Status.FAILURE.withDescription("R3: " + h + " is already being deregistered");
        }
        if (e.state == SapState.REGISTERING) {
            return Status.FAILURE.withDescription("B2: the registration of " + h + " is still pending");
        }
        e.moveTo(SapState.DEREGISTERING);
        e.deregisterPending = true;
        Driver cm = e.af.reg.cm;
        Status st = call(cm, "onDeregisterSap", () -> s(h), () -> cm.cm.onDeregisterSap(h));
        if (st.isPending()) {
            return Status.PENDING;
        }
        if (e.deregisterPending) {
            e.deregisterPending = false;
            removeSap(e);
        } else {
            violation(cm, "B2", "deregisterSapComplete called and onDeregisterSap returned " + st);
        }
        return st;
    }

    void deregisterSapComplete(Driver cm, Status st, SapHandle h) {
        SapEntry e = lookup(h, SapEntry.class);
        if (e == null || e.af.reg.cm != cm || !e.deregisterPending) {
            violation(cm, "B2", "deregisterSapComplete(" + h + ") with no deregistration pending");
            return;
        }
        if (st == null || st.isPending()) {
            violation(cm, "B2", "a completion never carries PENDING");
            return;
        }
        e.deregisterPending = false;
        removeSap(e);
        Driver c = e.af.client;
        notify(c, "onDeregisterSapComplete", () -> st + ", " + h, () -> c.client.onDeregisterSapComplete(st, h));
    }

    // ------------------------------------------------------------------------------------ D: VCs

    Result<VcHandle> clientCreateVc(Driver client, AfHandle ah) {
        AfOpen af = clientAf(client, ah);
        if (af == null || !af.usable()) {
            return Result.failed(invalid(ah, "is not an open AF of " + client.name));
        }
        return createVc(af, true);
    }

    Result<VcHandle> cmCreateVc(Driver cm, AfHandle ah) {
        AfOpen af = cmAf(cm, ah);
        if (af == null) {
            return Result.failed(invalid(ah, "is not an AF of " + cm.name));
        }
        if (af.state != AfState.OPEN) {
            return Result.failed(Status.FAILURE.withDescription("D2: " + ah + " is " + af.state));
        }
        return createVc(af, false);
    }

    private Result<VcHandle> createVc(AfOpen af, boolean byClient) {
        VcHandle h = new VcHandle(newId());
        Vc vc = new Vc(h, af, af.reg.adapter, byClient);
        Driver peer = byClient ? af.reg.cm : af.client;
        String detail = af.handle + ", " + h;
        Status st = byClient
                ? call(peer, "onCreateVc", () -> detail, () -> peer.cm.onCreateVc(af.handle, h))
                : call(peer, "onCreateVc", () -> detail, () -> peer.client.onCreateVc(af.handle, h));
        if (st.isPending()) {
            // R10: a PENDING create makes the VC unusable; the runtime deletes it.
            Status v = violation(peer, "R10", "onCreateVc may not return PENDING; the VC is deleted");
            if (byClient) {
                call(peer, "onDeleteVc", () -> s(h), () -> peer.cm.onDeleteVc(h));
            } else {
                call(peer, "onDeleteVc", () -> s(h), () -> peer.client.onDeleteVc(h));
            }
            return Result.failed(v);
        }
        if (!st.isSuccess()) {
            return Result.failed(st);
        }
        if (!af.reg.adapter.isMcm()) {
            Driver mp = af.reg.adapter.driver;
            Status ms = call(mp, "onCreateVc", () -> af.reg.adapter.handle + ", " + h,
                    () -> mp.miniport.onCreateVc(af.reg.adapter.handle, h));
            if (!ms.isSuccess()) {
                Status answer = ms.isPending() ? violation(mp, "R10", "MiniportCoCreateVc may not pend") : ms;
                if (byClient) {
                    call(peer, "onDeleteVc", () -> s(h), () -> peer.cm.onDeleteVc(h));
                } else {
                    call(peer, "onDeleteVc", () -> s(h), () -> peer.client.onDeleteVc(h));
                }
                return Result.failed(answer);
            }
        }
        objects.put(h.id(), vc);
        af.vcs.add(vc);
        vc.adapter.vcs.add(vc);
        return new Result<>(Status.SUCCESS, h);
    }

    Status clientDeleteVc(Driver client, VcHandle h) {
        Vc vc = clientVc(client, h);
        if (vc == null) {
            return invalid(h, "is not a VC of " + client.name);
        }
        if (!vc.createdByClient) {
            return Status.NOT_ACCEPTED.withDescription("R12: only the creator (the call manager) deletes " + h);
        }
        return deleteVc(vc, true);
    }

    Status cmDeleteVc(Driver cm, VcHandle h) {
        Vc vc = cmVc(cm, h);
        if (vc == null) {
            return invalid(h, "is not a VC of " + cm.name);
        }
        if (vc.createdByClient) {
            return Status.NOT_ACCEPTED.withDescription("R12: only the creator (the client) deletes " + h);
        }
        return deleteVc(vc, false);
    }

    private Status deleteVc(Vc vc, boolean byClient) {
        if (vc.state == VcState.DEACTIVATING) {
            return Status.CLOSING.withDescription("R12: the deactivation of " + vc.handle + " is still pending");
        }
        if (vc.call == CallState.CLOSING) {
            return Status.CLOSING.withDescription("R12: the close of the call on " + vc.handle + " is pending");
        }
        if (vc.call != CallState.IDLE || vc.state != VcState.INACTIVE) {
            return Status.NOT_ACCEPTED.withDescription("R12: " + vc.handle + " has a call (" + vc.call + ") or is "
                    + vc.state);
        }
        Driver peer = byClient ? vc.af.reg.cm : vc.af.client;
        Status st = byClient ? call(peer, "onDeleteVc", () -> s(vc.handle), () -> peer.cm.onDeleteVc(vc.handle))
                : call(peer, "onDeleteVc", () -> s(vc.handle), () -> peer.client.onDeleteVc(vc.handle));
        if (st.isPending()) {
            violation(peer, "R10", "ProtocolCoDeleteVc may not pend; treated as SUCCESS");
        } else if (!st.isSuccess()) {
            return st;
        }
        if (!vc.adapter.isMcm()) {
            Driver mp = miniportOf(vc);
            Status ms = call(mp, "onDeleteVc", () -> s(vc.handle), () -> mp.miniport.onDeleteVc(vc.handle));
            if (!ms.isSuccess()) {
                violation(mp, "R10", "MiniportCoDeleteVc answered " + ms + "; the VC is deleted anyway");
            }
        }
        vc.moveTo(VcState.DELETED);
        objects.remove(vc.handle.id());
        vc.af.vcs.remove(vc);
        vc.adapter.vcs.remove(vc);
        if (vc.instanceName != null) {
            tapiCallIds.values().remove(vc);
        }
        tapiCallIds.values().remove(vc);
        finishHaltIfDrained(vc.adapter);
        return Status.SUCCESS;
    }

    Status activateVc(Driver cm, VcHandle h, CallParameters params) {
        Vc vc = cmVc(cm, h);
        if (vc == null) {
            return invalid(h, "is not a VC of " + cm.name);
        }
        Status bad = checkParams(params);
        if (bad != null) {
            return bad;
        }
        switch (vc.state) {
            case INACTIVE:
            case ACTIVE:
                break;
            case DEACTIVATING:
                return Status.CLOSING.withDescription("D4: " + h + " is deactivating");
            default:
                return Status.FAILURE.withDescription("D4: an activation of " + h + " is already pending");
        }
        boolean first = vc.state == VcState.INACTIVE;
        if (vc.adapter.isMcm()) {
            // D5: an MCM activates its own VCs; the runtime records the parameters in force.
            vc.moveTo(VcState.ACTIVE);
            vc.activeParams = params;
            return Status.SUCCESS;
        }
        vc.previousParams = vc.activeParams;
        vc.requestedParams = params;
        vc.moveTo(first ? VcState.ACTIVATING : VcState.REACTIVATING);
        vc.activatePending = true;
        Driver mp = miniportOf(vc);
        Status st = call(mp, "onActivateVc", () -> h + ", " + params.transmit(),
                () -> mp.miniport.onActivateVc(h, params));
        if (st.isPending()) {
            return Status.PENDING;
        }
        if (vc.activatePending) {
            vc.activatePending = false;
            finishActivate(vc, st, params);
        }
        return st;
    }

    private void finishActivate(Vc vc, Status st, CallParameters params) {
        if (st.isSuccess()) {
            vc.moveTo(VcState.ACTIVE);
            vc.activeParams = params;
        } else if (vc.state == VcState.REACTIVATING) {
            // R27: a failed re-activation leaves the VC usable with the previous parameters.
            vc.moveTo(VcState.ACTIVE);
            vc.activeParams = vc.previousParams;
        } else {
            vc.moveTo(VcState.INACTIVE);
            vc.activeParams = null;
        }
    }

    void activateVcComplete(Driver mp, Status st, VcHandle h, CallParameters params) {
        Vc vc = miniportVc(mp, h);
        if (vc == null || !vc.activatePending || st == null || st.isPending()) {
            violation(mp, "D4", "activateVcComplete(" + h + ") with no activation pending");
            return;
        }
        vc.activatePending = false;
        // A null means "as requested" (the miniport did not rewrite them, R30).
        CallParameters inForce = params == null ? vc.requestedParams : params;
        finishActivate(vc, st, inForce);
        Driver cm = vc.af.reg.cm;
        notify(cm, "onActivateVcComplete", () -> st + ", " + h, () -> cm.cm.onActivateVcComplete(st, h, inForce));
    }

    Status deactivateVc(Driver cm, VcHandle h) {
        Vc vc = cmVc(cm, h);
        if (vc == null) {
            return invalid(h, "is not a VC of " + cm.name);
        }
        if (vc.state == VcState.INACTIVE || vc.state == VcState.DEACTIVATING) {
            return Status.NOT_ACCEPTED.withDescription("R29: " + h + " is " + vc.state);
        }
        if (vc.state != VcState.ACTIVE) {
            return Status.FAILURE.withDescription("D6: an activation of " + h + " is pending");
        }
        vc.moveTo(VcState.DEACTIVATING);
        if (!vc.sendsInFlight.isEmpty() || !vc.receivesLent.isEmpty()) {
            vc.deactivateWaitingForDrain = true;
            return Status.PENDING;
        }
        return startDeactivate(vc, false);
    }

    /** R29: runs once sends and lent receives have drained. */
    private Status startDeactivate(Vc vc, boolean async) {
        if (vc.adapter.isMcm()) {
            vc.moveTo(VcState.INACTIVE);
            vc.activeParams = null;
            if (async) {
                Driver cm = vc.af.reg.cm;
                notify(cm, "onDeactivateVcComplete", () -> "SUCCESS, " + vc.handle,
                        () -> cm.cm.onDeactivateVcComplete(Status.SUCCESS, vc.handle));
            }
            return Status.SUCCESS;
        }
        vc.deactivatePending = true;
        Driver mp = miniportOf(vc);
        Status st = call(mp, "onDeactivateVc", () -> s(vc.handle), () -> mp.miniport.onDeactivateVc(vc.handle));
        if (st.isPending()) {
            return Status.PENDING;
        }
        if (vc.deactivatePending) {
            vc.deactivatePending = false;
            vc.moveTo(VcState.INACTIVE);
            vc.activeParams = null;
            if (async) {
                Driver cm = vc.af.reg.cm;
                notify(cm, "onDeactivateVcComplete", () -> st + ", " + vc.handle,
                        () -> cm.cm.onDeactivateVcComplete(st, vc.handle));
            }
        }
        return st;
    }

    void deactivateVcComplete(Driver mp, Status st, VcHandle h) {
        Vc vc = miniportVc(mp, h);
        if (vc == null || !vc.deactivatePending || st == null || st.isPending()) {
            violation(mp, "D6", "deactivateVcComplete(" + h + ") with no deactivation pending");
            return;
        }
        if (!vc.sendsInFlight.isEmpty()) {
            violation(mp, "R29", "deactivation of " + h + " completed with sends outstanding");
            return;
        }
        vc.deactivatePending = false;
        vc.moveTo(VcState.INACTIVE);
        vc.activeParams = null;
        Driver cm = vc.af.reg.cm;
        notify(cm, "onDeactivateVcComplete", () -> st + ", " + h, () -> cm.cm.onDeactivateVcComplete(st, h));
    }

    private void maybeFinishDrain(Vc vc) {
        if (vc.deactivateWaitingForDrain && vc.sendsInFlight.isEmpty() && vc.receivesLent.isEmpty()) {
            vc.deactivateWaitingForDrain = false;
            startDeactivate(vc, true);
        }
    }

    private static Status checkParams(CallParameters p) {
        if (p == null) {
            return Status.INVALID_PARAMETER.withDescription("call parameters are null");
        }
        String bad = p.invalidField();
        return bad == null ? null : Status.INVALID_DATA.withDescription(bad);
    }

    // ------------------------------------------------------------------------------------ E1/E2: make call

    Result<PartyHandle> makeCall(Driver client, VcHandle h, CallParameters params, boolean multipoint) {
        Vc vc = clientVc(client, h);
        if (vc == null) {
            return Result.failed(invalid(h, "is not a VC of " + client.name));
        }
        if (!vc.createdByClient) {
            return Result.failed(Status.FAILURE.withDescription("E1: " + h + " was created by the call manager"));
        }
        if (!vc.af.usable()) {
            return Result.failed(Status.FAILURE.withDescription("E1: " + vc.af.handle + " is closing"));
        }
        if (vc.call == CallState.CLOSING || vc.state == VcState.DEACTIVATING) {
            return Result.failed(Status.CLOSING.withDescription("R24: the previous call on " + h
                    + " is still closing"));
        }
        if (vc.call != CallState.IDLE || vc.state != VcState.INACTIVE) {
            return Result.failed(Status.of(Status.Code.CALL_ACTIVE).withDescription(h + " already has a call ("
                    + vc.call + ")"));
        }
        Status bad = checkParams(params);
        if (bad != null) {
            return Result.failed(bad);
        }
        Party party = null;
        if (multipoint) {
            party = new Party(new PartyHandle(newId()), vc);
            objects.put(party.handle.id(), party);
            vc.parties.add(party);
        }
        vc.callTo(CallState.MAKING);
        vc.multipoint = multipoint;
        vc.callParams = params;
        vc.makeCallPending = true;
        PartyHandle ph = party == null ? null : party.handle;
        Driver cm = vc.af.reg.cm;
        Status st = call(cm, "onMakeCall", () -> h + ", " + params.calledAddress() + ", " + ph,
                () -> cm.cm.onMakeCall(h, params, ph));
        if (st.isPending()) {
            return new Result<>(Status.PENDING, ph);
        }
        if (!vc.makeCallPending) {
            violation(cm, "E1", "makeCallComplete called and onMakeCall returned " + st);
            return vc.call == CallState.CONNECTED ? new Result<>(Status.SUCCESS, ph) : Result.failed(st);
        }
        vc.makeCallPending = false;
        if (st.isSuccess() && vc.state != VcState.ACTIVE) {
            st = violation(cm, "R13", "make-call succeeded before " + h + " was activated");
        }
        finishMakeCall(vc, st, params);
        return st.isSuccess() ? new Result<>(Status.SUCCESS, ph) : Result.failed(st);
    }

    private void finishMakeCall(Vc vc, Status st, CallParameters params) {
        if (st.isSuccess()) {
            vc.callTo(CallState.CONNECTED);
            vc.callParams = params;
            for (Party p : vc.parties) {
                if (p.state == PartyState.ADDING) {
                    p.moveTo(PartyState.CONNECTED);
                }
            }
        } else {
            vc.callTo(CallState.IDLE);
            vc.callParams = null;
            for (Party p : new ArrayList<>(vc.parties)) {
                removeParty(p);
            }
        }
    }

    private void removeParty(Party p) {
        if (p.state != PartyState.GONE) {
            p.moveTo(PartyState.GONE);
        }
        objects.remove(p.handle.id());
        p.vc.parties.remove(p);
    }

    void makeCallComplete(Driver cm, Status st, VcHandle h, PartyHandle ph, CallParameters params) {
        Vc vc = cmVc(cm, h);
        if (vc == null || !vc.makeCallPending) {
            violation(cm, "E1", "makeCallComplete(" + h + ") with no make-call pending");
            return;
        }
        if (st == null || st.isPending()) {
            violation(cm, "E1", "a completion never carries PENDING");
            return;
        }
        Status result = st;
        if (st.isSuccess() && vc.state != VcState.ACTIVE) {
            result = violation(cm, "R13", "make-call completed SUCCESS before " + h + " was activated");
        }
        vc.makeCallPending = false;
        CallParameters p = params == null ? vc.callParams : params;
        PartyHandle party = vc.parties.isEmpty() ? null : vc.parties.get(0).handle;
        finishMakeCall(vc, result, p);
        Status r = result;
        PartyHandle delivered = r.isSuccess() ? party : null;
        notify(vc.af.client, "onMakeCallComplete", () -> r + ", " + h + ", " + delivered,
                () -> vc.af.client.client.onMakeCallComplete(r, h, delivered, p));
    }

    // ------------------------------------------------------------------------------------ E9/E10: close call

    Status closeCall(Driver client, VcHandle h, PartyHandle lastParty, byte[] data) {
        Vc vc = clientVc(client, h);
        if (vc == null) {
            return invalid(h, "is not a VC of " + client.name);
        }
        switch (vc.call) {
            case MAKING:
                return Status.FAILURE.withDescription("R37: the make-call on " + h + " is still pending");
            case IDLE:
                return Status.FAILURE.withDescription("E9: " + h + " has no call");
            case OFFERED:
                return Status.FAILURE.withDescription("E9: answer the incoming call on " + h + " first");
            case CLOSING:
                return Status.CLOSING.withDescription("E9: the call on " + h + " is already closing");
            default:
                break;
        }
        if (!vc.sendsInFlight.isEmpty()) {
            return Status.FAILURE.withDescription("R21: " + vc.sendsInFlight.size() + " send(s) on " + h
                    + " have not completed");
        }
        Party last = null;
        if (vc.multipoint) {
            // R22: parties being dropped do not count; their drops complete before the close does (R14).
            if (vc.connectedParties() > 1) {
                return Status.FAILURE.withDescription("R22: " + vc.connectedParties()
                        + " parties are still connected");
            }
            last = clientParty(client, lastParty);
            if (last == null || last.vc != vc || !last.isHeldByClient()) {
                return invalid(lastParty, "is not the last party of " + h);
            }
        } else if (lastParty != null) {
            return invalid(lastParty, "given for a point-to-point call");
        }
        CallState before = vc.call;
        vc.callTo(CallState.CLOSING);
        vc.closeCallPending = true;
        Driver cm = vc.af.reg.cm;
        PartyHandle ph = last == null ? null : last.handle;
        byte[] closeData = data == null ? new byte[0] : data.clone();
        Status st = call(cm, "onCloseCall", () -> h + ", " + ph + ", " + closeData.length + " bytes",
                () -> cm.cm.onCloseCall(h, ph, closeData));
        if (st.isPending()) {
            return Status.PENDING;
        }
        if (!vc.closeCallPending) {
            violation(cm, "E9", "closeCallComplete called and onCloseCall returned " + st);
            return st;
        }
        vc.closeCallPending = false;
        if (st.isSuccess() && vc.state != VcState.INACTIVE) {
            st = violation(cm, "R25", "close-call succeeded while " + h + " is " + vc.state);
        } else if (st.isSuccess() && requestsPendingOn(vc) != null) {
            st = violation(cm, "R14", requestsPendingOn(vc));
        }
        finishCloseCall(vc, st, before);
        return st;
    }

    /**
     * R14: every request pended on a call completes before the call's close does, so none is lost with the
     * VC. Returns what is still pending, or null.
     */
    private static String requestsPendingOn(Vc vc) {
        if (vc.modifyQosPending) {
            return "complete the pending QoS change on " + vc.handle + " before its close-call";
        }
        for (Party p : vc.parties) {
            if (p.addPending || p.dropPending) {
                return "complete the pending " + (p.addPending ? "add" : "drop") + " of " + p.handle
                        + " before the close-call of " + vc.handle;
            }
        }
        return null;
    }

    private void finishCloseCall(Vc vc, Status st, CallState before) {
        if (st.isSuccess()) {
            vc.callTo(CallState.IDLE);
            vc.callParams = null;
            vc.multipoint = false;
            for (Party p : new ArrayList<>(vc.parties)) {
                removeParty(p);
            }
            if (!vc.createdByClient) {
                // R20: after the close of a CM-created VC completes, the client must not use the handle again.
                vc.detachedFromClient = true;
            }
        } else {
            vc.call = before;
        }
    }

    void closeCallComplete(Driver cm, Status st, VcHandle h, PartyHandle ph) {
        Vc vc = cmVc(cm, h);
        if (vc == null || !vc.closeCallPending) {
            violation(cm, "E9", "closeCallComplete(" + h + ") with no close-call pending");
            return;
        }
        if (st == null || st.isPending()) {
            violation(cm, "E9", "a completion never carries PENDING");
            return;
        }
        if (st.isSuccess() && vc.state != VcState.INACTIVE) {
            violation(cm, "R25", "deactivate " + h + " before completing its close-call (it is " + vc.state + ")");
            return;
        }
        if (st.isSuccess() && requestsPendingOn(vc) != null) {
            violation(cm, "R14", requestsPendingOn(vc));
            return;
        }
        vc.closeCallPending = false;
        PartyHandle party = vc.parties.isEmpty() ? null : vc.parties.get(0).handle;
        finishCloseCall(vc, st, CallState.CONNECTED);
        Driver c = vc.af.client;
        notify(c, "onCloseCallComplete", () -> st + ", " + h + ", " + party,
                () -> c.client.onCloseCallComplete(st, h, party));
    }

    void dispatchIncomingCloseCall(Driver cm, Status st, VcHandle h, byte[] data) {
        Vc vc = cmVc(cm, h);
        if (vc == null) {
            violation(cm, "E10", "dispatchIncomingCloseCall(" + h + "): not a VC of " + cm.name);
            return;
        }
        if (vc.call == CallState.MAKING) {
            violation(cm, "R37", "complete the pending make-call on " + h + " with an error instead");
            return;
        }
        if (vc.call != CallState.CONNECTED && vc.call != CallState.ACCEPTED && vc.call != CallState.OFFERED) {
            violation(cm, "E10", "no call to close on " + h + " (" + vc.call + ")");
            return;
        }
        vc.incomingCallPendingInClient = false;
        vc.callTo(CallState.REMOTE_CLOSING);
        Status closeStatus = st == null ? Status.SUCCESS : st;
        byte[] closeData = data == null ? new byte[0] : data.clone();
        Driver c = vc.af.client;
        notify(c, "onIncomingCloseCall", () -> closeStatus + ", " + h,
                () -> c.client.onIncomingCloseCall(closeStatus, h, closeData));
    }

    // ------------------------------------------------------------------------------------ E6: incoming call

    Status dispatchIncomingCall(Driver cm, SapHandle sh, VcHandle h, CallParameters params) {
        SapEntry sap = lookup(sh, SapEntry.class);
        if (sap == null || sap.af.reg.cm != cm) {
            return invalid(sh, "is not a SAP registered with " + cm.name);
        }
        if (sap.state != SapState.REGISTERING && sap.state != SapState.REGISTERED) {
            return Status.FAILURE.withDescription("E6: " + sh + " is " + sap.state);
        }
        Vc vc = cmVc(cm, h);
        if (vc == null) {
            return invalid(h, "is not a VC of " + cm.name);
        }
        if (vc.createdByClient || vc.af != sap.af) {
            return Status.FAILURE.withDescription("E6: " + h + " was not created by the call manager on "
                    + sap.af.handle);
        }
        if (vc.call != CallState.IDLE) {
            return Status.FAILURE.withDescription("E6: " + h + " already carries a call (" + vc.call + ")");
        }
        if (vc.state != VcState.ACTIVE) {
            return Status.VC_NOT_ACTIVATED.withDescription("E6: activate " + h + " before dispatching the call");
        }
        Status bad = checkParams(params);
        if (bad != null) {
            return bad;
        }
        vc.detachedFromClient = false;
        vc.callTo(CallState.OFFERED);
        vc.callParams = params;
        // Set before the call, like every pendable request: the client may complete inside its handler.
        vc.incomingCallPendingInClient = true;
        Driver c = sap.af.client;
        Status st = call(c, "onIncomingCall", () -> sh + ", " + h + ", " + params.calledAddress(),
                () -> c.client.onIncomingCall(sh, h, params));
        if (st.isPending()) {
            return Status.PENDING;
        }
        vc.incomingCallPendingInClient = false;
        if (vc.call != CallState.OFFERED) {
            return st;
        }
        finishIncoming(vc, st);
        return st;
    }

    private void finishIncoming(Vc vc, Status st) {
        if (st.isSuccess()) {
            vc.callTo(CallState.ACCEPTED);
        } else {
            vc.callTo(CallState.IDLE);
            vc.callParams = null;
            vc.detachedFromClient = true;
        }
    }

    void incomingCallComplete(Driver client, Status st, VcHandle h, CallParameters params) {
        Vc vc = clientVc(client, h);
        if (vc == null || !vc.incomingCallPendingInClient) {
            violation(client, "E6", "incomingCallComplete(" + h + ") with no incoming call pending");
            return;
        }
        if (st == null || st.isPending()) {
            violation(client, "E6", "a completion never carries PENDING");
            return;
        }
        vc.incomingCallPendingInClient = false;
        CallParameters p = params == null ? vc.callParams : params;
        vc.callParams = p;
        finishIncoming(vc, st);
        Driver cm = vc.af.reg.cm;
        notify(cm, "onIncomingCallComplete", () -> st + ", " + h, () -> cm.cm.onIncomingCallComplete(st, h, p));
    }

    void dispatchCallConnected(Driver cm, VcHandle h) {
        Vc vc = cmVc(cm, h);
        if (vc == null || vc.call != CallState.ACCEPTED) {
            violation(cm, "R18", "dispatchCallConnected(" + h + ") on a call that is not accepted"
                    + (vc == null ? "" : " (" + vc.call + ")"));
            return;
        }
        vc.callTo(CallState.CONNECTED);
        Driver c = vc.af.client;
        notify(c, "onCallConnected", () -> s(h), () -> c.client.onCallConnected(h));
    }

    // ------------------------------------------------------------------------------------ E7/E8: QoS

    Status modifyCallQos(Driver client, VcHandle h, CallParameters params) {
        Vc vc = clientVc(client, h);
        if (vc == null) {
            return invalid(h, "is not a VC of " + client.name);
        }
        boolean offeredPending = vc.call == CallState.OFFERED && vc.incomingCallPendingInClient;
        if (vc.call != CallState.CONNECTED && !offeredPending) {
            return Status.FAILURE.withDescription("E7: " + h + " has no connected call (" + vc.call + ")");
        }
        if (vc.modifyQosPending) {
            return Status.FAILURE.withDescription("E7: a QoS change on " + h + " is already pending");
        }
        Status bad = checkParams(params);
        if (bad != null) {
            return bad;
        }
        vc.modifyQosPending = true;
        vc.requestedQos = params;
        Driver cm = vc.af.reg.cm;
        Status st = call(cm, "onModifyCallQos", () -> h + ", " + params.transmit(),
                () -> cm.cm.onModifyCallQos(h, params));
        if (st.isPending()) {
            return Status.PENDING;
        }
        if (vc.modifyQosPending) {
            vc.modifyQosPending = false;
            vc.requestedQos = null;
            if (st.isSuccess()) {
                vc.callParams = params;
            }
        }
        return st;
    }

    void modifyCallQosComplete(Driver cm, Status st, VcHandle h, CallParameters params) {
        Vc vc = cmVc(cm, h);
        if (vc == null || !vc.modifyQosPending || st == null || st.isPending()) {
            violation(cm, "E7", "modifyCallQosComplete(" + h + ") with no QoS change pending");
            return;
        }
        vc.modifyQosPending = false;
        if (st.isSuccess()) {
            // The call manager may pass the parameters it settled on; without them, the request is in force.
            vc.callParams = params != null ? params : vc.requestedQos;
        }
        vc.requestedQos = null;
        CallParameters inForce = vc.callParams;
        Driver c = vc.af.client;
        notify(c, "onModifyCallQosComplete", () -> st + ", " + h,
                () -> c.client.onModifyCallQosComplete(st, h, inForce));
    }

    void dispatchIncomingCallQosChange(Driver cm, VcHandle h, CallParameters params) {
        Vc vc = cmVc(cm, h);
        if (vc == null || vc.call != CallState.CONNECTED || params == null) {
            violation(cm, "E8", "dispatchIncomingCallQosChange(" + h + ") without a connected call");
            return;
        }
        if (vc.state != VcState.ACTIVE || !params.equals(vc.activeParams)) {
            violation(cm, "R28", "re-activate " + h + " with the new parameters before dispatching the change");
            return;
        }
        vc.callParams = params;
        Driver c = vc.af.client;
        notify(c, "onIncomingCallQosChange", () -> h + ", " + params.transmit(),
                () -> c.client.onIncomingCallQosChange(h, params));
    }

    // ------------------------------------------------------------------------------------ E3-E5: parties

    Result<PartyHandle> addParty(Driver client, VcHandle h, CallParameters params) {
        Vc vc = clientVc(client, h);
        if (vc == null) {
            return Result.failed(invalid(h, "is not a VC of " + client.name));
        }
        if (!vc.multipoint || vc.call != CallState.CONNECTED) {
            return Result.failed(Status.FAILURE.withDescription("E3: " + h
                    + " is not a connected point-to-multipoint call"));
        }
        Status bad = checkParams(params);
        if (bad != null) {
            return Result.failed(bad);
        }
        Party p = new Party(new PartyHandle(newId()), vc);
        objects.put(p.handle.id(), p);
        vc.parties.add(p);
        p.addPending = true;
        Driver cm = vc.af.reg.cm;
        Status st = call(cm, "onAddParty", () -> h + ", " + p.handle + ", " + params.calledAddress(),
                () -> cm.cm.onAddParty(h, p.handle, params));
        if (st.isPending()) {
            return new Result<>(Status.PENDING, p.handle);
        }
        if (!p.addPending) {
            violation(cm, "E3", "addPartyComplete called and onAddParty returned " + st);
            return p.state == PartyState.CONNECTED ? new Result<>(Status.SUCCESS, p.handle) : Result.failed(st);
        }
        p.addPending = false;
        if (st.isSuccess()) {
            p.moveTo(PartyState.CONNECTED);
            return new Result<>(Status.SUCCESS, p.handle);
        }
        removeParty(p);
        return Result.failed(st);
    }

    void addPartyComplete(Driver cm, Status st, PartyHandle ph, CallParameters params) {
        Party p = cmParty(cm, ph);
        if (p == null || !p.addPending || st == null || st.isPending()) {
            violation(cm, "E3", "addPartyComplete(" + ph + ") with no add-party pending");
            return;
        }
        p.addPending = false;
        if (st.isSuccess()) {
            p.moveTo(PartyState.CONNECTED);
        } else {
            removeParty(p);
        }
        Driver c = p.vc.af.client;
        CallParameters prm = params == null ? p.vc.callParams : params;
        notify(c, "onAddPartyComplete", () -> st + ", " + p.vc.handle + ", " + ph,
                () -> c.client.onAddPartyComplete(st, p.vc.handle, ph, prm));
    }

    Status dropParty(Driver client, PartyHandle ph, byte[] data) {
        Party p = clientParty(client, ph);
        if (p == null) {
            return invalid(ph, "is not a party of " + client.name);
        }
        if (p.state == PartyState.DROPPING) {
            return Status.FAILURE.withDescription("E4: " + ph + " is already being dropped");
        }
        if (p.state == PartyState.ADDING) {
            return Status.FAILURE.withDescription("E4: the add of " + ph + " is still pending");
        }
        if (p.vc.call != CallState.CONNECTED && p.vc.call != CallState.REMOTE_CLOSING) {
            return Status.FAILURE.withDescription("E4: the call is " + p.vc.call);
        }
        if (p.vc.connectedParties() <= 1) {
            return Status.FAILURE.withDescription("R22: " + ph + " is the last party; close the call instead");
        }
        PartyState before = p.state;
        p.moveTo(PartyState.DROPPING);
        p.dropPending = true;
        Driver cm = p.vc.af.reg.cm;
        byte[] closeData = data == null ? new byte[0] : data.clone();
        Status st = call(cm, "onDropParty", () -> ph + ", " + closeData.length + " bytes",
                () -> cm.cm.onDropParty(ph, closeData));
        if (st.isPending()) {
            return Status.PENDING;
        }
        if (p.dropPending) {
            p.dropPending = false;
            if (st.isSuccess()) {
                removeParty(p);
            } else {
                p.state = before;
            }
        }
        return st;
    }

    void dropPartyComplete(Driver cm, Status st, PartyHandle ph) {
        Party p = cmParty(cm, ph);
        if (p == null || !p.dropPending || st == null || st.isPending()) {
            violation(cm, "E4", "dropPartyComplete(" + ph + ") with no drop-party pending");
            return;
        }
        p.dropPending = false;
        if (st.isSuccess()) {
            removeParty(p);
        } else {
            p.state = PartyState.CONNECTED;
        }
        Driver c = p.vc.af.client;
        notify(c, "onDropPartyComplete", () -> st + ", " + ph, () -> c.client.onDropPartyComplete(st, ph));
    }

    void dispatchIncomingDropParty(Driver cm, Status st, PartyHandle ph, byte[] data) {
        Party p = cmParty(cm, ph);
        if (p == null || p.state != PartyState.CONNECTED) {
            violation(cm, "E5", "dispatchIncomingDropParty(" + ph + ") on a party that is not connected");
            return;
        }
        if (p.vc.connectedParties() <= 1) {
            violation(cm, "R23", "the last party leaving is an incoming close-call, not a drop-party");
            return;
        }
        p.moveTo(PartyState.REMOTE_DROPPING);
        Status dropStatus = st == null ? Status.SUCCESS : st;
        byte[] closeData = data == null ? new byte[0] : data.clone();
        Driver c = p.vc.af.client;
        notify(c, "onIncomingDropParty", () -> dropStatus + ", " + ph,
                () -> c.client.onIncomingDropParty(dropStatus, ph, closeData));
    }

    // ------------------------------------------------------------------------------------ F1/F2: data

    Status send(Driver client, VcHandle h, Packet packet) {
        Vc vc = clientVc(client, h);
        if (vc == null) {
            return invalid(h, "is not a VC of " + client.name);
        }
        if (packet == null) {
            return Status.INVALID_PARAMETER.withDescription("packet is null");
        }
        if (vc.sendsInFlight.containsKey(packet)) {
            return Status.INVALID_PARAMETER.withDescription("R31: the packet is already in flight on " + h);
        }
        Status refuse = null;
        if (packet.length() > Packet.MAX_PAYLOAD_BYTES) {
            refuse = Status.INVALID_LENGTH.withDescription(packet.length() + " bytes is over the "
                    + Packet.MAX_PAYLOAD_BYTES + "-byte limit");
        } else if (vc.state == VcState.DEACTIVATING || vc.call == CallState.CLOSING
                || vc.call == CallState.REMOTE_CLOSING) {
            refuse = Status.CLOSING.withDescription("R21: " + h + " is closing");
        } else if (vc.call != CallState.CONNECTED
                || (vc.state != VcState.ACTIVE && vc.state != VcState.REACTIVATING)) {
            refuse = Status.VC_NOT_ACTIVATED.withDescription(h + " is " + vc.state + " with call " + vc.call);
        }
        if (refuse != null) {
            // F1: sends always complete asynchronously, failures included.
            Status r = refuse;
            packet.status(r);
            post(() -> notify(client, "onSendComplete", () -> h + ", " + r,
                    () -> client.client.onSendComplete(h, packet)));
            return Status.PENDING;
        }
        packet.status(Status.PENDING);
        vc.sendsInFlight.put(packet, Boolean.TRUE);
        vc.packetsSent++;
        vc.bytesSent += packet.length();
        Driver mp = miniportOf(vc);
        notify(mp, "onSend", () -> h + ", " + packet.length() + " bytes", () -> mp.miniport.onSend(h, packet));
        return Status.PENDING;
    }

    void sendComplete(Driver mp, VcHandle h, Packet packet) {
        Vc vc = miniportVc(mp, h);
        if (vc == null || packet == null || vc.sendsInFlight.remove(packet) == null) {
            violation(mp, "R31", "sendComplete(" + h + ") for a packet that is not in flight");
            return;
        }
        if (packet.status().isPending()) {
            packet.status(Status.SUCCESS);
        }
        Driver c = vc.af.client;
        notify(c, "onSendComplete", () -> h + ", " + packet.status(), () -> c.client.onSendComplete(h, packet));
        maybeFinishDrain(vc);
    }

    Status indicateReceive(Driver mp, VcHandle h, Packet packet, boolean resources) {
        Vc vc = miniportVc(mp, h);
        if (vc == null) {
            return invalid(h, "is not a VC of " + mp.name);
        }
        if (packet == null) {
            return Status.INVALID_PARAMETER.withDescription("packet is null");
        }
        if (vc.state == VcState.DEACTIVATING) {
            return Status.CLOSING.withDescription("R29: " + h + " is deactivating");
        }
        if (vc.call != CallState.CONNECTED || (vc.state != VcState.ACTIVE && vc.state != VcState.REACTIVATING)) {
            return Status.VC_NOT_ACTIVATED.withDescription(h + " is " + vc.state + " with call " + vc.call);
        }
        vc.packetsReceived++;
        vc.bytesReceived += packet.length();
        Driver c = vc.af.client;
        String what = h + ", " + packet.length() + " bytes" + (resources ? ", RESOURCES" : "");
        boolean kept = callBool(c, "onReceive", () -> what,
                () -> c.client.onReceive(h, packet, resources));
        if (kept && resources) {
            violation(c, "R31", "a packet indicated with RESOURCES may not be kept");
        } else if (kept) {
            vc.receivesLent.put(packet, Boolean.TRUE);
        }
        return Status.SUCCESS;
    }

    Status returnPacket(Driver client, VcHandle h, Packet packet) {
        Vc vc = lookup(h, Vc.class);
        if (vc == null || vc.af.client != client) {
            return invalid(h, "is not a VC of " + client.name);
        }
        if (packet == null || vc.receivesLent.remove(packet) == null) {
            return violation(client, "R31", "returnPacket(" + h + ") for a packet that was not kept");
        }
        Driver mp = miniportOf(vc);
        notify(mp, "onReturnPacket", () -> h + ", " + packet.length() + " bytes",
                () -> mp.miniport.onReturnPacket(h, packet));
        maybeFinishDrain(vc);
        return Status.SUCCESS;
    }

    // ------------------------------------------------------------------------------------ G: OID requests

    Status clientOid(Driver client, BindingHandle bh, AfHandle ah, VcHandle vh, PartyHandle ph, OidRequest req) {
        Binding b = bindingOf(client, bh);
        if (b == null) {
            return invalid(bh, "is not a binding of " + client.name);
        }
        if (req == null) {
            return Status.INVALID_PARAMETER.withDescription("request is null");
        }
        if (pendingOids.containsKey(req)) {
            return Status.INVALID_PARAMETER.withDescription("the request is already pending");
        }
        Vc vc = null;
        if (vh != null) {
            vc = clientVc(client, vh);
            if (vc == null || vc.af.binding != b) {
                return invalid(vh, "is not a VC of " + client.name + " on " + bh);
            }
        }
        if (ah == null) {
            if (b.adapter.state == AdapterState.HALTING) {
                return Status.NOT_ACCEPTED.withDescription("R33: adapter " + b.adapter.name + " is halting");
            }
            return toMiniport(client, b.adapter, vh, req);
        }
        AfOpen af = clientAf(client, ah);
        if (af == null || !af.usable() || af.binding != b) {
            return invalid(ah, "is not an open AF of " + client.name + " on " + bh);
        }
        if (vc != null && vc.af != af) {
            return invalid(vh, "is not on " + ah);
        }
        if (ph != null) {
            Party p = clientParty(client, ph);
            if (p == null || p.vc != vc) {
                return invalid(ph, "is not a party of " + vh);
            }
        }
        Driver cm = af.reg.cm;
        PendingOid po = new PendingOid(client, cm, false, ah, vh, ph, null);
        return dispatchOid(po, req, () -> call(cm, "onOidRequest", () -> ah + ", " + vh + ", " + req,
                () -> cm.cm.onOidRequest(ah, vh, ph, req)));
    }

    private Status toMiniport(Driver requester, Adapter a, VcHandle vh, OidRequest req) {
        Driver mp = a.driver;
        PendingOid po = new PendingOid(requester, mp, true, null, vh, null, a.handle);
        return dispatchOid(po, req, () -> call(mp, "onOidRequest", () -> a.handle + ", " + vh + ", " + req,
                () -> mp.miniport.onOidRequest(a.handle, vh, req)));
    }

    private Status dispatchOid(PendingOid po, OidRequest req, Supplier<Status> send) {
        pendingOids.put(req, po);
        Status st = send.get();
        if (st.isPending()) {
            return Status.PENDING;
        }
        if (pendingOids.remove(req) == null) {
            violation(po.target, "R34", "the OID request was completed and also answered " + st);
        }
        return st;
    }

    Status cmOid(Driver cm, AfHandle ah, VcHandle vh, PartyHandle ph, OidRequest req) {
        AfOpen af = cmAf(cm, ah);
        if (af == null || !af.usable()) {
            return invalid(ah, "is not an open AF of " + cm.name);
        }
        if (req == null) {
            return Status.INVALID_PARAMETER.withDescription("request is null");
        }
        if (pendingOids.containsKey(req)) {
            return Status.INVALID_PARAMETER.withDescription("the request is already pending");
        }
        if (vh != null) {
            Vc vc = cmVc(cm, vh);
            if (vc == null || vc.af != af) {
                return invalid(vh, "is not a VC on " + ah);
            }
        }
        Driver c = af.client;
        PendingOid po = new PendingOid(cm, c, false, ah, vh, ph, null);
        return dispatchOid(po, req, () -> call(c, "onOidRequest", () -> ah + ", " + vh + ", " + req,
                () -> c.client.onOidRequest(ah, vh, ph, req)));
    }

    void oidComplete(Driver completer, OidRequest req, Status st) {
        PendingOid po = req == null ? null : pendingOids.get(req);
        if (po == null || po.target != completer) {
            violation(completer, "G2", "oidRequestComplete for a request that is not pending with " + completer.name);
            return;
        }
        if (st == null || st.isPending()) {
            violation(completer, "G2", "a completion never carries PENDING");
            return;
        }
        pendingOids.remove(req);
        Driver r = po.requester;
        String detail = po.af + ", " + po.vc + ", " + req + ", " + st;
        if (r.kind == Driver.Kind.CLIENT) {
            notify(r, "onOidRequestComplete", () -> detail,
                    () -> r.client.onOidRequestComplete(po.af, po.vc, po.party, req, st));
        } else {
            notify(r, "onOidRequestComplete", () -> detail,
                    () -> r.cm.onOidRequestComplete(po.af, po.vc, po.party, req, st));
        }
    }

    // ------------------------------------------------------------------------------------ H1: status

    Status indicateStatus(Driver mp, AdapterHandle ah, VcHandle vh, StatusIndication ind) {
        Adapter a = adapterOf(mp, ah);
        if (a == null) {
            return invalid(ah, "is not an adapter of " + mp.name);
        }
        if (ind == null) {
            return Status.INVALID_PARAMETER.withDescription("indication is null");
        }
        if (vh == null) {
            for (Binding b : new ArrayList<>(a.bindings)) {
                deliverStatus(b.protocol, b.handle, null, ind);
            }
            return Status.SUCCESS;
        }
        Vc vc = miniportVc(mp, vh);
        if (vc == null || vc.adapter != a) {
            return invalid(vh, "is not a VC of " + a.name);
        }
        // R35: a VC's status reaches only the protocols that share it.
        if (!vc.detachedFromClient) {
            deliverStatus(vc.af.client, vc.af.binding.handle, vh, ind);
        }
        if (vc.af.reg.cmBinding != null) {
            deliverStatus(vc.af.reg.cm, vc.af.reg.cmBinding.handle, vh, ind);
        }
        return Status.SUCCESS;
    }

    private void deliverStatus(Driver p, BindingHandle bh, VcHandle vh, StatusIndication ind) {
        String detail = bh + ", " + vh + ", " + ind;
        if (p.kind == Driver.Kind.CLIENT) {
            notify(p, "onStatus", () -> detail, () -> p.client.onStatus(bh, vh, ind));
        } else {
            notify(p, "onStatus", () -> detail, () -> p.cm.onStatus(bh, vh, ind));
        }
    }

    // ------------------------------------------------------------------------------------ I1/I2: naming

    Result<String> assignInstanceName(Driver client, VcHandle h, String base) {
        Vc vc = clientVc(client, h);
        if (vc == null) {
            return Result.failed(invalid(h, "is not a VC of " + client.name));
        }
        if (base == null || base.isBlank()) {
            return Result.failed(Status.INVALID_PARAMETER.withDescription("base name is empty"));
        }
        if (vc.instanceName == null) {
            vc.instanceName = String.format("[%04X]%s", h.id(), base);
        }
        return new Result<>(Status.SUCCESS, vc.instanceName);
    }

    Result<String> getTapiCallId(Driver client, VcHandle h, int bufferBytes) {
        Vc vc = clientVc(client, h);
        if (vc == null) {
            return Result.failed(Status.INVALID_DATA.withDescription("I2: " + h + " is not a VC of " + client.name));
        }
        String id = "jcondis-call-" + h.id();
        // VAR_STRING: six ULONGs of header, then the UTF-16 string with its terminator.
        int needed = 24 + (id.length() + 1) * 2;
        if (bufferBytes < needed) {
            return Result.failed(Status.BUFFER_TOO_SHORT.withDescription("ulNeededSize=" + needed));
        }
        tapiCallIds.put(id, vc);
        return new Result<>(Status.SUCCESS, id);
    }

    Result<VcHandle> vcFromTapiCallId(Driver client, String id) {
        Vc vc = id == null ? null : tapiCallIds.get(id);
        if (vc == null || vc.af.client != client || vc.detachedFromClient || vc.state == VcState.DELETED) {
            return Result.failed(Status.FAILURE.withDescription("I2: no VC of " + client.name + " has call id " + id));
        }
        return new Result<>(Status.SUCCESS, vc.handle);
    }

    // ------------------------------------------------------------------------------------ diagnostics

    RuntimeSnapshot snapshot() {
        return locked(() -> {
            int bindings = 0;
            int afs = 0;
            int saps = 0;
            int vcs = 0;
            int parties = 0;
            int pending = pendingOids.size();
            int sends = 0;
            int lent = 0;
            for (Object o : objects.values()) {
                if (o instanceof Binding) {
                    bindings++;
                } else if (o instanceof AfOpen) {
                    AfOpen af = (AfOpen) o;
                    afs++;
                    pending += (af.openPending ? 1 : 0) + (af.closePending ? 1 : 0)
                            + (af.notifyReturnedPending ? 1 : 0);
                } else if (o instanceof SapEntry) {
                    SapEntry e = (SapEntry) o;
                    saps++;
                    pending += (e.registerPending ? 1 : 0) + (e.deregisterPending ? 1 : 0);
                } else if (o instanceof Vc) {
                    Vc vc = (Vc) o;
                    vcs++;
                    pending += (vc.makeCallPending ? 1 : 0) + (vc.closeCallPending ? 1 : 0)
                            + (vc.modifyQosPending ? 1 : 0) + (vc.incomingCallPendingInClient ? 1 : 0)
                            + (vc.activatePending ? 1 : 0) + (vc.deactivatePending ? 1 : 0)
                            + (vc.deactivateWaitingForDrain ? 1 : 0);
                    sends += vc.sendsInFlight.size();
                    lent += vc.receivesLent.size();
                } else if (o instanceof Party) {
                    Party p = (Party) o;
                    parties++;
                    pending += (p.addPending ? 1 : 0) + (p.dropPending ? 1 : 0);
                }
            }
            return new RuntimeSnapshot(adapters.size(), bindings, afs, saps, vcs, parties, pending, sends, lent,
                    tasks.size() + inbox.size(), violations, handlerErrors);
        });
    }

    /** @return a one-line description of a VC for tools (state, call, parties, counters), or null */
    String describeVc(long id) {
        return locked(() -> {
            Object o = objects.get(id);
            if (!(o instanceof Vc)) {
                return null;
            }
            Vc vc = (Vc) o;
            return String.format("vc#%d %s call=%s parties=%d tx=%d/%dB rx=%d/%dB", id, vc.state, vc.call,
                    vc.liveParties(), vc.packetsSent, vc.bytesSent, vc.packetsReceived, vc.bytesReceived);
        });
    }
}
