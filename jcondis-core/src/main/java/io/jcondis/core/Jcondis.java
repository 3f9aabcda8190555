package io.jcondis.core;

import io.jcondis.api.Ndis;
import io.jcondis.api.callmanager.CallManagerHandlers;
import io.jcondis.api.callmanager.CallManagerServices;
import io.jcondis.api.callmanager.McmServices;
import io.jcondis.api.client.ClientHandlers;
import io.jcondis.api.client.ClientServices;
import io.jcondis.api.miniport.MiniportHandlers;
import io.jcondis.api.miniport.MiniportServices;

import java.util.Objects;

/**
 * The jcondis runtime: the role NDIS plays for connection-oriented drivers. Launch one with
 * {@link #launch(JcondisContext)}, register drivers, and (in {@link ThreadingMode#INVOKER} mode) drive deferred
 * work with {@link #runUntilIdle()} or {@link #advanceClock(long)}. All methods may be called from any thread.
 *
 * <pre>
 *   Jcondis ndis = Jcondis.launch(new JcondisContext());
 *   McmServices sw = ndis.registerMcm("switch", switchMiniport, switchCallManager);
 *   ClientServices a = ndis.registerClient("a", myClient);
 *   sw.startAdapter("hosta");          // binds "a", which is told of the AF and opens it
 *   ndis.runUntilIdle();
 * </pre>
 */
public final class Jcondis implements Ndis, AutoCloseable {
    private final JcondisContext ctx;
    private final Conductor conductor;
    private final Thread conductorThread;
    private volatile boolean running = true;

    private Jcondis(JcondisContext ctx) {
        this.ctx = ctx;
        this.conductor = new Conductor(ctx.clock(), ctx.errorHandler());
        if (ctx.threadingMode() == ThreadingMode.DEDICATED) {
            conductorThread = new Thread(this::runConductor, "jcondis-conductor");
            conductorThread.setDaemon(true);
            conductorThread.start();
        } else {
            conductorThread = null;
        }
    }

    /** @return a running runtime configured by {@code ctx} (which is concluded) */
    public static Jcondis launch(JcondisContext ctx) {
        return new Jcondis(Objects.requireNonNull(ctx, "ctx").conclude());
    }

    /** @return a runtime in INVOKER mode with a manual clock */
    public static Jcondis launch() {
        return launch(new JcondisContext());
    }

    private void runConductor() {
        while (running) {
            try {
                conductor.doWork();
                conductor.awaitWork(50_000_000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public ClientServices registerClient(String name, ClientHandlers handlers) {
        return new ClientProxy(conductor, conductor.register(checkName(name), Driver.Kind.CLIENT,
                Objects.requireNonNull(handlers, "handlers"), null, null));
    }

    @Override
    public CallManagerServices registerCallManager(String name, CallManagerHandlers handlers) {
        return new CallManagerProxy(conductor, conductor.register(checkName(name), Driver.Kind.CALL_MANAGER, null,
                Objects.requireNonNull(handlers, "handlers"), null));
    }

    @Override
    public MiniportServices registerMiniport(String name, MiniportHandlers handlers) {
        return new MiniportProxy(conductor, conductor.register(checkName(name), Driver.Kind.MINIPORT, null, null,
                Objects.requireNonNull(handlers, "handlers")));
    }

    @Override
    public McmServices registerMcm(String name, MiniportHandlers miniport, CallManagerHandlers callManager) {
        return new CallManagerProxy(conductor, conductor.register(checkName(name), Driver.Kind.MCM, null,
                Objects.requireNonNull(callManager, "callManager"), Objects.requireNonNull(miniport, "miniport")));
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a driver needs a name");
        }
        return name;
    }

    /** Adds a listener that sees every request and callback in order (the demo prints them). */
    public void addTraceListener(TraceListener listener) {
        conductor.addTracer(Objects.requireNonNull(listener));
    }

    /** Runs every deferred task that is due now (INVOKER mode); returns how many ran. */
    public int doWork() {
        return conductor.doWork();
    }

    /** Runs due tasks until none is left due now; returns how many ran. */
    public int runUntilIdle() {
        return conductor.doWork();
    }

    /**
     * How many deferred tasks are due now and not yet run: 0 means the conductor has nothing to do until the
     * clock reaches the next deadline (a task being run is finished when this returns, because the count is
     * read under the control-plane lock). A DEDICATED-mode embedder uses it to wait for idle without running
     * the work itself.
     */
    public int dueTasks() {
        return conductor.dueTasks();
    }

    /**
     * Moves the manual clock forward by {@code deltaNs}, running every task that falls due on the way in
     * deadline order.
     *
     * @throws IllegalStateException if the runtime's clock is not a {@link ManualClock}
     */
    public int advanceClock(long deltaNs) {
        if (!(ctx.clock() instanceof ManualClock)) {
            throw new IllegalStateException("advanceClock needs a ManualClock");
        }
        return conductor.advance((ManualClock) ctx.clock(), deltaNs);
    }

    /**
     * Runs {@code action} inside the serialized control plane (under the conductor's lock), so that it sees
     * driver and runtime state consistently while other threads make requests. Must not block.
     */
    public <T> T onConductor(java.util.function.Supplier<T> action) {
        return conductor.locked(action);
    }

    /**
     * Deferred work and the clock for a layer that is not a CoNDIS driver but shares this runtime's control
     * plane (the WAN/TAPI stack): its tasks run with the CoNDIS drivers', in one order, under the same lock.
     */
    public io.jcondis.api.DriverServices driverServices(String name) {
        return new ConductorServices(conductor, checkName(name));
    }

    /** @return the runtime clock */
    public long nanoTime() {
        return conductor.nanoTime();
    }

    /** @return live object counts, for leak checks and tools */
    public RuntimeSnapshot snapshot() {
        return conductor.snapshot();
    }

    /** @return a one-line description of the VC with raw id {@code vcId} (tools), or null */
    public String describeVc(long vcId) {
        return conductor.describeVc(vcId);
    }

    /** @return the concluded context */
    public JcondisContext context() {
        return ctx;
    }

    /** Stops the conductor thread (DEDICATED mode); idempotent. */
    @Override
    public void close() {
        running = false;
        if (conductorThread != null) {
            conductor.wakeUp();
            try {
                conductorThread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
