package io.jcondis.tck.script;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.FlowSpec;
import io.jcondis.api.PartyHandle;
import io.jcondis.api.Result;
import io.jcondis.api.Status;
import io.jcondis.api.StatusIndication;
import io.jcondis.api.VcHandle;
import io.jcondis.core.Jcondis;
import io.jcondis.core.ThreadingMode;

/**
 * The network a scenario script runs on (docs/scripts.md, "Drivers"): what the {@code host} declarations, the
 * {@code switch ...} remote actions and {@code expect capacity} ask of it, plus its lifecycle. The script's
 * {@code VcHandle}s and {@code PartyHandle}s are the scripted clients' handles in the runner's runtime; the
 * network maps them to its own calls.
 *
 * <pre>
 *   create ──▶ start(runtime) ──▶ addHost / remote actions / capacity / settle ... ──▶ close
 * </pre>
 *
 * <p>Threading: {@link #start}, {@link #settle} and {@link #close} are called by the script thread without the
 * runtime's lock. The other methods are called by the script thread <em>with the runtime's control-plane lock
 * held</em> (the engine runs each step inside {@link Jcondis#onConductor}): they may make runtime requests
 * (the lock is reentrant) and may wait for their own process or peers, but must not wait for work that needs
 * the runtime (a callback, another thread's request), or they deadlock. Each returns the synchronous outcome
 * of its action; what the action causes later arrives as callbacks.
 */
public interface ScriptNetwork extends AutoCloseable {
    /** @return the runtime's threading mode this network needs */
    ThreadingMode threadingMode();

    /**
     * @return true when callbacks may arrive from other threads, some time after the request that caused them
     *     (the engine then runs in real-time mode: expects wait, {@code run} settles); false for the
     *     deterministic INVOKER engine
     */
    boolean realTime();

    /**
     * Whether the hosts' clients run concurrently, as separate machines do: their callbacks are caused across a
     * wire with no common order. The engine then checks each client's callbacks in the script's order, exactly,
     * but lets an {@code expect} for one client pass callbacks of others that came early (they stay queued for
     * their own expects; a step that acts still needs its own client's callbacks consumed, and {@code expect
     * nothing} and the end of the script still need the whole queue empty). docs/scripts.md, "Order".
     *
     * @return true for a network of concurrent hosts; false (default) for one total order of callbacks
     */
    default boolean concurrentHosts() {
        return false;
    }

    /**
     * @return true to give the runtime a manual clock ({@code advance MS} moves it); false for the system
     *     clock ({@code advance MS} then waits MS of real time)
     */
    default boolean manualClock() {
        return true;
    }

    /** Called once, after the runtime launched and before the first step. */
    void start(Jcondis runtime);

    /**
     * Adds a host: an adapter of the network's call manager that registers its address family and binds every
     * client. Its SAPs and called addresses are {@code NAME:selector} (or an alias).
     *
     * @param name        the host name
     * @param capacityBps its link capacity each way, bytes/s
     * @param aliases     other names the host answers to
     * @return the adapter, or the failure (a duplicate or malformed name, bad capacity)
     */
    Result<AdapterHandle> addHost(String name, long capacityBps, String... aliases);

    /** Halts a host's adapter (its link goes down); its calls are cleared at the other ends. */
    Status haltHost(String host);

    /** The network closes the call of {@code vc} (E10 at every end) with {@code cause}. */
    Status remoteClose(VcHandle vc, Status cause);

    /** The leaf {@code party} leaves its point-to-multipoint call (E5 at the root). */
    Status remoteDropParty(PartyHandle party);

    /** The network changes the QoS of {@code vc}'s call (E8); flowspecs from {@code vc}'s client's view. */
    Status remoteQosChange(VcHandle vc, FlowSpec transmit, FlowSpec receive);

    /** A status indication on {@code host} (H1), for one VC or, with a null {@code vc}, adapter-wide. */
    Status indicateStatus(String host, VcHandle vc, StatusIndication indication);

    /** @return free capacity from {@code host} into the network, bytes/s (-1 for an unknown host) */
    long uplinkFreeBps(String host);

    /** @return free capacity from the network to {@code host}, bytes/s (-1 for an unknown host) */
    long downlinkFreeBps(String host);

    /**
     * Waits until no network work is in flight: nothing sent that has not been delivered and handed to the
     * runtime (an embedded network has none of its own: its work is the runtime's deferred work).
     *
     * @return true when settled, false when {@code timeoutNs} passed first
     * @throws InterruptedException if the waiting thread is interrupted
     */
    boolean settle(long timeoutNs) throws InterruptedException;

    /** @return what is in flight, for a timeout message ("" when nothing) */
    default String inFlight() {
        return "";
    }

    /** Stops what {@link #start} started; idempotent. */
    @Override
    void close();
}
