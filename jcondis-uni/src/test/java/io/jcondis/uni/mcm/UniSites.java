package io.jcondis.uni.mcm;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcondis.api.FlowSpec;
import io.jcondis.api.Ndis;
import io.jcondis.api.Result;
import io.jcondis.api.VcHandle;
import io.jcondis.api.client.ClientHandlers;
import io.jcondis.core.Jcondis;
import io.jcondis.core.JcondisContext;
import io.jcondis.core.ThreadingMode;
import io.jcondis.tck.ClientAgent;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Nodes for the {@link UniCallManager} tests: runtimes (DEDICATED mode) with a call manager and hosts, each host
 * with a {@link ClientAgent}, linked over loopback UDP. Waits are bounded and woken by the code under test: every
 * client log line, received frame and link event the call manager handled signals {@link #changed()}; a wait
 * re-checks its condition only then (no sleeping polls).
 */
final class UniSites implements AutoCloseable {
    static final InetSocketAddress ANY = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final long WAIT_NS = TimeUnit.SECONDS.toNanos(15);
    private static final long SLICE_NS = TimeUnit.MILLISECONDS.toNanos(10);

    final List<String> log = new CopyOnWriteArrayList<>();
    private final List<Site> sites = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private long version;
    private final io.jcondis.core.CollectingErrorHandler errors = new io.jcondis.core.CollectingErrorHandler();

    /** A held signalling loop ({@link Site#holdSignalling}); closing it lets the loop go on. */
    interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    /** One node: runtime, call manager, hosts and their clients. */
    final class Site {
        final Jcondis rt;
        final UniCallManager mcm;
        final Map<String, ClientAgent> agents = new LinkedHashMap<>();
        final Map<String, List<byte[]>> received = new LinkedHashMap<>();
        final Set<VcHandle> made = java.util.concurrent.ConcurrentHashMap.newKeySet();
        /**
         * Close data the clients were given, one line per indication: {@code "close <vc> <hex>"} for an incoming
         * close-call, {@code "drop <party> <hex>"} for an incoming drop-party (hex empty for no data).
         */
        final List<String> closeData = new CopyOnWriteArrayList<>();

        Site(boolean localSwitching, Map<String, Long> hosts) throws InterruptedException {
            rt = Jcondis.launch(new JcondisContext().threadingMode(ThreadingMode.DEDICATED).errorHandler(errors));
            mcm = UniCallManager.install(rt, "uni-" + hosts.keySet().iterator().next(),
                    UniCallManager.Config.of(ANY, ANY));
            mcm.localSwitching(localSwitching).changeListener(UniSites.this::changed);
            for (Map.Entry<String, Long> h : hosts.entrySet()) {
                List<byte[]> in = new CopyOnWriteArrayList<>();
                received.put(h.getKey(), in);
                ClientAgent agent = new ClientAgent("client-" + h.getKey(), h.getKey()).log(l -> {
                    log.add(l);
                    changed();
                }).onData((vc, p) -> {
                    in.add(p.toBytes());
                    changed();
                });
                agents.put(h.getKey(), agent);
                rt.onConductor(() -> {
                    agent.attach(closeDataTap(rt, closeData));
                    return mcm.addHost(h.getKey(), h.getValue());
                });
            }
            for (ClientAgent a : agents.values()) {
                await(() -> on(() -> a.af() != null), a.name() + " AF open");
            }
        }

        <T> T on(Supplier<T> action) {
            return rt.onConductor(action);
        }

        ClientAgent agent(String host) {
            return agents.get(host);
        }

        void listen(String host, String sap) {
            ClientAgent a = agent(host);
            on(() -> a.registerSap(sap));
            await(() -> on(() -> a.saps().containsKey(sap)), "SAP " + sap);
        }

        VcHandle call(String host, String to, long tx, long rx, boolean multipoint) {
            ClientAgent a = agent(host);
            Result<VcHandle> r = on(() -> a.call(to, FlowSpec.guaranteed(tx, tx, 1500),
                    FlowSpec.guaranteed(rx, rx, 1500), multipoint));
            assertThat(r.status().isPending()).as(r.status().toString()).isTrue();
            made.add(r.value());
            return r.value();
        }

        /**
         * Holds this node's signalling loop (nothing is sent or received on its links, and its SSCOP timers wait)
         * until the returned hold is closed, at most 20 s: for tests that order events across nodes.
         */
        Hold holdSignalling() {
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch go = new CountDownLatch(1);
            mcm.executeOnSignallingLoop(() -> {
                held.countDown();
                try {
                    go.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try {
                assertThat(held.await(20, TimeUnit.SECONDS)).as("signalling loop held").isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            return go::countDown;
        }

        /**
         * R21: a close-call fails while sends on the VC are in flight, and the far end may receive a frame before
         * the sender's completion arrives; a test that closes after sending waits for its completions first.
         */
        void awaitSendsCompleted(String host, VcHandle vc, long n) {
            ClientAgent a = agent(host);
            await(() -> on(() -> a.vc(vc) != null && a.vc(vc).sendsCompleted() >= n), n + " send(s) on " + vc
                    + " completed");
        }

        String state(String host, VcHandle vc) {
            ClientAgent a = agent(host);
            return on(() -> a.vc(vc) == null ? "GONE" : a.vc(vc).state());
        }

        /** @return the one incoming VC of {@code host} once it is connected */
        VcHandle incoming(String host) {
            ClientAgent a = agent(host);
            Supplier<VcHandle> find = () -> on(() -> a.vcs().entrySet().stream().filter(e -> !made.contains(e.getKey())
                    && e.getValue().state().equals("CONNECTED")).map(Map.Entry::getKey).findFirst().orElse(null));
            await(() -> find.get() != null, host + " incoming connected");
            return find.get();
        }

        UniCallManager.Snapshot snapshot() {
            return on(mcm::snapshot);
        }

        void close() {
            on(() -> {
                agents.values().forEach(ClientAgent::shutdown);
                return null;
            });
            for (ClientAgent a : agents.values()) {
                await(() -> on(a::isIdle), a.name() + " idle");
            }
            rt.close();
            mcm.close();
        }
    }

    /**
     * The runtime as the client sees it, except that the client's handlers are wrapped so that the close data of
     * each incoming close-call and drop-party is recorded (the test client does not keep it).
     */
    private Ndis closeDataTap(Ndis rt, List<String> sink) {
        InvocationHandler onRuntime = (proxy, method, args) -> {
            if (method.getName().equals("registerClient")) {
                ClientHandlers client = (ClientHandlers) args[1];
                InvocationHandler onClient = (p, m, a) -> {
                    if (m.getName().equals("onIncomingCloseCall") || m.getName().equals("onIncomingDropParty")) {
                        byte[] data = (byte[]) a[2];
                        sink.add((m.getName().equals("onIncomingCloseCall") ? "close " : "drop ") + a[1] + " "
                                + HexFormat.of().formatHex(data == null ? new byte[0] : data));
                        changed();
                    }
                    return invoke(m, client, a);
                };
                return rt.registerClient((String) args[0], (ClientHandlers) Proxy.newProxyInstance(
                        ClientHandlers.class.getClassLoader(), new Class<?>[] {ClientHandlers.class}, onClient));
            }
            return invoke(method, rt, args);
        };
        return (Ndis) Proxy.newProxyInstance(Ndis.class.getClassLoader(), new Class<?>[] {Ndis.class}, onRuntime);
    }

    private static Object invoke(Method m, Object target, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    Site site(Map<String, Long> hosts) throws InterruptedException {
        return site(true, hosts);
    }

    Site site(boolean localSwitching, Map<String, Long> hosts) throws InterruptedException {
        Site s = new Site(localSwitching, hosts);
        sites.add(s);
        return s;
    }

    /**
     * The two-node layout of the multipoint tests: node A with {@code hosta}, node B with {@code hostb} and
     * {@code hostc} (1 MB/s each), linked both ways; {@code hostb:video} and {@code hostc:video} listen.
     *
     * @return A and B
     */
    Site[] hostaAndHostbc() throws InterruptedException {
        Site a = site(Map.of("hosta", 1_000_000L));
        Map<String, Long> bh = new LinkedHashMap<>();
        bh.put("hostb", 1_000_000L);
        bh.put("hostc", 1_000_000L);
        Site b = site(bh);
        link(a, b);
        link(b, a);
        b.listen("hostb", "hostb:video");
        b.listen("hostc", "hostc:video");
        return new Site[] {a, b};
    }

    /** {@code x} gets a link to {@code y}, whose peer announces {@code y}'s hosts. */
    static void link(Site x, Site y) {
        Set<String> hosts = Set.copyOf(y.agents.keySet());
        x.on(() -> {
            x.mcm.addPeer("peer-" + String.join("-", hosts), y.mcm.signallingAddress(), y.mcm.dataAddress(), hosts);
            return null;
        });
    }

    void changed() {
        lock.lock();
        try {
            version++;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits (at most 15 s) until {@code condition} holds, re-checking whenever the code under test signals. */
    void await(BooleanSupplier condition, String what) {
        await(condition, () -> what);
    }

    /** As {@link #await(BooleanSupplier, String)}, with the description made when the wait fails. */
    void await(BooleanSupplier condition, Supplier<String> what) {
        long end = System.nanoTime() + WAIT_NS;
        while (true) {
            long seen;
            lock.lock();
            try {
                seen = version;
            } finally {
                lock.unlock();
            }
            if (condition.getAsBoolean()) {
                return;
            }
            if (end - System.nanoTime() <= 0) {
                // Described outside the lock: the description may look at the nodes, whose threads signal.
                throw new AssertionError("waiting for " + what.get() + " for " + WAIT_NS / 1_000_000 + " ms");
            }
            lock.lock();
            try {
                // A slice: some conditions (send completions) change without a signal, so re-check.
                long left = Math.min(end - System.nanoTime(), SLICE_NS);
                while (version == seen && left > 0) {
                    left = signal.awaitNanos(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            } finally {
                lock.unlock();
            }
        }
    }

    boolean logged(String part) {
        return log.stream().anyMatch(l -> l.contains(part));
    }

    /** @return every contract violation and handler error the runtimes reported so far (a live view) */
    List<String> problems() {
        return errors.problems();
    }

    void awaitLog(String part) {
        await(() -> logged(part), "log '" + part + "'");
    }

    /** Issue 4 item 5: no call, reservation, Q.2931 call or timer, sender or receiver left anywhere. */
    void assertNoLeak() {
        for (Site s : sites) {
            await(() -> s.snapshot().isQuiescent(), "quiescent call manager: " + s.snapshot());
        }
    }

    @Override
    public void close() {
        for (Site s : sites) {
            s.close();
        }
        for (Site s : sites) {
            assertThat(s.rt.snapshot().isQuiescent()).isTrue();
            // The call manager's own: the test client (ClientAgent) has a known A5 quirk after a halt.
            assertThat(errors.problems()).as("call manager violations and handler errors")
                    .noneMatch(p -> p.startsWith("uni-"));
        }
    }
}
