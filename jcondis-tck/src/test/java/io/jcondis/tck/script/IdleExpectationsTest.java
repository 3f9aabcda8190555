package io.jcondis.tck.script;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code expect nothing} and {@code expect idle}, the one check both engines share ({@link IdleExpectations}):
 * each holds and fails the same way in the CoNDIS and the WAN engine (INVOKER mode; in real time {@code idle}
 * settles first, so it cannot fail there and has no failing script).
 */
class IdleExpectationsTest {
    private static final String CONDIS_START = String.join("\n",
            "# ids: B1",
            "host hosta",
            "client a on hosta",
            "expect a onBindAdapter binding=ab adapter=hosta",
            "expect a onAfRegisterNotify binding=ab family=0x1",
            "a open-af => SUCCESS as af",
            "run",
            "");

    private static final String WAN_START = String.join("\n",
            "stack wan",
            "# ids: J1",
            "pstn",
            "pstn adapter isdn0 10 1 as ad",
            "");

    @Test
    @DisplayName("B1: expect nothing fails naming the queued callback, and holds once it is consumed")
    void shouldFailExpectNothingWhileACallbackIsQueued() {
        ScriptResult r = ScriptEngine.run("nothing.jcs", CONDIS_START + "expect nothing\n");
        assertThat(r.passed()).isFalse();
        assertThat(r.detail()).startsWith("nothing.jcs:8: 'expect nothing': expected no callback, got a "
                + "onOidRequest(");

        ScriptResult ok = ScriptEngine.run("nothing-ok.jcs", CONDIS_START
                + "expect a onOidRequest af=af oid=OID_CO_ADDRESS_CHANGE\nexpect nothing\na close-af af => SUCCESS\n"
                + "expect quiescent\n");
        assertThat(ok.detail()).isNull();
        assertThat(ok.passed()).isTrue();
    }

    @Test
    @DisplayName("B1: expect idle fails while the switch's completion is deferred, and holds after the run")
    void shouldFailExpectIdleWhileWorkIsDeferred() {
        String registered = CONDIS_START + "expect a onOidRequest af=af oid=OID_CO_ADDRESS_CHANGE\n"
                + "a register-sap af hosta:video => PENDING as s\n";
        ScriptResult r = ScriptEngine.run("idle.jcs", registered + "expect idle\n");
        assertThat(r.passed()).isFalse();
        assertThat(r.detail()).startsWith("idle.jcs:10: 'expect idle': expected no deferred work, got 1 task(s)"
                + " queued");

        ScriptResult ok = ScriptEngine.run("idle-ok.jcs", registered + "run\nexpect idle\n"
                + "expect a onRegisterSapComplete SUCCESS sap=s text=hosta:video\nexpect nothing\n"
                + "a deregister-sap s => PENDING\nrun\nexpect a onDeregisterSapComplete SUCCESS sap=s\n"
                + "a close-af af => SUCCESS\nexpect quiescent\n");
        assertThat(ok.detail()).isNull();
        assertThat(ok.passed()).isTrue();
    }

    @Test
    @DisplayName("J1: the WAN engine's expect nothing and expect idle fail with the same messages")
    void shouldFailTheSameWayInTheWanEngine() {
        ScriptResult nothing = ScriptEngine.run("wan-nothing.jcs", WAN_START + "run\nexpect nothing\n");
        assertThat(nothing.passed()).isFalse();
        assertThat(nothing.detail()).startsWith("wan-nothing.jcs:6: 'expect nothing': expected no callback, got "
                + "app ProviderInitialized");

        ScriptResult idle = ScriptEngine.run("wan-idle.jcs", WAN_START + "expect idle\n");
        assertThat(idle.passed()).isFalse();
        assertThat(idle.detail()).startsWith("wan-idle.jcs:5: 'expect idle': expected no deferred work, got ")
                .endsWith("task(s) queued");
    }
}
