package io.jcondis.tck.script;

import io.jcondis.api.Status;
import io.jcondis.api.StatusIndication;
import io.jcondis.api.VcHandle;
import io.jcondis.core.ThreadingMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The real-time engine against test networks whose callbacks come from their own threads, later than the
 * request, and which {@code settle} does not see (like datagrams still on the wire): expects wait for them, and
 * every wait is bounded and says what it waited for.
 */
class RealTimeEngineTest {
    private static final String PREFIX = String.join("\n",
            "# ids: H1",
            "host hosta",
            "client a on hosta",
            "expect a onBindAdapter binding=ab adapter=hosta",
            "expect a onAfRegisterNotify binding=ab family=0x1",
            "switch status hosta MEDIA_CONNECT => SUCCESS",
            "run",
            "");
    private final List<Thread> threads = new ArrayList<>();

    @AfterEach
    void joinThreads() throws InterruptedException {
        for (Thread t : threads) {
            t.join(5_000);
            assertThat(t.isAlive()).as("test network thread %s", t.getName()).isFalse();
        }
    }

    @Test
    @DisplayName("H1 in real time: an expect waits for a status indicated later from another thread")
    void shouldWaitForACallbackFromAnotherThread() {
        ScriptResult r = run(new LaggingNetwork(Lag.DELIVER, false), 5_000,
                PREFIX + "expect a onStatus MEDIA_CONNECT binding=ab vc=-\nexpect quiescent");
        assertThat(r.detail()).isNull();
        assertThat(r.passed()).isTrue();
    }

    @Test
    @DisplayName("H1 in real time: an expect whose callback never comes fails after the timeout, naming the pending")
    void shouldTimeOutAnExpectAndSayWhatWasPending() {
        ScriptResult r = run(new LaggingNetwork(Lag.LOSE, false), 200,
                PREFIX + "expect a onStatus MEDIA_CONNECT binding=ab vc=-");
        assertThat(r.passed()).isFalse();
        assertThat(r.detail()).isEqualTo("inline:8: 'expect a onStatus MEDIA_CONNECT binding=ab vc=-': expected a "
                + "onStatus MEDIA_CONNECT binding=ab vc=-, but no callback arrived: timed out after 200 ms (pending: "
                + "0 due task(s), 0 task(s) queued, 0 pending request(s), network: 1 indication lost)");
    }

    @Test
    @DisplayName("policy 4 in real time: without a run an expect does not wait, and names the held-back work")
    void shouldNotWaitWithoutARun() {
        ScriptResult r = run(new LaggingNetwork(Lag.DELIVER, false), 5_000, String.join("\n",
                "# ids: B1",
                "host hosta",
                "client a on hosta",
                "expect a onBindAdapter binding=ab adapter=hosta",
                "expect a onAfRegisterNotify binding=ab family=0x1",
                "a open-af => SUCCESS as af",
                "expect nothing",
                "expect a onOidRequest af=af oid=OID_CO_ADDRESS_CHANGE"));
        assertThat(r.passed()).isFalse();
        assertThat(r.detail()).isEqualTo("inline:8: 'expect a onOidRequest af=af oid=OID_CO_ADDRESS_CHANGE': "
                + "expected a onOidRequest af=af oid=OID_CO_ADDRESS_CHANGE, but no callback is pending (1 deferred "
                + "task(s) are queued: is a 'run' missing?)");
    }

    @Test
    @DisplayName("run in real time: a network that never settles fails the run after the timeout")
    void shouldTimeOutARunWhenTheNetworkNeverSettles() {
        ScriptResult r = run(new LaggingNetwork(Lag.DELIVER, true), 200, PREFIX);
        assertThat(r.passed()).isFalse();
        assertThat(r.detail()).startsWith("inline:7: 'run': timed out after 200 ms waiting for the runtime and the "
                + "network to settle (pending: ");
        assertThat(r.detail()).endsWith("network: 1 indication lost)");
    }

    @Test
    @DisplayName("advance in real time: the manual clock of a DEDICATED runtime moves, timers fire (B1)")
    void shouldAdvanceTheManualClockOfADedicatedRuntime() throws Exception {
        ScriptOptions o = ScriptOptions.defaults().withNetwork(ScriptNetworks.find("embedded-realtime"));
        ScriptResult r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> ScriptEngine.run(
                ConformanceScriptsTest.repositoryRoot().resolve("scripts/condis/b1-register-sap.jcs"), "b1", o));
        assertThat(r.detail()).isNull();
        assertThat(o.network().create().threadingMode()).isEqualTo(ThreadingMode.DEDICATED);
    }

    @Test
    @DisplayName("the driver lookup names the known drivers when one is unknown")
    void shouldNameTheKnownDriversForAnUnknownOne() {
        assertThat(ScriptNetworks.find("embedded").name()).isEqualTo("embedded");
        assertThat(ScriptNetworks.find("embedded").create().realTime()).isFalse();
        assertThatThrownBy(() -> ScriptNetworks.find("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown driver 'nope'; known drivers: embedded, embedded-realtime");
        assertThatThrownBy(() -> new ScriptOptions(ScriptNetworks.embedded(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private ScriptResult run(ScriptNetwork network, long timeoutMs, String text) {
        ScriptNetworkProvider p = new ScriptNetworkProvider() {
            @Override
            public String name() {
                return "lagging";
            }

            @Override
            public String description() {
                return "test";
            }

            @Override
            public ScriptNetwork create() {
                return network;
            }
        };
        return assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> ScriptEngine.run("inline", text, new ScriptOptions(p, timeoutMs)));
    }

    private enum Lag { DELIVER, LOSE }

    /**
     * The embedded switch in real time, except that status indications travel through a thread of their own
     * (delivered some time after the request, or lost) which {@link #settle} does not wait for.
     */
    private final class LaggingNetwork extends EmbeddedScriptNetwork {
        private final Lag lag;
        private final boolean neverSettles;

        LaggingNetwork(Lag lag, boolean neverSettles) {
            super(true);
            this.lag = lag;
            this.neverSettles = neverSettles;
        }

        @Override
        public Status indicateStatus(String host, VcHandle vc, StatusIndication indication) {
            if (lag == Lag.DELIVER) {
                // Called under the runtime's lock: the thread's indication waits for the burst to end.
                Thread t = new Thread(() -> super.indicateStatus(host, vc, indication), "lagging-network");
                threads.add(t);
                t.start();
            }
            return Status.SUCCESS;
        }

        @Override
        public boolean settle(long timeoutNs) throws InterruptedException {
            return !neverSettles || new CountDownLatch(1).await(timeoutNs, TimeUnit.NANOSECONDS);
        }

        @Override
        public String inFlight() {
            return lag == Lag.LOSE || neverSettles ? "1 indication lost" : "";
        }
    }
}
