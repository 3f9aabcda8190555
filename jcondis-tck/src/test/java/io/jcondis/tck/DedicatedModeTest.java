package io.jcondis.tck;

import io.jcondis.core.CollectingErrorHandler;
import io.jcondis.api.FlowSpec;
import io.jcondis.api.Result;
import io.jcondis.api.Status;
import io.jcondis.api.VcHandle;
import io.jcondis.core.Jcondis;
import io.jcondis.core.JcondisContext;
import io.jcondis.core.ThreadingMode;
import io.jcondis.embedded.EmbeddedSwitch;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DEDICATED mode: a conductor thread runs the switch's deferred signaling while application threads make
 * requests concurrently. Waits are bounded (they fail the test if the condition never holds); nothing is
 * asserted about time.
 */
@Timeout(60)
class DedicatedModeTest {
    private final CollectingErrorHandler errors = new CollectingErrorHandler();
    private final List<String> problems = errors.problems();

    @Test
    @DisplayName("Threading: calls set up by the conductor thread; two threads send concurrently; all packets arrive")
    void concurrentSendersOnADedicatedConductor() throws Exception {
        try (Jcondis ndis = Jcondis.launch(new JcondisContext().threadingMode(ThreadingMode.DEDICATED)
                .errorHandler(errors))) {
            EmbeddedSwitch sw = EmbeddedSwitch.install(ndis, "switch");
            ClientAgent a = new ClientAgent("a", "hosta").attach(ndis);
            ClientAgent b = new ClientAgent("b", "hostb").attach(ndis);
            ndis.onConductor(() -> {
                sw.addHost("hosta", 10_000_000);
                sw.addHost("hostb", 10_000_000);
                return null;
            });
            ndis.onConductor(() -> b.registerSap("hostb:*"));
            await(ndis, () -> b.saps().size() == 1 && !b.services().name().isEmpty());
            List<VcHandle> calls = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Result<VcHandle> r = ndis.onConductor(() -> a.call("hostb:svc", FlowSpec.BEST_EFFORT,
                        FlowSpec.BEST_EFFORT, false));
                assertThat(r.status()).isEqualTo(Status.PENDING);
                calls.add(r.value());
            }
            await(ndis, () -> calls.stream().allMatch(v -> a.vc(v).state().equals("CONNECTED"))
                    && b.vcs().size() == 2 && b.vcs().values().stream().allMatch(v -> v.state().equals("CONNECTED")));

            int perThread = 5_000;
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> senders = new ArrayList<>();
            for (VcHandle vc : calls) {
                Thread t = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int i = 0; i < perThread; i++) {
                        // Requests may come from any thread: the runtime serializes them.
                        a.services().send(vc, io.jcondis.api.Packet.wrap(new byte[64]));
                    }
                }, "sender-" + vc);
                senders.add(t);
                t.start();
            }
            start.countDown();
            for (Thread t : senders) {
                t.join(30_000);
                assertThat(t.isAlive()).as("sender finished").isFalse();
            }
            long received = ndis.onConductor(() -> b.vcs().values().stream()
                    .mapToLong(ClientAgent.VcInfo::packetsReceived).sum());
            long completed = ndis.onConductor(() -> calls.stream().mapToLong(v -> a.vc(v).sendsCompleted()).sum());
            assertThat(received).isEqualTo(2L * perThread);
            assertThat(completed).isEqualTo(2L * perThread);

            ndis.onConductor(() -> {
                a.shutdown();
                b.shutdown();
                return null;
            });
            await(ndis, () -> a.isIdle() && b.isIdle());
            assertThat(ndis.snapshot().isQuiescent()).as("%s", ndis.snapshot()).isTrue();
            assertThat(problems).isEmpty();
        }
    }

    @Test
    @DisplayName("Threading: a post from another thread never waits for the lock; tasks run in each poster's order")
    void postNeverWaitsForTheLockHolder() throws Exception {
        for (ThreadingMode mode : ThreadingMode.values()) {
            try (Jcondis ndis = Jcondis.launch(new JcondisContext().threadingMode(mode).errorHandler(errors))) {
                io.jcondis.api.DriverServices services = ndis.driverServices("io");
                List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
                // The holder of the control plane waits for an I/O thread that posts (the uni driver's snapshot
                // does this): before the inbox, the post waited for the lock and the holder for the post.
                boolean posted = ndis.onConductor(() -> {
                    Thread io = new Thread(() -> {
                        for (int i = 0; i < 100; i++) {
                            int n = i;
                            services.post(() -> ran.add(n));
                        }
                    }, "io-poster");
                    io.start();
                    try {
                        io.join(20_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return !io.isAlive();
                });
                assertThat(posted).as("%s: the poster finished while the lock was held", mode).isTrue();
                if (mode == ThreadingMode.INVOKER) {
                    assertThat(ndis.dueTasks()).as("posted tasks count as due").isEqualTo(100);
                    ndis.runUntilIdle();
                } else {
                    await(ndis, () -> ran.size() == 100);
                }
                assertThat(ran).as("%s: run once each, in posting order", mode)
                        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 100).boxed().toList());
                assertThat(ndis.snapshot().tasks()).isZero();
            }
        }
        assertThat(problems).isEmpty();
    }

    /** Polls {@code condition} on the conductor until it holds; fails after 20 s (a bound, not a measurement). */
    private static void await(Jcondis ndis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!ndis.onConductor(condition::getAsBoolean)) {
            assertThat(System.nanoTime()).as("condition never held").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
