package io.jcondis.tck.script;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The engine's order on a network of concurrent hosts ({@link ScriptNetwork#concurrentHosts}): each client's
 * callbacks exactly in the script's order, callbacks of other clients passed over, and nothing else loosened
 * (policy 1 for the client that acts, {@code expect nothing}, the end of the script, problem reports). The
 * network here is the embedded switch in real time declaring its hosts concurrent, so the same script can be
 * checked both ways.
 */
class ConcurrentHostsEngineTest {
    private static final String HOSTS = String.join("\n",
            "# ids: A1",
            "host hosta",
            "host hostb",
            "client a on hosta",
            "client b on hostb",
            "");
    /** The embedded switch's total order: a's two callbacks, then b's. */
    private static final String A_THEN_B = String.join("\n",
            "expect a onBindAdapter binding=ab adapter=hosta",
            "expect a onAfRegisterNotify binding=ab family=0x1",
            "expect b onBindAdapter binding=bb adapter=hostb",
            "expect b onAfRegisterNotify binding=bb family=0x1",
            "");
    /** The same callbacks, b's first: another order of the clients, each client's own order kept. */
    private static final String B_THEN_A = String.join("\n",
            "expect b onBindAdapter binding=bb adapter=hostb",
            "expect b onAfRegisterNotify binding=bb family=0x1",
            "expect a onBindAdapter binding=ab adapter=hosta",
            "expect a onAfRegisterNotify binding=ab family=0x1",
            "");

    @Test
    @DisplayName("concurrent hosts: an expect for one client passes callbacks of another that came first")
    void shouldPassOverOtherClientsCallbacks() {
        assertThat(run(true, HOSTS + B_THEN_A).detail()).isNull();
        ScriptResult total = run(false, HOSTS + B_THEN_A);
        assertThat(total.passed()).as("one total order: b's callback is not first").isFalse();
        assertThat(total.detail()).contains("a callback into a, not b");
    }

    @Test
    @DisplayName("concurrent hosts: each client's own callbacks must come in the script's order")
    void shouldKeepEachClientsOrder() {
        ScriptResult r = run(true, HOSTS + String.join("\n",
                "expect a onAfRegisterNotify binding=ab family=0x1",
                "expect a onBindAdapter binding=ab adapter=hosta"));
        assertThat(r.passed()).isFalse();
        assertThat(r.detail()).startsWith("inline:6: 'expect a onAfRegisterNotify binding=ab family=0x1': expected a "
                + "onAfRegisterNotify binding=ab family=0x1, got a onBindAdapter(");
    }

    @Test
    @DisplayName("concurrent hosts, policy 1: the client that acts must have consumed its own callbacks; others' may wait")
    void shouldApplyPolicyOneToTheActingClient() {
        String aActs = HOSTS + String.join("\n",
                "expect a onBindAdapter binding=ab adapter=hosta",
                "expect a onAfRegisterNotify binding=ab family=0x1",
                "a open-af => SUCCESS as afa",
                "run",
                "expect a onOidRequest af=afa oid=OID_CO_ADDRESS_CHANGE type=set",
                "expect b onBindAdapter binding=bb adapter=hostb",
                "expect b onAfRegisterNotify binding=bb family=0x1",
                "a close-af afa => SUCCESS");
        assertThat(run(true, aActs).detail()).isNull();
        ScriptResult bActs = run(true, HOSTS + String.join("\n",
                "expect a onBindAdapter binding=ab adapter=hosta",
                "b open-af => SUCCESS as afb"));
        assertThat(bActs.passed()).isFalse();
        assertThat(bActs.detail()).startsWith("inline:7: 'b open-af => SUCCESS as afb': callback(s) not consumed by "
                + "an expect before this step: ");
    }

    @Test
    @DisplayName("concurrent hosts: expect nothing and the end of the script still need every callback consumed")
    void shouldStillRequireEverythingConsumed() {
        ScriptResult nothing = run(true, HOSTS + String.join("\n",
                "expect b onBindAdapter binding=bb adapter=hostb",
                "expect nothing"));
        assertThat(nothing.passed()).isFalse();
        assertThat(nothing.detail()).contains("expected no callback, got ").contains("onBindAdapter");
        ScriptResult end = run(true, HOSTS + String.join("\n",
                "expect b onBindAdapter binding=bb adapter=hostb",
                "expect b onAfRegisterNotify binding=bb family=0x1"));
        assertThat(end.passed()).isFalse();
        assertThat(end.detail()).contains("unexpected callback(s) left at the end");
    }

    @TestFactory
    @DisplayName("A1..I2, R1..R37 with concurrent hosts: every condis script still passes (one total order is one of "
            + "the per-client orders)")
    Stream<DynamicTest> shouldPassEveryCondisScript() throws Exception {
        Path root = ConformanceScriptsTest.repositoryRoot();
        return ScriptRunner.collect(root.resolve("scripts/condis")).stream().map(p -> DynamicTest.dynamicTest(
                root.relativize(p).toString(), p.toUri(), () -> {
                    ScriptResult r = assertTimeoutPreemptively(Duration.ofSeconds(60),
                            () -> ScriptEngine.run(p, p.getFileName().toString(), options(true, 10_000)));
                    if (!r.passed()) {
                        fail(r.detail() + "\nlast trace:\n  " + String.join("\n  ", r.trace()));
                    }
                }));
    }

    private static ScriptResult run(boolean concurrent, String text) {
        return assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> ScriptEngine.run("inline", text, options(concurrent, 2_000)));
    }

    private static ScriptOptions options(boolean concurrent, long timeoutMs) {
        ScriptNetworkProvider p = new ScriptNetworkProvider() {
            @Override
            public String name() {
                return concurrent ? "concurrent" : "total";
            }

            @Override
            public String description() {
                return "the embedded switch in real time" + (concurrent ? ", hosts declared concurrent" : "");
            }

            @Override
            public ScriptNetwork create() {
                return new EmbeddedScriptNetwork(true) {
                    @Override
                    public boolean concurrentHosts() {
                        return concurrent;
                    }
                };
            }
        };
        return new ScriptOptions(p, timeoutMs);
    }
}
